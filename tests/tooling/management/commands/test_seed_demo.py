"""``manage.py seed_demo``: the article's visit, the demo accounts, and a re-run that changes nothing."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils.text import slugify

from benchmarking.models import OfficialSide, Program, Visit
from best_practices.models import BestPractice
from participants.models import (
    CARRIED_OUT_STATUSES,
    AdaptationMode,
    ChangeProposal,
    FacilitatorRole,
    MilestoneTerm,
    Participant,
    PracticeAdaptation,
    ProposalStatus,
    ReviewDecision,
)
from participants.roles import ORGANIZER_GROUP

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Refusing to load demo data: DEBUG is off, so this may be a live database, and the demo "
    "accounts (admin, penyelenggara, peserta, coach) have known passwords. "
    "Use --force to load it anyway."
)


def seed(*args: str) -> str:
    """Run the command (``--force``: the test settings have DEBUG off) and return its output."""
    out = StringIO()
    call_command("seed_demo", "--force", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows in every table, including history, auth and the automatic many-to-many tables."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture
def demo_visit():
    seed()
    return Visit.objects.get(start_date=datetime.date(2018, 8, 28))


def test_a_second_run_changes_no_row_of_any_table():
    seed()
    before = row_counts()
    proposals = list(ChangeProposal.objects.values_list("pk", "updated_at", "version"))

    output = seed()

    assert row_counts() == before
    assert list(ChangeProposal.objects.values_list("pk", "updated_at", "version")) == proposals
    assert "Tidak ada yang perlu dibuat: data demo sudah ada." in output
    assert "Demo accounts updated" not in output and "Akun demo diperbarui" not in output


def test_the_first_run_reports_what_it_created():
    output = seed()

    # The article's five practices and four proposals, and those of the other institutions.
    assert "praktik baik (best_practices.BestPractice): 9" in output
    assert "rancangan proyek perubahan (participants.ChangeProposal): 12" in output
    assert "Data demo siap. Akun demo: admin, penyelenggara, peserta, coach." in output


def test_edits_made_while_trying_the_demo_survive_a_rerun(demo_visit):
    practice = BestPractice.objects.get(title__icontains="aduan", host_province__code="33")
    practice.title = "Kanal aduan LaporGub"
    practice.save()

    seed()

    practice.refresh_from_db()
    assert practice.title == "Kanal aduan LaporGub"
    assert BestPractice.objects.count() == 9


def test_the_visit_of_the_article(demo_visit):
    assert demo_visit.end_date == datetime.date(2018, 8, 28)
    assert demo_visit.host_province.name == "Jawa Tengah"
    assert demo_visit.cohort.program == Program.DIKLATPIM_IV
    assert demo_visit.cohort.year == 2018
    assert str(demo_visit.cohort.institution) == "BPSDM Provinsi Lampung"
    assert demo_visit.cohort.institution.province.code == "18"
    assert "Jawa Tengah" in demo_visit.title
    assert "28 Agustus 2018" in demo_visit.summary
    agencies = set(demo_visit.host_agencies.values_list("name", flat=True))
    assert "Biro Organisasi Setda Provinsi Jawa Tengah" in agencies
    assert "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah" in agencies
    assert {agency.province.code for agency in demo_visit.host_agencies.all()} == {"33"}


def test_the_two_officials_with_their_side_position_and_remarks(demo_visit):
    officials = {official.name: official for official in demo_visit.officials.all()}

    hery = officials["Hery Suliyanto"]
    assert hery.side == OfficialSide.VISITING
    assert hery.position == "Asisten Bidang Pemerintahan Provinsi Lampung"
    assert "menimba pengalaman dari keberhasilan Pemprov Jawa Tengah" in hery.remarks
    edy = officials["Edy Supriyanto"]
    assert edy.side == OfficialSide.HOST
    assert edy.position == "Plh. Asisten Bidang Administrasi Pemprov Jateng"
    assert "reformasi birokrasi digencarkan" in edy.remarks
    assert "aduan, keluhan, dan masukan" in edy.remarks


def test_the_practices_of_the_article_observed_on_the_visit(demo_visit):
    practices = BestPractice.objects.filter(visits=demo_visit, host_province__code="33")

    assert practices.count() >= 5
    titles = [practice.title.lower() for practice in practices]
    assert any("aduan" in title for title in titles)
    assert any("keterbukaan informasi pembangunan" in title for title in titles)
    assert any("reformasi birokrasi" in title for title in titles)
    assert any("inovasi dan kreativitas" in title for title in titles)
    for practice in practices:
        assert practice.slug == slugify(practice.title)
        assert practice.sectors.exists()
        assert practice.key_to_success and practice.replication_prerequisites
        assert practice.supporting_factors and practice.inhibiting_factors
        assert practice.stakeholders and practice.outcomes and practice.year_started
    applications = practices.get(title__icontains="aplikasi")
    assert applications.is_digital
    assert len(applications.qualities) == 5


def test_groups_and_participants_with_valid_nips(demo_visit):
    groups = demo_visit.groups.all()
    assert groups.count() >= 2
    for group in groups:
        assert group.host_agency is not None
        assert group.report
    participants = Participant.objects.filter(cohort=demo_visit.cohort)
    assert participants.count() >= 4
    for participant in participants:
        participant.full_clean()  # the NIP validator, among others
        assert participant.visit_group.visit == demo_visit
        assert participant.agency.endswith("Provinsi Lampung")


def test_proposals_adapt_the_practices_with_milestones_in_every_term(demo_visit):
    proposals = ChangeProposal.objects.filter(participant__cohort=demo_visit.cohort)

    assert proposals.count() >= 3
    modes = set(proposals.values_list("adaptations__mode", flat=True))
    assert modes == {AdaptationMode.ADOPT, AdaptationMode.ADAPT}
    for proposal in proposals:
        assert set(proposal.milestones.values_list("term", flat=True)) == set(MilestoneTerm)
        assert proposal.coach.role == FacilitatorRole.COACH
        assert proposal.mentor.role == FacilitatorRole.MENTOR
        assert proposal.adaptations.filter(practice__visits=demo_visit).exists()
        if proposal.status != ProposalStatus.DRAFT:
            assert proposal.submitted_at.year == 2018
    approved_adaptations = proposals.get(status=ProposalStatus.APPROVED).adaptations.all()
    assert approved_adaptations.exists()
    for adaptation in approved_adaptations:
        assert adaptation.kept and adaptation.rationale
        if adaptation.mode == AdaptationMode.ADAPT:
            assert adaptation.changed


def test_one_proposal_approved_after_the_coach_approved_it(demo_visit):
    approved = ChangeProposal.objects.get(
        status=ProposalStatus.APPROVED, participant__cohort=demo_visit.cohort
    )

    review = approved.reviews.get()
    assert review.decision == ReviewDecision.APPROVE
    assert review.reviewer == approved.coach
    assert review.comments
    assert review.created_at > approved.submitted_at


def test_each_sent_proposal_has_its_status_timeline_in_2018(demo_visit):
    article = ChangeProposal.objects.filter(participant__cohort=demo_visit.cohort)
    sent = article.exclude(status=ProposalStatus.DRAFT)
    assert sent.exists()
    for proposal in sent:
        changes = list(proposal.status_changes.order_by("created_at"))

        assert (changes[0].from_status, changes[0].to_status) == ("draft", "submitted")
        assert changes[0].actor_name == proposal.participant.full_name
        assert changes[-1].to_status == proposal.status
        assert {change.created_at.year for change in changes} == {2018}
    draft = article.get(status=ProposalStatus.DRAFT)
    assert not draft.status_changes.exists()
    approval = article.get(status=ProposalStatus.APPROVED).status_changes.last()
    assert approval.changed_by.username == "coach"


def test_the_facilitators_of_the_institution(demo_visit):
    institution = demo_visit.cohort.institution

    roles = set(institution.facilitators.values_list("role", flat=True))

    assert roles == {FacilitatorRole.COACH, FacilitatorRole.MENTOR, FacilitatorRole.EXAMINER}


@pytest.mark.parametrize(
    ("username", "is_staff", "is_superuser"),
    [
        ("admin", True, True),
        ("penyelenggara", True, False),
        ("peserta", False, False),
        ("coach", False, False),
    ],
)
def test_demo_accounts_have_their_role_and_the_demo_password(
    client, username, is_staff, is_superuser
):
    seed()

    user = get_user_model().objects.get(username=username)

    assert (user.is_staff, user.is_superuser, user.is_active) == (is_staff, is_superuser, True)
    assert user.get_full_name()
    assert user.email == f"{username}@example.org"
    assert client.login(
        request=RequestFactory().post("/"), username=username, password="lokus-demo"
    )


def test_the_organizer_account_is_in_the_organizer_group():
    seed()

    user = get_user_model().objects.get(username="penyelenggara")

    assert list(user.groups.values_list("name", flat=True)) == [ORGANIZER_GROUP]
    assert user.has_perm("benchmarking.add_visit")
    assert not user.has_perm("auth.change_user")
    assert [str(institution) for institution in user.organized_institutions.all()] == [
        "BPSDM Provinsi Lampung"
    ]


def test_a_rerun_makes_the_organizer_an_organizer_again():
    seed()
    user = get_user_model().objects.get(username="penyelenggara")
    user.organized_institutions.clear()

    output = seed()

    assert [str(institution) for institution in user.organized_institutions.all()] == [
        "BPSDM Provinsi Lampung"
    ]
    assert "Akun demo diperbarui: penyelenggara." in output


def test_the_participant_account_has_a_proposal_to_work_on():
    seed()

    participant = Participant.objects.get(user__username="peserta")

    assert participant.proposals.filter(
        status__in=[ProposalStatus.DRAFT, ProposalStatus.SUBMITTED]
    ).exists()


def test_the_coach_account_is_the_coach_of_the_proposals():
    seed()

    proposals = ChangeProposal.objects.filter(coach__user__username="coach")
    lampung = ChangeProposal.objects.filter(participant__cohort__institution__province__code="18")

    assert proposals.count() == lampung.count()
    assert proposals.filter(status=ProposalStatus.SUBMITTED).exists()


def test_password_option_sets_the_password_and_a_rerun_changes_it(client):
    seed("--password", "first-pass-1")
    before = row_counts()

    output = seed("--password", "second-pass-2")

    assert row_counts() == before
    assert "Akun demo diperbarui: admin, penyelenggara, peserta, coach." in output
    assert client.login(
        request=RequestFactory().post("/"), username="peserta", password="second-pass-2"
    )
    assert not client.login(
        request=RequestFactory().post("/"), username="peserta", password="first-pass-1"
    )


def test_refuses_to_run_with_debug_off_without_force(settings):
    settings.DEBUG = False
    before = row_counts()

    with pytest.raises(CommandError) as error:
        call_command("seed_demo", stdout=StringIO())

    assert str(error.value) == REFUSAL
    assert row_counts() == before


def test_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False

    seed()

    assert Visit.objects.filter(start_date=datetime.date(2018, 8, 28)).exists()


def test_runs_without_force_when_debug_is_on(settings):
    settings.DEBUG = True

    call_command("seed_demo", stdout=StringIO())

    assert get_user_model().objects.filter(username="coach").exists()


def test_dry_run_writes_nothing():
    before = row_counts()

    output = seed("--dry-run")

    assert row_counts() == before
    assert "praktik baik (best_practices.BestPractice): 9" in output
    assert "Simulasi (--dry-run): semua perubahan dibatalkan, tidak ada yang disimpan." in output


def test_an_empty_password_is_refused():
    with pytest.raises(CommandError, match="--password must not be empty."):
        seed("--password", "")


def test_the_practices_of_the_carried_out_project_count_as_proven():
    seed()

    proven = BestPractice.objects.filter(proven_adaptation_count__gt=0)
    carried_out = PracticeAdaptation.objects.filter(
        proposal__status__in=CARRIED_OUT_STATUSES
    ).values_list("practice", flat=True)
    assert set(proven.values_list("pk", flat=True)) == set(carried_out) != set()
