"""Personal data (UU 27/2022), as ``participants.privacy`` rules it: names, positions and units
for logged-in users only; the NIP for the participant, their facilitators, their institution's
organizers and superusers; no name of another institution's unapproved work in the
originality check. Each rule is tested from the refused side first.
"""

import pytest
from django.urls import reverse

from participants.models import ProposalStatus
from participants.privacy import may_see_names, may_see_nip
from participants.roles import organizer_group_ensure
from tests import factories as f
from tests.config.urls_under_test import world_create

pytestmark = pytest.mark.django_db

NAME, POSITION, AGENCY = "Andi Saputra", "Kepala Seksi Pelayanan", "Dinas Dukcapil"


@pytest.fixture
def approved():
    """An approved proposal (every logged-in user may read it) of a participant in a group."""
    group = f.VisitGroupFactory()
    participant = f.ParticipantFactory(
        full_name=NAME,
        position=POSITION,
        agency=AGENCY,
        cohort=group.visit.cohort,
        visit_group=group,
        user=f.UserFactory(username="andi"),
    )
    proposal = f.ChangeProposalFactory(
        participant=participant,
        status=ProposalStatus.APPROVED,
        submitted_at="2018-09-01T09:00Z",
        coach=f.FacilitatorFactory(user=f.UserFactory(username="coach")),
    )
    f.PracticeAdaptationFactory(proposal=proposal)
    return proposal


def _organizer(institution, username="organizer"):
    user = f.UserFactory(username=username, is_staff=True)
    user.groups.add(organizer_group_ensure())
    user.organized_institutions.add(institution)
    return user


def test_an_anonymous_visitor_sees_no_member_of_a_visit_group(client, approved):
    visit = approved.participant.visit_group.visit

    page = client.get(visit.get_absolute_url()).text

    for personal in (NAME, POSITION, AGENCY, approved.participant.nip):
        assert personal not in page
    assert "Masuk untuk melihat anggota kelompok." in page


def test_a_logged_in_user_sees_the_members_names_positions_and_units(client, approved):
    client.force_login(f.UserFactory())

    page = client.get(approved.participant.visit_group.visit.get_absolute_url()).text

    for personal in (NAME, POSITION, AGENCY):
        assert personal in page
    assert approved.participant.nip not in page


def test_an_anonymous_visitor_sees_no_participant_on_a_practice_or_province_page(client, approved):
    practice = approved.practices.get()
    for url in (practice.get_absolute_url(), practice.host_province.get_absolute_url()):
        page = client.get(url).text
        assert NAME not in page
        assert approved.participant.nip not in page


@pytest.mark.parametrize("who", ["other participant", "organizer of another institution"])
def test_the_nip_is_hidden_from_other_logged_in_users(client, approved, who):
    if who == "other participant":
        viewer = f.ParticipantFactory(user=f.UserFactory(username="other")).user
    else:
        viewer = _organizer(f.InstitutionFactory())
    client.force_login(viewer)

    page = client.get(approved.get_absolute_url()).text

    assert NAME in page
    assert approved.participant.nip not in page
    assert not may_see_nip(viewer, approved)


@pytest.mark.parametrize("who", ["participant", "coach", "organizer", "superuser"])
def test_the_nip_is_shown_to_the_participant_their_facilitator_organizer_and_superuser(
    client, approved, who
):
    viewer = {
        "participant": lambda: approved.participant.user,
        "coach": lambda: approved.coach.user,
        "organizer": lambda: _organizer(approved.participant.cohort.institution),
        "superuser": lambda: f.UserFactory(username="root", is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(viewer)

    page = client.get(approved.get_absolute_url()).text

    assert approved.participant.nip in page
    assert may_see_nip(viewer, approved)


def test_the_rules_refuse_the_anonymous_visitor(approved):
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    assert not may_see_names(anonymous)
    assert not may_see_nip(anonymous, approved)


def test_the_originality_check_hides_the_name_behind_another_institutions_draft(client):
    examiner = f.FacilitatorFactory(user=f.UserFactory(username="penguji"), role="examiner")
    text = {
        "problem": "Pengaduan masyarakat tersebar di banyak kanal dan tidak ditindaklanjuti.",
        "goals": "Semua pengaduan tercatat dalam satu aplikasi dan dijawab dalam lima hari.",
    }
    hidden = f.ChangeProposalFactory(
        title="Layanan pengaduan terpadu berbasis aplikasi (draf)",
        participant=f.ParticipantFactory(full_name="Budi Rahasia"),
        **text,
    )
    under_review = f.ChangeProposalFactory(
        title="Layanan pengaduan terpadu berbasis aplikasi", examiner=examiner, **text
    )
    client.force_login(examiner.user)

    page = client.get(reverse("participants:review-detail", kwargs={"pk": under_review.pk})).text

    assert hidden.title in page
    assert "Budi Rahasia" not in page


def test_no_page_shows_an_anonymous_visitor_a_participants_name(client):
    world = world_create()
    participant = world.proposal.participant
    participant.full_name = "Nama Rahasia Sekali"
    participant.save()
    world.proposal.status = ProposalStatus.APPROVED
    world.proposal.save()
    for path in ("/", "/provinces/", "/provinces/33/", "/visits/", "/practices/"):
        assert participant.full_name not in client.get(path).text
    visit = world.proposal.practices.get().visits.get()
    assert participant.full_name not in client.get(visit.get_absolute_url()).text
