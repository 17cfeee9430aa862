"""The change proposal as a document, for the seminars and the archive: a print view and a PDF
of the same HTML, made with WeasyPrint.

WeasyPrint needs Pango from the system (``libpango-1.0-0``, ``libpangoft2-1.0-0``); it is
imported only when a PDF is made, so that everything else runs without them.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from benchmarking.models import Program
from participants import reports, selectors
from participants.models import ChangeProposal

#: The stylesheet of the document, for the print view and the PDF alike.
STYLESHEET = "css/document.css"

#: Programs whose project is an "aksi perubahan"; the others write a "proyek perubahan".
ACTION_PROGRAMS = (Program.PKP, Program.PKA)


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs cannot be loaded."""


def project_term(program: str) -> str:
    """What the participant's program calls the change project: proyek perubahan for Diklatpim
    and PKN, aksi perubahan for PKP and PKA."""
    if program in ACTION_PROGRAMS:
        return pgettext("change project of PKP and PKA", "change action")
    return pgettext("change project of Diklatpim and PKN", "change project")


def document_context(proposal: ChangeProposal, *, with_report: bool) -> dict:
    """What the document template shows of ``proposal`` (loaded with
    ``reports.with_report(..., adaptations=True)``); with ``with_report`` the final report and
    its evaluation follow the design."""
    term = project_term(proposal.participant.cohort.program)
    if with_report:
        heading = _("Report of the %(term)s") % {"term": term}
    else:
        heading = _("Design of the %(term)s") % {"term": term}
    return {
        "proposal": proposal,
        "term": term,
        "heading": heading,
        "with_report": with_report,
        "report": reports.report_of(proposal) if with_report else None,
        "evaluation": reports.evaluation_of(proposal) if with_report else None,
        "milestone_terms": selectors.milestones_by_term(proposal.milestones.all()),
        "signatories": signatories(proposal),
    }


def signatories(proposal: ChangeProposal) -> list[tuple[str, str, str]]:
    """The approval sheet's rows: (role, name, NIP) of participant, coach and mentor; an
    unassigned facilitator leaves the name empty, to be written by hand."""
    rows = [(_("Participant"), proposal.participant.full_name, proposal.participant.nip)]
    for role, facilitator in ((_("Coach"), proposal.coach), (_("Mentor"), proposal.mentor)):
        rows.append(
            (role, facilitator.full_name, facilitator.nip) if facilitator else (role, "", "")
        )
    return rows


def document_html(context: dict, *, for_pdf: bool) -> str:
    """The document's HTML; the print view adds its toolbar, the PDF leaves it out."""
    return render_to_string(
        "participants/documents/proposal_document.html", {**context, "for_pdf": for_pdf}
    )


def render_pdf(html: str) -> bytes:
    """The PDF of ``html`` with the document's stylesheet; ``PdfUnavailable`` when WeasyPrint
    or Pango cannot be loaded."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from error
    stylesheet = weasyprint.CSS(filename=finders.find(STYLESHEET))
    # Nothing in the document is fetched: no URL of the page may reach the network or disk.
    return weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=[stylesheet])


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"not fetched: {url}")
