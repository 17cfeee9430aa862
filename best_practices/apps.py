from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BestPracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "best_practices"
    verbose_name = _("Best practices")

    def ready(self):
        # Cached page parts show the catalog: its version token is part of their keys.
        from benchmarking import page_cache
        from best_practices.selectors import catalog_token

        page_cache.watch(catalog_token)
