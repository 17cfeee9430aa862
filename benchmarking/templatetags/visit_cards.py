"""A visit as a card, written as text here rather than by a template (as the practices list's
cards are, ``best_practices.templatetags.practice_cards``).

A province's page lists every visit it hosted (55 for Jawa Tengah on the national data set),
the visits list a page of them and home the latest. Drawn by the template engine, each card
parsed two ``{% blocktranslate %}`` again; written here, the same messages are translated
directly (docs/performance.md). The markup is the one ``_visit_card.html`` wrote before:

- the visit's title, linked to its page;
- a meta line: its dates (``{% date_range %}``) and "Host: <province>";
- the cohort: its program, name and year, and its institution;
- a badge with the number of practices observed on it (``practice_count``).

The visit comes from ``VisitQuerySet.for_listing``: its cohort, institution and host province
loaded, its practices counted.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from benchmarking.formatting import grouped
from benchmarking.html_text import escape_text
from benchmarking.templatetags.lokus import date_range

register = template.Library()


@register.simple_tag
def visit_card(visit) -> SafeString:
    """``{% visit_card visit %}``: ``visit`` as an ``<article>``."""
    esc = escape_text
    cohort = visit.cohort
    host = gettext("Host: %(province)s") % {"province": esc(visit.host_province.name)}
    count = visit.practice_count
    observed = ngettext(
        "%(counter)s best practice observed", "%(counter)s best practices observed", count
    ) % {"counter": grouped(count)}
    html = (
        '<article class="card card--visit">\n'
        f'  <h3 class="card__title"><a href="{esc(visit.get_absolute_url())}">'
        f"{esc(visit.title)}</a></h3>\n"
        f'  <p class="meta"><span>{date_range(visit.start_date, visit.end_date)}</span> '
        f"<span>{host}</span></p>\n"
        f'  <p class="card__text">{esc(cohort.get_program_display())} {esc(cohort.name)} '
        f"{esc(cohort.year)} · {esc(cohort.institution.name)}</p>\n"
        f'  <p class="card__footer"><span class="badge badge--count">{observed}</span></p>\n'
        "</article>"
    )
    return mark_safe(html)  # noqa: S308 - every value is escaped above; messages are ours
