"""The admin's spreadsheet import of best practices, shared knowledge with no target."""

from benchmarking.admin_imports import SpreadsheetImportAdminMixin
from best_practices.imports import PracticeImporter


class PracticeImportAdminMixin(SpreadsheetImportAdminMixin):
    """Import practices with their host agency, province and sectors."""

    importer_class = PracticeImporter

    def importer_for(self, target):
        return PracticeImporter()
