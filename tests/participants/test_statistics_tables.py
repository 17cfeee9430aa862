"""The statistics tables' rows written by tags (``participants.templatetags.statistics_tables``)
are what the template's loops wrote before, white space aside."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from benchmarking.models import Province
from tests.factories import province, sector

pytestmark = pytest.mark.django_db

#: The loops the tags replace, as the statistics template had them.
LOOPS = {
    "province_rows": """{% for province in rows %}
          <tr{% if not province.practice_count %} class="is-quiet"{% endif %}><th scope="row"><a href="{{ province.get_absolute_url }}">{{ province.name }}</a></th><td class="num">{{ province.practice_count }}</td></tr>
          {% endfor %}""",
    "sector_rows": """{% for sector in rows %}
          <tr><th scope="row">{{ sector.display_name }}</th><td class="num">{{ sector.practice_count }}</td></tr>
          {% endfor %}""",
    "flow_rows": """{% for flow in rows %}
          <tr><td><a href="{{ flow.source.get_absolute_url }}">{{ flow.source.name }}</a></td><td><a href="{{ flow.target.get_absolute_url }}">{{ flow.target.name }}</a></td><td class="num">{{ flow.proposals }}</td></tr>
          {% endfor %}""",
    "year_rows": """{% for year, count in rows %}
          <tr{% if not count %} class="is-quiet"{% endif %}><th scope="row">{{ year }}</th><td class="num">{{ count }}</td></tr>
          {% endfor %}""",
}


def counted(item, number):
    item.practice_count = number
    return item


def marked_province():
    """A province whose name and code need escaping (not saved)."""
    return counted(Province(code="K&R", name='Kepulauan <Riau> & "Sekitarnya"'), 0)


@pytest.fixture
def rows():
    jateng, bali = province("33"), province("51")
    return {
        "province_rows": [counted(jateng, 12), counted(bali, 0), marked_province()],
        "sector_rows": [counted(sector("kesehatan"), 3), counted(sector("pariwisata"), 0)],
        "flow_rows": [
            SimpleNamespace(source=jateng, target=bali, proposals=2),
            SimpleNamespace(source=marked_province(), target=jateng, proposals=1),
        ],
        "year_rows": [(2018, 4), (2019, 0), (2020, 1)],
    }


def written(html: str) -> list[str]:
    return [line.strip() for line in html.strip().splitlines() if line.strip()]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("tag", list(LOOPS))
def test_each_tag_writes_what_its_loop_wrote(rows, tag, language):
    context = Context({"rows": rows[tag]})
    with translation.override(language):
        by_loop = Template(LOOPS[tag]).render(context)
        by_tag = Template(f"{{% load statistics_tables %}}{{% {tag} rows %}}").render(context)

    assert written(by_tag) == written(by_loop)
    assert len(written(by_tag)) == len(rows[tag])


def test_names_are_escaped_and_sectors_named_in_the_active_language(rows):
    template = Template("{% load statistics_tables %}{% province_rows p %}{% sector_rows s %}")
    context = Context({"p": rows["province_rows"], "s": rows["sector_rows"]})

    with translation.override("en"):
        html = template.render(context)

    assert "Kepulauan &lt;Riau&gt; &amp; &quot;Sekitarnya&quot;" in html
    assert 'href="/provinces/K&amp;R/"' in html
    assert '<tr><th scope="row">Health</th><td class="num">3</td></tr>' in html
    assert '<tr class="is-quiet"><th scope="row"><a href="/provinces/51/">Bali</a>' in html
