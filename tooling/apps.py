from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tooling"
    verbose_name = _("Tooling")
