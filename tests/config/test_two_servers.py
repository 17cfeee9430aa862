"""Two app servers on one database and one Redis, as a national deployment runs them.

Two ``make serve`` (gunicorn) start on free 127.0.0.1 ports, behind an imagined TLS proxy (each
request says ``X-Forwarded-Proto: https``), on a real, migrated database of their own with the
demo data, created here and dropped after. A client that keeps its cookies then shows that a
login, a catalog change and a proposal's version are the same whichever server answers.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http import HTTPStatus
from http.cookies import SimpleCookie

import dj_database_url
import psycopg2
import pytest
from django.conf import settings
from django.urls import reverse

REDIS_URL = os.environ.get("REDIS_URL", "")
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
pytestmark = pytest.mark.skipif(
    not (ON_POSTGRES and REDIS_URL and shutil.which("make")),
    reason="needs PostgreSQL (DATABASE_URL), Redis (REDIS_URL) and make, as in the PostgreSQL "
    "CI run",
)

PASSWORD = "dua-server-123"
CONFLICT = "Orang lain mengubah rancangan ini setelah Anda membukanya. Tidak ada yang disimpan."
DEACTIVATE = """
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username="%s")
user.is_active = False
user.save()
"""
NEW_PRACTICE = """
from best_practices.models import BestPractice
practice = BestPractice.objects.order_by("pk").first()
sectors, visits = list(practice.sectors.all()), list(practice.visits.all())
practice.pk = None
practice.slug = "praktik-dari-server-pertama"
practice.title = "Praktik dari server pertama"
practice.save()
practice.sectors.set(sectors)
practice.visits.set(visits)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Database:
    """A PostgreSQL database of its own next to the test database, created and dropped here."""

    def __init__(self, name: str):
        self.name = name
        self.config = dj_database_url.parse(os.environ["DATABASE_URL"])
        host, port = self.config["HOST"] or "127.0.0.1", self.config["PORT"] or 5432
        auth = self.config["USER"] or "postgres"
        if self.config["PASSWORD"]:
            auth += ":" + urllib.parse.quote(self.config["PASSWORD"])
        self.url = f"postgres://{auth}@{host}:{port}/{name}"

    def _admin(self, sql: str) -> None:
        connection = psycopg2.connect(
            dbname="postgres",
            user=self.config["USER"],
            password=self.config["PASSWORD"],
            host=self.config["HOST"] or "127.0.0.1",
            port=self.config["PORT"] or 5432,
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()

    def create(self) -> None:
        self.drop()
        self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Server:
    """``make serve`` in a process group of its own, stopped with the whole group."""

    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "-o", ".venv/.runtime-installed", "serve"],
            cwd=settings.BASE_DIR,
            env={**env, "LOKUS_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": "2"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, timeout: float = 40) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode(errors="replace")
                raise AssertionError(f"make serve stopped:\n{output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"make serve did not answer on {self.url} in {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process.stdout.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A client that keeps its cookies across servers, as one browser does behind one address."""

    opener = urllib.request.build_opener(_NoRedirect)

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, url: str, data: dict | list | None = None) -> tuple[int, str, dict]:
        origin = "https://" + urllib.parse.urlsplit(url).netloc
        headers = {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": url}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode(), dict(response.headers)

    def login(self, server: str, username: str) -> None:
        url = server + reverse("login")
        _status, page, _headers = self.request(url)
        form = form_fields(page, reverse("login"))
        form.update(username=username, password=PASSWORD)
        status, _page, headers = self.request(url, form)
        assert status == HTTPStatus.FOUND, f"login refused ({status})"


class _FormReader(HTMLParser):
    """The fields a browser would send for the form posting to ``action``."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, {}
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("action") or self.action) == self.action
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]
            self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(page: str, action: str) -> dict[str, str]:
    reader = _FormReader(action)
    reader.feed(page)
    assert reader.fields, f"no form posting to {action}"
    return reader.fields


def practice_count(page: str) -> int:
    return int(re.search(r'id="results-heading"[^>]*>\s*(\d+) praktik baik', page).group(1))


@pytest.fixture(scope="module")
def servers():
    """Two servers on one fresh database (migrated, with the demo data) and one Redis."""
    database = Database(f"lokus_two_servers_{os.getpid()}")
    database.create()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "DATABASE_URL": database.url,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SECRET_KEY": "two-servers-test-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BEHIND_TLS_PROXY": "1",
    }
    started = []
    try:
        first = Server(env)  # migrates the new database
        started.append(first)
        first.wait_until_up()
        manage(env, "seed_demo", "--force", "--password", PASSWORD)
        second = Server(env)
        started.append(second)
        second.wait_until_up()
        yield env, first.url, second.url
    finally:
        for server in started:
            server.stop()
        database.drop()


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_login_on_one_server_is_valid_on_the_other(servers):
    _env, first, second = servers
    mine = second + reverse("participants:proposal-mine")
    browser = Browser()
    status, _page, headers = browser.request(mine)
    assert status == HTTPStatus.FOUND
    assert headers["Location"].startswith(reverse("login"))

    browser.login(first, "peserta")
    status, page, _headers = browser.request(mine)

    assert status == HTTPStatus.OK
    assert "Portal keterbukaan informasi pembangunan Provinsi Lampung" in page


def test_a_catalog_change_shows_on_the_other_server_at_the_next_request(servers):
    env, first, second = servers
    practices = reverse("best_practices:practice-list")
    browser = Browser()
    before = practice_count(browser.request(second + practices)[1])
    assert practice_count(browser.request(first + practices)[1]) == before

    manage(env, "shell", "-c", NEW_PRACTICE)  # written on the first server's side

    assert practice_count(browser.request(second + practices)[1]) == before + 1
    assert practice_count(browser.request(first + practices)[1]) == before + 1
    assert "Praktik dari server pertama" in browser.request(second + practices)[1]


def test_a_proposal_saved_on_one_server_and_then_stale_on_the_other_is_a_conflict(servers):
    _env, first, second = servers
    on_first, on_second = Browser(), Browser()
    on_first.login(first, "peserta")
    on_second.login(second, "peserta")
    mine = on_first.request(first + reverse("participants:proposal-mine"))[1]
    edit = re.search(r'href="(/proposals/\d+/edit/)"', mine).group(1)
    form_first = form_fields(on_first.request(first + edit)[1], edit)
    form_second = form_fields(on_second.request(second + edit)[1], edit)
    assert form_first["version"] == form_second["version"]

    form_first.update(title="Disimpan di server pertama", action="save")
    status, _page, _headers = on_first.request(first + edit, form_first)
    assert status == HTTPStatus.FOUND
    form_second.update(title="Ketikan basi di server kedua", action="save")
    status, page, _headers = on_second.request(second + edit, form_second)

    assert status == HTTPStatus.CONFLICT
    assert CONFLICT in page
    assert 'value="Ketikan basi di server kedua"' in page  # the input is kept
    assert "Disimpan di server pertama" in on_second.request(second + edit)[1]


def test_an_account_deactivated_elsewhere_is_refused_by_both_servers_at_the_next_request(servers):
    """Both servers keep the logged-in user in the shared cache (``participants.auth_backend``);
    a deactivation written by another process drops it for both."""
    env, first, second = servers
    queue = reverse("participants:review-queue")
    browser = Browser()
    browser.login(first, "coach")
    for server in (first, second, first, second):  # read, then kept
        assert browser.request(server + queue)[0] == HTTPStatus.OK

    manage(env, "shell", "-c", DEACTIVATE % "coach")

    for server in (second, first):
        status, _page, headers = browser.request(server + queue)
        assert status == HTTPStatus.FOUND
        assert headers["Location"].startswith(reverse("login"))


def test_a_draft_saved_on_one_server_shows_on_the_authors_kept_home_on_the_other(servers):
    """Home keeps each participant's panel for them (``page_cache.OwnPart``); a draft saved
    through one server moves the shared Redis's own generation, which the other reads."""
    _env, first, second = servers
    home = reverse("home")
    browser = Browser()
    browser.login(first, "peserta")
    for _ in range(2):  # rendered, then kept on the second server
        assert "Langkah Anda berikutnya" in browser.request(second + home)[1]
    mine = browser.request(first + reverse("participants:proposal-mine"))[1]
    edit = re.search(r'href="(/proposals/\d+/edit/)"', mine).group(1)
    form = form_fields(browser.request(first + edit)[1], edit)

    form.update(title="Judul baru dari server pertama", action="save")
    assert browser.request(first + edit, form)[0] == HTTPStatus.FOUND

    assert "Judul baru dari server pertama" in browser.request(second + home)[1]
