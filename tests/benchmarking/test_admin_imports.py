"""The admin's spreadsheet import: upload, preview, confirm, templates, and who may import."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from benchmarking.admin_imports import upload_folder
from participants.models import Facilitator, Participant
from tests.admin_helpers import organizer_login
from tests.factories import CohortFactory, InstitutionFactory, UserFactory, nip_for
from tests.spreadsheets import excel_csv, xlsx_file, xlsx_rows

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:participants_participant_import")
HEADER = ["NIP", "Nama", "Jabatan", "Unit kerja", "Email"]


def upload(rows, name="peserta.xlsx"):
    file = xlsx_file(rows) if name.endswith(".xlsx") else excel_csv(rows)
    file.name = name
    return file


def row(n, **values):
    return [nip_for(n), values.get("name", f"Peserta {n}"), "Kasi", "BKD", f"p{n}@example.go.id"]


def test_the_changelist_links_to_the_import(client):
    organizer_login(client, InstitutionFactory())

    response = client.get(reverse("admin:participants_participant_changelist"))

    assert f'href="{IMPORT_URL}"' in response.text
    assert ">Impor<" in response.text


def test_an_organizer_chooses_only_their_own_cohorts(client):
    institution = InstitutionFactory()
    own = CohortFactory(institution=institution, name="Angkatan Sendiri")
    CohortFactory(name="Angkatan Lain")
    organizer_login(client, institution)

    response = client.get(IMPORT_URL)

    assert response.status_code == HTTPStatus.OK
    assert "Format kolom NIP sebagai teks di lembar kerja Anda" in response.text
    assert f'<option value="{own.pk}">' in response.text
    assert "Angkatan Lain" not in response.text


def test_preview_then_confirm(client, mailoutbox, django_capture_on_commit_callbacks):
    institution = InstitutionFactory()
    cohort = CohortFactory(institution=institution)
    organizer_login(client, institution)

    preview = client.post(
        IMPORT_URL, {"target": cohort.pk, "file": upload([HEADER, row(1), row(2)])}
    )

    assert preview.status_code == HTTPStatus.OK
    assert (
        "2 baru, 0 diperbarui, 0 tidak berubah, 0 kesalahan. Simulasi: tidak ada yang disimpan."
        in preview.text
    )
    assert "<td>2</td><td>baru</td><td>" + nip_for(1) + "</td>" in preview.text
    assert not Participant.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            IMPORT_URL, {"confirm": "1", "token": preview.context["token"]}, follow=True
        )

    assert done.redirect_chain[-1][0] == reverse("admin:participants_participant_changelist")
    assert "2 baru, 0 diperbarui, 0 tidak berubah, 0 kesalahan. Impor disimpan." in done.text
    assert Participant.objects.filter(cohort=cohort).count() == 2
    assert len(mailoutbox) == 2


def test_a_preview_with_errors_offers_no_confirmation(client):
    institution = InstitutionFactory()
    cohort = CohortFactory(institution=institution)
    organizer_login(client, institution)

    response = client.post(
        IMPORT_URL,
        {"target": cohort.pk, "file": upload([HEADER, row(1, name="")], name="peserta.csv")},
    )

    assert "Baris 2, kolom Nama: Bidang ini tidak boleh kosong." in response.text
    assert 'name="confirm"' not in response.text
    assert not Participant.objects.exists()


def test_an_organizer_cannot_import_into_another_institutions_cohort(client):
    other = CohortFactory()
    organizer_login(client, InstitutionFactory())

    response = client.post(IMPORT_URL, {"target": other.pk, "file": upload([HEADER, row(1)])})

    assert response.status_code == HTTPStatus.OK
    assert (
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang "
        "tersedia." in response.text
    )
    assert not Participant.objects.exists()


def test_a_token_from_another_session_imports_nothing(client):
    institution = InstitutionFactory()
    organizer_login(client, institution)

    response = client.post(IMPORT_URL, {"confirm": "1", "token": "0" * 32}, follow=True)

    assert "Pratinjau sudah kedaluwarsa; pilih berkas lagi." in response.text
    assert not Participant.objects.exists()


def test_another_file_type_is_refused(client):
    institution = InstitutionFactory()
    cohort = CohortFactory(institution=institution)
    organizer_login(client, institution)
    file = upload([HEADER, row(1)])
    file.name = "peserta.pdf"

    response = client.post(IMPORT_URL, {"target": cohort.pk, "file": file})

    assert "Pilih berkas XLSX atau CSV." in response.text


def test_staff_without_the_add_permission_is_refused(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(IMPORT_URL).status_code == HTTPStatus.FORBIDDEN
    assert (
        client.get(reverse("admin:participants_participant_import_template", args=["csv"]))
    ).status_code == HTTPStatus.FORBIDDEN


def test_templates_hold_the_header_row(client):
    organizer_login(client, InstitutionFactory())

    xlsx = client.get(reverse("admin:participants_participant_import_template", args=["xlsx"]))
    csv = client.get(reverse("admin:participants_facilitator_import_template", args=["csv"]))

    assert xlsx_rows(xlsx.content) == [HEADER]
    assert xlsx["Content-Disposition"] == 'attachment; filename="participant-template.xlsx"'
    assert csv.content.decode("utf-8") == "\ufeffNama,Peran,Jabatan,Email\r\n"


def test_facilitators_are_imported_into_the_organizers_institution(client):
    institution = InstitutionFactory()
    organizer_login(client, institution)
    url = reverse("admin:participants_facilitator_import")
    rows = [["Nama", "Peran", "Email"], ["Dra. Coach", "coach", "coach@example.go.id"]]

    preview = client.post(url, {"target": institution.pk, "file": upload(rows)})
    client.post(url, {"confirm": "1", "token": preview.context["token"]})

    assert Facilitator.objects.get().institution == institution


def test_an_upload_deleted_after_its_preview_imports_nothing(client):
    institution = InstitutionFactory()
    cohort = CohortFactory(institution=institution)
    organizer_login(client, institution)
    preview = client.post(IMPORT_URL, {"target": cohort.pk, "file": upload([HEADER, row(1)])})
    (upload_folder() / preview.context["token"]).unlink()

    response = client.post(
        IMPORT_URL, {"confirm": "1", "token": preview.context["token"]}, follow=True
    )

    assert "Pratinjau sudah kedaluwarsa; pilih berkas lagi." in response.text
    assert not Participant.objects.exists()
