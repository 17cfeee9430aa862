"""The home page's panel: each role's next step, never shared through the page cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchmarking.imports import import_run
from best_practices.facet_index import current_index
from best_practices.models import CatalogVersion
from participants import auth_backend
from participants.imports import ParticipantImporter
from participants.models import FacilitatorRole, ProposalStatus
from participants.services import ProposalData, proposal_save
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    UserFactory,
    nip_for,
)
from tests.spreadsheets import xlsx_file

pytestmark = pytest.mark.django_db

HOME = reverse("home")
PANEL = "Langkah Anda berikutnya"


def participant_user(status=None, title="Rancangan kanal aduan"):
    user = UserFactory()
    participant = ParticipantFactory(user=user)
    if status is not None:
        submitted = None if status == ProposalStatus.DRAFT else timezone.now()
        ChangeProposalFactory(
            participant=participant, status=status, submitted_at=submitted, title=title
        )
    return user


def test_anonymous_visitors_see_the_public_home_without_a_panel(client):
    page = client.get(HOME).text

    assert PANEL not in page
    assert "Admin</a>" not in page


def test_a_participant_without_a_proposal_is_asked_to_write_one(client):
    client.force_login(participant_user())

    page = client.get(HOME).text

    assert PANEL in page
    assert "Anda belum memulai rancangan proyek perubahan." in page
    assert f'href="{reverse("participants:proposal-create")}"' in page


@pytest.mark.parametrize(
    ("status", "says", "url_name"),
    [
        (ProposalStatus.DRAFT, "Lanjutkan draf", "participants:proposal-edit"),
        (ProposalStatus.SUBMITTED, "Baca rancangan", "participants:proposal-detail"),
        (ProposalStatus.REVISION_REQUESTED, "Revisi rancangan", "participants:proposal-edit"),
        (ProposalStatus.APPROVED, "Buka pelaksanaan", "participants:implementation"),
        (ProposalStatus.IMPLEMENTING, "Laporkan kemajuan", "participants:implementation"),
        (ProposalStatus.REPORT_SUBMITTED, "Baca laporan akhir", "participants:report-detail"),
        (ProposalStatus.EVALUATED, "Baca hasil evaluasi", "participants:report-detail"),
    ],
)
def test_a_participant_sees_their_status_and_next_step(client, status, says, url_name):
    user = participant_user(status)
    client.force_login(user)

    page = client.get(HOME).text

    proposal = user.participant.proposals.get()
    assert "Rancangan kanal aduan" in page
    assert f"badge--{status}" in page
    assert says in page
    assert f'href="{reverse(url_name, args=[proposal.pk])}"' in page


def test_a_facilitator_sees_how_many_proposals_wait_for_them(client):
    user = UserFactory()
    coach = FacilitatorFactory(user=user, role=FacilitatorRole.COACH)
    for status in (ProposalStatus.SUBMITTED, ProposalStatus.SUBMITTED, ProposalStatus.APPROVED):
        ChangeProposalFactory(coach=coach, status=status, submitted_at=timezone.now())
    ChangeProposalFactory(status=ProposalStatus.SUBMITTED, submitted_at=timezone.now())
    client.force_login(user)

    page = client.get(HOME).text

    assert "2 rancangan proyek perubahan menunggu telaah Anda." in page
    assert f'href="{reverse("participants:review-queue")}?status=submitted"' in page


def test_an_examiner_also_sees_the_reports_to_evaluate(client):
    user = UserFactory()
    examiner = FacilitatorFactory(user=user, role=FacilitatorRole.EXAMINER)
    ChangeProposalFactory(
        examiner=examiner, status=ProposalStatus.REPORT_SUBMITTED, submitted_at=timezone.now()
    )
    client.force_login(user)

    page = client.get(HOME).text

    assert "1 laporan akhir menunggu evaluasi Anda." in page


def test_an_organizer_sees_their_cohorts_and_links_to_dashboard_and_admin(client):
    user = UserFactory(is_staff=True)
    institution = InstitutionFactory(short_name="BPSDM Lampung")
    institution.organizers.add(user)
    cohort = CohortFactory(institution=institution, name="Angkatan IX")
    ChangeProposalFactory(
        participant=ParticipantFactory(cohort=cohort),
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    CohortFactory(name="Angkatan Lain")
    client.force_login(user)

    page = client.get(HOME).text

    assert "Angkatan IX" in page
    assert "1 peserta, 1 rancangan proyek perubahan, 1 menunggu telaah" in page
    assert "Angkatan Lain" not in page
    assert f'href="{reverse("participants:dashboard")}"' in page
    assert 'href="/admin/">Admin</a>' in page


def test_the_panel_is_never_served_from_another_users_cache(client, page_cache):
    first = participant_user(ProposalStatus.DRAFT, title="Rancangan milik pertama")
    second = participant_user(ProposalStatus.APPROVED, title="Rancangan milik kedua")

    client.force_login(first)
    client.get(HOME)
    client.force_login(second)
    page = client.get(HOME).text

    assert "Rancangan milik kedua" in page
    assert "Rancangan milik pertama" not in page
    client.logout()
    page = client.get(HOME).text
    assert PANEL not in page
    assert "Rancangan milik" not in page


def test_a_kept_panel_is_read_without_a_query(client, page_cache, user_cache, cached_sessions):
    """Where home is cached, each user's panel is kept for them: a warm home reads only the
    catalog token, whatever the role."""
    for role in ("participant", "facilitator", "organizer"):
        user = role_user(role, 2)
        cache.delete(auth_backend.user_key(user.pk))  # the setup's drop mark, expired
        client.force_login(user)
        client.get(HOME)

        with CaptureQueriesContext(connection) as queries:
            assert PANEL in client.get(HOME).text
        assert [CatalogVersion._meta.db_table in q["sql"] for q in queries] == [True], (
            role,
            [q["sql"] for q in queries],
        )


def test_a_kept_panel_follows_the_participants_own_writes(client, page_cache):
    user = participant_user(ProposalStatus.DRAFT, title="Rancangan kanal aduan")
    client.force_login(user)
    assert "Rancangan kanal aduan" in client.get(HOME).text
    proposal = user.participant.proposals.get()

    proposal_save(
        user=user,
        proposal=proposal,
        data=ProposalData(title="Rancangan layanan keliling", problem=proposal.problem),
        milestones=[],
        adaptations=[],
        loaded_version=proposal.version,
    )

    page = client.get(HOME).text
    assert "Rancangan layanan keliling" in page
    assert "Rancangan kanal aduan" not in page


def test_a_kept_panel_follows_a_role_given_outside_the_admin(client, page_cache, user_cache):
    """A profile given without a write that drops the pages (a shell, a signal-less write
    elsewhere) still makes a new panel: the panel's key names the user's roles."""
    user = UserFactory()
    client.force_login(user)
    assert "menunggu telaah Anda" not in client.get(HOME).text
    coach = FacilitatorFactory(user=user, role=FacilitatorRole.COACH)
    ChangeProposalFactory(coach=coach, status=ProposalStatus.SUBMITTED, submitted_at=timezone.now())

    assert "1 rancangan proyek perubahan menunggu telaah Anda." in client.get(HOME).text


def test_an_import_drops_the_organizers_kept_panel(client, page_cache):
    user = UserFactory(is_staff=True)
    institution = InstitutionFactory()
    institution.organizers.add(user)
    cohort = CohortFactory(institution=institution, name="Angkatan IX")
    client.force_login(user)
    assert "0 peserta, 0 rancangan proyek perubahan" in client.get(HOME).text
    rows = [["NIP", "Nama", "Email"]]
    rows += [[nip_for(n), f"Peserta {n}", f"peserta{n}@example.go.id"] for n in (1, 2)]

    report = import_run(
        importer=ParticipantImporter(cohort=cohort),
        file=xlsx_file(rows),
        filename="peserta.xlsx",
        dry_run=False,
    )

    assert report.written
    assert "2 peserta, 0 rancangan proyek perubahan" in client.get(HOME).text


#: Session and user with their profiles, then per role: the participant's latest proposal
#: (and the page cache's class); the facilitator's counts; the organizer's check and cohorts.
#: A participant and a facilitator who read only the shared proposals take one more, which
#: tells it (their most adapted practices are then counted by the kept counts).
#: The holdings take five more: the facet index's token (the practices and their provinces are
#: counted by the index a process keeps), the visits, the latest visits, and the proposals they
#: may read in two counts, the shared ones and, apart, their own and assigned ones
#: (``participants.selectors.visible_proposal_count``). Their most adapted practices take two:
#: the adaptations in the unshared proposals they may read, counted per practice, then the
#: practices by their kept counts plus those (``BestPracticeQuerySet.ranked_by_adaptations``).
ROLE_QUERIES = {"participant": 3, "facilitator": 3, "organizer": 3}
HOLDINGS_QUERIES = 6


def role_user(role: str, size: int):
    user = UserFactory(is_staff=role == "organizer")
    if role == "participant":
        participant = ParticipantFactory(user=user)
        for n in range(size):
            ChangeProposalFactory(participant=participant, title=f"Rancangan {n}")
    elif role == "facilitator":
        coach = FacilitatorFactory(user=user)
        for _ in range(size):
            ChangeProposalFactory(coach=coach, status="submitted", submitted_at=timezone.now())
    else:
        institution = InstitutionFactory()
        institution.organizers.add(user)
        for _ in range(size):
            ChangeProposalFactory(participant=ParticipantFactory(cohort__institution=institution))
    return user


@pytest.mark.parametrize("size", [2, 8])
@pytest.mark.parametrize("role", ["participant", "facilitator", "organizer"])
def test_query_count_does_not_grow(client, django_assert_num_queries, role, size):
    client.force_login(role_user(role, size))
    current_index()  # kept by the process, as after its first request

    with django_assert_num_queries(2 + ROLE_QUERIES[role] + HOLDINGS_QUERIES):
        page = client.get(HOME).text

    assert PANEL in page
