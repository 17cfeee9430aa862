"""In a real browser, an organizer imports a cohort's participants from an XLSX file: the
preview lists each row and writes nothing, the confirmation imports them.

The transactions of these tests are flushed afterwards; ``tests/conftest.py`` gives each one
back the provinces and sectors of the data migrations.
"""

import re

import pytest
from playwright.sync_api import expect

from participants.models import Participant
from participants.roles import organizer_group_ensure
from tests.factories import CohortFactory, InstitutionFactory, UserFactory, nip_for
from tests.spreadsheets import xlsx_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234"  # the password UserFactory sets


def test_import_preview_then_confirm(page, tmp_path):
    institution = InstitutionFactory()
    cohort = CohortFactory(institution=institution, name="Angkatan Impor")
    organizer = UserFactory(username="penyelenggara", is_staff=True)
    organizer.groups.add(organizer_group_ensure())
    organizer.organized_institutions.add(institution)
    rows = [
        ["NIP", "Nama", "Jabatan", "Unit kerja", "Email"],
        [nip_for(1), "Siti Rahmawati", "Kasi", "BKD", "siti@example.go.id"],
        [nip_for(2), "Andi Saputra", "Kasubag", "Bappeda", "andi@example.go.id"],
    ]
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(xlsx_file(rows).getvalue())

    page.goto("/admin/login/?next=/admin/participants/participant/")
    page.locator("input[name=username]").fill("penyelenggara")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_role("link", name="Impor", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/participants/participant/import/$"))

    page.get_by_label("Angkatan").select_option(label=str(cohort))
    page.get_by_label("Berkas (XLSX atau CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Pratinjau").click()

    expect(page.locator(".import-summary")).to_have_text(
        "2 baru, 0 diperbarui, 0 tidak berubah, 0 kesalahan. Simulasi: tidak ada yang disimpan."
    )
    expect(page.locator("table.import-rows tbody tr")).to_have_count(2)
    assert not Participant.objects.exists()

    page.get_by_role("button", name="Konfirmasi impor").click()

    expect(page).to_have_url(re.compile(r"/admin/participants/participant/$"))
    expect(page.locator(".messagelist")).to_contain_text(
        "2 baru, 0 diperbarui, 0 tidak berubah, 0 kesalahan. Impor disimpan."
    )
    expect(page.locator("#result_list")).to_contain_text("Siti Rahmawati")
    assert Participant.objects.filter(cohort=cohort).count() == 2
