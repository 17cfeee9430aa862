"""``manage.py import_data``: the same import and messages as the admin, and a non-zero exit."""

import pytest
from django.core.management import CommandError, call_command

from participants.models import Participant
from tests.factories import CohortFactory, nip_for
from tests.spreadsheets import excel_csv

pytestmark = pytest.mark.django_db

HEADER = ["NIP", "Nama", "Jabatan", "Unit kerja", "Email"]


def csv_path(tmp_path, rows):
    path = tmp_path / "peserta.csv"
    path.write_bytes(excel_csv(rows).getvalue())
    return path


def test_import_prints_the_summary(tmp_path, capsys):
    cohort = CohortFactory()
    path = csv_path(tmp_path, [HEADER, [nip_for(1), "Siti", "Kasi", "BKD", "siti@example.go.id"]])

    call_command("import_data", "participants", str(path), "--cohort", str(cohort.pk))

    assert (
        capsys.readouterr().out
        == "1 baru, 0 diperbarui, 0 tidak berubah, 0 kesalahan. Impor disimpan.\n"
    )
    assert Participant.objects.get().full_name == "Siti"


def test_dry_run_writes_nothing(tmp_path, capsys):
    cohort = CohortFactory()
    path = csv_path(tmp_path, [HEADER, [nip_for(1), "Siti", "Kasi", "BKD", "siti@example.go.id"]])

    call_command("import_data", "participants", str(path), "--cohort", str(cohort.pk), "--dry-run")

    assert "Simulasi: tidak ada yang disimpan." in capsys.readouterr().out
    assert not Participant.objects.exists()


def test_errors_are_printed_and_the_command_fails(tmp_path, capsys):
    cohort = CohortFactory()
    rows = [
        HEADER,
        [nip_for(1), "Siti", "", "", "siti@example.go.id"],
        ["123", "Budi", "", "", "budi@example.go.id"],
    ]
    path = csv_path(tmp_path, rows)

    with pytest.raises(CommandError) as refusal:
        call_command("import_data", "participants", str(path), "--cohort", str(cohort.pk))

    assert capsys.readouterr().err == (
        "Baris 3, kolom NIP: NIP harus 18 digit; yang dimasukkan 3 digit.\n"
    )
    assert str(refusal.value) == (
        "1 baru, 0 diperbarui, 0 tidak berubah, 1 kesalahan. Tidak ada yang diimpor; "
        "perbaiki kesalahannya lalu impor lagi."
    )
    assert not Participant.objects.exists()


def test_participants_need_a_cohort(tmp_path):
    path = csv_path(tmp_path, [HEADER])

    with pytest.raises(CommandError, match="Sebutkan angkatan yang ada dengan --cohort ID."):
        call_command("import_data", "participants", str(path), "--cohort", "999999")
