"""Settings for the test suite: the real settings, plus a throwaway secret key and a fast hasher."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-a-secret")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Find static files when asked, as in development: a fresh checkout has no collected
# STATIC_ROOT, and whitenoise would warn about it once per test client.
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client speaks plain HTTP: production's HTTPS-only settings are checked in a
# subprocess instead (tests/config/test_settings.py).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# Tasks run in-process after commit, so that mail.outbox sees the mails; a test opts in to the
# queue (tests/config/test_tasks.py).
LOKUS_TASKS_ON_QUEUE = False
# The page tests pin their query counts with the session read from the database; production
# reads it from the cache first (cached_db), one query fewer, tested in tests/config/test_cache.py.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
