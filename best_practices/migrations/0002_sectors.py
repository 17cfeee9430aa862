"""Government affairs of UU 23/2014 (urusan pemerintahan) and the supporting functions."""

from django.db import migrations

# (code, Indonesian legal name, English name)
BASIC = [
    ("pendidikan", "Pendidikan", "Education"),
    ("kesehatan", "Kesehatan", "Health"),
    ("pupr", "Pekerjaan umum dan penataan ruang", "Public works and spatial planning"),
    ("perumahan", "Perumahan rakyat dan kawasan permukiman", "Public housing and settlement areas"),
    (
        "trantibum-linmas",
        "Ketenteraman, ketertiban umum dan pelindungan masyarakat",
        "Public peace, order and community protection",
    ),
    ("sosial", "Sosial", "Social affairs"),
]
NON_BASIC = [
    ("tenaga-kerja", "Tenaga kerja", "Manpower"),
    (
        "pppa",
        "Pemberdayaan perempuan dan pelindungan anak",
        "Women's empowerment and child protection",
    ),
    ("pangan", "Pangan", "Food"),
    ("pertanahan", "Pertanahan", "Land affairs"),
    ("lingkungan-hidup", "Lingkungan hidup", "Environment"),
    (
        "adminduk-capil",
        "Administrasi kependudukan dan pencatatan sipil",
        "Population administration and civil registration",
    ),
    ("pmd", "Pemberdayaan masyarakat dan desa", "Community and village empowerment"),
    ("ppkb", "Pengendalian penduduk dan keluarga berencana", "Population control and family planning"),
    ("perhubungan", "Perhubungan", "Transportation"),
    ("kominfo", "Komunikasi dan informatika", "Communication and informatics"),
    ("koperasi-ukm", "Koperasi, usaha kecil dan menengah", "Cooperatives and small and medium enterprises"),
    ("penanaman-modal", "Penanaman modal", "Investment"),
    ("kepemudaan-olahraga", "Kepemudaan dan olahraga", "Youth and sports"),
    ("statistik", "Statistik", "Statistics"),
    ("persandian", "Persandian", "Encryption"),
    ("kebudayaan", "Kebudayaan", "Culture"),
    ("perpustakaan", "Perpustakaan", "Libraries"),
    ("kearsipan", "Kearsipan", "Archives"),
]
OPTIONAL = [
    ("kelautan-perikanan", "Kelautan dan perikanan", "Marine affairs and fisheries"),
    ("pariwisata", "Pariwisata", "Tourism"),
    ("pertanian", "Pertanian", "Agriculture"),
    ("kehutanan", "Kehutanan", "Forestry"),
    ("esdm", "Energi dan sumber daya mineral", "Energy and mineral resources"),
    ("perdagangan", "Perdagangan", "Trade"),
    ("perindustrian", "Perindustrian", "Industry"),
    ("transmigrasi", "Transmigrasi", "Transmigration"),
]
SUPPORTING = [
    ("perencanaan", "Perencanaan", "Planning"),
    ("keuangan", "Keuangan", "Finance"),
    ("kepegawaian", "Kepegawaian", "Civil-service management"),
    ("diklat", "Pendidikan dan pelatihan", "Education and training"),
    ("litbang", "Penelitian dan pengembangan", "Research and development"),
]
SECTORS = [
    ("basic", BASIC),
    ("non_basic", NON_BASIC),
    ("optional", OPTIONAL),
    ("supporting", SUPPORTING),
]


def add_sectors(apps, schema_editor):
    Sector = apps.get_model("best_practices", "Sector")
    order = 0
    for kind, rows in SECTORS:
        for code, name, name_en in rows:
            order += 1
            Sector.objects.update_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "kind": kind, "order": order}
            )


def remove_sectors(apps, schema_editor):
    Sector = apps.get_model("best_practices", "Sector")
    codes = [code for _kind, rows in SECTORS for code, _name, _en in rows]
    Sector.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("best_practices", "0001_initial")]

    operations = [migrations.RunPython(add_sectors, remove_sectors)]
