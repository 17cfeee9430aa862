"""Spreadsheet import in the admin: choose a file, see each row's preview, then confirm.

The preview is a dry run of ``benchmarking.imports.import_run``; the uploaded file waits in a
private temporary folder under a random token that only the uploader's session knows, and the
confirmation imports that same file. The cohort or institution to import into is chosen among
those the user's admin shows, so an organizer imports only into their own institution's.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from benchmarking.admin_base import scoping_admin
from benchmarking.imports import CohortImporter, Importer, ImportReport, import_run
from benchmarking.models import Institution
from benchmarking.spreadsheets import spreadsheet_response

#: The largest file an organizer may upload (about 50,000 participant rows).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: How many rows the preview lists; the summary counts them all.
PREVIEW_ROWS = 500
SESSION_KEY = "spreadsheet_imports"


#: An upload not confirmed within this many seconds is deleted.
UPLOAD_LIFETIME = 24 * 60 * 60


def upload_folder() -> Path:
    """The private folder where uploads wait between the preview and the confirmation."""
    folder = Path(tempfile.gettempdir()) / "lokus-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def uploads_expire() -> None:
    """Delete the uploads that nobody confirmed within ``UPLOAD_LIFETIME``."""
    oldest = time.time() - UPLOAD_LIFETIME
    for upload in upload_folder().iterdir():
        if upload.stat().st_mtime < oldest:
            upload.unlink(missing_ok=True)


class ImportForm(forms.Form):
    """The file to import and, for some kinds, the cohort or institution it goes to."""

    target = forms.ModelChoiceField(queryset=None, label=_("Import into"))
    file = forms.FileField(label=_("File (XLSX or CSV)"))

    def __init__(self, *args, targets=None, target_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is None:
            del self.fields["target"]
        else:
            self.fields["target"].queryset = targets
            self.fields["target"].label = target_label

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Choose an XLSX or CSV file."), code="file_type")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB."),
                code="file_size",
                params={"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload


class SpreadsheetImportAdminMixin:
    """Adds "Import" to a model admin's list. A subclass names ``import_target_model`` (or
    ``None``) and builds the importer for a chosen target in ``importer_for``."""

    change_list_template = "admin/lokus/import_change_list.html"
    importer_class: type[Importer] = Importer
    import_target_model = None
    #: A line of advice shown above the upload form.
    import_hint = ""

    def importer_for(self, target) -> Importer:
        raise NotImplementedError

    def import_targets(self, request):
        """The cohorts or institutions this user may import into (``None``: no choice)."""
        model = self.import_target_model
        if model is None:
            return None
        target_admin = scoping_admin(self.admin_site, model, request)
        queryset = model._default_manager.all()
        return target_admin.institution_scope(queryset, request) if target_admin else queryset

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name=f"{info}_import"),
            path(
                "import/template.<str:extension>",
                view(self.import_template_view),
                name=f"{info}_import_template",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request, extension):
        """An empty spreadsheet with the header row of this kind of import."""
        self._import_permission(request)
        rows = [[column.header for column in self.import_columns]]
        name = f"{self.opts.model_name}-template"
        response = spreadsheet_response(rows, extension=extension, name=name)
        if response is None:
            raise Http404
        return response

    @property
    def import_columns(self):
        return self.importer_class.columns

    def import_view(self, request):
        """The upload form (GET), the preview (POST a file) or the import (POST "confirm")."""
        self._import_permission(request)
        targets = self.import_targets(request)
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirm(request, targets)
        form = ImportForm(
            request.POST or None,
            request.FILES or None,
            targets=targets,
            target_label=self.import_target_model
            and self.import_target_model._meta.verbose_name.capitalize(),
        )
        if not form.is_valid():
            return self._import_render(request, form=form)
        target = form.cleaned_data.get("target")
        token = self._upload_keep(request, form.cleaned_data["file"], target)
        report = self._import_file(request, token, target, dry_run=True)
        return self._import_render(request, form=form, report=report, token=token, target=target)

    def _import_confirm(self, request, targets):
        token = request.POST.get("token", "")
        upload = request.session.get(SESSION_KEY, {}).get(token)
        if upload is None or not (upload_folder() / token).is_file():
            self.message_user(
                request, gettext("The preview has expired; choose the file again."), messages.ERROR
            )
            return HttpResponseRedirect(request.path)
        target = None
        if targets is not None:
            target = targets.filter(pk=upload["target"]).first()
            if target is None:
                raise PermissionDenied
        report = self._import_file(request, token, target, dry_run=False)
        if not report.ok:
            return self._import_render(
                request, form=None, report=report, token=token, target=target
            )
        self._upload_forget(request, token)
        self.message_user(request, report.summary, messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )

    def _import_file(self, request, token, target, *, dry_run: bool) -> ImportReport:
        upload = request.session[SESSION_KEY][token]
        with (upload_folder() / token).open("rb") as stream:
            return import_run(
                importer=self.importer_for(target),
                file=stream,
                filename=upload["name"],
                dry_run=dry_run,
            )

    def _upload_keep(self, request, upload, target) -> str:
        uploads_expire()
        token = secrets.token_hex(16)
        with (upload_folder() / token).open("wb") as stream:
            for chunk in upload.chunks():
                stream.write(chunk)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[token] = {"name": upload.name, "target": target.pk if target else None}
        request.session[SESSION_KEY] = uploads
        return token

    def _upload_forget(self, request, token) -> None:
        uploads = request.session.get(SESSION_KEY, {})
        uploads.pop(token, None)
        request.session[SESSION_KEY] = uploads
        (upload_folder() / token).unlink(missing_ok=True)

    def _import_permission(self, request) -> None:
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _import_render(self, request, *, form, report=None, token=None, target=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Import %(name)s") % {"name": self.opts.verbose_name_plural},
            "form": form,
            "report": report,
            "preview_rows": report.rows[:PREVIEW_ROWS] if report else [],
            "hidden_rows": max(len(report.rows) - PREVIEW_ROWS, 0) if report else 0,
            "token": token,
            "target": target,
            "columns": self.import_columns,
            "hint": self.import_hint,
        }
        return TemplateResponse(request, "admin/lokus/import.html", context)


class CohortImportAdminMixin(SpreadsheetImportAdminMixin):
    """Import an institution's cohorts."""

    importer_class = CohortImporter
    import_target_model = Institution

    def importer_for(self, target):
        return CohortImporter(institution=target)
