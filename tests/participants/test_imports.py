"""Importing participants and facilitators from real XLSX files and Excel-written CSV files."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarking.imports import RowAction, import_run
from participants.imports import FacilitatorImporter, ParticipantImporter
from participants.models import Facilitator, FacilitatorRole, Participant
from tests.factories import (
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    nip_for,
)
from tests.spreadsheets import excel_csv, xlsx_file

pytestmark = pytest.mark.django_db

HEADER = ["NIP", "Nama", "Jabatan", "Unit kerja", "Email"]


def participant_row(n: int, **values) -> list[str]:
    row = {
        "nip": nip_for(n),
        "name": f"Peserta Impor {n}",
        "position": "Kepala Seksi",
        "unit": "Dinas Kominfo",
        "email": f"peserta{n}@example.go.id",
        **values,
    }
    return [row["nip"], row["name"], row["position"], row["unit"], row["email"]]


def run_participants(cohort, file, filename="peserta.xlsx", *, dry_run=False):
    return import_run(
        importer=ParticipantImporter(cohort=cohort), file=file, filename=filename, dry_run=dry_run
    )


def test_xlsx_import_creates_participants_with_invited_accounts(
    mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    file = xlsx_file([HEADER, participant_row(1), participant_row(2)])

    with django_capture_on_commit_callbacks(execute=True):
        report = run_participants(cohort, file)

    assert report.messages() == [
        "2 baru, 0 diperbarui, 0 tidak berubah, 0 kesalahan. Impor disimpan."
    ]
    participant = Participant.objects.get(nip=nip_for(1))
    assert (
        participant.full_name,
        participant.position,
        participant.agency,
        participant.cohort,
    ) == (
        "Peserta Impor 1",
        "Kepala Seksi",
        "Dinas Kominfo",
        cohort,
    )
    assert participant.user.username == nip_for(1)
    assert participant.user.email == "peserta1@example.go.id"
    assert not participant.user.has_usable_password()
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "peserta1@example.go.id",
        "peserta2@example.go.id",
    ]


def test_excel_csv_with_bom_and_semicolons_and_english_headers():
    cohort = CohortFactory()
    header = ["nip", "NAME", "Position", "work unit", " E-mail "]
    file = excel_csv([header, participant_row(1, unit="Badan Kepegawaian Daerah")])

    report = run_participants(cohort, file, "peserta.csv")

    assert report.ok
    assert Participant.objects.get().agency == "Badan Kepegawaian Daerah"


def test_comma_separated_csv_without_bom():
    cohort = CohortFactory()
    lines = [",".join(HEADER), ",".join(participant_row(1))]
    file = io.BytesIO("\n".join(lines).encode("utf-8"))

    assert run_participants(cohort, file, "peserta.csv").ok
    assert Participant.objects.count() == 1


def test_dry_run_previews_each_row_and_writes_nothing():
    cohort = CohortFactory()
    ParticipantFactory(nip=nip_for(1), full_name="Nama Lama", cohort=cohort)
    ParticipantFactory(
        nip=nip_for(2),
        full_name="Peserta Impor 2",
        position="Kepala Seksi",
        agency="Dinas Kominfo",
        cohort=cohort,
        user=get_user_model().objects.create(username=nip_for(2), email="peserta2@example.go.id"),
    )
    file = xlsx_file([HEADER, participant_row(1), participant_row(2), participant_row(3)])

    report = run_participants(cohort, file, dry_run=True)

    assert [(row.row, row.action) for row in report.rows] == [
        (2, RowAction.UPDATE),
        (3, RowAction.SKIP),
        (4, RowAction.NEW),
    ]
    assert report.summary == (
        "1 baru, 1 diperbarui, 1 tidak berubah, 0 kesalahan. Simulasi: tidak ada yang disimpan."
    )
    assert Participant.objects.count() == 2
    assert Participant.objects.get(nip=nip_for(1)).full_name == "Nama Lama"


def test_reimport_is_idempotent_by_nip():
    cohort = CohortFactory()
    rows = [HEADER, participant_row(1), participant_row(2)]
    run_participants(cohort, xlsx_file(rows))

    report = run_participants(cohort, xlsx_file(rows))

    assert [row.action for row in report.rows] == [RowAction.SKIP, RowAction.SKIP]
    assert Participant.objects.count() == 2
    assert get_user_model().objects.count() == 2


def test_every_error_is_reported_by_row_and_column_and_nothing_is_written():
    cohort = CohortFactory()
    ParticipantFactory(nip=nip_for(9), cohort=CohortFactory())
    rows = [
        HEADER,
        participant_row(1),
        participant_row(2, nip="1980010120050310"),
        participant_row(3, name="", email="bukan-surel"),
        participant_row(4, nip=nip_for(1)),
        participant_row(9),
    ]

    report = run_participants(cohort, xlsx_file(rows))

    assert report.messages() == [
        "Baris 3, kolom NIP: NIP harus 18 digit; yang dimasukkan 16 digit.",
        "Baris 4, kolom Nama: Bidang ini tidak boleh kosong.",
        "Baris 4, kolom Email: Masukkan alamat email yang valid.",
        f"Baris 5, kolom NIP: {nip_for(1)} muncul lebih dari sekali dalam berkas.",
        f"Baris 6, kolom NIP: NIP {nip_for(9)} sudah menjadi peserta angkatan lain.",
        "1 baru, 0 diperbarui, 0 tidak berubah, 5 kesalahan. Tidak ada yang diimpor; "
        "perbaiki kesalahannya lalu impor lagi.",
    ]
    assert Participant.objects.count() == 1
    assert get_user_model().objects.filter(username=nip_for(1)).count() == 0


def test_a_missing_required_column_is_one_error():
    report = run_participants(CohortFactory(), xlsx_file([["NIP", "Jabatan"], [nip_for(1)]]))

    assert report.messages() == [
        "Baris 1: Baris judul tidak memuat kolom Nama, Email.",
        "0 baru, 0 diperbarui, 0 tidak berubah, 1 kesalahan. Tidak ada yang diimpor; "
        "perbaiki kesalahannya lalu impor lagi.",
    ]


def test_a_file_that_is_no_spreadsheet_is_refused():
    report = run_participants(CohortFactory(), io.BytesIO(b"not a zip"), "peserta.xlsx")

    assert report.errors[0].message == "Berkas ini bukan buku kerja XLSX yang sah."
    assert Participant.objects.count() == 0


def test_facilitators_are_known_by_email():
    institution = InstitutionFactory()
    FacilitatorFactory(
        full_name="Lama", role=FacilitatorRole.COACH, email="Coach@Example.go.id", institution=None
    )
    rows = [
        ["Nama", "Peran", "Jabatan", "Email"],
        ["Dra. Coach", "Coach", "Widyaiswara", "coach@example.go.id"],
        ["Drs. Penguji", "penguji", "Widyaiswara Ahli", "penguji@example.go.id"],
        ["Salah", "ketua", "", "ketua@example.go.id"],
    ]

    report = import_run(
        importer=FacilitatorImporter(institution=institution),
        file=xlsx_file(rows),
        filename="fasilitator.xlsx",
        dry_run=False,
    )

    assert report.messages() == [
        "Baris 4, kolom Peran: Peran harus salah satu dari coach, mentor, atau penguji, "
        "bukan “ketua”.",
        "1 baru, 1 diperbarui, 0 tidak berubah, 1 kesalahan. Tidak ada yang diimpor; "
        "perbaiki kesalahannya lalu impor lagi.",
    ]
    assert Facilitator.objects.get().full_name == "Lama"

    rows.pop()
    report = import_run(
        importer=FacilitatorImporter(institution=institution),
        file=xlsx_file(rows),
        filename="fasilitator.xlsx",
        dry_run=False,
    )
    assert report.ok
    assert sorted(Facilitator.objects.values_list("full_name", "role")) == [
        ("Dra. Coach", FacilitatorRole.COACH),
        ("Drs. Penguji", FacilitatorRole.EXAMINER),
    ]


def test_a_facilitator_of_another_institution_is_not_taken_over():
    FacilitatorFactory(email="coach@example.go.id", institution=InstitutionFactory())
    rows = [["Nama", "Peran", "Email"], ["Dra. Coach", "coach", "coach@example.go.id"]]

    report = import_run(
        importer=FacilitatorImporter(institution=InstitutionFactory()),
        file=xlsx_file(rows),
        filename="fasilitator.xlsx",
        dry_run=False,
    )

    assert [str(error) for error in report.errors] == [
        "Baris 2, kolom Email: coach@example.go.id adalah fasilitator lembaga lain."
    ]
    assert Facilitator.objects.get().full_name != "Dra. Coach"


def test_an_account_named_by_the_nip_that_is_someone_elses_is_refused():
    FacilitatorFactory(user=get_user_model().objects.create(username=nip_for(1)))

    report = run_participants(CohortFactory(), xlsx_file([HEADER, participant_row(1)]))

    assert [str(error) for error in report.errors] == [
        f"Baris 2, kolom NIP: Akun {nip_for(1)} sudah dimiliki orang lain."
    ]
    assert not Participant.objects.exists()


def test_a_free_account_named_by_the_nip_is_linked_without_a_new_invitation(mailoutbox):
    account = get_user_model().objects.create(username=nip_for(1), email="lama@example.go.id")

    report = run_participants(CohortFactory(), xlsx_file([HEADER, participant_row(1)]))

    assert report.ok
    assert Participant.objects.get().user == account
    assert mailoutbox == []


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_queries_do_not_grow_with_the_rows(dry_run):
    counts = []
    for first, size in ((0, 3), (100, 30)):
        cohort = CohortFactory()
        rows = [HEADER] + [participant_row(first + n) for n in range(size)]
        with CaptureQueriesContext(connection) as queries:
            report = run_participants(cohort, xlsx_file(rows), dry_run=dry_run)
        assert report.ok
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1]
