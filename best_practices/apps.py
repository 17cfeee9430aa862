from django.apps import AppConfig


class BestPracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "best_practices"
