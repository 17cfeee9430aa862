"""A best practice as a card, written as text here rather than by a template.

Cards are the bulk of the practices list, a province's page and home: twenty cards drawn by
the template engine (about thirty lookups and conditions each) took 3.4 ms of a 16 ms
uncached list on the national data set, a tenth of that written here (docs/performance.md).
The markup is the one the template ``includes/_practice_card.html`` wrote before:

- the title, linked to the practice's page;
- a meta line: the host province (unless ``hide_province``), the host agency and, unless
  ``compact``, the sectors;
- the summary, cut to 40 words (30 when ``compact``);
- a footer of badges: unless ``compact``, the stage, "Digital", a status other than active
  and the service qualities; then "Adapted by N" where the page counted adaptations
  (``adaptation_count``) and "Carried out in N" (``proven_adaptation_count``). A compact card
  without either count has no footer.
"""

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from benchmarking.html_text import escape_text
from benchmarking.templatetags.lokus import adapted_by, carried_out_in
from best_practices.models import PracticeStatus

register = template.Library()


@register.simple_tag
def practice_card(practice, *, compact: bool = False, hide_province: bool = False) -> SafeString:
    """``{% practice_card practice compact=True hide_province=True %}``: ``practice`` (with
    its host province and agency loaded and, unless ``compact``, its sectors' names set by
    ``BestPractice.load_sector_names``) as an ``<article>``."""
    esc = escape_text
    meta = []
    if not hide_province:
        meta.append(f"<span>{esc(practice.host_province.name)}</span>")
    if practice.host_agency_id:
        meta.append(f"<span>{esc(practice.host_agency.name)}</span>")
    if not compact:
        sectors = practice.sector_names
        if sectors:
            meta.append(f"<span>{esc(sectors)}</span>")
    summary = truncatewords(practice.summary, 30 if compact else 40)
    adaptations = getattr(practice, "adaptation_count", 0)
    proven = practice.proven_adaptation_count
    badges = []
    if not compact:
        stage = esc(practice.stage)
        badges.append(
            f'<span class="badge badge--{stage}">{esc(practice.get_stage_display())}</span>'
        )
        if practice.is_digital:
            badges.append(f'<span class="badge badge--digital">{esc(gettext("Digital"))}</span>')
        if practice.status != PracticeStatus.ACTIVE:
            status = esc(practice.status)
            label = esc(practice.get_status_display())
            badges.append(f'<span class="badge badge--{status}">{label}</span>')
        for quality in practice.qualities:
            label = esc(quality.label)
            badges.append(f'<span class="badge badge--{esc(quality.value)}">{label}</span>')
    if adaptations:
        badges.append(f'<span class="badge badge--adapted">{esc(adapted_by(adaptations))}</span>')
    if proven:
        badges.append(f'<span class="badge badge--proven">{esc(carried_out_in(proven))}</span>')
    footer = f'\n  <p class="card__footer">{" ".join(badges)}</p>' if badges else ""
    modifier = " card--compact" if compact else ""
    html = (
        f'<article class="card card--practice{modifier}">\n'
        f'  <h3 class="card__title"><a href="{esc(practice.get_absolute_url())}">'
        f"{esc(practice.title)}</a></h3>\n"
        f'  <p class="meta">{" ".join(meta)}</p>\n'
        f'  <p class="card__text">{esc(summary)}</p>{footer}\n'
        "</article>"
    )
    return mark_safe(html)  # noqa: S308 - every part is escaped above
