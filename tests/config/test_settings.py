"""Settings come from the environment; serving without a secret key in production fails clearly.

The environment-dependent cases start a fresh Python with the real ``config.settings``, because
settings are read once per process.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from config import settings as base_settings

pytestmark = pytest.mark.django_db

PRINT_SETTING = (
    "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
    "import django; django.setup(); from django.conf import settings; "
    "print(json.dumps({name}))"
)


def start_django(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with only PATH and ``env`` in its environment."""
    clean_env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def read_setting(expression: str, **env: str):
    result = start_django(PRINT_SETTING.format(name=expression), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_serving_without_secret_key_and_debug_off_fails_with_a_clear_message(entry_point):
    result = start_django(f"import {entry_point}")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_empty_secret_key_counts_as_missing():
    result = start_django("import config.wsgi", DJANGO_SECRET_KEY="")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_serving_with_secret_key_starts_with_debug_off():
    result = start_django(
        "import config.wsgi; print(type(config.wsgi.application).__name__)",
        DJANGO_SECRET_KEY="a-production-secret",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "WSGIHandler"


def test_commands_that_do_not_serve_run_without_secret_key():
    """An operator can check and apply migrations before the secret is in place."""
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_start_with_secret_key_succeeds_with_debug_off():
    values = read_setting(
        "[settings.SECRET_KEY, settings.DEBUG]", DJANGO_SECRET_KEY="a-production-secret"
    )

    assert values == ["a-production-secret", False]


def test_debug_mode_starts_without_secret_key():
    assert read_setting("settings.DEBUG", DJANGO_DEBUG="1") is True


def test_allowed_hosts_are_parsed_from_a_comma_separated_list():
    hosts = read_setting(
        "settings.ALLOWED_HOSTS",
        DJANGO_SECRET_KEY="x",
        DJANGO_ALLOWED_HOSTS=" lokus.bpsdm.lampungprov.go.id , 10.0.0.5,, ",
    )

    assert hosts == ["lokus.bpsdm.lampungprov.go.id", "10.0.0.5"]


def test_allowed_hosts_default_to_the_local_machine():
    assert read_setting("settings.ALLOWED_HOSTS", DJANGO_SECRET_KEY="x") == [
        "localhost",
        "127.0.0.1",
    ]


def test_database_url_picks_postgresql():
    database = read_setting(
        "[settings.DATABASES['default'][key] for key in ('ENGINE', 'NAME', 'HOST', 'PORT')]",
        DJANGO_SECRET_KEY="x",
        DATABASE_URL="postgres://postgres@db.example:5433/lokus",
    )

    assert database == ["django.db.backends.postgresql", "lokus", "db.example", 5433]


def test_without_database_url_the_sqlite_file_in_the_project_folder_is_used():
    engine, name = read_setting(
        "[settings.DATABASES['default']['ENGINE'], str(settings.DATABASES['default']['NAME'])]",
        DJANGO_SECRET_KEY="x",
    )

    assert engine == "django.db.backends.sqlite3"
    assert name == str(settings.BASE_DIR / "db.sqlite3")


def test_language_and_time_zone():
    assert base_settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in base_settings.LANGUAGES] == ["id", "en"]
    assert base_settings.TIME_ZONE == "Asia/Jakarta"
    assert base_settings.USE_TZ is True
    assert base_settings.USE_I18N is True


def test_whitenoise_serves_static_files_right_after_the_security_middleware():
    middleware = base_settings.MIDDLEWARE

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in middleware
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )
    assert "django.middleware.locale.LocaleMiddleware" in middleware


def test_production_uses_the_manifest_storage_of_whitenoise():
    backend = read_setting("settings.STORAGES['staticfiles']['BACKEND']", DJANGO_SECRET_KEY="x")

    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "lokus-production-key-Tq8v2Rx7Lm4Zp9Kd3Wn6Hs1Yb5Jc0Fg-Ve2Ua",
    "DJANGO_ALLOWED_HOSTS": "lokus.bpsdm.lampungprov.go.id",
}
SECURITY_SETTINGS = (
    "[settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, "
    "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]"
)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``manage.py args`` in a fresh interpreter with only PATH and ``env``."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_finds_no_issues_with_the_documented_production_variables():
    result = run_manage("check", "--deploy", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stderr == ""


def test_production_is_https_only_with_a_year_of_hsts_on_subdomains():
    values = read_setting(
        "[settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, "
        "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD, "
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE, "
        "settings.CSRF_COOKIE_SAMESITE, settings.SECURE_REFERRER_POLICY]",
        **PRODUCTION_ENV,
    )

    assert values == [True, 31536000, True, True, True, True, True, "Lax", "Lax", "same-origin"]


def test_hsts_duration_subdomains_and_preload_are_configurable():
    values = read_setting(
        "[settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_HSTS_PRELOAD]",
        DJANGO_HSTS_SECONDS="3600",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="0",
        DJANGO_HSTS_PRELOAD="0",
        **PRODUCTION_ENV,
    )

    assert values == [3600, False, False]


def test_tls_ending_at_a_reverse_proxy_trusts_its_forwarded_proto_header():
    without_proxy = read_setting("settings.SECURE_PROXY_SSL_HEADER", **PRODUCTION_ENV)
    behind_proxy = read_setting(
        "settings.SECURE_PROXY_SSL_HEADER", DJANGO_BEHIND_TLS_PROXY="1", **PRODUCTION_ENV
    )

    assert without_proxy is None
    assert behind_proxy == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_debug_serves_plain_http_for_runserver():
    assert read_setting(SECURITY_SETTINGS, DJANGO_DEBUG="1") == [False, 0, False, False]


def test_plain_http_opt_out_switches_https_off():
    values = read_setting(SECURITY_SETTINGS, DJANGO_INSECURE_HTTP="1", **PRODUCTION_ENV)

    assert values == [False, 0, False, False]


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_plain_http_opt_out_logs_a_warning_at_start(entry_point):
    result = start_django(f"import {entry_point}", DJANGO_INSECURE_HTTP="1", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    warning = json.loads(result.stdout.strip().splitlines()[-1])
    assert warning["level"] == "WARNING"
    assert warning["event"] == "plain_http_opt_out"
    assert warning["message"].startswith("DJANGO_INSECURE_HTTP=1: plain HTTP, without SSL redirect")


def test_https_production_starts_without_the_plain_http_warning():
    result = start_django("import config.wsgi", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "plain_http_opt_out" not in result.stdout


def test_the_user_is_kept_only_where_every_process_shares_the_cache():
    """A kept user must be dropped in every server process (``participants.auth_backend``):
    with local memory each process would keep its own, and a deactivation would miss them."""
    assert read_setting("settings.LOKUS_USER_CACHE", DJANGO_SECRET_KEY="x") is False
    assert (
        read_setting(
            "settings.LOKUS_USER_CACHE", DJANGO_SECRET_KEY="x", REDIS_URL="redis://127.0.0.1:6379/0"
        )
        is True
    )
    assert (
        read_setting(
            "settings.LOKUS_USER_CACHE",
            DJANGO_SECRET_KEY="x",
            REDIS_URL="redis://127.0.0.1:6379/0",
            LOKUS_USER_CACHE="0",
        )
        is False
    )
