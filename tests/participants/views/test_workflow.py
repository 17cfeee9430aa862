"""The participant's pages: my proposals, the proposal form (create, edit, conflicts), submit."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from participants.models import ChangeProposal, ProposalStatus, ProposalStatusChange
from tests.factories import (
    MILESTONE_ROWS,
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    UserFactory,
    adaptation_row,
    proposal_form_data,
    proposal_form_data_for,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db

MINE = reverse("participants:proposal-mine")
CREATE = reverse("participants:proposal-create")


def edit_url(proposal):
    return reverse("participants:proposal-edit", kwargs={"pk": proposal.pk})


def submit_url(proposal):
    return reverse("participants:proposal-submit", kwargs={"pk": proposal.pk})


@pytest.fixture
def participant(client):
    """The logged-in participant (with a coach, through an earlier assigned proposal)."""
    user = UserFactory(username="peserta")
    client.force_login(user)
    return ParticipantFactory(user=user, full_name="Siti Peserta")


@pytest.fixture
def other():
    """Another participant, with a draft of their own."""
    return ChangeProposalFactory(
        participant=ParticipantFactory(user=UserFactory()), title="Rancangan milik orang lain"
    )


# --- my proposals -----------------------------------------------------------------------------


def test_my_proposals_lists_mine_with_status_and_not_others(client, participant, other):
    ChangeProposalFactory(participant=participant, title="Draf saya")
    submitted = ChangeProposalFactory(
        participant=participant,
        title="Sudah diajukan",
        status=ProposalStatus.SUBMITTED,
        submitted_at="2018-09-01T09:00:00+07:00",
    )
    response = client.get(MINE)
    assert response.status_code == HTTPStatus.OK
    text = response.text
    assert "Rancangan saya" in text
    assert "Draf saya" in text and "Sudah diajukan" in text
    assert "Rancangan milik orang lain" not in text
    assert '<span class="badge badge--submitted">Diajukan</span>' in text
    assert edit_url(submitted) not in text
    assert "Hanya baca" in text


@pytest.mark.parametrize("page_number", ["99", "abc", "-1"])
def test_my_proposals_past_the_last_page_or_garbage_still_shows_them(
    client, participant, page_number
):
    ChangeProposalFactory(participant=participant, title="Draf saya")
    response = client.get(MINE, {"page": page_number})
    assert response.status_code == HTTPStatus.OK
    assert "Draf saya" in response.text


def test_my_proposals_needs_a_login(client):
    response = client.get(MINE)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("login"))


def test_my_proposals_of_an_account_without_participant_profile(client):
    client.force_login(UserFactory())
    response = client.get(MINE)
    assert "Akun ini bukan akun peserta" in response.text


def _mine_with(participant, count):
    for _ in range(count):
        proposal = ChangeProposalFactory(participant=participant)
        PracticeAdaptationFactory(proposal=proposal)
        MilestoneFactory(proposal=proposal)


@pytest.mark.parametrize("count", [3, 30])
def test_my_proposals_query_count_does_not_grow(
    client, participant, count, django_assert_num_queries
):
    _mine_with(participant, count)
    # session, user, participant profile, count, page, facilitator profile (menu)
    with django_assert_num_queries(6):
        response = client.get(MINE)
    assert response.status_code == HTTPStatus.OK
    # one header row and one row per proposal on the first page of 20
    assert response.text.count("<tr") == 1 + min(count, 20)


# --- the form: create -------------------------------------------------------------------------


def test_the_new_proposal_form_offers_a_row_per_term_and_the_practice_picker(client, participant):
    response = client.get(CREATE)
    assert response.status_code == HTTPStatus.OK
    text = response.text
    assert "Rancangan proyek perubahan baru" in text
    assert text.count('<option value="short" selected>') == 1
    assert text.count('<option value="long" selected>') == 1
    assert 'name="action" value="search-practices"' in text
    assert 'value="save"' in text and "Simpan sebagai draf" in text
    assert 'value="submit"' in text and "Ajukan untuk ditelaah" in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert 'name="participant"' not in text and 'name="status"' not in text


def test_a_link_from_a_practice_page_starts_with_that_practice(client, participant):
    practice = BestPracticeFactory(title="Lapor Gub", slug="lapor-gub")
    draft = ChangeProposalFactory(participant=participant, title="Draf yang sudah ada")
    response = client.get(f"{CREATE}?practice=lapor-gub")
    text = response.text
    assert f'name="adaptations-0-practice" value="{practice.pk}"' in text
    assert "Lapor Gub" in text
    assert f"{edit_url(draft)}?practice=lapor-gub" in text
    assert "Tambahkan ke “Draf yang sudah ada”" in text


def test_a_link_to_an_unknown_practice_says_so(client, participant):
    response = client.get(f"{CREATE}?practice=tidak-ada")
    assert response.status_code == HTTPStatus.OK
    assert "Praktik baik pada tautan ini tidak ditemukan." in response.text


def test_only_participants_open_the_form(client):
    client.force_login(UserFactory())
    assert client.get(CREATE).status_code == HTTPStatus.FORBIDDEN
    assert client.post(CREATE, proposal_form_data()).status_code == HTTPStatus.FORBIDDEN
    assert not ChangeProposal.objects.exists()


def test_saving_a_draft_creates_my_proposal(client, participant):
    practice = BestPracticeFactory()
    response = client.post(CREATE, proposal_form_data(adaptations=[adaptation_row(practice)]))
    proposal = ChangeProposal.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == edit_url(proposal)
    assert (proposal.participant, proposal.status) == (participant, ProposalStatus.DRAFT)
    assert proposal.milestones.count() == 3
    assert list(proposal.practices.all()) == [practice]
    page = client.get(response.url)
    assert "Draf disimpan." in page.text
    assert 'value="Aplikasi aduan masyarakat terpadu"' in page.text


def test_submitting_with_a_missing_milestone_says_which_and_saves_nothing(client, participant):
    data = proposal_form_data(
        milestones=MILESTONE_ROWS[:2],
        adaptations=[adaptation_row(BestPracticeFactory())],
        action="submit",
        title="Judul yang saya ketik",
    )
    response = client.post(CREATE, data)
    assert response.status_code == HTTPStatus.OK
    assert "Rancangan belum dapat diajukan:" in response.text
    assert "Tambahkan minimal satu milestone jangka panjang." in response.text
    assert 'value="Judul yang saya ketik"' in response.text
    assert not ChangeProposal.objects.exists()


def test_submitting_a_complete_proposal(client, participant):
    data = proposal_form_data(adaptations=[adaptation_row(BestPracticeFactory())], action="submit")
    response = client.post(CREATE, data)
    proposal = ChangeProposal.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == proposal.get_absolute_url()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert ProposalStatusChange.objects.get().to_status == ProposalStatus.SUBMITTED


def test_searching_practices_shows_matches_and_keeps_the_input(client, participant):
    BestPracticeFactory(title="Lapor Gub Jawa Tengah")
    BestPracticeFactory(title="SAMSAT Keliling")
    data = proposal_form_data(action="search-practices", title="Judul saya", practice_q="lapor")
    response = client.post(CREATE, data)
    assert response.status_code == HTTPStatus.OK
    assert "Lapor Gub Jawa Tengah" in response.text
    assert "SAMSAT Keliling" not in response.text
    assert 'value="Judul saya"' in response.text
    assert not ChangeProposal.objects.exists()


def test_a_search_without_match_says_so(client, participant):
    data = proposal_form_data(action="search-practices", practice_q="zzz")
    response = client.post(CREATE, data)
    assert "Tidak ada praktik baik yang cocok dengan “zzz”." in response.text


def test_adding_a_found_practice_adds_its_row_and_saves_nothing(client, participant):
    practice = BestPracticeFactory(title="Lapor Gub")
    data = proposal_form_data(title="Judul saya")
    data["add_practice"] = str(practice.pk)
    response = client.post(CREATE, data)
    assert response.status_code == HTTPStatus.OK
    assert f'name="adaptations-0-practice" value="{practice.pk}"' in response.text
    assert 'name="adaptations-TOTAL_FORMS" value="1"' in response.text
    assert 'value="Judul saya"' in response.text
    assert not ChangeProposal.objects.exists()


def test_adding_a_practice_twice_says_it_is_there(client, participant):
    practice = BestPracticeFactory(title="Lapor Gub")
    data = proposal_form_data(adaptations=[adaptation_row(practice)])
    data["add_practice"] = str(practice.pk)
    response = client.post(CREATE, data)
    assert "“Lapor Gub” sudah ada dalam rancangan Anda." in response.text
    assert 'name="adaptations-TOTAL_FORMS" value="1"' in response.text


@pytest.mark.parametrize("value", ["999999", "abc"])
def test_adding_an_unknown_practice_says_so(client, participant, value):
    data = proposal_form_data()
    data["add_practice"] = value
    response = client.post(CREATE, data)
    assert response.status_code == HTTPStatus.OK
    assert "Praktik baik itu tidak ditemukan; silakan cari lagi." in response.text


def test_adding_a_milestone_row_without_javascript(client, participant):
    response = client.post(CREATE, proposal_form_data(action="add-milestone"))
    assert 'name="milestones-TOTAL_FORMS" value="4"' in response.text
    assert 'name="milestones-3-description"' in response.text
    assert not ChangeProposal.objects.exists()


def test_the_picker_fragment_for_the_script(client, participant):
    BestPracticeFactory(title="Lapor Gub")
    url = reverse("participants:proposal-practice-picker")
    response = client.get(url, {"q": "lapor"})
    assert response.status_code == HTTPStatus.OK
    assert 'name="add_practice"' in response.text and "Lapor Gub" in response.text
    assert "<html" not in response.text
    assert "Ketik minimal dua huruf" in client.get(url, {"q": "l"}).text


# --- the form: edit ---------------------------------------------------------------------------


def test_editing_my_draft(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    response = client.get(edit_url(proposal))
    assert response.status_code == HTTPStatus.OK
    assert f'name="version" value="{proposal.version}"' in response.text
    data = proposal_form_data_for(proposal, title="Judul baru")
    response = client.post(edit_url(proposal), data)
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Judul baru", 2)


def test_removing_a_milestone_and_a_practice(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    data = proposal_form_data_for(proposal)
    data["milestones-0-DELETE"] = "on"
    data["adaptations-0-DELETE"] = "on"
    client.post(edit_url(proposal), data)
    assert proposal.milestones.count() == 2
    assert proposal.adaptations.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_participants_proposal_is_a_404(client, participant, other, method):
    response = getattr(client, method)(edit_url(other), proposal_form_data_for(other))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert client.post(submit_url(other)).status_code == HTTPStatus.NOT_FOUND
    other.refresh_from_db()
    assert other.status == ProposalStatus.DRAFT
    assert other.title == "Rancangan milik orang lain"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            ProposalStatus.SUBMITTED,
            "Rancangan ini sudah diajukan dan hanya dapat dibaca sampai fasilitator meminta revisi.",
        ),
        (ProposalStatus.APPROVED, "Rancangan ini sudah disetujui dan tetap hanya dapat dibaca."),
    ],
)
def test_a_submitted_or_approved_proposal_is_read_only(client, participant, status, message):
    proposal = proposal_ready_to_submit(
        participant=participant, status=status, submitted_at="2018-09-01T09:00:00+07:00"
    )
    response = client.get(edit_url(proposal))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == proposal.get_absolute_url()
    response = client.post(edit_url(proposal), proposal_form_data_for(proposal, title="Diubah"))
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.title != "Diubah"
    page = client.get(response.url)
    assert message in page.text
    assert edit_url(proposal) not in page.text


def test_a_proposal_sent_back_shows_the_comment_and_can_be_resubmitted(client, participant):
    proposal = proposal_ready_to_submit(
        participant=participant,
        status=ProposalStatus.REVISION_REQUESTED,
        submitted_at="2018-09-01T09:00:00+07:00",
    )
    ProposalStatusChange.objects.create(
        proposal=proposal,
        from_status=ProposalStatus.SUBMITTED,
        to_status=ProposalStatus.REVISION_REQUESTED,
        actor_name="Bu Coach",
        comment="Perjelas milestone jangka panjang.",
    )
    response = client.get(edit_url(proposal))
    assert "Perlu revisi" in response.text
    assert "Perjelas milestone jangka panjang." in response.text
    assert "Bu Coach" in response.text
    client.post(edit_url(proposal), proposal_form_data_for(proposal, action="submit"))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_stale_form_is_refused_and_the_input_kept(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    first = proposal_form_data_for(proposal, title="Simpanan pertama")
    second = proposal_form_data_for(proposal, title="Ketikan kedua yang tidak boleh hilang")
    assert client.post(edit_url(proposal), first).status_code == HTTPStatus.FOUND
    response = client.post(edit_url(proposal), second)
    assert response.status_code == HTTPStatus.CONFLICT
    text = response.text
    assert (
        "Orang lain mengubah rancangan ini setelah Anda membukanya. Tidak ada yang disimpan."
        in text
    )
    assert "Versi tersimpan terakhir diubah oleh Siti Peserta" in text
    assert 'value="Ketikan kedua yang tidak boleh hilang"' in text
    # The hidden version is now the current one: saving again is a deliberate overwrite.
    assert 'name="version" value="2"' in text
    proposal.refresh_from_db()
    assert (proposal.title, proposal.version) == ("Simpanan pertama", 2)
    second["version"] = "2"
    assert client.post(edit_url(proposal), second).status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.title == "Ketikan kedua yang tidak boleh hilang"


def test_owner_status_and_assignment_cannot_be_posted(client, participant, other):
    coach = FacilitatorFactory()
    proposal = proposal_ready_to_submit(participant=participant)
    data = proposal_form_data_for(proposal)
    data.update(
        participant=other.participant.pk,
        status=ProposalStatus.APPROVED,
        coach=coach.pk,
        mentor=coach.pk,
        examiner=coach.pk,
        submitted_at="2018-01-01T00:00:00Z",
    )
    client.post(edit_url(proposal), data)
    client.post(CREATE, data | {"milestones-INITIAL_FORMS": "0", "adaptations-TOTAL_FORMS": "0"})
    for saved in ChangeProposal.objects.filter(participant__in=[participant, other.participant]):
        assert saved.coach is None and saved.mentor is None and saved.examiner is None
        assert saved.status == ProposalStatus.DRAFT and saved.submitted_at is None
    assert ChangeProposal.objects.filter(participant=participant).count() == 2


def test_forms_are_protected_against_cross_site_posts(participant):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(participant.user)
    proposal = proposal_ready_to_submit(participant=participant)
    assert csrf_client.post(CREATE, proposal_form_data()).status_code == HTTPStatus.FORBIDDEN
    response = csrf_client.post(edit_url(proposal), proposal_form_data_for(proposal, title="X"))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert csrf_client.post(submit_url(proposal)).status_code == HTTPStatus.FORBIDDEN
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) != ("X", ProposalStatus.SUBMITTED)
    assert proposal.title != "X"
    assert proposal.status == ProposalStatus.DRAFT
    assert ChangeProposal.objects.count() == 1


# --- submit from the proposal page ------------------------------------------------------------


def test_submitting_from_the_proposal_page(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    page = client.get(proposal.get_absolute_url())
    assert submit_url(proposal) in page.text and edit_url(proposal) in page.text
    response = client.post(submit_url(proposal))
    assert response.status_code == HTTPStatus.FOUND
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    page = client.get(response.url)
    assert "Rancangan Anda telah diajukan untuk ditelaah." in page.text
    assert "Riwayat status" in page.text and "oleh Siti Peserta" in page.text
    assert submit_url(proposal) not in page.text


def test_submitting_an_incomplete_proposal_from_its_page_says_what_is_missing(client, participant):
    proposal = ChangeProposalFactory(participant=participant)
    response = client.post(submit_url(proposal))
    assert response.url == edit_url(proposal)
    page = client.get(response.url)
    assert "Tambahkan minimal satu praktik baik yang diadaptasi." in page.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_submitting_twice_is_refused_with_a_message(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    client.post(submit_url(proposal))
    response = client.post(submit_url(proposal), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Rancangan ini sudah berstatus “Diajukan”." in response.text
    assert ProposalStatusChange.objects.count() == 1


def test_submit_only_answers_posts(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    assert client.get(submit_url(proposal)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_another_participant_sees_neither_actions_nor_the_draft(client, participant, other):
    assert client.get(other.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert "Rancangan milik orang lain" not in client.get(MINE).text


@pytest.mark.parametrize(
    ("version", "status", "shown"),
    [
        ("abc", HTTPStatus.OK, "Masukkan keseluruhan angka bilangan."),
        ("", HTTPStatus.CONFLICT, "Orang lain mengubah rancangan ini"),
    ],
)
def test_a_tampered_version_is_answered_not_a_crash(client, participant, version, status, shown):
    proposal = proposal_ready_to_submit(participant=participant)
    data = proposal_form_data_for(proposal, title="Diubah")
    data["version"] = version
    response = client.post(edit_url(proposal), data)
    assert response.status_code == status
    assert shown in response.text
    proposal.refresh_from_db()
    assert proposal.title != "Diubah"


def test_a_draft_with_only_a_title_is_saved(client, participant):
    data = proposal_form_data(milestones=[], problem="", goals="", benefits="", stakeholders="")
    response = client.post(CREATE, data)
    proposal = ChangeProposal.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert (proposal.title, proposal.problem, proposal.status) == (
        "Aplikasi aduan masyarakat terpadu",
        "",
        ProposalStatus.DRAFT,
    )


def test_a_refused_submit_lists_every_error_as_a_link_to_its_field(client, participant):
    response = client.post(CREATE, proposal_form_data(problem="", action="submit"))
    assert response.status_code == HTTPStatus.OK
    assert (
        '<a href="#id_problem">Uraikan permasalahan yang ingin diatasi rancangan ini.</a>'
        in response.text
    )
    assert (
        '<a href="#adaptations">Tambahkan minimal satu praktik baik yang diadaptasi.</a>'
        in response.text
    )
    assert not ChangeProposal.objects.exists()


def test_a_saved_draft_without_a_problem_cannot_be_submitted_from_its_page(client, participant):
    proposal = proposal_ready_to_submit(participant=participant, problem="")
    response = client.post(reverse("participants:proposal-submit", args=[proposal.pk]))
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(response.url)
    assert "Uraikan permasalahan yang ingin diatasi rancangan ini." in page.text
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_the_edit_form_shows_the_saved_milestones_and_no_empty_rows(client, participant):
    proposal = proposal_ready_to_submit(participant=participant)
    response = client.get(reverse("participants:proposal-edit", args=[proposal.pk]))
    assert 'name="milestones-TOTAL_FORMS" value="3"' in response.text
    assert 'name="milestones-INITIAL_FORMS" value="3"' in response.text
