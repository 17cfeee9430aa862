"""The site's own app configuration: connects the security log to the events it records."""

from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_save


class SecurityLogConfig(AppConfig):
    """Records failed logins, lockouts (when django-axes is installed) and admin changes."""

    name = "config"
    label = "lokus_config"
    verbose_name = "Lokus"

    def ready(self) -> None:
        from config import security_log

        user_login_failed.connect(security_log.log_login_failed, dispatch_uid="lokus_login_failed")
        post_save.connect(
            security_log.log_admin_change,
            sender="admin.LogEntry",
            dispatch_uid="lokus_admin_change",
        )
        if apps.is_installed("axes"):
            from axes.signals import user_locked_out

            user_locked_out.connect(security_log.log_locked_out, dispatch_uid="lokus_lockout")
