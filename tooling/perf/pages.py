"""The pages ``manage.py bench`` times: every screen, the search words whose match counts
span the catalog, a named innovation, and the search right after a catalog change.
"""

from collections.abc import Callable

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from benchmarking.models import Visit
from best_practices.models import BestPractice
from participants.models import ChangeProposal, ProposalStatus
from tooling.perf.generator import BENCH_COACH, BENCH_USERNAME
from tooling.perf.lifecycle import BENCH_EXAMINER, BENCH_ORGANIZER
from tooling.perf.timing import catalog_changed


def bench_pages(*, warn: Callable[[str], None]) -> list[tuple]:
    """``(label, path, username[, prepare])`` of every page the bench times, on its data set.

    A page whose URL name is missing is skipped with a ``warn``ing rather than failing the run.
    """
    practice = BestPractice.objects.annotate(n=Count("adaptations")).order_by("-n", "pk").first()
    visit = Visit.objects.order_by("-start_date").first()
    proposal = ChangeProposal.objects.filter(participant__user__username=BENCH_USERNAME).first()
    sector = practice.sectors.first()
    # A named innovation, as people search for one they heard of ("SiKalapa").
    named = practice.title.split(":")[0]
    coach_proposal = (
        ChangeProposal.objects.filter(coach__user__username=BENCH_COACH)
        .values_list("pk", flat=True)
        .first()
    )
    # A report waiting for the bench examiner (the bench participant's own is evaluated).
    waiting_report = (
        ChangeProposal.objects.filter(
            examiner__user__username=BENCH_EXAMINER, status=ProposalStatus.REPORT_SUBMITTED
        )
        .values_list("pk", flat=True)
        .first()
    )
    user = BENCH_USERNAME
    coach = BENCH_COACH
    examiner = BENCH_EXAMINER
    organizer = BENCH_ORGANIZER
    own = {"pk": proposal.pk}
    candidates = [
        ("home", "home", {}, "", None),
        ("home (logged in)", "home", {}, "", user),
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
            "practice list, proven, most proven",
            "best_practices:practice-list",
            {},
            "?proven=yes&sort=proven",
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
            catalog_changed,
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
        # A coach also reads the unshared proposals assigned to them: their counts are the
        # kept ones plus those (``BestPracticeQuerySet.ranked_by_adaptations``).
        ("home (coach)", "home", {}, "", coach),
        ("province detail (coach)", "benchmarking:province-detail", {"code": "33"}, "", coach),
        (
            "practice list, most adapted (coach)",
            "best_practices:practice-list",
            {},
            "?sort=adapted",
            coach,
        ),
        ("statistics", "participants:statistics", {}, "", None),
        ("statistics, flows CSV", "participants:statistics-csv", {"chart": "flows"}, "", None),
        ("implementation page", "participants:implementation", own, "", user),
        ("final report page", "participants:report-detail", own, "", user),
        ("evaluation form", "participants:evaluation", {"pk": waiting_report}, "", examiner),
        ("proposal document", "participants:document", own, "", user),
        ("proposal document PDF", "participants:document-pdf", own, "", user),
        ("report document", "participants:report-document", own, "", user),
        ("follow-ups of a proposal", "participants:follow-ups", own, "", user),
        ("follow-ups due", "participants:follow-ups-due", {}, "", organizer),
    ]
    paths = []
    for label, name, kwargs, query, username, *before in candidates:
        try:
            paths.append((label, reverse(name, kwargs=kwargs) + query, username, *before))
        except NoReverseMatch:
            warn(f"skipped {label}: no URL named {name}")
    return paths
