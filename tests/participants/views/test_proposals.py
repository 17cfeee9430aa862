"""A change proposal's page: its content, and who may open it (each refusal tested)."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from benchmarking.models import Program
from participants.models import (
    AdaptationMode,
    FacilitatorRole,
    MilestoneTerm,
    ProposalStatus,
)
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    province,
)

pytestmark = pytest.mark.django_db

#: Session, user with their participant and facilitator profiles; the proposal with its
#: participant, adaptations with practices, milestones; its facilitators (by primary key,
#: ``selectors._with_facilitators``); the status timeline (workflow include).
DETAIL_QUERIES = 7


def facilitator(role, username):
    return FacilitatorFactory(
        user=UserFactory(username=username), role=role, full_name=f"Bapak {username}"
    )


@pytest.fixture
def proposal():
    """A submitted (not yet approved) proposal with its people, practices and milestones."""
    cohort = CohortFactory(
        institution=InstitutionFactory(
            name="BPSDM Provinsi Lampung", short_name="BPSDM Lampung", province=province("18")
        ),
        program=Program.DIKLATPIM_IV,
        name="Angkatan II",
        year=2018,
    )
    proposal = ChangeProposalFactory(
        title="Kanal aduan Dinas Kominfo Lampung",
        participant=ParticipantFactory(
            user=UserFactory(username="peserta"),
            full_name="Siti Rahmawati",
            position="Kepala Seksi Layanan Informasi",
            agency="Dinas Kominfo Provinsi Lampung",
            cohort=cohort,
        ),
        problem="Aduan warga tercecer di banyak kanal.",
        goals="Satu kanal aduan terpadu.",
        benefits="Aduan dijawab cepat.",
        stakeholders="Kepala dinas, OPD, warga.",
        coach=facilitator(FacilitatorRole.COACH, "coach"),
        mentor=facilitator(FacilitatorRole.MENTOR, "mentor"),
        examiner=facilitator(FacilitatorRole.EXAMINER, "penguji"),
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    PracticeAdaptationFactory(
        proposal=proposal,
        practice=BestPracticeFactory(title="Kanal pengaduan Jawa Tengah"),
        mode=AdaptationMode.ADAPT,
        kept="Tindak lanjut dalam lima hari.",
        changed="Lewat SMS dan WhatsApp.",
        rationale="Sinyal internet terbatas.",
    )
    PracticeAdaptationFactory(
        proposal=proposal,
        practice=BestPracticeFactory(title="Keterbukaan informasi pembangunan"),
        mode=AdaptationMode.ADOPT,
        kept="Papan informasi proyek.",
        changed="",
        rationale="Mudah ditiru.",
    )
    MilestoneFactory(
        proposal=proposal,
        term=MilestoneTerm.SHORT,
        description="Menyusun SOP aduan.",
        target_date=datetime.date(2018, 10, 1),
    )
    MilestoneFactory(proposal=proposal, term=MilestoneTerm.LONG, description="Kanal se-provinsi.")
    return proposal


def test_the_page_shows_the_whole_proposal(client, proposal):
    client.force_login(proposal.participant.user)

    response = client.get(proposal.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    for text in (
        "Kanal aduan Dinas Kominfo Lampung",
        '<span class="badge badge--submitted">Diajukan</span>',
        "Siti Rahmawati",
        "Kepala Seksi Layanan Informasi",
        "Dinas Kominfo Provinsi Lampung",
        "Angkatan II 2018",
        "BPSDM Provinsi Lampung (Lampung)",
        "Aduan warga tercecer di banyak kanal.",
        "Satu kanal aduan terpadu.",
        "Aduan dijawab cepat.",
        "Kepala dinas, OPD, warga.",
        "Bapak coach",
        "Bapak mentor",
        "Bapak penguji",
        "Tindak lanjut dalam lima hari.",
        "Lewat SMS dan WhatsApp.",
        "Sinyal internet terbatas.",
        "Papan informasi proyek.",
        "Menyusun SOP aduan.",
        "1 Oktober 2018",
        "Kanal se-provinsi.",
    ):
        assert text in page, text


def test_adapted_practices_are_linked_with_their_notes_beside_them(client, proposal):
    client.force_login(proposal.participant.user)

    page = client.get(proposal.get_absolute_url()).content.decode()

    for adaptation in proposal.adaptations.all():
        link = f'href="{adaptation.practice.get_absolute_url()}">{adaptation.practice.title}</a>'
        assert link in page
        pair = page[page.index(link) :].split('class="adaptation-pair ')[0]
        assert adaptation.kept in pair
        assert adaptation.get_mode_display() in pair


def test_milestones_are_grouped_by_term_in_order(client, proposal):
    client.force_login(proposal.participant.user)

    page = client.get(proposal.get_absolute_url()).content.decode()

    short, medium, long = (
        page.index(term) for term in ("Jangka pendek", "Jangka menengah", "Jangka panjang")
    )
    assert short < page.index("Menyusun SOP aduan.") < medium
    assert "Belum ada milestone pada jangka waktu ini." in page[medium:long]
    assert long < page.index("Kanal se-provinsi.")


@pytest.mark.parametrize("kept", ["coach", "mentor", "examiner"])
def test_each_facilitator_is_in_their_own_row_and_unassigned_ones_are_said_so(
    client, proposal, kept
):
    """The facilitators are read after the proposal (``selectors._with_facilitators``): each
    lands in its own row, and a role with nobody says so."""
    for field in {"coach", "mentor", "examiner"} - {kept}:
        setattr(proposal, field, None)
    proposal.save()
    client.force_login(proposal.participant.user)

    page = client.get(proposal.get_absolute_url()).content.decode()

    unassigned = '<span class="meta">Belum ditetapkan</span>'
    rows = {"coach": "Coach", "mentor": "Mentor", "examiner": "Penguji"}
    for field, label in rows.items():
        name = "Bapak penguji" if field == "examiner" else f"Bapak {field}"
        shown = name if field == kept else unassigned
        assert f"<dt>{label}</dt><dd>{shown}</dd>" in page
    assert page.count("Belum ditetapkan") == 2


def test_one_facilitator_in_two_roles_is_named_in_both(client, proposal):
    proposal.examiner = proposal.coach
    proposal.save()
    client.force_login(proposal.participant.user)

    page = client.get(proposal.get_absolute_url()).content.decode()

    assert "<dt>Coach</dt><dd>Bapak coach</dd>" in page
    assert "<dt>Penguji</dt><dd>Bapak coach</dd>" in page
    assert "<dt>Mentor</dt><dd>Bapak mentor</dd>" in page


# --- Who may open it ---------------------------------------------------------------------


def test_anonymous_users_go_to_the_login_page_and_back(client, proposal):
    url = proposal.get_absolute_url()

    response = client.get(url)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("who", ["another participant", "an unassigned facilitator"])
def test_other_users_get_a_404_like_for_a_missing_proposal(client, proposal, who):
    user = UserFactory()
    if who == "another participant":
        ParticipantFactory(user=user)
    else:
        FacilitatorFactory(user=user, role=FacilitatorRole.COACH)
    client.force_login(user)

    hidden = client.get(proposal.get_absolute_url())
    missing = client.get(reverse("participants:proposal-detail", kwargs={"pk": 999999}))

    assert hidden.status_code == missing.status_code == HTTPStatus.NOT_FOUND
    assert proposal.title not in hidden.content.decode()


@pytest.mark.parametrize("who", ["owner", "coach", "mentor", "examiner", "staff"])
def test_its_participant_facilitators_and_staff_may_read_it(client, proposal, who):
    users = {
        "owner": proposal.participant.user,
        "coach": proposal.coach.user,
        "mentor": proposal.mentor.user,
        "examiner": proposal.examiner.user,
        "staff": UserFactory(is_staff=True, is_superuser=True),
    }
    client.force_login(users[who])

    response = client.get(proposal.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert proposal.title in response.content.decode()


def test_an_approved_proposal_is_shared_with_every_logged_in_user(client, proposal):
    proposal.status = ProposalStatus.APPROVED
    proposal.save()
    url = proposal.get_absolute_url()

    anonymous = client.get(url)
    client.force_login(ParticipantFactory(user=UserFactory()).user)
    colleague = client.get(url)

    assert anonymous.status_code == HTTPStatus.FOUND
    assert colleague.status_code == HTTPStatus.OK
    assert '<span class="badge badge--approved">Disetujui</span>' in colleague.content.decode()


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        (ProposalStatus.DRAFT, ["Ubah", "Ajukan untuk ditelaah"], ["Sudah diajukan"]),
        (ProposalStatus.REVISION_REQUESTED, ["Ubah", "Ajukan untuk ditelaah"], []),
        (
            ProposalStatus.SUBMITTED,
            ["Sudah diajukan: hanya dapat dibaca"],
            ["Ajukan untuk ditelaah"],
        ),
    ],
)
def test_the_owner_sees_the_actions_the_status_allows(client, proposal, status, shown, hidden):
    proposal.status = status
    proposal.save()
    client.force_login(proposal.participant.user)

    text = client.get(proposal.get_absolute_url()).content.decode()

    edit_url = reverse("participants:proposal-edit", args=[proposal.pk])
    assert (edit_url in text) == (status != ProposalStatus.SUBMITTED)
    for label in shown:
        assert label in text
    for label in hidden:
        assert label not in text
    assert reverse("participants:review-detail", args=[proposal.pk]) not in text


@pytest.mark.parametrize("who", ["coach", "mentor", "examiner", "staff", "colleague"])
def test_only_assigned_facilitators_get_the_review_link(client, proposal, who):
    proposal.status = ProposalStatus.APPROVED
    proposal.save()
    users = {
        "coach": proposal.coach.user,
        "mentor": proposal.mentor.user,
        "examiner": proposal.examiner.user,
        "staff": UserFactory(is_staff=True),
        "colleague": facilitator(FacilitatorRole.COACH, "coach-lain").user,
    }
    client.force_login(users[who])

    text = client.get(proposal.get_absolute_url()).content.decode()

    review_url = reverse("participants:review-detail", args=[proposal.pk])
    assert (review_url in text) == (who in {"coach", "mentor", "examiner"})
    assert reverse("participants:proposal-edit", args=[proposal.pk]) not in text


# --- Speed ----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_adaptations_and_milestones(
    client, django_assert_num_queries, count
):
    proposal = ChangeProposalFactory(
        coach=FacilitatorFactory(role=FacilitatorRole.COACH),
        mentor=FacilitatorFactory(role=FacilitatorRole.MENTOR),
        examiner=FacilitatorFactory(role=FacilitatorRole.EXAMINER),
    )
    for number in range(count):
        PracticeAdaptationFactory(proposal=proposal)
        MilestoneFactory(proposal=proposal, term=list(MilestoneTerm)[number % 3])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get(proposal.get_absolute_url())

    with django_assert_num_queries(DETAIL_QUERIES):
        page = client.get(proposal.get_absolute_url()).content.decode()

    assert page.count('class="adaptation-pair ') == count
