"""The participant's pages: my proposals and the new proposal form."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from participants.models import ChangeProposal, ProposalStatus, ProposalStatusChange
from tests.factories import (
    MILESTONE_ROWS,
    BestPracticeFactory,
    ChangeProposalFactory,
    MilestoneFactory,
    PracticeAdaptationFactory,
    UserFactory,
    adaptation_row,
    proposal_form_data,
)
from tests.participants.views.workflow_fixtures import CREATE, MINE, edit_url

pytestmark = pytest.mark.django_db


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
    # session, user with their profiles, count, page
    with django_assert_num_queries(4):
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
