"""``make serve``: gunicorn with debug off and a worker per core and a half, after migrate and
collectstatic; without a secret key it stops at once, saying which variable to set.
(``test_two_servers.py`` starts two of them for real.)"""

import os
import shutil
import subprocess

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="needs make")


def make_serve(*options: str, **env: str) -> subprocess.CompletedProcess:
    """``make serve`` with only PATH and ``env`` in its environment; the virtualenv as it is."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.runtime-installed", *options, "serve"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def gunicorn_command(result: subprocess.CompletedProcess) -> str:
    return next(line for line in result.stdout.splitlines() if "gunicorn config.wsgi" in line)


def test_without_a_secret_key_serve_stops_before_touching_the_database(tmp_path):
    database = tmp_path / "lokus.sqlite3"

    result = make_serve(DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="1")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "gunicorn" not in result.stdout
    assert not database.exists()  # migrate never ran


def test_serve_runs_gunicorn_with_debug_off_on_the_bind_address():
    result = make_serve("--dry-run", LOKUS_BIND="127.0.0.1:8123")

    lines = result.stdout.splitlines()
    assert "migrate --noinput" in lines[1]
    assert "collectstatic --noinput" in lines[2]
    command = gunicorn_command(result)
    assert command.startswith("DJANGO_DEBUG=0 exec .venv/bin/gunicorn config.wsgi")
    assert '--bind "127.0.0.1:8123"' in command


def test_the_workers_follow_the_cores_unless_set():
    cores = len(os.sched_getaffinity(0))  # what nproc counts
    default = gunicorn_command(make_serve("--dry-run"))
    chosen = gunicorn_command(make_serve("--dry-run", WEB_CONCURRENCY="3"))

    assert f"--workers {min(2 * cores + 1, 12)} " in default
    assert "--workers 3 " in chosen
