"""ASGI entry point ``application``: no start without a secret key in production, a warning
when HTTPS is switched off."""

import os

from django.core.asgi import get_asgi_application

from config.startup import require_secret_key, warn_about_plain_http

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()

require_secret_key()
warn_about_plain_http()
