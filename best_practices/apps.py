from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BestPracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "best_practices"
    verbose_name = _("Best practices")
