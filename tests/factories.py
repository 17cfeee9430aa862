"""factory-boy factories for every model; the provinces and sectors come from data migrations."""

import datetime

import factory
from django.contrib.auth import get_user_model

from benchmarking.models import (
    Cohort,
    HostAgency,
    Institution,
    OfficialSide,
    Province,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from best_practices.models import BestPractice, PracticeObservation, Sector
from participants.models import (
    AdaptationMode,
    ChangeProposal,
    Facilitator,
    FacilitatorRole,
    Milestone,
    MilestoneTerm,
    Participant,
    PracticeAdaptation,
    Review,
    ReviewDecision,
)
from participants.proof import practice_proof_refresh


def province(code: str) -> Province:
    """A province from the data migration (all 38 exist in every test database)."""
    return Province.objects.get(code=code)


def sector(code: str) -> Sector:
    return Sector.objects.get(code=code)


#: The password of every user the factory makes, for tests that log in through a form.
PASSWORD = "pass-1234"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"BPSDM Institusi {n}")
    short_name = factory.Sequence(lambda n: f"BPSDM-{n}")
    province = factory.LazyFunction(lambda: province("18"))


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Angkatan {n}")
    year = 2018
    start_date = datetime.date(2018, 7, 1)
    end_date = datetime.date(2018, 11, 30)


class HostAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostAgency

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    province = factory.LazyFunction(lambda: province("33"))


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    cohort = factory.SubFactory(CohortFactory)
    host_province = factory.LazyFunction(lambda: province("33"))
    title = factory.Sequence(lambda n: f"Kunjungan benchmarking {n}")
    summary = "Ringkasan kunjungan."
    start_date = datetime.date(2018, 8, 28)
    end_date = datetime.date(2018, 8, 28)


class VisitHostAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitHostAgency

    visit = factory.SubFactory(VisitFactory)
    host_agency = factory.SubFactory(HostAgencyFactory)


class VisitOfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitOfficial

    visit = factory.SubFactory(VisitFactory)
    name = factory.Sequence(lambda n: f"Pejabat {n}")
    position = "Kepala Bagian"
    side = OfficialSide.HOST
    remarks = "Sambutan."


class VisitGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitGroup

    visit = factory.SubFactory(VisitFactory)
    name = factory.Sequence(lambda n: f"Kelompok {n}")
    host_agency = factory.SubFactory(HostAgencyFactory)
    report = "Pelajaran yang dipetik."


class BestPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BestPractice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Praktik baik {n}")
    slug = factory.Sequence(lambda n: f"praktik-baik-{n}")
    summary = "Ringkasan praktik baik."
    host_province = factory.LazyFunction(lambda: province("33"))
    year_started = 2016

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sectors.set(extracted)


class PracticeObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeObservation

    practice = factory.SubFactory(BestPracticeFactory)
    visit = factory.SubFactory(VisitFactory)


def nip_for(n: int) -> str:
    """A valid NIP whose serial encodes ``n`` (born 1980-01-01, appointed 2005-03, male)."""
    return f"19800101200503{1}{(n % 999) + 1:03d}" if n < 999 else _nip_wide(n)


def _nip_wide(n: int) -> str:
    day = datetime.date(1970, 1, 1) + datetime.timedelta(days=n // 999)
    return f"{day:%Y%m%d}200503{1 + (n // 999) % 2}{(n % 999) + 1:03d}"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    full_name = factory.Sequence(lambda n: f"Peserta {n}")
    nip = factory.Sequence(nip_for)
    position = "Kepala Seksi"
    agency = "Dinas Kominfo"
    cohort = factory.SubFactory(CohortFactory)


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator

    full_name = factory.Sequence(lambda n: f"Fasilitator {n}")
    role = FacilitatorRole.COACH
    position = "Widyaiswara"


class ChangeProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeProposal

    participant = factory.SubFactory(ParticipantFactory)
    title = factory.Sequence(lambda n: f"Rancangan proyek perubahan {n}")
    problem = "Layanan lambat dan tidak transparan."
    goals = "Layanan cepat."
    benefits = "Masyarakat puas."
    stakeholders = "Kepala dinas."


class PracticeAdaptationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeAdaptation

    proposal = factory.SubFactory(ChangeProposalFactory)
    practice = factory.SubFactory(BestPracticeFactory)
    mode = AdaptationMode.ADAPT
    kept = "Alur pengaduan daring."
    changed = "Kanal disesuaikan dengan daerah."
    rationale = "Sumber daya terbatas."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the services and the admin do after a write to adaptations: the practice's kept
        # counts (``participants.proof``) include an adaptation of an approved proposal.
        adaptation = super()._create(model_class, *args, **kwargs)
        practice_proof_refresh(practice_ids=[adaptation.practice_id])
        return adaptation


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    proposal = factory.SubFactory(ChangeProposalFactory)
    term = MilestoneTerm.SHORT
    description = "Menyusun SOP."
    target_date = datetime.date(2018, 10, 1)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(ChangeProposalFactory)
    reviewer = factory.SubFactory(FacilitatorFactory)
    decision = ReviewDecision.COMMENT
    comments = "Perjelas tahapan."


# --- the proposal workflow ---------------------------------------------------------------------


def proposal_ready_to_submit(**kwargs) -> ChangeProposal:
    """A draft that may be submitted: one adapted practice with what is kept and what changes,
    and one milestone in each term."""
    proposal = ChangeProposalFactory(**kwargs)
    PracticeAdaptationFactory(proposal=proposal)
    for term in MilestoneTerm.values:
        MilestoneFactory(proposal=proposal, term=term, description=f"Tahap {term}.")
    return proposal


PROPOSAL_TEXT = {
    "title": "Aplikasi aduan masyarakat terpadu",
    "problem": "Aduan masyarakat tersebar di banyak kanal dan tidak ditindaklanjuti.",
    "goals": "Semua aduan tercatat dan dijawab dalam lima hari kerja.",
    "benefits": "Masyarakat mendapat kepastian.",
    "stakeholders": "Kepala dinas, Diskominfo.",
}

#: One milestone per term: the minimum to submit.
MILESTONE_ROWS = [
    {"term": "short", "description": "Menyusun SOP aduan.", "target_date": "2018-10-31"},
    {"term": "medium", "description": "Uji coba kanal daring.", "target_date": "2019-06-30"},
    {"term": "long", "description": "Terapkan di semua OPD.", "target_date": "2020-12-31"},
]


def adaptation_row(practice, **values) -> dict:
    """One adaptation row of the proposal form, adapting ``practice`` with all notes given."""
    return {
        "practice": practice.pk,
        "mode": "adapt",
        "kept": "Alur pengaduan daring.",
        "changed": "Kanal disesuaikan dengan daerah.",
        "rationale": "Sumber daya terbatas.",
        **values,
    }


def proposal_form_data(
    *, version=None, milestones=MILESTONE_ROWS, adaptations=(), action="save", **fields
) -> dict:
    """The POST data of the proposal form (``participants.forms.ProposalEditor``) as a browser
    sends it. Rows carrying an ``id`` are existing rows and come first, as Django expects."""
    data = {**PROPOSAL_TEXT, **fields, "action": action}
    if version is not None:
        data["version"] = str(version)
    for prefix, rows in (("milestones", milestones), ("adaptations", adaptations)):
        rows = sorted(rows, key=lambda row: "id" not in row)
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(sum("id" in row for row in rows))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{index}-{key}"] = "" if value is None else str(value)
    return data


def proposal_form_data_for(proposal: ChangeProposal, *, action="save", **fields) -> dict:
    """The form data of ``proposal`` as saved, opened at its current version."""
    milestones = [
        {
            "id": m.pk,
            "term": m.term,
            "description": m.description,
            "target_date": m.target_date.isoformat() if m.target_date else "",
        }
        for m in proposal.milestones.order_by("pk")
    ]
    adaptations = [
        {
            "id": a.pk,
            "practice": a.practice_id,
            "mode": a.mode,
            "kept": a.kept,
            "changed": a.changed,
            "rationale": a.rationale,
        }
        for a in proposal.adaptations.order_by("pk")
    ]
    text = {name: getattr(proposal, name) for name in PROPOSAL_TEXT}
    return proposal_form_data(
        version=proposal.version,
        milestones=milestones,
        adaptations=adaptations,
        action=action,
        **{**text, **fields},
    )
