"""``make loadtest``: requests per second of the main pages served by gunicorn, beside the
hello-world floor's measured just before each page on the same server (wrk, 8 connections).

Two servers run on the bench data set: one with the page cache, one without
(``LOKUS_PAGE_CACHE=0``), each with ``--workers`` gunicorn workers and the bench's URLconf
(``tooling.perf.settings``), which adds the floor views. Run it after ``make bench`` has
generated the data set: ``python -m tooling.perf.loadtest [--duration 5] [--workers 3]``
with ``DATABASE_URL`` naming the bench database (and ``REDIS_URL`` for the cache the servers
share, as in production).

``--code DIR`` serves the code of another checkout (an older commit in a git worktree, on a
copy of the bench database of its own) with this tool, so that two versions are measured the
same way in one session: the before and after of a change.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PAGES = [
    ("floor: list, 25 rows", "/bench/list/", None),
    ("home", "home", None),
    ("home (logged in)", "home (logged in)", "user"),
    ("province detail", "province detail", None),
    ("practice list", "practice list", None),
    ("search 'pelayanan'", "search 'pelayanan'", None),
    ("practice detail (logged in)", "practice detail", "user"),
    ("practice list, most adapted (logged in)", "practice list, most adapted", "user"),
    ("statistics", "statistics", None),
    ("visit list (not cached)", "visit list", None),
    ("proposal detail (not cached)", "proposal detail", "user"),
    ("review page (coach, not cached)", "review page", "coach"),
    ("home (coach)", "home (coach)", "coach"),
    ("province detail (coach)", "province detail (coach)", "coach"),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="Seconds of wrk per figure.")
    parser.add_argument("--workers", type=int, default=3, help="Gunicorn workers per server.")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--code", type=Path, default=BASE_DIR, help="The checkout to serve.")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tooling.perf.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_INSECURE_HTTP", "1")
    import django

    django.setup()
    paths, cookies = _paths(args.code)
    servers = {
        "uncached": _serve(8311, args.workers, cache=False, code=args.code),
        "cached": _serve(8312, args.workers, cache=True, code=args.code),
    }
    try:
        for server in servers.values():
            _wait_ready(server["url"])
        rows = []
        for label, path, login in paths:
            row = [label]
            headers = [f"Cookie: sessionid={cookies[login]}"] if login else []
            for server in servers.values():
                _wrk(server["url"] + path, headers, 1, args.connections)  # warm the workers
                hello = _wrk(server["url"] + "/bench/hello/", [], args.duration, args.connections)
                page = _wrk(server["url"] + path, headers, args.duration, args.connections)
                row += [hello, page]
            rows.append(row)
            _print_row(row)
    finally:
        for server in servers.values():
            server["process"].send_signal(signal.SIGTERM)
            server["process"].wait(timeout=30)
    return 0


def _paths(code: Path) -> tuple[list[tuple[str, str, str | None]], dict[str, str]]:
    """The pages to load, by the bench's labels, and session cookies of the bench's
    participant (``user``) and coach (``coach``), made by the served code itself (its login
    backend is written into the session)."""
    from tooling.perf.generator import BENCH_COACH, BENCH_USERNAME
    from tooling.perf.pages import bench_pages

    known = {label: path for label, path, *_rest in bench_pages(warn=print)}
    paths = [(label, known.get(key, key), login) for label, key, login in PAGES]
    script = (
        "import sys; from django.contrib.auth import get_user_model; "
        "from django.test import Client; client = Client(); "
        "client.force_login(get_user_model().objects.get(username=sys.argv[1])); "
        "print(client.cookies['sessionid'].value)"
    )
    cookies = {}
    for login, username in (("user", BENCH_USERNAME), ("coach", BENCH_COACH)):
        output = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {script}", username],
            cwd=code,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        cookies[login] = output.split()[-1]
    return paths, cookies


def _serve(port: int, workers: int, *, cache: bool, code: Path) -> dict:
    env = dict(os.environ, LOKUS_PAGE_CACHE="1" if cache else "0")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # Two servers run side by side: gunicorn's one default control socket would clash.
        "--no-control-socket",
    ]
    # The servers log JSON lines to standard output (the plain-HTTP warning): not wanted here.
    process = subprocess.Popen(command, cwd=code, env=env, stdout=subprocess.DEVNULL)
    return {"process": process, "url": f"http://127.0.0.1:{port}"}


def _wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/bench/hello/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def _wrk(url: str, headers: list[str], duration: int, connections: int) -> float:
    """Requests per second of ``url``; any answer but 2xx or 3xx fails the run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx or 3xx" in output:
        raise RuntimeError(f"{url} answered errors:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _print_row(row: list) -> None:
    label, *figures = row
    cells = []
    for hello, page in zip(figures[::2], figures[1::2], strict=True):
        cells.append(f"{hello:8.0f} {page:8.0f} {page / hello:7.3f}")
    print(f"{label[:40]:40} " + " │ ".join(cells), flush=True)


if __name__ == "__main__":
    print(
        f"{'page':40} {'hello/s':>8} {'page/s':>8} {'× hello':>7} │ "
        f"{'hello/s':>8} {'page/s':>8} {'× hello':>7}\n"
        f"{'':40} {'uncached':^25} │ {'page cache warm':^25}",
        flush=True,
    )
    sys.exit(main())
