"""``manage.py bench``: generate the national-scale data set and time every page against the
floors of the same run (a hello-world view and a bare paginated list), uncached and with the
page cache warm.

Runs only against a database whose name contains "bench" (``make bench`` uses
``postgres://postgres@127.0.0.1:5432/lokus_bench``), so the demo data is never touched; on
PostgreSQL it creates that database when missing. The data set is generated once; later runs
reuse it (``--regenerate`` drops and rebuilds it). ``--scale N`` generates N times the data
into a database of its own (``lokus_bench_xN``) and reports the facet index's memory and
rebuild time and the database size as well.
"""

import statistics

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from best_practices.models import BestPractice
from best_practices.search import search_filter
from participants.models import ChangeProposal
from tooling.perf import figures, generator, timing
from tooling.perf.database import BENCH_MARK, bench_database_ensure, is_bench_database
from tooling.perf.import_timing import import_timing
from tooling.perf.pages import bench_pages

#: The floors every page is divided by, timed in the same run (``tooling.perf.floor``).
FLOORS = [
    ("floor: hello world", "/bench/hello/", None),
    ("floor: list, 25 rows", "/bench/list/", None),
]


class Command(BaseCommand):
    help = (
        "Generate a national-scale data set in a bench database and time every page against "
        "a hello-world view and a bare paginated list."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="Requests per page.")
        parser.add_argument(
            "--regenerate", action="store_true", help="Flush and regenerate the data set."
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Generate N times the national data set, into the database <name>_xN.",
        )
        parser.add_argument(
            "--import-rows", type=int, default=10_000, help="Participant rows to import (0: none)."
        )

    def handle(self, *args, repeat, regenerate, scale, import_rows, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if not is_bench_database(name):
            raise CommandError(
                f"Refusing to run on database {name!r}: its name must contain '{BENCH_MARK}'. "
                "Use `make bench`."
            )
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if scale > 1:
            name = self.database_switch(f"{name}_x{scale}")
        self.database_ensure(name, recreate=regenerate)
        call_command("migrate", verbosity=0, interactive=False)
        if not BestPractice.objects.exists():
            self.stdout.write(f"Generating the data set at scale {scale} (minutes)…")
            generator.generate(scale=scale, log=self.stdout.write)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
        with override_settings(ROOT_URLCONF="tooling.perf.urls"):
            uncached, cached = [], []
            # Each page uncached then cached, one after the other, so that the load of this
            # shared machine weighs alike on both.
            floors = tuple(path for _label, path, _user in FLOORS)
            for path in FLOORS + bench_pages(warn=self.stderr.write):
                between = () if path in FLOORS else floors
                with override_settings(LOKUS_PAGE_CACHE=False):
                    uncached += timing.measure(paths=[path], repeat=repeat, floors=between)
                with override_settings(LOKUS_PAGE_CACHE=True):
                    cached += timing.measure(paths=[path], repeat=repeat, floors=between)
        self.report(uncached, cached)
        self.report_sizes()
        if import_rows:
            self.import_report(import_timing(rows=import_rows))

    def database_switch(self, name):
        """Point the connection at the bench database ``name`` (a scaled data set's own)."""
        connection.close()
        settings.DATABASES["default"]["NAME"] = name
        connection.settings_dict["NAME"] = name
        return name

    def database_ensure(self, name, *, recreate):
        """Create the PostgreSQL bench database when missing, or afresh for ``--regenerate``."""
        if connection.vendor != "postgresql":
            if recreate:
                raise CommandError(
                    "--regenerate works on PostgreSQL; delete the SQLite file instead."
                )
            return
        connection.close()
        if bench_database_ensure(name, recreate=recreate):
            self.stdout.write(f"Created the database {name!r}.")

    def match_counts(self):
        """How many practices each bench search matches: the cost of a search follows it."""
        counts = {}
        for word in ("pelayanan", "sampah", "bumdes"):
            counts[word] = search_filter(BestPractice.objects.all(), word).count()
        return counts

    def report(self, uncached, cached):
        hello, floor_list = uncached[0].median_ms, uncached[1].median_ms
        self.stdout.write(
            f"\nDatabase: {connection.vendor}, {BestPractice.objects.count():,} practices, "
            f"{ChangeProposal.objects.count():,} proposals. Floors of this run: hello world "
            f"{hello:.2f} ms, a list of 25 rows {floor_list:.2f} ms (medians).\n"
            "× hello, × list: the page's median over the median of the floor timed between "
            "the page's own requests (lower is faster); cached: the page cache warm.\n"
        )
        between = [timing.floors_ms for timing in uncached + cached if timing.floors_ms]
        if between:
            hello_between = statistics.median(floors[0] for floors in between)
            list_between = statistics.median(floors[1] for floors in between)
            self.stdout.write(
                f"Timed between the pages' requests, the floors took {hello_between:.2f} ms "
                f"and {list_between:.2f} ms (medians over the pages); the list took "
                f"{list_between / floor_list:.2f} times as long as timed on its own above.\n"
            )
        self.stdout.write(
            f"{'page':34} {'median ms':>9} {'p95 ms':>7} {'× hello':>8} {'× list':>7} "
            f"{'queries':>7} │ {'cached ms':>9} {'× hello':>8} {'× list':>7} {'queries':>7} status"
        )
        for before, after in zip(uncached, cached, strict=True):
            # The floors timed between the page's requests; the run's own for the floors.
            before_hello, before_list = before.floors_ms or (hello, floor_list)
            after_hello, after_list = after.floors_ms or (hello, floor_list)
            self.stdout.write(
                f"{before.label[:34]:34} {before.median_ms:9.2f} {before.p95_ms:7.1f} "
                f"{before.median_ms / before_hello:8.1f} {before.median_ms / before_list:7.2f} "
                f"{before.queries:7d} │ {after.median_ms:9.2f} "
                f"{after.median_ms / after_hello:8.1f} {after.median_ms / after_list:7.2f} "
                f"{after.queries:7d} {before.status}/{after.status}"
            )
        matches = ", ".join(f"{word} {count:,}" for word, count in self.match_counts().items())
        self.stdout.write(f"\nPractices matched by the searches: {matches}")

    def report_sizes(self):
        index = figures.index_figures()
        self.stdout.write(
            f"Facet index per server process: {index.bytes / 1024**2:.1f} MB for "
            f"{index.practices:,} practices and {index.options:,} options; read whole in "
            f"{index.rebuild_ms:.0f} ms, up to date after one practice's edit in "
            f"{index.catch_up_ms:.1f} ms (medians of 5)."
        )
        size = figures.database_size()
        if size:
            self.stdout.write(f"Database size: {size}.")

    def import_report(self, result):
        """The participant import: a dry run and the import of ``--import-rows`` rows."""
        self.stdout.write(
            f"\nImport of {result.rows:,} participant rows (CSV): dry run "
            f"{result.dry_run_s:.1f} s, import {result.import_s:.1f} s "
            f"({result.report.summary})"
        )
