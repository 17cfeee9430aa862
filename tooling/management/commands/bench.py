"""``manage.py bench``: generate the national-scale data set and time every page.

Runs only against a database whose name contains "bench" (``make bench`` uses
``postgres://postgres@127.0.0.1:5432/lokus_bench``), so the demo data is never touched; on
PostgreSQL it creates that database when missing. The data set is generated once; later runs
reuse it (``--regenerate`` drops and rebuilds it).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from best_practices.models import BestPractice
from best_practices.search import search_filter
from participants.models import ChangeProposal
from tooling.perf import generator, timing
from tooling.perf.database import BENCH_MARK, bench_database_ensure, is_bench_database
from tooling.perf.import_timing import import_timing
from tooling.perf.pages import bench_pages


class Command(BaseCommand):
    help = "Generate a national-scale data set in a bench database and time every page."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="Requests per page.")
        parser.add_argument(
            "--regenerate", action="store_true", help="Flush and regenerate the data set."
        )
        parser.add_argument(
            "--import-rows", type=int, default=10_000, help="Participant rows to import (0: none)."
        )

    def handle(self, *args, repeat, regenerate, import_rows, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if not is_bench_database(name):
            raise CommandError(
                f"Refusing to run on database {name!r}: its name must contain '{BENCH_MARK}'. "
                "Use `make bench`."
            )
        self.database_ensure(name, recreate=regenerate)
        call_command("migrate", verbosity=0, interactive=False)
        if not BestPractice.objects.exists():
            self.stdout.write("Generating the data set (a few minutes)…")
            generator.generate(log=self.stdout.write)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
        paths = bench_pages(warn=self.stderr.write)
        self.report(timing.measure(paths=paths, repeat=repeat))
        if import_rows:
            self.import_report(import_timing(rows=import_rows))

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

    def report(self, timings):
        self.stdout.write(
            f"\nDatabase: {connection.vendor}, {BestPractice.objects.count():,} practices, "
            f"{ChangeProposal.objects.count():,} proposals\n"
        )
        self.stdout.write(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8} status")
        for t in timings:
            self.stdout.write(
                f"{t.label:32} {t.median_ms:10.1f} {t.p95_ms:8.1f} {t.queries:8d} {t.status}"
            )
        matches = ", ".join(f"{word} {count:,}" for word, count in self.match_counts().items())
        self.stdout.write(f"\nPractices matched by the searches: {matches}")

    def import_report(self, result):
        """The participant import: a dry run and the import of ``--import-rows`` rows."""
        self.stdout.write(
            f"\nImport of {result.rows:,} participant rows (CSV): dry run "
            f"{result.dry_run_s:.1f} s, import {result.import_s:.1f} s "
            f"({result.report.summary})"
        )
