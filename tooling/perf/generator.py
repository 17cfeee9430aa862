"""The national-scale data set of ``manage.py bench``, generated into an empty database.

With ``bulk_create`` and a fixed random seed it writes 38 institutions (one BPSDM per
province), 200 cohorts, 400 visits, 380 host agencies, 10,000 participants, 300 facilitators,
20,000 practices (each observed on one visit, 1–2 sectors), 10,000 proposals with 30,000
adaptations and 30,000 milestones, and the life after approval of the proposals carried out
(``tooling.perf.lifecycle``); ``scale`` multiplies the cohorts, visits, people,
practices and proposals. The words of its texts are in ``data/``.
"""

import datetime
import functools
import random
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from benchmarking.models import Cohort, HostAgency, Institution, Province, Visit, VisitGroup
from best_practices.models import (
    BestPractice,
    PracticeObservation,
    Sector,
    Stage,
)
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
)
from tooling.perf.lifecycle import lifecycle_create

SIZES = {
    "cohorts": 200,
    "visits": 400,
    "agencies_per_province": 10,
    "participants": 10_000,
    "facilitators": 300,
    "practices": 20_000,
    "proposals": 10_000,
    "adaptations_per_proposal": 3,
}
BENCH_USERNAME = "bench-peserta"
BENCH_COACH = "bench-coach"
BATCH = 2_000
DATA_DIR = Path(__file__).resolve().parent / "data"

SYLLABLES = "ka la ma pa ra sa ta na ga da ba wa ya ri ku lo mi to pe go".split()


@functools.cache
def vocabulary() -> tuple[list[str], list[float], list[str]]:
    """The words of the generated texts with their Zipf-like weights, and the agency kinds.

    A few words ("pelayanan", "masyarakat") are in many practices, most in few, as in real
    reports; ``data/words.txt`` lists them most frequent first.
    """
    words = (DATA_DIR / "words.txt").read_text(encoding="utf-8").split()
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(words))]
    kinds = (DATA_DIR / "agency_kinds.txt").read_text(encoding="utf-8").splitlines()
    return words, weights, kinds


def _text(rng: random.Random, n: int) -> str:
    words, weights, _ = vocabulary()
    return " ".join(rng.choices(words, weights=weights, k=n)).capitalize() + "."


def _name(rng: random.Random) -> str:
    """A distinctive made-up innovation name ("Si..."), as real practices have."""
    return "Si" + "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _nip(i: int) -> str:
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=i % 9000)
    return f"{birth:%Y%m%d}{birth.year + 25}{(i % 12) + 1:02d}{1 + i % 2}{(i % 999) + 1:03d}"[:18]


#: What ``--scale`` multiplies; the rest (agencies per province, adaptations per proposal) stays.
SCALED = ("cohorts", "visits", "participants", "facilitators", "practices", "proposals")
#: The practices the proposals adapt are drawn from the first ones, per scale unit.
ADAPTED_POOL = 2_000
#: Rows built in memory at once, so that ``--scale 10`` stays within a few hundred MB.
CHUNK = 20_000


def sizes_for(scale: int = 1) -> dict[str, int]:
    """The data set's sizes at ``scale`` times the national one."""
    return {name: size * scale if name in SCALED else size for name, size in SIZES.items()}


@transaction.atomic
def generate(*, seed: int = 2018, scale: int = 1, log: Callable[[str], None] = print) -> None:
    """Write the national-scale data set, ``scale`` times over, into the (empty) database."""
    rng = random.Random(seed)
    sizes = sizes_for(scale)
    agency_kinds = vocabulary()[2]
    provinces = list(Province.objects.all())
    sectors = list(Sector.objects.all())
    institutions = Institution.objects.bulk_create(
        Institution(name=f"BPSDM Provinsi {p.name}", short_name=f"BPSDM {p.code}", province=p)
        for p in provinces
    )
    agencies = HostAgency.objects.bulk_create(
        HostAgency(name=f"{kind} Provinsi {p.name}", province=p)
        for p in provinces
        for kind in agency_kinds[: sizes["agencies_per_province"]]
    )
    cohorts = Cohort.objects.bulk_create(
        Cohort(
            institution=institutions[i % len(institutions)],
            name=f"Angkatan {i // len(institutions) + 1}",
            year=2015 + i % 10,
        )
        for i in range(sizes["cohorts"])
    )
    visits = Visit.objects.bulk_create(
        Visit(
            cohort=cohorts[i % len(cohorts)],
            host_province=rng.choice(provinces),
            title=f"Kunjungan benchmarking {i}",
            summary=_text(rng, 30),
            start_date=datetime.date(2015 + i % 10, 1 + i % 12, 1 + i % 27),
            end_date=datetime.date(2015 + i % 10, 1 + i % 12, 1 + i % 27),
        )
        for i in range(sizes["visits"])
    )
    groups = VisitGroup.objects.bulk_create(
        VisitGroup(visit=v, name=f"Kelompok {g}", report=_text(rng, 40))
        for v in visits
        for g in (1, 2)
    )
    log("benchmarking: done")
    by_province = {}
    for agency in agencies:
        by_province.setdefault(agency.province_id, []).append(agency)
    practice_ids = []
    for start in range(0, sizes["practices"], CHUNK):
        stop = min(start + CHUNK, sizes["practices"])
        practice_ids += _practices_create(rng, range(start, stop), visits, by_province, sectors)
    log(f"best practices: {len(practice_ids):,} done")
    User = get_user_model()
    bench_user, _ = User.objects.get_or_create(username=BENCH_USERNAME)
    coach_user, _ = User.objects.get_or_create(username=BENCH_COACH)
    participants = Participant.objects.bulk_create(
        (
            Participant(
                full_name=f"Peserta {i}",
                nip=_nip(i),
                position="Kepala Seksi",
                agency=rng.choice(agency_kinds),
                cohort=cohorts[i % len(cohorts)],
                visit_group=groups[i % len(groups)],
                user=bench_user if i == 0 else None,
            )
            for i in range(sizes["participants"])
        ),
        batch_size=BATCH,
    )
    facilitators = Facilitator.objects.bulk_create(
        Facilitator(
            full_name=f"Fasilitator {i}",
            role=FacilitatorRole.COACH if i % 2 == 0 else FacilitatorRole.MENTOR,
            institution=institutions[i % len(institutions)],
            user=coach_user if i == 0 else None,
        )
        for i in range(sizes["facilitators"])
    )
    coaches = [f for f in facilitators if f.role == FacilitatorRole.COACH]
    mentors = [f for f in facilitators if f.role == FacilitatorRole.MENTOR]
    pool = practice_ids[: ADAPTED_POOL * scale]
    for start in range(0, sizes["proposals"], CHUNK):
        numbers = range(start, min(start + CHUNK, sizes["proposals"]))
        _proposals_create(rng, numbers, participants, coaches, mentors, pool, sizes)
    log("participants: done")
    bench_proposal = ChangeProposal.objects.filter(participant__user=bench_user).first()
    lifecycle_create(rng=rng, text=_text, bench_proposal=bench_proposal)
    log("implementation, reports, evaluations and follow-ups: done")


def _practices_create(rng, numbers, visits, by_province, sectors) -> list[int]:
    """Practices number ``numbers``, each observed on one visit, with 1–2 sectors: their ids."""
    practices = []
    for i in numbers:
        visit = visits[i % len(visits)]
        practices.append(
            BestPractice(
                title=f"{_name(rng)}: {_text(rng, 5)[:-1]} {i}",
                slug=f"praktik-{i}",
                summary=_text(rng, 25),
                description=_text(rng, 120),
                key_to_success=_text(rng, 30),
                host_province_id=visit.host_province_id,
                host_agency=rng.choice(by_province[visit.host_province_id]),
                year_started=2010 + i % 14,
                stage=rng.choice(Stage.values),
                is_digital=rng.random() < 0.5,
                improves_speed=rng.random() < 0.4,
                improves_ease=rng.random() < 0.4,
                improves_cost=rng.random() < 0.3,
                improves_transparency=rng.random() < 0.3,
                improves_accountability=rng.random() < 0.3,
            )
        )
    practices = BestPractice.objects.bulk_create(practices, batch_size=BATCH)
    PracticeObservation.objects.bulk_create(
        (
            PracticeObservation(practice=p, visit=visits[i % len(visits)])
            for i, p in zip(numbers, practices, strict=True)
        ),
        batch_size=BATCH,
    )
    through = BestPractice.sectors.through
    links = []
    for p in practices:
        for s in rng.sample(sectors, rng.choice((1, 2))):
            links.append(through(bestpractice_id=p.pk, sector_id=s.pk))
    through.objects.bulk_create(links, batch_size=BATCH)
    return [p.pk for p in practices]


def _proposals_create(rng, numbers, participants, coaches, mentors, pool, sizes) -> None:
    """Proposals number ``numbers``, each adapting a few of the practices ``pool``, with a
    milestone in each term."""
    now = timezone.now()
    proposals = ChangeProposal.objects.bulk_create(
        (
            ChangeProposal(
                participant=participants[i % len(participants)],
                title=f"Rancangan proyek perubahan {_text(rng, 6)[:-1]}",
                problem=_text(rng, 40),
                goals=_text(rng, 20),
                benefits=_text(rng, 20),
                stakeholders=_text(rng, 10),
                status=rng.choice(ProposalStatus.values),
                submitted_at=now,
                coach=coaches[i % len(coaches)],
                mentor=mentors[i % len(mentors)],
            )
            for i in numbers
        ),
        batch_size=BATCH,
    )
    adaptations, milestones = [], []
    for proposal in proposals:
        for practice_id in rng.sample(pool, sizes["adaptations_per_proposal"]):
            adaptations.append(
                PracticeAdaptation(
                    proposal=proposal,
                    practice_id=practice_id,
                    mode=rng.choice(AdaptationMode.values),
                    kept=_text(rng, 10),
                    changed=_text(rng, 10),
                    rationale=_text(rng, 10),
                )
            )
        for term in MilestoneTerm.values:
            milestones.append(Milestone(proposal=proposal, term=term, description=_text(rng, 12)))
    PracticeAdaptation.objects.bulk_create(adaptations, batch_size=BATCH)
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
