"""``/practices/export.csv`` and ``.xlsx``: the practices list, filtered as on the page."""

from django.http import Http404
from django.views import View

from benchmarking.spreadsheets import spreadsheet_response
from best_practices.exports import practice_export_rows


class PracticeExportView(View):
    """The practices that ``/practices/`` shows for the same query string, as a download."""

    def get(self, request, extension):
        rows = practice_export_rows(
            data=request.GET, user=request.user, absolute_url=request.build_absolute_uri
        )
        response = spreadsheet_response(rows, extension=extension, name="praktik-baik")
        if response is None:
            raise Http404
        return response
