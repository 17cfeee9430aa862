"""A best practice as a card (``best_practices.templatetags.practice_cards``)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from best_practices.models import BestPractice, PracticeStatus, Stage
from tests.factories import BestPracticeFactory, HostAgencyFactory, province, sector

pytestmark = pytest.mark.django_db


def render(practice, options: str = "", language: str = "id") -> str:
    template = Template("{% load practice_cards %}{% practice_card practice " + options + " %}")
    with translation.override(language):
        return template.render(Context({"practice": practice}))


def card_of(practice: BestPractice, **counts) -> BestPractice:
    """``practice`` read as the practices list reads it, with the counts a page may add."""
    row = BestPractice.objects.for_cards().get(pk=practice.pk)
    for name, value in counts.items():
        setattr(row, name, value)
    return row


@pytest.fixture
def practice():
    return BestPracticeFactory(
        title="SiGanago <Tata> & Kelola",
        slug="siganago",
        summary=" ".join(f"kata{n}" for n in range(50)),
        host_province=province("33"),
        host_agency=HostAgencyFactory(name="Dinas Kesehatan", province=province("33")),
        sectors=[sector("kesehatan")],
        stage=Stage.APPLIED,
        is_digital=True,
        improves_speed=True,
        improves_transparency=True,
    )


def test_a_full_card_shows_where_what_and_its_badges(practice):
    html = render(card_of(practice, adaptation_count=3))

    assert html.startswith('<article class="card card--practice">')
    assert (
        '<h3 class="card__title"><a href="/practices/siganago/">'
        "SiGanago &lt;Tata&gt; &amp; Kelola</a></h3>" in html
    )
    assert (
        '<p class="meta"><span>Jawa Tengah</span> <span>Dinas Kesehatan</span> '
        "<span>Kesehatan</span></p>" in html
    )
    # Cut to forty words.
    assert "kata39 …</p>" in html and "kata40" not in html
    assert (
        '<p class="card__footer"><span class="badge badge--applied">Diterapkan</span> '
        '<span class="badge badge--digital">Digital</span> '
        '<span class="badge badge--fast">Cepat</span> '
        '<span class="badge badge--transparent">Transparan</span> '
        '<span class="badge badge--adapted">Diadaptasi oleh 3 rancangan proyek perubahan</span>'
        "</p>" in html
    )


def test_a_compact_card_for_a_province_page_leaves_out_the_province_sectors_and_badges(practice):
    html = render(card_of(practice, proven_adaptation_count=2), "compact=True hide_province=True")

    assert html.startswith('<article class="card card--practice card--compact">')
    assert '<p class="meta"><span>Dinas Kesehatan</span></p>' in html
    assert "kata29 …</p>" in html and "kata30" not in html
    assert (
        '<p class="card__footer"><span class="badge badge--proven">'
        "Dilaksanakan dalam 2 rancangan</span></p>" in html
    )
    assert "Jawa Tengah" not in html
    assert "badge--applied" not in html


def test_a_compact_card_without_counts_has_no_footer(practice):
    html = render(card_of(practice), "compact=True")

    assert "card__footer" not in html
    assert '<p class="meta"><span>Jawa Tengah</span> <span>Dinas Kesehatan</span></p>' in html


def test_a_discontinued_practice_says_so_and_labels_follow_the_language(practice):
    practice.status = PracticeStatus.DISCONTINUED
    practice.host_agency = None
    practice.save()

    indonesian = render(card_of(practice))
    english = render(card_of(practice), language="en")

    assert '<span class="badge badge--discontinued">Dihentikan</span>' in indonesian
    assert '<span class="badge badge--discontinued">Discontinued</span>' in english
    assert '<span class="badge badge--applied">Applied</span>' in english
    assert '<p class="meta"><span>Jawa Tengah</span> <span>Health</span></p>' in english
    assert "Dinas Kesehatan" not in indonesian


def test_an_active_practice_has_no_status_badge(practice):
    html = render(card_of(practice))

    assert "badge--active" not in html
    assert "badge--adapted" not in html
    assert "badge--proven" not in html
