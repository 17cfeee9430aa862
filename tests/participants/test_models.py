"""Models of participants, facilitators, change proposals and what hangs off them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import NoReverseMatch, resolve
from django.utils import timezone

from best_practices.models import BestPractice
from participants.models import (
    AdaptationMode,
    ChangeProposal,
    Facilitator,
    FacilitatorRole,
    Milestone,
    MilestoneTerm,
    Participant,
    PracticeAdaptation,
    ProposalStatus,
    Review,
    ReviewDecision,
)
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

NOT_SUBMITTED = "Rancangan proyek perubahan yang bukan lagi draf harus memiliki waktu pengajuan."


def url_or_skip(obj) -> str:
    """The object's page, or skip: the pages are built by other parts of the project."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        pytest.skip(f"No page for {type(obj).__name__} yet.")


# --- Participant ----------------------------------------------------------------------------


def test_nip_is_unique_in_the_database():
    first = ParticipantFactory(nip="198001012005031001")

    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            full_name="Orang Lain", nip="198001012005031001", cohort=first.cohort
        )

    assert Participant.objects.get().full_name == first.full_name


def test_duplicate_nip_gets_the_translated_message():
    first = ParticipantFactory(nip="198001012005031001")

    with pytest.raises(ValidationError) as caught:
        Participant(
            full_name="Orang Lain", nip="198001012005031001", cohort=first.cohort
        ).full_clean()

    assert caught.value.message_dict["nip"] == ["Peserta dengan NIP telah ada."]
    assert caught.value.error_dict["nip"][0].code == "unique"


def test_participant_str():
    assert str(ParticipantFactory(full_name="Siti Aminah")) == "Siti Aminah"


def test_participant_with_a_proposal_cannot_be_deleted():
    proposal = ChangeProposalFactory()

    with pytest.raises(ProtectedError):
        proposal.participant.delete()

    assert Participant.objects.filter(pk=proposal.participant_id).exists()
    assert ChangeProposal.objects.filter(pk=proposal.pk).exists()


def test_participant_without_a_proposal_can_be_deleted():
    ParticipantFactory().delete()

    assert not Participant.objects.exists()


# --- Facilitator ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "label"),
    [
        (FacilitatorRole.COACH, "Coach"),
        (FacilitatorRole.MENTOR, "Mentor"),
        (FacilitatorRole.EXAMINER, "Penguji"),
    ],
)
def test_facilitator_str_names_the_role(role, label):
    facilitator = FacilitatorFactory(full_name="Dr. Budi", role=role)

    assert str(facilitator) == f"Dr. Budi ({label})"


def test_facilitator_who_reviewed_cannot_be_deleted():
    review = ReviewFactory()

    with pytest.raises(ProtectedError):
        review.reviewer.delete()

    assert Facilitator.objects.filter(pk=review.reviewer_id).exists()
    assert Review.objects.filter(pk=review.pk).exists()


def test_coach_assigned_to_a_proposal_cannot_be_deleted():
    coach = FacilitatorFactory(role=FacilitatorRole.COACH)
    proposal = ChangeProposalFactory(coach=coach)

    with pytest.raises(ProtectedError):
        coach.delete()

    proposal.refresh_from_db()
    assert proposal.coach == coach


# --- ChangeProposal -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [ProposalStatus.SUBMITTED, ProposalStatus.REVISION_REQUESTED, ProposalStatus.APPROVED],
)
def test_proposal_out_of_draft_without_submission_time_is_refused_by_the_database(status):
    participant = ParticipantFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeProposal.objects.create(
            participant=participant, title="Rancangan", problem="Masalah", status=status
        )

    assert not ChangeProposal.objects.exists()


def test_proposal_out_of_draft_without_submission_time_gets_the_translated_message():
    proposal = ChangeProposalFactory.build(
        participant=ParticipantFactory(), status=ProposalStatus.SUBMITTED, submitted_at=None
    )

    with pytest.raises(ValidationError) as caught:
        proposal.full_clean()

    assert caught.value.message_dict["__all__"] == [NOT_SUBMITTED]


def test_submitted_proposal_with_a_submission_time_is_accepted():
    proposal = ChangeProposalFactory.build(
        participant=ParticipantFactory(),
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )

    proposal.full_clean()
    proposal.save()

    assert ChangeProposal.objects.get().get_status_display() == "Diajukan"


def test_draft_needs_no_submission_time():
    proposal = ChangeProposalFactory()

    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.submitted_at is None
    assert proposal.get_status_display() == "Draf"
    assert ChangeProposal.objects.filter(
        pk=proposal.pk, status=ProposalStatus.DRAFT, submitted_at__isnull=True
    ).exists()


def test_proposal_str_and_page():
    proposal = ChangeProposalFactory(title="Aplikasi aduan masyarakat")

    assert str(proposal) == "Aplikasi aduan masyarakat"
    assert resolve(url_or_skip(proposal)).kwargs == {"pk": proposal.pk}


def test_proposal_with_a_review_cannot_be_deleted():
    review = ReviewFactory()

    with pytest.raises(ProtectedError):
        review.proposal.delete()

    assert ChangeProposal.objects.filter(pk=review.proposal_id).exists()


def test_proposal_without_reviews_is_deleted_with_its_adaptations_and_milestones():
    adaptation = PracticeAdaptationFactory()
    MilestoneFactory(proposal=adaptation.proposal)

    adaptation.proposal.delete()

    assert not ChangeProposal.objects.exists()
    assert not PracticeAdaptation.objects.exists()
    assert not Milestone.objects.exists()
    assert BestPractice.objects.filter(pk=adaptation.practice_id).exists()


# --- PracticeAdaptation ---------------------------------------------------------------------


def test_practice_adapted_twice_by_a_proposal_is_refused_by_the_database():
    adaptation = PracticeAdaptationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeAdaptation.objects.create(
            proposal=adaptation.proposal, practice=adaptation.practice, mode=AdaptationMode.ADOPT
        )

    assert PracticeAdaptation.objects.count() == 1


def test_practice_adapted_twice_by_a_proposal_gets_the_translated_message():
    adaptation = PracticeAdaptationFactory()

    with pytest.raises(ValidationError) as caught:
        PracticeAdaptation(
            proposal=adaptation.proposal, practice=adaptation.practice, mode=AdaptationMode.ADOPT
        ).full_clean()

    assert caught.value.message_dict["__all__"] == [
        "Rancangan proyek perubahan ini sudah mengadaptasi praktik baik ini."
    ]


def test_practice_adapted_by_several_proposals():
    adaptation = PracticeAdaptationFactory()
    other = ChangeProposalFactory()

    PracticeAdaptation(
        proposal=other, practice=adaptation.practice, mode=AdaptationMode.ADOPT
    ).full_clean()


def test_adaptation_str_and_mode_label():
    adaptation = PracticeAdaptationFactory(
        proposal=ChangeProposalFactory(title="Aplikasi aduan"),
        practice=BestPracticeFactory(title="Kanal aduan"),
        mode=AdaptationMode.ADOPT,
    )

    assert str(adaptation) == "Aplikasi aduan ← Kanal aduan"
    assert adaptation.get_mode_display() == "Adopsi apa adanya"


# --- Milestone ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "label"),
    [
        (MilestoneTerm.SHORT, "Jangka pendek"),
        (MilestoneTerm.MEDIUM, "Jangka menengah"),
        (MilestoneTerm.LONG, "Jangka panjang"),
    ],
)
def test_milestone_str_names_the_term(term, label):
    milestone = MilestoneFactory(term=term, description="Menyusun SOP layanan aduan.")

    assert str(milestone) == f"{label}: Menyusun SOP layanan aduan."


def test_milestone_str_shortens_a_long_description():
    milestone = MilestoneFactory(description="x" * 100, target_date=datetime.date(2019, 1, 1))

    assert str(milestone) == "Jangka pendek: " + "x" * 60


# --- Review ---------------------------------------------------------------------------------


def test_review_str_names_the_decision_and_proposal():
    review = ReviewFactory(
        decision=ReviewDecision.REQUEST_REVISION,
        proposal=ChangeProposalFactory(title="Aplikasi aduan"),
    )

    assert str(review) == "Minta revisi – Aplikasi aduan"
