"""Follow-up after training: who records it, what it needs, and the organizers' due list."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from participants.followups import add_months, due_follow_ups
from participants.models import FollowUp, ProposalStatus
from tests.factories import ChangeProposalFactory, ParticipantFactory
from tests.participants.lifecycle_fixtures import put_in

pytestmark = pytest.mark.django_db

DUE_URL = reverse("participants:follow-ups-due")


def follow_up_url(proposal):
    return reverse("participants:follow-ups", kwargs={"pk": proposal.pk})


ENTRY = {"checkpoint": "3", "status": "running", "stop_reason": "", "replicated_units": ""}


@pytest.mark.parametrize("who", ["owner", "organizer", "superuser"])
def test_the_participant_and_organizers_record_a_follow_up(client, circle, who):
    users, proposal = circle
    client.force_login(users[who])
    response = client.post(follow_up_url(proposal), ENTRY, follow=True)
    page = response.content.decode()
    assert "Tindak lanjut telah dicatat." in page
    assert "Masih berjalan" in page
    follow_up = FollowUp.objects.get()
    assert (follow_up.checkpoint, follow_up.recorded_by) == (3, users[who])


@pytest.mark.parametrize("who", ["coach", "mentor", "examiner"])
def test_facilitators_read_but_do_not_record(client, circle, who):
    users, proposal = circle
    client.force_login(users[who])
    assert "Catat tindak lanjut" not in client.get(follow_up_url(proposal)).content.decode()
    assert client.post(follow_up_url(proposal), ENTRY).status_code == HTTPStatus.FORBIDDEN
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(
    "who", [None, "other_participant", "unassigned_facilitator", "other_organizer"]
)
def test_outsiders_get_a_404_or_the_login_page(client, circle, who):
    users, proposal = circle
    if who:
        client.force_login(users[who])
    response = client.post(follow_up_url(proposal), ENTRY)
    assert response.status_code == (HTTPStatus.NOT_FOUND if who else HTTPStatus.FOUND)
    assert not FollowUp.objects.exists()


def test_no_follow_up_before_the_proposal_is_carried_out(client, circle):
    users, proposal = circle
    put_in(proposal, ProposalStatus.APPROVED)
    client.force_login(users["owner"])
    assert client.post(follow_up_url(proposal), ENTRY).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"status": "stopped"}, "Perubahan yang berhenti perlu alasannya."),
        ({"status": "replicated"}, "Sebutkan unit yang mereplikasi perubahan ini."),
    ],
)
def test_a_stopped_or_replicated_change_says_why_or_where(client, circle, entry, message):
    users, proposal = circle
    client.force_login(users["owner"])
    response = client.post(follow_up_url(proposal), {**ENTRY, **entry})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_checkpoint_is_recorded_once(client, circle):
    users, proposal = circle
    client.force_login(users["owner"])
    client.post(follow_up_url(proposal), ENTRY)
    response = client.post(
        follow_up_url(proposal),
        {**ENTRY, "status": "replicated", "replicated_units": "Dinas Kesehatan"},
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Tindak lanjut setelah 3 bulan sudah dicatat." in response.content.decode()
    assert FollowUp.objects.count() == 1


def test_add_months_keeps_to_the_end_of_a_shorter_month():
    assert add_months(datetime.date(2018, 11, 30), 3) == datetime.date(2019, 2, 28)
    assert add_months(datetime.date(2019, 8, 31), -6) == datetime.date(2019, 2, 28)
    assert add_months(datetime.date(2018, 11, 30), 12) == datetime.date(2019, 11, 30)


def test_the_due_list_shows_checkpoints_past_due_and_not_recorded(client, circle):
    users, proposal = circle  # its cohort ended on 30 November 2018
    FollowUp.objects.create(proposal=proposal, checkpoint=3, status="running")
    rows = due_follow_ups(users["organizer"], today=datetime.date(2019, 6, 1))
    assert [(row.proposal, row.checkpoint, row.due_on) for row in rows] == [
        (proposal, 6, datetime.date(2019, 5, 30)),
    ]
    assert due_follow_ups(users["other_organizer"], today=datetime.date(2019, 6, 1)) == []


@pytest.mark.parametrize("who", ["owner", "coach", "other_participant"])
def test_only_organizers_open_the_due_list(client, circle, who):
    users, _proposal = circle
    client.force_login(users[who])
    assert client.get(DUE_URL).status_code == HTTPStatus.FORBIDDEN


def test_the_due_page_links_each_due_follow_up(client, circle):
    users, proposal = circle
    client.force_login(users["organizer"])
    page = client.get(DUE_URL).content.decode()
    assert proposal.title in page
    assert follow_up_url(proposal) in page
    assert "12 bulan" in page


DUE_QUERIES = 6


@pytest.mark.parametrize("count", [3, 30])
def test_the_due_page_query_count_does_not_grow(client, circle, django_assert_num_queries, count):
    users, proposal = circle
    cohort = proposal.participant.cohort
    for _n in range(count):
        other = ChangeProposalFactory(
            participant=ParticipantFactory(cohort=cohort), submitted_at="2018-09-01T00:00:00Z"
        )
        put_in(other, ProposalStatus.IMPLEMENTING)
    client.force_login(users["organizer"])
    with django_assert_num_queries(DUE_QUERIES):
        page = client.get(DUE_URL).content.decode()
    assert page.count("<tr>") == 1 + 3 * (count + 1)


FOLLOW_UP_QUERIES = 4


@pytest.mark.parametrize("count", [1, 3])
def test_the_follow_up_page_query_count_does_not_grow(
    client, circle, django_assert_num_queries, count
):
    users, proposal = circle
    for checkpoint in (3, 6, 12)[:count]:
        FollowUp.objects.create(proposal=proposal, checkpoint=checkpoint, status="running")
    client.force_login(users["owner"])
    with django_assert_num_queries(FOLLOW_UP_QUERIES):
        page = client.get(follow_up_url(proposal)).content.decode()
    assert page.count("Masih berjalan") >= count


def test_a_practice_page_says_what_became_of_its_adaptations(client, circle):
    users, proposal = circle
    practice = proposal.adaptations.get().practice
    FollowUp.objects.create(
        proposal=proposal, checkpoint=12, status="replicated", replicated_units="Dinas Sosial"
    )
    approved_only = ChangeProposalFactory(submitted_at="2018-09-01T00:00:00Z")
    put_in(approved_only, ProposalStatus.APPROVED)
    approved_only.adaptations.create(practice=practice, mode="adopt", kept="Semua.")
    client.force_login(users["other_participant"])
    page = client.get(practice.get_absolute_url()).content.decode()
    assert (
        "Diadaptasi dalam 2 rancangan: 1 dilaksanakan, 1 masih berjalan setelah 12 bulan." in page
    )


def test_organizers_find_the_due_follow_ups_in_the_footer(client, circle):
    users, _proposal = circle
    client.force_login(users["organizer"])
    assert f'href="{DUE_URL}"' in client.get("/").content.decode()

    client.force_login(users["owner"])
    assert f'href="{DUE_URL}"' not in client.get("/").content.decode()
