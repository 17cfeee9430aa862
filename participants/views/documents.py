"""The change proposal as a document: the print view and the PDF beside it, of the design
alone or, once the report is written, of the final report with its evaluation.

Only those who may read the proposal get its document (others: 404, like a proposal that does
not exist); the report's document exists once the report is submitted.
"""

from http import HTTPStatus

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from participants import document_pdfs, documents, reports


class DocumentMixin(LoginRequiredMixin):
    """Loads the proposal the user may read, with everything the document shows."""

    with_report = False

    def get_context(self) -> dict:
        proposal = reports.report_detail(
            pk=self.kwargs["pk"], user=self.request.user, adaptations=True
        )
        if self.with_report:
            report = reports.report_of(proposal)
            if report is None or report.submitted_at is None:
                raise Http404(_("The final report of this proposal is not submitted yet."))
        return documents.document_context(proposal, with_report=self.with_report)


class DocumentView(DocumentMixin, View):
    """``/proposals/<pk>/document/``: the document as a page to print."""

    def get(self, request, pk):
        html = documents.document_html(self.get_context(), for_pdf=False)
        return HttpResponse(html)


class DocumentPdfView(DocumentMixin, View):
    """``/proposals/<pk>/document.pdf``: the same document as a PDF file, kept ready when it
    can be (``participants.document_pdfs``)."""

    def get(self, request, pk):
        context = self.get_context()
        try:
            pdf = document_pdfs.pdf_of(context)
        except documents.PdfUnavailable:
            return render(
                request,
                "participants/documents/pdf_unavailable.html",
                {"proposal": context["proposal"], "with_report": self.with_report},
                status=HTTPStatus.SERVICE_UNAVAILABLE,
            )
        response = HttpResponse(pdf, content_type="application/pdf")
        kind = "laporan" if self.with_report else "rancangan"
        response["Content-Disposition"] = f'inline; filename="{kind}-{pk}.pdf"'
        return response


class ReportDocumentView(DocumentView):
    """``/proposals/<pk>/report/document/``: the final report with its evaluation, to print."""

    with_report = True


class ReportDocumentPdfView(DocumentPdfView):
    """``/proposals/<pk>/report/document.pdf``: the final report with its evaluation, as PDF."""

    with_report = True
