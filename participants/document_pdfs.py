"""The PDFs of the proposal documents, kept ready: WeasyPrint takes a third of a second per
document, far more than any page, so the PDF is made off the request and kept.

A PDF is kept in Django's cache (Redis with ``REDIS_URL``) under a key carrying the proposal,
its version and a digest of the very HTML it is printed from. The request always reads the
proposal (so who may not read it is refused exactly as before) and renders the HTML, which is
cheap; it serves kept bytes only when they were printed from that same HTML. So a kept PDF is
never stale, whatever changed: the proposal, its report, a facilitator's name, a practice's
title, a translation or a template.

After every write that raises a proposal's version (``services.proposals_changed``: an
edit, a submission, a review, a report, an evaluation, any status change) a task prints the
proposal's documents in the site's language (``pdfs_prepare``), on the task queue. Without a
queue it does not: printing in the writing request would only move the wait there, so the
first request for the PDF prints and keeps it instead, as it does whenever the PDF is missing
(a flushed cache, another language).
"""

import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from config.tasks import task_after_commit
from participants import documents, reports
from participants.models import ChangeProposal

logger = logging.getLogger(__name__)

#: The start of every kept PDF's key.
KEY_PREFIX = "lokus:pdf"

#: Seconds a PDF is kept after it was printed or last prepared.
PDF_KEPT_SECONDS = 24 * 3600

#: Proposals printed by one task at most: a bulk change of many proposals makes several
#: tasks, each well within the worker's time limit for a job.
PROPOSALS_PER_TASK = 20


def pdf_key(proposal: ChangeProposal, html: str) -> str:
    """The cache key of the PDF of ``html``, the document of ``proposal`` at its version."""
    digest = hashlib.sha256(html.encode()).hexdigest()
    return f"{KEY_PREFIX}:{proposal.pk}:{proposal.version}:{digest}"


def pdf_of(context: dict) -> bytes:
    """The PDF of the document ``context`` (``documents.document_context``): the kept one, or
    printed now and kept. ``documents.PdfUnavailable`` when it cannot be printed here."""
    html = documents.document_html(context, for_pdf=True)
    key = pdf_key(context["proposal"], html)
    pdf = cache.get(key)
    if pdf is None:
        pdf = documents.render_pdf(html)
        cache.set(key, pdf, PDF_KEPT_SECONDS)
    return pdf


def pdfs_prepare(*, proposal_ids: list[int]) -> int:
    """Task: print and keep the documents of the proposals (the design, and the report once
    submitted) as the site's language shows them; those already kept are left. Returns how
    many documents are now kept."""
    proposals = reports.with_report(
        ChangeProposal.objects.filter(pk__in=proposal_ids), adaptations=True
    )
    kept = 0
    with translation.override(settings.LANGUAGE_CODE):
        for proposal in proposals:
            report = reports.report_of(proposal)
            kinds = [False, True] if report and report.submitted_at else [False]
            for with_report in kinds:
                try:
                    pdf_of(documents.document_context(proposal, with_report=with_report))
                except documents.PdfUnavailable:
                    # No PDF library on this worker: the request says so, as it always has.
                    logger.warning("No PDF library: proposal %s is not printed", proposal.pk)
                    return kept
                kept += 1
    return kept


def pdfs_prepare_after_commit(*, proposal_ids: Iterable[int], **kwargs) -> None:
    """Receiver of ``services.proposals_changed``: prepare the PDFs of the proposals once the
    transaction commits, on the task queue; none without a queue (see the module's docstring).
    """
    if not settings.LOKUS_TASKS_ON_QUEUE:
        return
    ids = sorted(set(proposal_ids))
    for start in range(0, len(ids), PROPOSALS_PER_TASK):
        task_after_commit(pdfs_prepare, proposal_ids=ids[start : start + PROPOSALS_PER_TASK])
