"""The options of a facet as list items (``best_practices.templatetags.facet_options``), and
the links they carry (``best_practices.selectors.OptionLinks``)."""

from urllib.parse import urlencode

from django.template import Context, Template
from django.utils import translation

from best_practices.selectors import FacetOption, OptionLinks


def render(*options: FacetOption, name: str = "province") -> str:
    template = Template("{% load facet_options %}{{ options|facet_options:name }}")
    return template.render(Context({"options": options, "name": name}))


def test_an_option_with_results_links_to_its_addition():
    html = render(FacetOption("33", "Jawa Tengah", 12, False, "?province=33"))

    assert '<a href="?province=33" data-facet="province" data-value="33">Jawa Tengah</a>' in html
    assert '<span class="facet-count">12</span>' in html


def test_a_chosen_option_links_to_its_removal_and_says_so():
    option = FacetOption("33", "Jawa Tengah", 12, True, "?")

    with translation.override("id"):
        html = render(option)
    with translation.override("en"):
        english = render(option)

    assert 'class="is-selected" aria-current="true"' in html
    assert '<span aria-hidden="true">✓ </span>Jawa Tengah' in html
    assert "(dipilih, pilih untuk menghapus)" in html
    assert "(selected, select to remove)" in english


def test_an_option_without_results_is_no_link():
    html = render(FacetOption("91", "Papua", 0, False, "?province=91"))

    assert "<a " not in html
    assert (
        '<span class="facet__disabled" data-facet="province" data-value="91">Papua</span>' in html
    )
    assert '<span class="facet-count">0</span>' in html


def test_labels_values_and_links_are_escaped():
    html = render(
        FacetOption('x"><b>', "<script>alert(1)</script>", 1, False, '?q="&a=<i>'),
        name='"n"',
    )

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'data-value="x&quot;&gt;&lt;b&gt;"' in html
    assert 'href="?q=&quot;&amp;a=&lt;i&gt;"' in html
    assert 'data-facet="&quot;n&quot;"' in html


#: A query string's pairs with what needs encoding: spaces, "&", "=", "+" and non-ASCII text.
PAIRS = [("q", "air & sanitasi = 100%+"), ("province", "33"), ("sector", "kominfo")]


def test_an_option_not_chosen_is_added_to_the_whole_query_string():
    links = OptionLinks(PAIRS)

    assert links.toggled("visit", "12") == "?" + urlencode([*PAIRS, ("visit", "12")])
    assert links.toggled("q", "jalan desa") == "?" + urlencode([*PAIRS, ("q", "jalan desa")])
    assert links.toggled("sector", "ékonomi") == "?" + urlencode([*PAIRS, ("sector", "ékonomi")])


def test_a_chosen_option_is_taken_out_and_the_rest_kept_in_order():
    links = OptionLinks(PAIRS)

    assert links.toggled("province", "33") == "?" + urlencode([PAIRS[0], PAIRS[2]])
    assert OptionLinks([("province", "33")]).toggled("province", "33") == "?"


def test_without_a_query_string_an_option_is_the_only_pair():
    assert OptionLinks([]).toggled("year", "2018") == "?year=2018"
