"""Lokus settings, read from the environment.

Environment variables:

- ``DJANGO_DEBUG``: ``1``/``true`` turns debug on (default off).
- ``DJANGO_SECRET_KEY``: required when debug is off; serving without it fails at start.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names (default ``localhost,127.0.0.1``).
- ``DATABASE_URL``: e.g. ``postgres://postgres@127.0.0.1:5432/lokus``; default is the
  SQLite file ``db.sqlite3`` in the project folder.
- ``LOKUS_SITE_URL``: the address people open Lokus at, for links in e-mails (default: the
  address the request came in on; ``http://127.0.0.1:8000`` for mails sent without one).
- ``LOKUS_BACKUP_DIR``: where ``manage.py backup`` writes (default ``backups/`` in the project).
- ``DJANGO_HSTS_SECONDS`` (default one year), ``DJANGO_HSTS_INCLUDE_SUBDOMAINS`` and
  ``DJANGO_HSTS_PRELOAD`` (both default on): Strict-Transport-Security in production.
- ``DJANGO_BEHIND_TLS_PROXY``: ``1`` when TLS ends at a reverse proxy that sets
  ``X-Forwarded-Proto: https`` (and strips that header from clients).
- ``DJANGO_INSECURE_HTTP``: ``1`` opts out of HTTPS for a plain-HTTP trial on an intranet
  (no SSL redirect, no Secure cookies, no HSTS); a warning is logged at start.
- ``REDIS_URL``: e.g. ``redis://127.0.0.1:6379/0``; when set, the cache (and so the sessions)
  is shared by every app server in Redis, and e-mail goes through the RQ task queue, worked by
  ``manage.py taskworker``. Unset: local memory, and tasks run in-process after commit.
- SMTP settings: ``DJANGO_EMAIL_HOST`` (switches to SMTP when set),
  ``DJANGO_EMAIL_PORT``, ``DJANGO_EMAIL_HOST_USER``, ``DJANGO_EMAIL_HOST_PASSWORD``,
  ``DJANGO_EMAIL_USE_TLS``, ``DJANGO_DEFAULT_FROM_EMAIL``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG")

# Without a key and with debug off, SECRET_KEY stays empty: management commands that do not
# serve (migrate, makemigrations, seed_demo --force) still run, but serving refuses to start
# (config.startup.require_secret_key, called by the WSGI and ASGI entry points).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - debug only

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "benchmarking",
    "best_practices",
    "participants",
    "tooling",
    "config.apps.SecurityLogConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads request.POST: it sets how uploads are parsed.
    "participants.upload_names.UploadNameMiddleware",
    "config.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.site_url.SiteURLMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.security_log.SecurityEventMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", _("Indonesian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedStaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files (milestone evidence): outside the static files, under MEDIA_ROOT/private,
# which no URL serves; a view hands each file out after the permission check.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Serve straight from the app folders when no collectstatic has run (development).
WHITENOISE_USE_FINDERS = env_bool("DJANGO_WHITENOISE_USE_FINDERS", DEBUG)

# Axes comes first: it refuses a locked-out account before any password is checked. Then
# Django's ModelBackend, which also reads the user's profiles with the user (one query on every
# page instead of three).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "participants.auth_backend.ProfilesBackend",
]
# Five wrong passwords for one account from one address lock that pair for 15 minutes, on the
# site login and the admin login; the page says so in the site's layout.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.views.lockout_response"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "lokus@localhost")
# The address people open Lokus at, for absolute links in e-mails; empty: the address each
# request came in on (config.site_url).
LOKUS_SITE_URL = os.environ.get("LOKUS_SITE_URL", "").rstrip("/")
# Where ``manage.py backup`` writes (tooling.backup).
LOKUS_BACKUP_DIR = Path(os.environ.get("LOKUS_BACKUP_DIR", BASE_DIR / "backups"))
# Cached parts of pages (benchmarking.page_cache): on with a cache every process shares
# (REDIS_URL), where one process's write drops the parts of all; LOKUS_PAGE_CACHE=1/0 forces it.
LOKUS_PAGE_CACHE = (
    os.environ.get("LOKUS_PAGE_CACHE", "1" if os.environ.get("REDIS_URL") else "0") == "1"
)
# The originality check's findings kept (participants.similar_cache): only where every process
# shares the cache, like the page parts; LOKUS_SIMILAR_CACHE=1/0 forces it.
LOKUS_SIMILAR_CACHE = (
    os.environ.get("LOKUS_SIMILAR_CACHE", "1" if os.environ.get("REDIS_URL") else "0") == "1"
)
# The logged-in user with their profiles kept between requests (participants.auth_backend):
# only where every process shares the cache, so a deactivation drops it everywhere;
# LOKUS_USER_CACHE=1/0 forces it.
LOKUS_USER_CACHE = (
    os.environ.get("LOKUS_USER_CACHE", "1" if os.environ.get("REDIS_URL") else "0") == "1"
)

# Redis, when configured: one cache and one task queue shared by every app server. The cache's
# clear() empties the whole Redis database, queued tasks included: invalidate by key or version.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lokus",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache and written through to the database, so a restarted or
# flushed Redis logs nobody out: Django's cached_db, whose data a cached page reads in its own
# round trip (config.sessions).
SESSION_ENGINE = "config.sessions"
# Slow work (e-mail) runs on the RQ queue when Redis is there, else in-process after commit
# (config.tasks). A failing task is tried again after each of these delays (seconds), then
# kept in the queue's failed registry, to be requeued.
LOKUS_TASKS_ON_QUEUE = bool(REDIS_URL)
LOKUS_TASK_QUEUE = "lokus"
LOKUS_TASK_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600]
LOKUS_TASK_FAILED_KEPT_SECONDS = 365 * 24 * 3600

# Security. Production is HTTPS-only unless an operator opts out for a plain-HTTP trial;
# debug (runserver on http://127.0.0.1) is never HTTPS-only.
LOKUS_INSECURE_HTTP = not DEBUG and env_bool("DJANGO_INSECURE_HTTP")
HTTPS_ONLY = not DEBUG and not LOKUS_INSECURE_HTTP

SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if env_bool("DJANGO_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = HTTPS_ONLY
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF cookie stays readable by scripts (Django's default) so that a page script could
# send it in a header; its value is useless to another site under SameSite and the CSP.
CSRF_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS_ONLY
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy: every script, style, image and font comes from Lokus itself
# (the site works offline on an intranet), nothing inline, no framing, forms post only here.
#: The hash of the one inline style: 500.html must render with nothing else to fetch.
#: tests/config/test_csp.py recomputes it from the template, so an edit cannot drift.
ERROR_PAGE_STYLE_HASH = "'sha256-YbzxeFIxkjxaZ3QLWOYIN9PWb1UjVmkT+BzKLxshqWg='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, ERROR_PAGE_STYLE_HASH],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Security events go to standard output as one JSON object per line (config.security_log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json_lines": {"()": "config.security_log.JsonLinesFormatter"},
    },
    "handlers": {
        "security_stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json_lines",
        },
    },
    "loggers": {
        "lokus.security": {
            "handlers": ["security_stdout"],
            "level": "INFO",
            "propagate": False,
        },
        "django.security": {
            "handlers": ["security_stdout"],
            "level": "INFO",
            "propagate": False,
        },
    },
}
