"""The options of a facet as list items, written as text here rather than by a template.

The practice list shows about 130 options over its facets; drawn by the template engine
(about eight lookups each) they took several milliseconds of every uncached list. The
markup is the one ``_facet_options.html`` wrote: a chosen option links to its removal, an
option with results links to its addition, one without is plain text; each with its count,
grouped as the reader's language writes it (``benchmarking.formatting``).
"""

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from benchmarking.formatting import grouped
from benchmarking.html_text import escape_text

register = template.Library()


@register.filter
def facet_options(options: Iterable, facet_name: str) -> SafeString:
    """``{{ options|facet_options:facet.name }}``: ``options`` (``FacetOption``) as ``<li>``s."""
    name = escape_text(facet_name)
    selected_hint = escape_text(gettext("(selected, select to remove)"))
    items = []
    for option in options:
        data = f'data-facet="{name}" data-value="{escape_text(option.value)}"'
        label = escape_text(option.label)
        url = escape_text(option.url)
        if option.selected:
            choice = (
                f'<a href="{url}" {data} class="is-selected" aria-current="true">'
                f'<span aria-hidden="true">✓ </span>{label}'
                f'<span class="visually-hidden"> {selected_hint}</span></a>'
            )
        elif option.count:
            choice = f'<a href="{url}" {data}>{label}</a>'
        else:
            choice = f'<span class="facet__disabled" {data}>{label}</span>'
        items.append(
            f'<li>\n  {choice}\n  <span class="facet-count">{grouped(option.count)}</span>\n</li>\n'
        )
    return mark_safe("".join(items))  # noqa: S308 - every part is escaped above
