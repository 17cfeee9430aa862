"""The admin's spreadsheet imports of participants (into a cohort) and facilitators (into an
institution); ``benchmarking.admin_imports`` runs the upload, preview and confirmation."""

from django.utils.translation import gettext_lazy as _

from benchmarking.admin_imports import SpreadsheetImportAdminMixin
from benchmarking.models import Cohort, Institution
from participants.imports import FacilitatorImporter, ParticipantImporter


class ParticipantImportAdminMixin(SpreadsheetImportAdminMixin):
    """Import a cohort's participants; their new accounts are invited to set a password."""

    importer_class = ParticipantImporter
    import_target_model = Cohort
    import_hint = _(
        "Format the NIP column as text in your spreadsheet, so that it keeps all 18 digits."
    )

    def importer_for(self, target):
        return ParticipantImporter(cohort=target)


class FacilitatorImportAdminMixin(SpreadsheetImportAdminMixin):
    """Import an institution's coaches, mentors and examiners."""

    importer_class = FacilitatorImporter
    import_target_model = Institution

    def importer_for(self, target):
        return FacilitatorImporter(institution=target)
