"""A cohort's change proposals as a spreadsheet: status, facilitators, adapted practices and
the latest review (the evaluation), one row per proposal."""

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from participants.models import PracticeAdaptation, Review

#: Proposals read from the database at a time.
CHUNK_SIZE = 500


def proposal_export_rows(*, proposals: QuerySet) -> Iterator[list]:
    """The header row, then a row per proposal of ``proposals``."""
    proposals = (
        proposals.select_related("participant__cohort", "coach", "mentor", "examiner")
        .prefetch_related(
            Prefetch(
                "adaptations",
                PracticeAdaptation.objects.select_related("practice").order_by("pk"),
            ),
            Prefetch(
                "reviews",
                Review.objects.select_related("reviewer").order_by("-created_at", "-pk"),
            ),
        )
        .order_by("participant__cohort_id", "participant__full_name", "pk")
    )
    yield [
        gettext("Cohort"),
        gettext("Participant"),
        gettext("NIP"),
        gettext("Title"),
        gettext("Status"),
        gettext("Coach"),
        gettext("Mentor"),
        gettext("Examiner"),
        gettext("Adapted practices"),
        gettext("Latest review"),
        gettext("Reviewer"),
        gettext("Review comments"),
        gettext("Submitted"),
    ]
    for proposal in proposals.iterator(chunk_size=CHUNK_SIZE):
        reviews = list(proposal.reviews.all())
        latest = reviews[0] if reviews else None
        yield [
            str(proposal.participant.cohort),
            proposal.participant.full_name,
            proposal.participant.nip,
            proposal.title,
            proposal.get_status_display(),
            proposal.coach.full_name if proposal.coach else "",
            proposal.mentor.full_name if proposal.mentor else "",
            proposal.examiner.full_name if proposal.examiner else "",
            "; ".join(
                f"{adaptation.practice.title} ({adaptation.get_mode_display()})"
                for adaptation in proposal.adaptations.all()
            ),
            latest.get_decision_display() if latest else "",
            latest.reviewer.full_name if latest else "",
            latest.comments if latest else "",
            _local_time(proposal.submitted_at),
        ]


def _local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
