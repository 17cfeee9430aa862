"""On a 1366 × 768 office screen the admin's main lists fit their box: an organizer reads every
column of practices, participants, visits and proposals without scrolling the table sideways,
with the long names that real rows have."""

import pytest
from django.urls import reverse

from benchmarking.models import HostAgency, Institution, Visit, VisitGroup
from best_practices.models import BestPractice
from participants.models import ChangeProposal, Participant
from tests.browser.site_pages import OFFICE, browser_context
from tests.url_matrix import world_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = (BestPractice, Participant, Visit, ChangeProposal)

#: The table's width and its box's, on the changelist.
WIDTHS = """() => {
  const box = document.querySelector('#changelist .results');
  const table = box.querySelector('table');
  return {table: Math.round(table.scrollWidth), box: Math.round(box.clientWidth)};
}"""


def long_names(world):
    """The world's rows renamed as real ones are: long titles, agencies and groups."""
    rows = world["rows"]
    Institution.objects.filter(pk=rows[Institution].pk).update(
        name="Badan Pengembangan Sumber Daya Manusia Provinsi Lampung", short_name="BPSDM Lampung"
    )
    for number, agency in enumerate(HostAgency.objects.all()):
        agency.name = f"Dinas Komunikasi, Informatika, Statistik dan Persandian Daerah {number}"
        agency.save(update_fields=["name"])
    Visit.objects.update(title="Benchmarking ke Pemerintah Provinsi Jawa Tengah dan Kota Semarang")
    VisitGroup.objects.update(name="Kelompok 3: Pelayanan publik dan pengaduan masyarakat")
    BestPractice.objects.update(
        title="Kanal pengaduan masyarakat LAPOR Gub terintegrasi dengan SP4N-LAPOR!"
    )
    Participant.objects.update(
        full_name="Dr. Andi Saputra Wijayakusuma, S.Kom., M.Si.",
        position="Kepala Bidang Pengelolaan Informasi dan Komunikasi Publik",
        agency="Dinas Komunikasi dan Informatika Kabupaten Tanggamus",
    )
    ChangeProposal.objects.update(
        title="Satu kanal pengaduan terpadu untuk pelayanan publik Kabupaten Tanggamus"
    )


@pytest.mark.parametrize("role", ["organizer_same", "superuser"])
def test_the_main_admin_lists_fit_an_office_screen(chromium_browser, live_server, role):
    world = world_create()
    long_names(world)
    context = browser_context(chromium_browser, live_server, world, role, OFFICE)
    page = context.new_page()
    wrong = []
    for model in LISTS:
        opts = model._meta
        page.goto(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        widths = page.evaluate(WIDTHS)
        if widths["table"] > widths["box"]:
            wrong.append(f"{opts.model_name}: the table is {widths['table']} px in {widths['box']}")
    context.close()

    assert not wrong, f"As {role} at 1366 × 768:\n" + "\n".join(wrong)
