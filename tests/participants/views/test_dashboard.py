"""The organizers' dashboard: each cohort of their institution at a glance, and nobody else's."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import (
    FacilitatorRole,
    FollowUp,
    MilestoneProgress,
    ProgressStatus,
    ProposalStatus,
    Review,
)
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("participants:dashboard")


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def proposal(cohort, status, *, submitted=None, **kwargs):
    submitted_at = None if status == ProposalStatus.DRAFT else (submitted or days_ago(30))
    return ChangeProposalFactory(
        participant=ParticipantFactory(cohort=cohort),
        status=status,
        submitted_at=submitted_at,
        **kwargs,
    )


@pytest.fixture
def world():
    """Institution A (its organizer, a cohort with every situation) and institution B."""
    organizer = UserFactory(username="organizer", is_staff=True)
    other_organizer = UserFactory(username="other_organizer", is_staff=True)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    mine = InstitutionFactory(name="BPSDM Provinsi Lampung", short_name="BPSDM Lampung")
    mine.organizers.add(organizer)
    theirs = InstitutionFactory(name="BPSDM Provinsi Bali", short_name="BPSDM Bali")
    theirs.organizers.add(other_organizer)
    cohort = CohortFactory(
        institution=mine, name="Angkatan I", end_date=datetime.date(2018, 11, 30)
    )
    CohortFactory(institution=theirs, name="Angkatan Bali")
    coach = FacilitatorFactory(full_name="Ibu Coach", role=FacilitatorRole.COACH, institution=mine)
    mentor = FacilitatorFactory(full_name="Pak Mentor", role=FacilitatorRole.MENTOR)
    # Waiting 10 days with no review: overdue.
    proposal(cohort, ProposalStatus.SUBMITTED, submitted=days_ago(10), coach=coach, mentor=mentor)
    # Waiting 10 days but reviewed since: not overdue.
    reviewed = proposal(cohort, ProposalStatus.SUBMITTED, submitted=days_ago(10), coach=coach)
    review = ReviewFactory(proposal=reviewed, reviewer=coach)
    Review.objects.filter(pk=review.pk).update(created_at=days_ago(3))
    # Reviewed only before it was resubmitted 9 days ago: overdue again.
    resubmitted = proposal(cohort, ProposalStatus.SUBMITTED, submitted=days_ago(9), coach=coach)
    early = ReviewFactory(proposal=resubmitted, reviewer=coach)
    Review.objects.filter(pk=early.pk).update(created_at=days_ago(20))
    # Waiting two days: not yet overdue.
    proposal(cohort, ProposalStatus.SUBMITTED, submitted=days_ago(2))
    proposal(cohort, ProposalStatus.DRAFT)
    carried_out = proposal(cohort, ProposalStatus.IMPLEMENTING, coach=coach, mentor=mentor)
    done = MilestoneFactory(proposal=carried_out)
    MilestoneFactory(proposal=carried_out)
    MilestoneProgress.objects.create(milestone=done, status=ProgressStatus.DONE)
    FollowUp.objects.create(proposal=carried_out, checkpoint=3, status="running")
    ParticipantFactory(cohort=cohort)  # without a proposal yet
    return {
        "organizer": organizer,
        "other_organizer": other_organizer,
        "superuser": superuser,
        "mine": mine,
        "theirs": theirs,
        "cohort": cohort,
    }


def test_the_organizer_sees_each_cohort_of_their_institution(client, world):
    client.force_login(world["organizer"])

    response = client.get(DASHBOARD)

    assert response.status_code == HTTPStatus.OK
    (state,) = response.context["board"].cohorts
    assert state.cohort == world["cohort"]
    assert state.cohort.participant_count == 7
    assert state.proposal_count == 6
    assert dict((value, count) for value, _label, count in state.statuses) == {
        "draft": 1,
        "submitted": 4,
        "revision": 0,
        "approved": 0,
        "implementing": 1,
        "report_submitted": 0,
        "evaluated": 0,
    }
    assert state.reviews_overdue == 2
    assert (state.milestones_done, state.milestones_total) == (1, 2)
    # The cohort ended in 2018: the follow-ups at 6 and 12 months are due, 3 was recorded.
    assert state.follow_ups_due == 2
    loads = [(load.name, load.roles) for load in state.facilitator_loads]
    assert loads == [
        ("Ibu Coach", [("Coach", 4), ("Mentor", 0), ("Penguji", 0)]),
        ("Pak Mentor", [("Coach", 0), ("Mentor", 2), ("Penguji", 0)]),
    ]


def test_the_page_says_it_in_indonesian_with_links_into_the_admin(client, world):
    client.force_login(world["organizer"])

    page = client.get(DASHBOARD).content.decode()

    cohort = world["cohort"].pk
    assert "Dasbor: BPSDM Lampung" in page
    assert "Angkatan I 2018" in page
    assert "Angkatan Bali" not in page
    assert "rancangan menunggu telaah lebih dari 7 hari" in page
    assert "Beban fasilitator" in page
    assert f"/admin/participants/participant/?cohort__id__exact={cohort}" in page
    assert (
        f"/admin/participants/changeproposal/?participant__cohort__id__exact={cohort}"
        "&amp;status__exact=submitted"
    ) in page
    assert 'class="table-scroll"' in page
    # One institution: nothing to choose.
    assert 'name="institution"' not in page


def test_an_organizer_cannot_open_another_institution(client, world):
    client.force_login(world["organizer"])

    response = client.get(DASHBOARD, {"institution": world["theirs"].pk})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_other_organizer_sees_only_their_own(client, world):
    client.force_login(world["other_organizer"])

    page = client.get(DASHBOARD).content.decode()

    assert "Angkatan Bali" in page
    assert "Angkatan I 2018" not in page


def test_a_superuser_chooses_the_institution(client, world):
    client.force_login(world["superuser"])

    first = client.get(DASHBOARD).content.decode()
    chosen = client.get(DASHBOARD, {"institution": world["mine"].pk}).content.decode()

    # Institutions by name: Bali comes first.
    assert "Angkatan Bali" in first
    assert 'name="institution"' in first
    assert "Angkatan I 2018" in chosen
    assert f'<option value="{world["mine"].pk}" selected>' in chosen


@pytest.mark.parametrize("role", ["participant", "facilitator", "staff without institution"])
def test_others_are_refused(client, world, role):
    user = UserFactory()
    if role == "participant":
        ParticipantFactory(user=user, cohort=world["cohort"])
    elif role == "facilitator":
        FacilitatorFactory(user=user, institution=world["mine"])
    else:
        user.is_staff = True
        user.save()
    client.force_login(user)

    response = client.get(DASHBOARD)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Angkatan I" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(DASHBOARD)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("login"))


#: Session and user, whether they organize, the institutions, the cohorts, the statuses and
#: loads, the overdue reviews, the milestones, the follow-ups due at 3, 6 and 12 months (the
#: user's profiles come with the user).
DASHBOARD_QUERIES = 11


@pytest.mark.parametrize("cohorts", [2, 6])
def test_query_count_does_not_grow(client, django_assert_num_queries, cohorts):
    organizer = UserFactory(is_staff=True)
    institution = InstitutionFactory()
    institution.organizers.add(organizer)
    coach = FacilitatorFactory(institution=institution)
    for _ in range(cohorts):
        cohort = CohortFactory(institution=institution)
        for status in (ProposalStatus.SUBMITTED, ProposalStatus.IMPLEMENTING):
            MilestoneFactory(proposal=proposal(cohort, status, coach=coach))
    client.force_login(organizer)

    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(DASHBOARD)

    assert len(response.context["board"].cohorts) == cohorts


def stat_texts(page: str) -> list[str]:
    """Each stat of the page as its reader hears it: the number, then its label."""
    stats = re.findall(
        r'<span class="stat__number">(.*?)</span>\s*<span class="stat__label">(.*?)</span>',
        page,
        re.S,
    )
    return [" ".join(f"{number} {label}".split()) for number, label in stats]


def test_one_of_each_reads_in_the_singular_in_english(client):
    organizer = UserFactory(username="organizer", is_staff=True)
    institution = InstitutionFactory()
    institution.organizers.add(organizer)
    cohort = CohortFactory(institution=institution)
    proposal(cohort, ProposalStatus.SUBMITTED, submitted=days_ago(10))
    client.force_login(organizer)
    client.cookies["django_language"] = "en"

    assert stat_texts(client.get(DASHBOARD).text) == [
        "1 participant",
        "1 change proposal",
        "1 review waiting more than 7 days",
        "0 follow-ups due",
    ]
