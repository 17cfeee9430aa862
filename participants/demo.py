"""The demo data of Lokus, drawn from the source article, and the function that writes it.

The article (``shared/seed/000_20f82c4eac585cb7.txt``) reports the benchmarking visit of
BPSDM Provinsi Lampung's Diklatpim IV participants to Pemerintah Provinsi Jawa Tengah on
Tuesday 28 August 2018: the two officials who spoke, and the practices Jawa Tengah presented.
The visit, the officials, their remarks and the five practices come from the article; what it
does not say (the host agencies' names, the practices' details and years, the groups,
participants, NIPs, facilitators and proposals) is plausible, invented demonstration data.

``demo_data_ensure()`` is idempotent. Every row is looked up by its natural key (a practice by
its slug, a participant by NIP, a proposal by participant and title, ...) and created only
when it is missing; a row that exists is neither changed nor saved again, so a second run
writes nothing, not even a history row, and what a user changed while trying the demo (a
proposal submitted, a title edited) survives a re-run. The four demo accounts are the one
exception, by choice: their role flags, the organizer group, the organizer's institution
(``penyelenggara`` organizes BPSDM Provinsi Lampung) and the password are brought back to the
demo's, so that ``seed_demo --password ...`` on an existing database changes the passwords.
Such a user row is saved only when something differs; no row is created for it.

A new submitted or decided proposal also gets its status timeline (``ProposalStatusChange``)
and its reviews, dated in 2018 like its submission, as the workflow would have recorded them.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils.text import slugify

from benchmarking.models import (
    Cohort,
    HostAgency,
    Institution,
    OfficialSide,
    Program,
    Province,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from best_practices.models import (
    QUALITY_FIELDS,
    BestPractice,
    PracticeObservation,
    Sector,
    ServiceQuality,
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
    ProposalStatusChange,
    Review,
    ReviewDecision,
)
from participants.roles import ORGANIZER_GROUP, organizer_group_ensure

DEMO_PASSWORD = "lokus-demo"
#: Recorded as the change reason of the history rows the demo writes.
CHANGE_REASON = "Data demo (seed_demo)"
#: The visit took place in Semarang; the demo's times are Western Indonesian Time.
WIB = ZoneInfo("Asia/Jakarta")

HOME_PROVINCE = "18"  # Lampung
HOST_PROVINCE = "33"  # Jawa Tengah

INSTITUTION = {
    "name": "Badan Pengembangan Sumber Daya Manusia Provinsi Lampung",
    "short_name": "BPSDM Provinsi Lampung",
}
COHORT = {"program": Program.DIKLATPIM_IV, "name": "Angkatan I", "year": 2018}

VISIT_DATE = datetime.date(2018, 8, 28)
VISIT = {
    "title": (
        "Benchmarking Diklatpim Tingkat IV BPSDM Provinsi Lampung ke Pemerintah Provinsi "
        "Jawa Tengah"
    ),
    "summary": (
        "Jajaran BPSDM Provinsi Lampung bersama peserta Diklat Kepemimpinan Tingkat IV "
        "melakukan benchmarking ke Pemerintah Provinsi Jawa Tengah di Semarang pada Selasa, "
        "28 Agustus 2018. Jawa Tengah dipilih karena pembangunannya dinilai sangat pesat "
        "sehingga mampu mencapai beberapa prestasi membanggakan.\n\n"
        "Peserta, pejabat pengawas dari beberapa organisasi perangkat daerah Pemprov Lampung, "
        "mengumpulkan dan mengidentifikasi data serta informasi keunggulan mitra sebagai "
        "pembanding dalam implementasi kegiatan di daerah asal, mencari kunci keberhasilan "
        "mitra, dan menyiapkan rencana perubahan dengan mengadopsi dan mengadaptasi praktik "
        "baik Jawa Tengah: pelayanan publik melalui berbagai aplikasi, kanal aduan, keluhan "
        "dan masukan masyarakat, keterbukaan informasi pembangunan, reformasi birokrasi dan "
        "pembangunan integritas, serta inovasi dan kreativitas aparatur."
    ),
}

OFFICIALS = [
    {
        "name": "Hery Suliyanto",
        "position": "Asisten Bidang Pemerintahan Provinsi Lampung",
        "side": OfficialSide.VISITING,
        "order": 1,
        "remarks": (
            "“Harapannya, peserta dapat menimba pengalaman dari keberhasilan Pemprov Jawa "
            "Tengah.”\n\n"
            "Menurutnya, esensi dasar mata diklat Benchmark to Best Practice adalah belajar "
            "tentang proses perubahan dan tokoh atau pemangku kepentingan yang terkait dengan "
            "perubahan itu sendiri di lokus. “Sehingga menambah wawasan dan pengkayaan "
            "rancangan proposal perubahan yang akan disusun oleh peserta Diklatpim tingkat IV "
            "sebagai tindak lanjut hasil diagnosa, taking ownership, dan penjelasan proyek "
            "perubahan.”"
        ),
    },
    {
        "name": "Edy Supriyanto",
        "position": "Plh. Asisten Bidang Administrasi Pemprov Jateng",
        "side": OfficialSide.HOST,
        "order": 2,
        "remarks": (
            "Sebagai provinsi dengan wilayah luas dan padat penduduk, Jawa Tengah perlu "
            "menggenjot pembangunan di segala sektor. “Birokrasi sebagai salah satu kekuatan "
            "pembangunan kita dorong agar makin profesional. Karena itu reformasi birokrasi "
            "digencarkan. Pembangunan integritas terus dilakukan dan mengembangkan inovasi dan "
            "kreativitas aparatur pemerintah.”\n\n"
            "Melalui pendayagunaan teknologi informasi secara tepat, kerja birokrasi di Jawa "
            "Tengah makin profesional: dengan berbagai aplikasi, layanan masyarakat kian cepat, "
            "mudah, murah, transparan, dan akuntabel. “Masyarakat juga makin mudah memperoleh "
            "informasi pembangunan. Sekaligus dapat menyampaikan aduan, keluhan, dan masukan "
            "untuk perbaikan kerja pembangunan di Jateng.”"
        ),
    },
]

#: key -> name of an OPD of Pemprov Jawa Tengah visited on the day.
HOST_AGENCIES = {
    "biro_organisasi": "Biro Organisasi Setda Provinsi Jawa Tengah",
    "diskominfo": "Dinas Komunikasi dan Informatika Provinsi Jawa Tengah",
    "dpmptsp": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Jawa Tengah",
    "bpsdmd": "Badan Pengembangan Sumber Daya Manusia Daerah Provinsi Jawa Tengah",
}

PRESENTED_BY_HOST = (
    "Dipaparkan oleh Plh. Asisten Bidang Administrasi Pemprov Jateng, Edy Supriyanto."
)

#: key -> a practice of Jawa Tengah described in the article.
PRACTICES = {
    "aplikasi": {
        "title": "Pelayanan publik berbasis aplikasi yang cepat, mudah, murah, transparan dan akuntabel",
        "host_agency": "diskominfo",
        "sectors": ["kominfo", "penanaman-modal"],
        "year_started": 2014,
        "stage": Stage.APPLIED,
        "is_digital": True,
        "qualities": {
            ServiceQuality.FAST,
            ServiceQuality.EASY,
            ServiceQuality.CHEAP,
            ServiceQuality.TRANSPARENT,
            ServiceQuality.ACCOUNTABLE,
        },
        "summary": (
            "Pemprov Jawa Tengah mendayagunakan teknologi informasi secara tepat: berbagai "
            "layanan masyarakat diajukan dan dipantau melalui aplikasi, sehingga makin cepat, "
            "mudah, murah, transparan dan akuntabel."
        ),
        "description": (
            "Pelayanan yang semula mengharuskan masyarakat datang ke kantor dan menunggu kini "
            "dapat diajukan melalui aplikasi. Pemohon mengetahui persyaratan, biaya dan waktu "
            "penyelesaian sejak awal, memantau status permohonannya, dan menerima hasilnya "
            "tanpa perantara. Dengan begitu kerja birokrasi makin profesional dan kinerja "
            "layanan dapat diukur."
        ),
        "key_to_success": (
            "Komitmen pimpinan daerah untuk mendayagunakan teknologi informasi, dan aplikasi "
            "layanan OPD yang dikoordinasikan oleh Dinas Komunikasi dan Informatika."
        ),
        "supporting_factors": (
            "Jaringan internet hingga kabupaten/kota; pengelola TI di setiap OPD; peraturan "
            "gubernur tentang penyelenggaraan pemerintahan berbasis elektronik."
        ),
        "inhibiting_factors": (
            "Literasi digital masyarakat yang belum merata; aplikasi OPD yang dibangun sendiri-"
            "sendiri dan belum saling terhubung; jaringan yang terbatas di daerah terpencil."
        ),
        "replication_prerequisites": (
            "Standar pelayanan dan SOP yang jelas sebelum layanan didigitalkan; peta proses "
            "bisnis layanan; anggaran pemeliharaan aplikasi; petugas pendamping bagi pemohon "
            "yang belum terbiasa dengan layanan daring."
        ),
        "stakeholders": (
            "Gubernur dan Sekretaris Daerah; Dinas Komunikasi dan Informatika; OPD penyelenggara "
            "layanan; masyarakat dan pelaku usaha pengguna layanan."
        ),
        "outcomes": (
            "Waktu dan biaya layanan berkurang karena pemohon tidak perlu datang berulang kali; "
            "status layanan dapat dipantau; kinerja layanan terukur dan dapat "
            "dipertanggungjawabkan."
        ),
    },
    "aduan": {
        "title": "Kanal aduan, keluhan dan masukan masyarakat",
        "host_agency": "diskominfo",
        "sectors": ["kominfo"],
        "year_started": 2014,
        "stage": Stage.APPLIED,
        "is_digital": True,
        "qualities": {
            ServiceQuality.FAST,
            ServiceQuality.EASY,
            ServiceQuality.TRANSPARENT,
            ServiceQuality.ACCOUNTABLE,
        },
        "summary": (
            "Masyarakat dapat menyampaikan aduan, keluhan dan masukan untuk perbaikan kerja "
            "pembangunan di Jawa Tengah melalui kanal daring, dan setiap aduan diteruskan ke "
            "OPD yang berwenang untuk ditindaklanjuti."
        ),
        "description": (
            "Aduan masyarakat diterima melalui aplikasi, situs web, media sosial dan pesan "
            "singkat, dicatat di satu tempat, lalu diteruskan kepada OPD yang berwenang. "
            "Pelapor dapat mengikuti tindak lanjut aduannya, dan rekap aduan menjadi bahan "
            "evaluasi pimpinan."
        ),
        "key_to_success": (
            "Setiap aduan memiliki penanggung jawab dan batas waktu tindak lanjut di OPD "
            "terkait, dan penanganannya dipantau langsung oleh pimpinan."
        ),
        "supporting_factors": (
            "Komitmen gubernur untuk menanggapi aduan; kanal yang beragam dan mudah dijangkau; "
            "admin pengelola aduan di setiap OPD."
        ),
        "inhibiting_factors": (
            "Aduan yang kurang jelas atau di luar kewenangan provinsi; OPD yang lambat "
            "menindaklanjuti; harapan masyarakat akan jawaban seketika."
        ),
        "replication_prerequisites": (
            "Regulasi pengelolaan pengaduan dan pembagian kewenangan antar-OPD; standar waktu "
            "tanggapan; petugas pengelola di setiap OPD; laporan berkala kepada pimpinan."
        ),
        "stakeholders": (
            "Gubernur; Dinas Komunikasi dan Informatika sebagai pengelola; seluruh OPD sebagai "
            "penindak lanjut; masyarakat pelapor; media."
        ),
        "outcomes": (
            "Keluhan masyarakat tertangani dan terdokumentasi; masukan publik menjadi bahan "
            "perbaikan program pembangunan; kepercayaan masyarakat kepada pemerintah meningkat."
        ),
    },
    "informasi": {
        "title": "Keterbukaan informasi pembangunan bagi masyarakat",
        "host_agency": "diskominfo",
        "sectors": ["kominfo", "perencanaan"],
        "year_started": 2015,
        "stage": Stage.APPLIED,
        "is_digital": True,
        "qualities": {ServiceQuality.EASY, ServiceQuality.TRANSPARENT, ServiceQuality.ACCOUNTABLE},
        "summary": (
            "Masyarakat makin mudah memperoleh informasi pembangunan di Jawa Tengah: rencana, "
            "anggaran dan capaian kegiatan dipublikasikan secara terbuka dan mudah diakses."
        ),
        "description": (
            "Setiap OPD memublikasikan rencana kerja, anggaran dan capaian kinerjanya secara "
            "berkala melalui portal dan media sosial pemerintah provinsi. Permohonan informasi "
            "dilayani oleh Pejabat Pengelola Informasi dan Dokumentasi (PPID), sehingga "
            "masyarakat dapat ikut mengawasi pelaksanaan pembangunan."
        ),
        "key_to_success": (
            "Informasi pembangunan dipandang sebagai hak publik; setiap OPD wajib memublikasikan "
            "rencana, anggaran dan capaian kinerjanya secara berkala."
        ),
        "supporting_factors": (
            "PPID di setiap OPD; Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan "
            "Informasi Publik; portal dan media sosial pemerintah provinsi."
        ),
        "inhibiting_factors": (
            "Data yang tersebar di banyak OPD dengan format berbeda; kekhawatiran sebagian "
            "pejabat terhadap kritik publik."
        ),
        "replication_prerequisites": (
            "PPID yang aktif; daftar informasi publik; standar data dan jadwal pemutakhiran; "
            "dukungan pimpinan."
        ),
        "stakeholders": (
            "PPID utama dan PPID pembantu; Bappeda; Dinas Komunikasi dan Informatika; Komisi "
            "Informasi; masyarakat dan media."
        ),
        "outcomes": (
            "Masyarakat dapat mengawasi pelaksanaan pembangunan; sengketa informasi berkurang; "
            "partisipasi publik dalam perencanaan meningkat."
        ),
    },
    "integritas": {
        "title": "Reformasi birokrasi dan pembangunan integritas aparatur",
        "host_agency": "biro_organisasi",
        "sectors": ["kepegawaian"],
        "year_started": 2013,
        "stage": Stage.APPLIED,
        "is_digital": False,
        "qualities": {ServiceQuality.TRANSPARENT, ServiceQuality.ACCOUNTABLE},
        "summary": (
            "Agar birokrasi sebagai salah satu kekuatan pembangunan makin profesional, Pemprov "
            "Jawa Tengah menggencarkan reformasi birokrasi dan terus membangun integritas "
            "aparaturnya."
        ),
        "description": (
            "Reformasi birokrasi dijalankan sebagai gerakan bersama seluruh OPD: pakta "
            "integritas, pembangunan zona integritas, penataan kelembagaan dan tata laksana, "
            "serta evaluasi berkala atas akuntabilitas kinerja setiap unit."
        ),
        "key_to_success": (
            "Keteladanan pimpinan dan konsistensi: reformasi birokrasi dijalankan sebagai "
            "gerakan bersama seluruh OPD, bukan sekadar kewajiban administratif."
        ),
        "supporting_factors": (
            "Peta jalan reformasi birokrasi; pembangunan zona integritas menuju WBK/WBBM; "
            "evaluasi berkala oleh Biro Organisasi dan Inspektorat."
        ),
        "inhibiting_factors": (
            "Budaya kerja lama yang sulit diubah; anggapan bahwa reformasi birokrasi hanya "
            "urusan dokumen; mutasi pegawai yang memutus keberlanjutan."
        ),
        "replication_prerequisites": (
            "Komitmen tertulis pimpinan (pakta integritas); tim reformasi birokrasi di setiap "
            "unit; indikator kinerja yang terukur; mekanisme penghargaan dan sanksi."
        ),
        "stakeholders": (
            "Gubernur dan Sekretaris Daerah; Biro Organisasi; Inspektorat; Badan Kepegawaian "
            "Daerah; seluruh aparatur sipil negara."
        ),
        "outcomes": (
            "Birokrasi makin profesional; nilai evaluasi reformasi birokrasi dan akuntabilitas "
            "kinerja meningkat; praktik pungutan liar berkurang."
        ),
    },
    "inovasi": {
        "title": "Inovasi dan kreativitas aparatur pemerintah",
        "host_agency": "bpsdmd",
        "sectors": ["diklat", "litbang"],
        "year_started": 2016,
        "stage": Stage.APPLIED,
        "is_digital": False,
        "qualities": {ServiceQuality.FAST, ServiceQuality.EASY},
        "summary": (
            "Pemprov Jawa Tengah mendorong aparatur pemerintah untuk terus berinovasi dan "
            "berkreasi dalam memperbaiki layanan dan kerja birokrasi."
        ),
        "description": (
            "Gagasan perbaikan dari aparatur, termasuk proyek perubahan alumni diklat "
            "kepemimpinan, didampingi hingga diterapkan, dipantau keberlanjutannya, dan "
            "diberi penghargaan bila berhasil."
        ),
        "key_to_success": (
            "Ruang bagi aparatur untuk mencoba gagasan baru, dengan pendampingan dan penghargaan "
            "bagi inovasi yang berhasil."
        ),
        "supporting_factors": (
            "Proyek perubahan peserta diklat kepemimpinan yang dilanjutkan setelah diklat; "
            "kompetisi inovasi pelayanan publik; dukungan BPSDMD dalam pengembangan kompetensi."
        ),
        "inhibiting_factors": (
            "Takut salah karena aturan yang kaku; inovasi yang berhenti ketika penggagasnya "
            "pindah tugas; keterbatasan anggaran."
        ),
        "replication_prerequisites": (
            "Kebijakan yang melindungi dan menghargai inovator; basis data inovasi; "
            "pendampingan dan pemantauan keberlanjutan inovasi."
        ),
        "stakeholders": (
            "BPSDMD; Biro Organisasi; Badan Penelitian dan Pengembangan; OPD pelaksana inovasi; "
            "alumni diklat kepemimpinan."
        ),
        "outcomes": (
            "Bertambahnya inovasi layanan yang diterapkan OPD; proyek perubahan alumni diklat "
            "berlanjut; budaya kerja yang kreatif dan berorientasi solusi."
        ),
    },
}

#: key -> a kelompok, sent to one locus.
GROUPS = {
    "kelompok_1": {
        "name": "Kelompok 1",
        "host_agency": "diskominfo",
        "report": (
            "Kelompok 1 mempelajari kanal aduan, keluhan dan masukan masyarakat serta "
            "keterbukaan informasi pembangunan di Dinas Komunikasi dan Informatika Provinsi "
            "Jawa Tengah. Pelajaran utama: setiap aduan memiliki penanggung jawab dan batas "
            "waktu tindak lanjut di OPD terkait, dan informasi pembangunan dipublikasikan "
            "secara berkala sehingga masyarakat ikut mengawasi. Kunci keberhasilannya adalah "
            "komitmen pimpinan dan pengelola yang ditunjuk di setiap OPD."
        ),
    },
    "kelompok_2": {
        "name": "Kelompok 2",
        "host_agency": "dpmptsp",
        "report": (
            "Kelompok 2 mengamati pelayanan perizinan berbasis aplikasi di Dinas Penanaman "
            "Modal dan Pelayanan Terpadu Satu Pintu Provinsi Jawa Tengah. Permohonan diajukan "
            "dan dipantau secara daring, sehingga layanan makin cepat, mudah, murah, "
            "transparan dan akuntabel. Prasyaratnya: standar pelayanan dan SOP yang jelas "
            "sebelum layanan didigitalkan, serta petugas pendamping bagi pemohon."
        ),
    },
    "kelompok_3": {
        "name": "Kelompok 3",
        "host_agency": "biro_organisasi",
        "report": (
            "Kelompok 3 mempelajari reformasi birokrasi dan pembangunan integritas di Biro "
            "Organisasi Setda Provinsi Jawa Tengah, serta cara Pemprov Jawa Tengah menumbuhkan "
            "inovasi dan kreativitas aparatur. Pelajaran utama: reformasi birokrasi berhasil "
            "bila dijalankan sebagai gerakan bersama dengan keteladanan pimpinan, bukan "
            "sekadar pemenuhan dokumen."
        ),
    },
}

#: key -> a facilitator of the institution.
FACILITATORS = {
    "coach": {
        "full_name": "Dra. Rina Marlina, M.Si.",
        "role": FacilitatorRole.COACH,
        "position": "Widyaiswara Ahli Madya",
        "email": "coach@example.org",
    },
    "mentor": {
        "full_name": "Ir. Syahrial Effendi, M.M.",
        "role": FacilitatorRole.MENTOR,
        "position": "Kepala Bidang Pengembangan Kompetensi Manajerial",
        "email": "mentor@example.org",
    },
    "examiner": {
        "full_name": "Dr. Bambang Sutrisno, M.Pd.",
        "role": FacilitatorRole.EXAMINER,
        "position": "Widyaiswara Ahli Utama",
        "email": "penguji@example.org",
    },
}

#: key -> a participant: pejabat pengawas of an OPD of Pemprov Lampung.
PARTICIPANTS = {
    "andi": {
        "full_name": "Andi Saputra, S.Kom.",
        "nip": "198403122009031002",
        "position": "Kepala Seksi Pengembangan Aplikasi",
        "agency": "Dinas Komunikasi, Informatika dan Statistik Provinsi Lampung",
        "group": "kelompok_1",
    },
    "made": {
        "full_name": "Made Wirawan, S.T., M.T.",
        "nip": "198811202011011001",
        "position": "Kepala Subbidang Data dan Informasi Pembangunan",
        "agency": "Badan Perencanaan Pembangunan Daerah Provinsi Lampung",
        "group": "kelompok_1",
    },
    "rudi": {
        "full_name": "Rudi Hartono, S.H.",
        "nip": "198105142006041003",
        "position": "Kepala Seksi Pelayanan Perizinan",
        "agency": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Lampung",
        "group": "kelompok_2",
    },
    "dewi": {
        "full_name": "Dewi Anggraini, S.Sos.",
        "nip": "198507082010012004",
        "position": "Kepala Subbagian Umum dan Kepegawaian",
        "agency": "Dinas Kesehatan Provinsi Lampung",
        "group": "kelompok_2",
    },
    "siti": {
        "full_name": "Siti Rahmawati, S.E., M.M.",
        "nip": "198607252010012001",
        "position": "Kepala Subbagian Kelembagaan dan Analisis Jabatan",
        "agency": "Biro Organisasi Setda Provinsi Lampung",
        "group": "kelompok_3",
    },
    "yulia": {
        "full_name": "Yulia Kartika, S.Pd., M.Pd.",
        "nip": "198302172008012002",
        "position": "Kepala Seksi Kurikulum dan Penilaian",
        "agency": "Dinas Pendidikan dan Kebudayaan Provinsi Lampung",
        "group": "kelompok_3",
    },
}

SHORT_TERM = datetime.date(2018, 10, 31)
MEDIUM_TERM = datetime.date(2019, 6, 30)
LONG_TERM = datetime.date(2020, 12, 31)

#: The change proposals: one approved after a review, one submitted and waiting in the
#: coach's queue, one sent back for revision, and the ``peserta`` account's draft.
PROPOSALS = [
    {
        "participant": "rudi",
        "status": ProposalStatus.APPROVED,
        "submitted_at": datetime.datetime(2018, 9, 10, 9, 30, tzinfo=WIB),
        "examiner": True,
        "title": "Layanan perizinan daring yang dapat dipantau pemohon di DPMPTSP Provinsi Lampung",
        "problem": (
            "Pemohon izin harus datang berulang kali ke kantor untuk menanyakan status "
            "berkasnya; waktu penyelesaian tidak pasti dan pemohon tidak tahu di tahap mana "
            "berkasnya tertahan."
        ),
        "goals": (
            "Permohonan izin kewenangan provinsi dapat diajukan dan dipantau secara daring, "
            "dengan persyaratan, biaya dan waktu penyelesaian yang diumumkan."
        ),
        "benefits": (
            "Bagi pemohon: hemat waktu dan biaya serta kepastian status berkas. Bagi DPMPTSP: "
            "antrean loket berkurang dan kinerja layanan terukur. Bagi Pemprov Lampung: iklim "
            "investasi yang lebih baik."
        ),
        "stakeholders": (
            "Kepala DPMPTSP Provinsi Lampung; Dinas Komunikasi, Informatika dan Statistik; "
            "OPD teknis pemberi rekomendasi; pelaku usaha."
        ),
        "adaptations": [
            {
                "practice": "aplikasi",
                "mode": AdaptationMode.ADOPT,
                "kept": (
                    "Permohonan diajukan dan dipantau melalui aplikasi, dengan standar "
                    "pelayanan yang diumumkan kepada pemohon."
                ),
                "changed": "",
                "rationale": (
                    "Proses bisnis perizinan di DPMPTSP Provinsi Lampung serupa dengan Jawa "
                    "Tengah, sehingga model layanan daringnya dapat diterapkan apa adanya."
                ),
            },
            {
                "practice": "aduan",
                "mode": AdaptationMode.ADAPT,
                "kept": "Setiap aduan memiliki penanggung jawab dan batas waktu tindak lanjut.",
                "changed": (
                    "Kanal aduan tidak dibuat terpisah, tetapi menyatu dalam aplikasi perizinan "
                    "dan khusus untuk aduan layanan perizinan."
                ),
                "rationale": (
                    "Jumlah aduan perizinan masih sedikit; satu kanal terpadu lebih mudah "
                    "dikelola oleh tim yang ada."
                ),
            },
        ],
        "milestones": [
            (
                MilestoneTerm.SHORT,
                SHORT_TERM,
                "Menyusun SOP dan standar pelayanan daring untuk dua jenis izin prioritas, "
                "membentuk tim efektif, dan menyosialisasikannya kepada pegawai.",
            ),
            (
                MilestoneTerm.MEDIUM,
                MEDIUM_TERM,
                "Aplikasi perizinan daring untuk dua jenis izin prioritas beroperasi, lengkap "
                "dengan pelacakan status berkas.",
            ),
            (
                MilestoneTerm.LONG,
                LONG_TERM,
                "Seluruh izin kewenangan provinsi dilayani secara daring dan terhubung dengan "
                "kanal aduan perizinan.",
            ),
        ],
        "reviews": [
            {
                "decision": ReviewDecision.APPROVE,
                "at": datetime.datetime(2018, 9, 24, 14, 0, tzinfo=WIB),
                "comments": (
                    "Rancangan sudah jelas dan realistis. Adopsi layanan daring Jawa Tengah "
                    "disertai alasan yang kuat, dan milestone jangka pendek dapat dicapai "
                    "selama masa diklat. Disetujui."
                ),
            },
        ],
    },
    {
        "participant": "andi",
        "status": ProposalStatus.SUBMITTED,
        "submitted_at": datetime.datetime(2018, 9, 14, 10, 0, tzinfo=WIB),
        "title": "Kanal pengaduan masyarakat terpadu Pemerintah Provinsi Lampung",
        "problem": (
            "Aduan masyarakat masuk melalui banyak saluran (surat, telepon, media sosial) tanpa "
            "pencatatan terpusat; banyak aduan tidak ditindaklanjuti dan pimpinan tidak "
            "menerima laporannya."
        ),
        "goals": (
            "Menyediakan satu kanal aduan, keluhan dan masukan masyarakat yang tercatat, "
            "diteruskan ke OPD yang berwenang, dan dipantau penyelesaiannya."
        ),
        "benefits": (
            "Masyarakat memperoleh kepastian tindak lanjut; pimpinan memperoleh gambaran "
            "persoalan layanan; OPD mendapat masukan untuk perbaikan."
        ),
        "stakeholders": (
            "Kepala Dinas Komunikasi, Informatika dan Statistik; Sekretaris Daerah; OPD "
            "penindak lanjut aduan; masyarakat."
        ),
        "adaptations": [
            {
                "practice": "aduan",
                "mode": AdaptationMode.ADAPT,
                "kept": (
                    "Aduan dicatat terpusat dan diteruskan ke OPD yang berwenang dengan batas "
                    "waktu tindak lanjut."
                ),
                "changed": (
                    "Pada tahap awal aduan juga diterima melalui SMS dan WhatsApp, bukan hanya "
                    "aplikasi, karena akses internet di sebagian kabupaten masih terbatas."
                ),
                "rationale": "Menyesuaikan dengan kondisi jaringan dan kebiasaan masyarakat Lampung.",
            },
            {
                "practice": "informasi",
                "mode": AdaptationMode.ADOPT,
                "kept": "Rekap aduan dan tindak lanjutnya dipublikasikan secara berkala.",
                "changed": "",
                "rationale": (
                    "Publikasi rekap aduan menunjukkan kepada masyarakat bahwa aduan benar-benar "
                    "ditindaklanjuti."
                ),
            },
        ],
        "milestones": [
            (
                MilestoneTerm.SHORT,
                SHORT_TERM,
                "Menyusun alur pengelolaan aduan dan menunjuk admin aduan di lima OPD percontohan.",
            ),
            (
                MilestoneTerm.MEDIUM,
                MEDIUM_TERM,
                "Kanal aduan terpadu melayani seluruh OPD, dengan laporan bulanan kepada "
                "Sekretaris Daerah.",
            ),
            (
                MilestoneTerm.LONG,
                LONG_TERM,
                "Kanal aduan menjadi rujukan utama masyarakat dan indeks kepuasan masyarakat "
                "meningkat.",
            ),
        ],
        "reviews": [],
    },
    {
        "participant": "siti",
        "status": ProposalStatus.REVISION_REQUESTED,
        "submitted_at": datetime.datetime(2018, 9, 12, 8, 0, tzinfo=WIB),
        "examiner": True,
        "title": "Pembangunan zona integritas di Biro Organisasi Setda Provinsi Lampung",
        "problem": (
            "Reformasi birokrasi di lingkungan Sekretariat Daerah masih dipahami sebagai "
            "pemenuhan dokumen; belum ada unit yang diusulkan sebagai zona integritas."
        ),
        "goals": (
            "Menjadikan Biro Organisasi unit percontohan zona integritas menuju Wilayah Bebas "
            "dari Korupsi (WBK) dan menumbuhkan gagasan perbaikan dari pegawai."
        ),
        "benefits": (
            "Layanan biro yang lebih transparan dan akuntabel; contoh nyata bagi unit lain; "
            "pegawai terlibat dalam perbaikan kerja."
        ),
        "stakeholders": (
            "Kepala Biro Organisasi; Sekretaris Daerah; Inspektorat Provinsi Lampung; seluruh "
            "pegawai Biro Organisasi."
        ),
        "adaptations": [
            {
                "practice": "integritas",
                "mode": AdaptationMode.ADAPT,
                "kept": "Pakta integritas, tim kerja reformasi birokrasi, dan evaluasi berkala.",
                "changed": (
                    "Dimulai dari satu biro sebagai percontohan, bukan serentak di seluruh OPD."
                ),
                "rationale": (
                    "Sumber daya masih terbatas; keberhasilan percontohan menjadi bukti bagi "
                    "unit lain."
                ),
            },
            {
                "practice": "inovasi",
                "mode": AdaptationMode.ADAPT,
                "kept": "Penghargaan bagi gagasan perbaikan dari pegawai.",
                "changed": (
                    "Dilaksanakan sebagai forum gagasan bulanan di dalam biro, bukan kompetisi "
                    "tingkat provinsi."
                ),
                "rationale": "Forum kecil lebih mudah dimulai dan melibatkan semua pegawai.",
            },
        ],
        "milestones": [
            (
                MilestoneTerm.SHORT,
                SHORT_TERM,
                "Penandatanganan pakta integritas dan pembentukan tim zona integritas Biro "
                "Organisasi.",
            ),
            (
                MilestoneTerm.MEDIUM,
                MEDIUM_TERM,
                "Pemenuhan komponen pengungkit zona integritas dan forum gagasan bulanan berjalan.",
            ),
            (
                MilestoneTerm.LONG,
                LONG_TERM,
                "Biro Organisasi diusulkan sebagai unit kerja berpredikat WBK.",
            ),
        ],
        "reviews": [
            {
                "decision": ReviewDecision.REQUEST_REVISION,
                "at": datetime.datetime(2018, 9, 21, 10, 0, tzinfo=WIB),
                "comments": (
                    "Tujuannya sudah baik, tetapi milestone jangka menengah belum terukur. "
                    "Tambahkan indikator keberhasilan (misalnya komponen yang dipenuhi dan "
                    "target nilai evaluasi) dan jelaskan peran mentor dalam tim."
                ),
            },
        ],
    },
    {
        "participant": "made",
        "status": ProposalStatus.DRAFT,
        "submitted_at": None,
        "title": "Portal keterbukaan informasi pembangunan Provinsi Lampung",
        "problem": (
            "Informasi rencana, anggaran dan capaian pembangunan tersebar di dokumen OPD dan "
            "sulit diperoleh masyarakat; permohonan informasi dijawab lambat."
        ),
        "goals": (
            "Menyajikan informasi pembangunan Provinsi Lampung secara terbuka, mutakhir dan "
            "mudah diakses dalam satu portal."
        ),
        "benefits": (
            "Masyarakat dapat mengawasi pembangunan; OPD tidak lagi menjawab permohonan "
            "informasi yang sama berulang kali; perencanaan mendapat masukan publik."
        ),
        "stakeholders": (
            "Kepala Bappeda Provinsi Lampung; PPID utama; Dinas Komunikasi, Informatika dan "
            "Statistik; OPD penyedia data; masyarakat."
        ),
        "adaptations": [
            {
                "practice": "informasi",
                "mode": AdaptationMode.ADAPT,
                "kept": (
                    "Rencana, anggaran dan capaian pembangunan dipublikasikan secara berkala."
                ),
                "changed": (
                    "Data dihimpun oleh Bappeda dari dokumen perencanaan yang sudah ada dan "
                    "disajikan per kabupaten/kota, bukan dipublikasikan sendiri oleh setiap OPD."
                ),
                "rationale": (
                    "Bappeda sudah menghimpun data perencanaan, sehingga portal dapat dibangun "
                    "tanpa menambah beban OPD."
                ),
            },
        ],
        "milestones": [
            (
                MilestoneTerm.SHORT,
                SHORT_TERM,
                "Inventarisasi data pembangunan yang dapat dipublikasikan bersama PPID utama.",
            ),
            (
                MilestoneTerm.MEDIUM,
                MEDIUM_TERM,
                "Portal memuat data RKPD dan capaian kinerja triwulanan seluruh OPD.",
            ),
            (
                MilestoneTerm.LONG,
                LONG_TERM,
                "Portal terhubung dengan kanal aduan, sehingga masukan masyarakat menjadi "
                "bahan perencanaan.",
            ),
        ],
        "reviews": [],
    },
]

#: The demo accounts; ``participant`` / ``facilitator`` name the record the account logs in as.
ACCOUNTS = [
    {
        "username": "admin",
        "first_name": "Admin",
        "last_name": "Lokus",
        "email": "admin@example.org",
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "username": "penyelenggara",
        "first_name": "Nurul",
        "last_name": "Hidayah",
        "email": "penyelenggara@example.org",
        "is_staff": True,
        "is_superuser": False,
        "organizer": True,
    },
    {
        "username": "peserta",
        "first_name": "Made",
        "last_name": "Wirawan",
        "email": "peserta@example.org",
        "is_staff": False,
        "is_superuser": False,
        "participant": "made",
    },
    {
        "username": "coach",
        "first_name": "Rina",
        "last_name": "Marlina",
        "email": "coach@example.org",
        "is_staff": False,
        "is_superuser": False,
        "facilitator": "coach",
    },
]

#: The status a review's decision moves a proposal to (a comment leaves it where it is).
DECISION_STATUS = {
    ReviewDecision.APPROVE: ProposalStatus.APPROVED,
    ReviewDecision.REQUEST_REVISION: ProposalStatus.REVISION_REQUESTED,
}


@dataclass
class DemoSummary:
    """What a run wrote: rows created per model, and demo accounts brought up to date."""

    created: Counter = field(default_factory=Counter)
    accounts_updated: list[str] = field(default_factory=list)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


@transaction.atomic
def demo_data_ensure(*, password: str = DEMO_PASSWORD) -> DemoSummary:
    """Write whatever part of the demo data is missing; see the module docstring."""
    summary = DemoSummary()
    cohort = _cohort_ensure(summary)
    users = {
        spec["username"]: _account_ensure(summary, spec, password, cohort.institution)
        for spec in ACCOUNTS
    }
    account_of = {
        spec.get("participant") or spec.get("facilitator"): users[spec["username"]]
        for spec in ACCOUNTS
        if spec.get("participant") or spec.get("facilitator")
    }
    visit, agencies, groups = _visit_ensure(summary, cohort)
    practices = _practices_ensure(summary, visit, agencies)
    facilitators = {
        key: _ensure(
            summary,
            Facilitator,
            {"full_name": spec["full_name"], "role": spec["role"]},
            institution=cohort.institution,
            position=spec["position"],
            email=spec["email"],
        )
        for key, spec in FACILITATORS.items()
    }
    participants = {
        key: _ensure(
            summary,
            Participant,
            {"nip": spec["nip"]},
            full_name=spec["full_name"],
            position=spec["position"],
            agency=spec["agency"],
            cohort=cohort,
            visit_group=groups[spec["group"]],
        )
        for key, spec in PARTICIPANTS.items()
    }
    for key, user in account_of.items():
        _account_link(participants.get(key) or facilitators[key], user)
    for spec in PROPOSALS:
        _proposal_ensure(summary, spec, participants[spec["participant"]], practices, facilitators)
    return summary


def _get_or_create(summary: DemoSummary, model: type[models.Model], lookup: dict, /, **defaults):
    """``(row, created)``: the row matching ``lookup``, or a new one validated and saved.

    Unlike ``QuerySet.get_or_create()``, the new row goes through ``full_clean()`` as in the
    admin, so the demo never holds data a user could not have entered.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is not None:
        return obj, False
    obj = model(**lookup, **defaults)
    obj.full_clean(exclude=[f.name for f in model._meta.fields if not f.editable])
    obj._change_reason = CHANGE_REASON
    obj.save()
    summary.created[model] += 1
    return obj, True


def _ensure(summary: DemoSummary, model: type[models.Model], lookup: dict, /, **defaults):
    """The row matching ``lookup``, created with ``defaults`` if missing."""
    return _get_or_create(summary, model, lookup, **defaults)[0]


def _account_ensure(summary: DemoSummary, spec: dict, password: str, institution: Institution):
    user_model = get_user_model()
    flags = {"is_staff": spec["is_staff"], "is_superuser": spec["is_superuser"], "is_active": True}
    user = user_model._default_manager.filter(username=spec["username"]).first()
    created = user is None
    if created:
        user = user_model(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            email=spec["email"],
            **flags,
        )
        user.set_password(password)
        user.save()
        summary.created[user_model] += 1
    else:
        changed = [name for name, value in flags.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, flags[name])
        if not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
            summary.accounts_updated.append(user.get_username())
    if spec.get("organizer"):
        group_existed = Group.objects.filter(name=ORGANIZER_GROUP).exists()
        group = organizer_group_ensure()
        if not group_existed:
            summary.created[Group] += 1
        user.groups.add(group)
        _organizer_link(summary, user, institution, new_account=created)
    return user


def _organizer_link(summary: DemoSummary, user, institution: Institution, *, new_account: bool):
    """Make the demo organizer an organizer of the demo institution, unless they are one; an
    account of an earlier run that lacked it is reported as updated."""
    if institution.organizers.filter(pk=user.pk).exists():
        return
    institution.organizers.add(user)
    username = user.get_username()
    if not new_account and username not in summary.accounts_updated:
        summary.accounts_updated.append(username)


def _account_link(person: Participant | Facilitator, user) -> None:
    """Give the participant or facilitator its demo account, unless either is linked already."""
    if person.user_id is None and not type(person)._default_manager.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])


def _cohort_ensure(summary: DemoSummary) -> Cohort:
    institution = _ensure(
        summary,
        Institution,
        {"name": INSTITUTION["name"]},
        short_name=INSTITUTION["short_name"],
        province=Province.objects.get(code=HOME_PROVINCE),
    )
    return _ensure(summary, Cohort, {"institution": institution, **COHORT})


def _visit_ensure(summary: DemoSummary, cohort: Cohort):
    host_province = Province.objects.get(code=HOST_PROVINCE)
    visit = _ensure(
        summary,
        Visit,
        {"cohort": cohort, "host_province": host_province, "start_date": VISIT_DATE},
        end_date=VISIT_DATE,
        **VISIT,
    )
    agencies = {
        key: _ensure(summary, HostAgency, {"province": host_province, "name": name})
        for key, name in HOST_AGENCIES.items()
    }
    for agency in agencies.values():
        _ensure(summary, VisitHostAgency, {"visit": visit, "host_agency": agency})
    for spec in OFFICIALS:
        official = {k: v for k, v in spec.items() if k != "name"}
        _ensure(summary, VisitOfficial, {"visit": visit, "name": spec["name"]}, **official)
    groups = {
        key: _ensure(
            summary,
            VisitGroup,
            {"visit": visit, "name": spec["name"]},
            host_agency=agencies[spec["host_agency"]],
            report=spec["report"],
        )
        for key, spec in GROUPS.items()
    }
    return visit, agencies, groups


def _practices_ensure(summary: DemoSummary, visit: Visit, agencies: dict) -> dict:
    practices = {}
    for key, spec in PRACTICES.items():
        fields = {
            name: value
            for name, value in spec.items()
            if name not in {"host_agency", "sectors", "qualities"}
        }
        qualities = {
            column: quality in spec["qualities"] for quality, column in QUALITY_FIELDS.items()
        }
        practice, created = _get_or_create(
            summary,
            BestPractice,
            {"slug": slugify(spec["title"])},
            host_province=visit.host_province,
            host_agency=agencies[spec["host_agency"]],
            **fields,
            **qualities,
        )
        if created:
            practice.sectors.set(_sectors(spec["sectors"]))
        _ensure(
            summary,
            PracticeObservation,
            {"practice": practice, "visit": visit},
            notes=PRESENTED_BY_HOST,
        )
        practices[key] = practice
    return practices


def _sectors(codes: list[str]) -> list[Sector]:
    sectors = list(Sector.objects.filter(code__in=codes))
    if len(sectors) != len(codes):
        # The sectors come from a data migration: a missing one means the code list drifted.
        raise LookupError(f"Unknown sector codes among {codes}.")
    return sectors


def _proposal_ensure(
    summary: DemoSummary,
    spec: dict,
    participant: Participant,
    practices: dict,
    facilitators: dict,
) -> ChangeProposal:
    proposal, created = _get_or_create(
        summary,
        ChangeProposal,
        {"participant": participant, "title": spec["title"]},
        problem=spec["problem"],
        goals=spec["goals"],
        benefits=spec["benefits"],
        stakeholders=spec["stakeholders"],
        status=spec["status"],
        submitted_at=spec["submitted_at"],
        coach=facilitators["coach"],
        mentor=facilitators["mentor"],
        examiner=facilitators["examiner"] if spec.get("examiner") else None,
    )
    if created:
        _timeline_write(summary, proposal, spec, coach=facilitators["coach"])
    for adaptation in spec["adaptations"]:
        details = {k: v for k, v in adaptation.items() if k != "practice"}
        _ensure(
            summary,
            PracticeAdaptation,
            {"proposal": proposal, "practice": practices[adaptation["practice"]]},
            **details,
        )
    for term, target_date, description in spec["milestones"]:
        _ensure(
            summary,
            Milestone,
            {"proposal": proposal, "term": term, "description": description},
            target_date=target_date,
        )
    for review in spec["reviews"]:
        row, created = _get_or_create(
            summary,
            Review,
            {
                "proposal": proposal,
                "reviewer": facilitators["coach"],
                "decision": review["decision"],
            },
            comments=review["comments"],
        )
        if created:
            _backdate(row, created_at=review["at"])
    return proposal


def _timeline_write(
    summary: DemoSummary, proposal: ChangeProposal, spec: dict, *, coach: Facilitator
) -> None:
    """The status steps a new demo proposal went through, recorded as ``proposal_transition``
    records them (``ProposalStatusChange``), and dated to the training rather than to the day
    the demo was loaded.
    """
    if spec["submitted_at"] is None:
        return
    steps = [(spec["submitted_at"], proposal.participant, ProposalStatus.SUBMITTED, "")]
    for review in spec["reviews"]:
        if review["decision"] in DECISION_STATUS:
            steps.append(
                (review["at"], coach, DECISION_STATUS[review["decision"]], review["comments"])
            )
    from_status = ProposalStatus.DRAFT
    for at, person, to_status, comment in steps:
        change = _ensure(
            summary,
            ProposalStatusChange,
            {"proposal": proposal, "from_status": from_status, "to_status": to_status},
            changed_by=person.user,
            actor_name=person.full_name,
            comment=comment,
        )
        _backdate(change, created_at=at)
        from_status = to_status
    _backdate(
        proposal,
        created_at=spec["submitted_at"] - datetime.timedelta(days=5),
        updated_at=steps[-1][0],
    )


def _backdate(obj: models.Model, **timestamps: datetime.datetime) -> None:
    """Set automatic timestamps with an UPDATE: no ``save()``, so no extra history row."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**timestamps)
