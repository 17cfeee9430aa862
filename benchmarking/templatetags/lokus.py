"""Template tags of the site shell."""

import datetime

from django import template
from django.template.defaultfilters import date
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from benchmarking import reversed_urls
from benchmarking.formatting import grouped as grouped_number
from benchmarking.html_text import escape_text

register = template.Library()


class CaptureNode(template.Node):
    # The base template captures its breadcrumbs block to render the <nav> only when a
    # page fills it; child_nodelists lets {% extends %} find the block inside this tag.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The content was rendered (and escaped) by the template engine already.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture name %}...{% endcapture %}``: render the content into the variable
    ``name`` (stripped of surrounding white space) instead of the output."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% capture %} takes one variable name.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.filter
def grouped(count) -> str:
    """``{{ n|grouped }}``: a count as the reader's language writes it ("20.000", "20,000";
    ``benchmarking.formatting.grouped``)."""
    return grouped_number(count)


# Counts in words, for lists of many rows: each filter says what its
# {% blocktranslate count %} said (the same message, so the translations stand) at a
# fraction of the tag's cost, which parses its token list again for every row. The count is
# written grouped (``grouped``).


@register.filter
def change_proposals(count: int) -> str:
    """``{{ n|change_proposals }}``: "N change proposals" (a province's flows of ideas list
    up to 76 provinces)."""
    return ngettext("%(counter)s change proposal", "%(counter)s change proposals", count) % {
        "counter": grouped_number(count)
    }


@register.filter
def adapted_by(count: int) -> str:
    """``{{ n|adapted_by }}``: "Adapted by N change proposals" (a practice card's badge)."""
    return ngettext(
        "Adapted by %(counter)s change proposal", "Adapted by %(counter)s change proposals", count
    ) % {"counter": grouped_number(count)}


@register.filter
def carried_out_in(count: int) -> str:
    """``{{ n|carried_out_in }}``: "Carried out in N change proposals" (a practice card's
    badge)."""
    return ngettext(
        "Carried out in %(counter)s change proposal",
        "Carried out in %(counter)s change proposals",
        count,
    ) % {"counter": grouped_number(count)}


@register.simple_tag
def date_range(start, end) -> str:
    """``{% date_range start end %}``: one ``<time>`` for a single day, else "start – end"
    (a visit card's dates; a list of visits has one on every card)."""
    if start == end:
        return _time(start)
    return mark_safe(f"{_time(start)} – {_time(end)}")  # noqa: S308 - both parts are escaped


def _time(day) -> str:
    """``<time datetime="Y-m-d">j F Y</time>`` of ``day``, as Django's ``date`` filter writes
    them. A date is written here (the filter takes 30 µs a date, and a province's page shows
    a hundred); anything else (a datetime, None) goes through the filter."""
    if type(day) is not datetime.date:
        return format_html('<time datetime="{}">{}</time>', date(day, "Y-m-d"), date(day, "j F Y"))
    month = escape_text(MONTHS[day.month])
    return mark_safe(  # noqa: S308 - the month's name is escaped, the rest are numbers
        f'<time datetime="{day.isoformat()}">{day.day} {month} {day.year:04d}</time>'
    )


@register.simple_tag
def url_of(viewname: str) -> str:
    """``{% url_of 'home' %}``: what ``{% url 'home' %}`` gives for a name without arguments,
    reversed once for each language (``benchmarking.reversed_urls``): the shell of every page
    links a dozen such names."""
    return reversed_urls.url_of(viewname)
