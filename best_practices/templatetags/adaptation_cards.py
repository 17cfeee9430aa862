"""An adaptation of a practice as a card on the practice's page, written as text here rather
than by a template (as ``practice_cards`` writes the practices list's cards).

The most adapted practice of the national data set lists 22 adaptations: drawn by the template
engine (about forty lookups and conditions each) they took about 3.3 ms of its page
(docs/performance.md). The markup is the one the loop of ``_adaptations.html`` wrote before:

- the proposal's title, linked to it;
- a meta line: the participant, their agency when given, the cohort and its year, and the
  institution;
- a footer: the mode (adopted or adapted) and the proposal's status unless approved;
- what is kept and, for an adaptation or when stated, what changes, line breaks kept ("Not
  stated" when empty).

The adaptation comes with its proposal, participant, cohort and institution loaded
(``best_practices.practice_page``); only the proposals the viewer may read reach it.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from benchmarking.html_text import escape_text

register = template.Library()

#: The statuses and modes by value: ``participants`` is upstairs, so its choices are not
#: imported here (the template compared the same values).
APPROVED = "approved"
ADAPT = "adapt"


@register.simple_tag
def adaptation_card(adaptation) -> SafeString:
    """``{% adaptation_card adaptation %}``: ``adaptation`` as an ``<article>``."""
    esc = escape_text
    proposal = adaptation.proposal
    participant = proposal.participant
    cohort = participant.cohort
    meta = [f"<span>{esc(participant.full_name)}</span>"]
    if participant.agency:
        meta.append(f"<span>{esc(participant.agency)}</span>")
    meta.append(f"<span>{esc(cohort.name)} {cohort.year:d}</span>")
    meta.append(f"<span>{esc(cohort.institution.name)}</span>")
    badges = [
        f'<span class="badge badge--{esc(adaptation.mode)}">'
        f"{esc(adaptation.get_mode_display())}</span>"
    ]
    if proposal.status != APPROVED:
        badges.append(
            f'<span class="badge badge--{esc(proposal.status)}">'
            f"{esc(proposal.get_status_display())}</span>"
        )
    notes = [_note(gettext("What is kept"), adaptation.kept)]
    if adaptation.mode == ADAPT or adaptation.changed:
        notes.append(_note(gettext("What changes"), adaptation.changed))
    html = (
        '<article class="card card--adaptation">\n'
        f'  <h3 class="card__title"><a href="{esc(proposal.get_absolute_url())}">'
        f"{esc(proposal.title)}</a></h3>\n"
        f'  <p class="meta">{" ".join(meta)}</p>\n'
        f'  <p class="card__footer">{" ".join(badges)}</p>\n'
        f"{''.join(notes)}"
        "</article>"
    )
    return mark_safe(html)  # noqa: S308 - every part is escaped above


def _note(label: str, text: str) -> str:
    shown = linebreaksbr(text or gettext("Not stated"), autoescape=True)
    return (
        f'  <p class="card__note"><span class="card__note-label">{escape_text(label)}:'
        f"</span> {shown}</p>\n"
    )
