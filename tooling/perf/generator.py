"""National-scale benchmark: a generated data set and server-side timings of every page.

``make bench`` runs ``manage.py bench`` against its own database (``lokus_bench`` on
PostgreSQL by default, never the demo database). The generator writes, with ``bulk_create``
and a fixed random seed: 38 institutions (one BPSDM per province), 200 cohorts, 400 visits,
380 host agencies, 10,000 participants, 300 facilitators, 20,000 practices (each observed on
one visit, 1–2 sectors), 10,000 proposals with 30,000 adaptations and 30,000 milestones.
The timings are in-process (Django's test client, no network): the median and 95th
percentile of the server time over repeated requests, and the query count of one request.
"""

import datetime
import random
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarking.models import Cohort, HostAgency, Institution, Province, Visit, VisitGroup
from best_practices.models import (
    BestPractice,
    CatalogVersion,
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

# A Zipf-like vocabulary: a few words ("pelayanan", "masyarakat") are in many practices, most
# in few, as in real reports; each practice also gets a distinctive made-up name ("Si...").
WORDS = (
    "pelayanan masyarakat aplikasi daring digital inovasi daerah program sistem informasi "
    "perizinan terpadu pintu transparansi akuntabilitas integritas reformasi birokrasi aduan "
    "kreativitas aparatur pembangunan kesehatan pendidikan puskesmas sekolah desa keuangan "
    "anggaran pajak retribusi kependudukan pencatatan sipil perpustakaan arsip pertanian "
    "nelayan pasar koperasi usaha mikro pariwisata budaya lingkungan sampah air bersih jalan "
    "transportasi bencana kepegawaian kinerja evaluasi data statistik peta geospasial "
    "posyandu stunting gizi ibu anak lansia disabilitas beasiswa guru siswa madrasah vaksin "
    "imunisasi rujukan ambulans bidan perawat dokter obat apotek klinik rumah sakit jaminan "
    "sosial bantuan pangan beras lumbung irigasi pupuk benih ternak sapi kambing ikan tambak "
    "garam hutan mangrove konservasi energi surya listrik tambang migas industri kerajinan "
    "batik tenun ekspor investasi modal promosi festival museum cagar seni tari musik "
    "olahraga pemuda relawan pramuka karang taruna kampung tematik rumah layak huni sanitasi "
    "drainase banjir longsor mitigasi tanggap darurat pemadam kebakaran satpol ketertiban "
    "keamanan lalu lintas angkutan terminal pelabuhan bandara jembatan tol sertifikat tanah "
    "agraria tata ruang zonasi bangunan gedung izin mendirikan retribusi parkir pendapatan "
    "aset barang jasa pengadaan elektronik katalog lelang audit inspektorat pengawasan "
    "gratifikasi pungli whistleblowing survei kepuasan indeks mal tanda tangan kearsipan "
    "persuratan naskah dinas rapat daring video konferensi pesan singkat media sosial "
    "kanal laporan keluhan masukan saran tindak lanjut respons cepat dasbor pimpinan "
    "perencanaan musrenbang partisipatif gender perempuan perlindungan kekerasan "
    "ketenagakerjaan pelatihan kerja magang wirausaha UMKM pemasaran toko bumdes dana desa"
).split()
ZIPF_WEIGHTS = [1 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]
SYLLABLES = "ka la ma pa ra sa ta na ga da ba wa ya ri ku lo mi to pe go".split()
AGENCY_KINDS = [
    "Dinas Komunikasi dan Informatika",
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Badan Pendapatan Daerah",
    "Biro Organisasi",
    "Dinas Penanaman Modal dan PTSP",
    "Badan Kepegawaian Daerah",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Perencanaan Pembangunan Daerah",
    "Inspektorat",
]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, weights=ZIPF_WEIGHTS, k=n)).capitalize() + "."


def _name(rng: random.Random) -> str:
    return "Si" + "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _nip(i: int) -> str:
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=i % 9000)
    return f"{birth:%Y%m%d}{birth.year + 25}{(i % 12) + 1:02d}{1 + i % 2}{(i % 999) + 1:03d}"[:18]


@transaction.atomic
def generate(*, seed: int = 2018, log: Callable[[str], None] = print) -> None:
    """Write the national-scale data set into the (empty) current database."""
    rng = random.Random(seed)
    provinces = list(Province.objects.all())
    sectors = list(Sector.objects.all())
    institutions = Institution.objects.bulk_create(
        Institution(name=f"BPSDM Provinsi {p.name}", short_name=f"BPSDM {p.code}", province=p)
        for p in provinces
    )
    agencies = HostAgency.objects.bulk_create(
        HostAgency(name=f"{kind} Provinsi {p.name}", province=p)
        for p in provinces
        for kind in AGENCY_KINDS[: SIZES["agencies_per_province"]]
    )
    cohorts = Cohort.objects.bulk_create(
        Cohort(
            institution=institutions[i % len(institutions)],
            name=f"Angkatan {i // len(institutions) + 1}",
            year=2015 + i % 10,
        )
        for i in range(SIZES["cohorts"])
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
        for i in range(SIZES["visits"])
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
    practices = []
    for i in range(SIZES["practices"]):
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
            for i, p in enumerate(practices)
        ),
        batch_size=BATCH,
    )
    through = BestPractice.sectors.through
    links = []
    for p in practices:
        for s in rng.sample(sectors, rng.choice((1, 2))):
            links.append(through(bestpractice_id=p.pk, sector_id=s.pk))
    through.objects.bulk_create(links, batch_size=BATCH)
    log("best practices: done")
    User = get_user_model()
    bench_user, _ = User.objects.get_or_create(username=BENCH_USERNAME)
    coach_user, _ = User.objects.get_or_create(username=BENCH_COACH)
    participants = Participant.objects.bulk_create(
        (
            Participant(
                full_name=f"Peserta {i}",
                nip=_nip(i),
                position="Kepala Seksi",
                agency=rng.choice(AGENCY_KINDS),
                cohort=cohorts[i % len(cohorts)],
                visit_group=groups[i % len(groups)],
                user=bench_user if i == 0 else None,
            )
            for i in range(SIZES["participants"])
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
        for i in range(SIZES["facilitators"])
    )
    coaches = [f for f in facilitators if f.role == FacilitatorRole.COACH]
    mentors = [f for f in facilitators if f.role == FacilitatorRole.MENTOR]
    now = timezone.now()
    proposals = ChangeProposal.objects.bulk_create(
        (
            ChangeProposal(
                participant=participants[i],
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
            for i in range(SIZES["proposals"])
        ),
        batch_size=BATCH,
    )
    adaptations, milestones = [], []
    for proposal in proposals:
        for practice in rng.sample(practices[:2000], SIZES["adaptations_per_proposal"]):
            adaptations.append(
                PracticeAdaptation(
                    proposal=proposal,
                    practice=practice,
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
    log("participants: done")


@dataclass
class Timing:
    label: str
    path: str
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def catalog_changed() -> None:
    """What an organizer's edit of a practice does to the facet index: a new catalog token
    (``best_practices.facet_index``), so the next request reads the index again.
    """
    CatalogVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def measure(*, paths: list[tuple], repeat: int = 30) -> list[Timing]:
    """Time each ``(label, path, username)`` ``repeat`` times after one warm-up request.

    A path may carry a fourth item, a function called (untimed) before each request.
    """
    User = get_user_model()
    results = []
    for label, path, username, *before in paths:
        prepare = before[0] if before else (lambda: None)
        client = Client(HTTP_HOST="127.0.0.1")
        if username:
            client.force_login(User.objects.get(username=username))
        response = client.get(path)  # warm-up: caches, compiled templates
        times = []
        for _ in range(repeat):
            prepare()
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        prepare()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append(
            Timing(label, path, statistics.median(times), p95, len(queries), response.status_code)
        )
    return results
