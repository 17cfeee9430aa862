"""``manage.py bench``: generate the national-scale data set and time every page.

Runs only against a database whose name contains "bench" (``make bench`` uses
``postgres://postgres@127.0.0.1:5432/lokus_bench``), so the demo data is never touched.
The data set is generated once; later runs reuse it (``--regenerate`` drops and rebuilds it).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from benchmarking.models import Visit
from best_practices.models import BestPractice
from best_practices.search import search_filter
from participants import benchmark
from participants.models import ChangeProposal


class Command(BaseCommand):
    help = "Generate a national-scale data set in a bench database and time every page."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="Requests per page.")
        parser.add_argument(
            "--regenerate", action="store_true", help="Flush and regenerate the data set."
        )

    def handle(self, *args, repeat, regenerate, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in name:
            raise CommandError(
                f"Refusing to run on database {name!r}: its name must contain 'bench'. "
                "Use `make bench`."
            )
        if regenerate:
            self.recreate_database(name)
        call_command("migrate", verbosity=0, interactive=False)
        if not BestPractice.objects.exists():
            self.stdout.write("Generating the data set (a few minutes)…")
            benchmark.generate(log=self.stdout.write)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
        self.report(benchmark.measure(paths=self.paths(), repeat=repeat))

    def recreate_database(self, name):
        """Drop and create the bench database, so data migrations run again on a clean slate."""
        if connection.vendor != "postgresql":
            raise CommandError("--regenerate works on PostgreSQL; delete the SQLite file instead.")
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')

    def paths(self):
        practice = (
            BestPractice.objects.annotate(n=Count("adaptations")).order_by("-n", "pk").first()
        )
        visit = Visit.objects.order_by("-start_date").first()
        proposal = ChangeProposal.objects.filter(
            participant__user__username=benchmark.BENCH_USERNAME
        ).first()
        sector = practice.sectors.first()
        # A named innovation, as people search for one they heard of ("SiKalapa").
        named = practice.title.split(":")[0]
        coach_proposal = (
            ChangeProposal.objects.filter(coach__user__username=benchmark.BENCH_COACH)
            .values_list("pk", flat=True)
            .first()
        )
        user = benchmark.BENCH_USERNAME
        coach = benchmark.BENCH_COACH
        candidates = [
            ("home", "home", {}, "", None),
            ("province list", "benchmarking:province-list", {}, "", None),
            ("province detail", "benchmarking:province-detail", {"code": "33"}, "", user),
            ("visit list", "benchmarking:visit-list", {}, "", None),
            ("visit detail", "benchmarking:visit-detail", {"pk": visit.pk}, "", None),
            ("practice list", "best_practices:practice-list", {}, "", None),
            (
                "practice list, filtered",
                "best_practices:practice-list",
                {},
                f"?province={practice.host_province.code}&sector={sector.code}&stage=applied",
                None,
            ),
            (
                "practice list, most adapted",
                "best_practices:practice-list",
                {},
                "?sort=adapted",
                user,
            ),
            ("search 'pelayanan'", "best_practices:practice-list", {}, "?q=pelayanan", None),
            ("search 'sampah'", "best_practices:practice-list", {}, "?q=sampah", None),
            ("search 'bumdes'", "best_practices:practice-list", {}, "?q=bumdes", None),
            (f"search '{named}'", "best_practices:practice-list", {}, f"?q={named}", None),
            (
                "search 'pelayanan', narrowed",
                "best_practices:practice-list",
                {},
                f"?q=pelayanan&province={practice.host_province.code}&sector={sector.code}",
                None,
            ),
            (
                "search 'pelayanan' by title",
                "best_practices:practice-list",
                {},
                "?q=pelayanan&sort=title",
                None,
            ),
            (
                "search 'pengaduan masyarakat'",
                "best_practices:practice-list",
                {},
                "?q=pengaduan+masyarakat",
                None,
            ),
            (
                "search after a catalog change",
                "best_practices:practice-list",
                {},
                "?q=pelayanan",
                None,
                benchmark.catalog_changed,
            ),
            (
                "practice detail",
                "best_practices:practice-detail",
                {"slug": practice.slug},
                "",
                user,
            ),
            ("proposal detail", "participants:proposal-detail", {"pk": proposal.pk}, "", user),
            ("my proposals", "participants:proposal-mine", {}, "", user),
            ("review queue", "participants:review-queue", {}, "", coach),
            ("review page", "participants:review-detail", {"pk": coach_proposal}, "", coach),
        ]
        paths = []
        for label, name, kwargs, query, username, *before in candidates:
            try:
                paths.append((label, reverse(name, kwargs=kwargs) + query, username, *before))
            except NoReverseMatch:
                self.stderr.write(f"skipped {label}: no URL named {name}")
        return paths

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
