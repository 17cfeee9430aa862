"""Evidence attachments of a milestone: what is accepted, and the one way to store one.

A file is accepted by what its content is, never by its name: the first bytes must be those of
a PDF, PNG, JPEG, GIF or WebP image, an Office Open XML document (a ZIP holding
``[Content_Types].xml``) or an older OLE Office document. Executables, oversized files and file
names carrying a path are refused before anything is written.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from participants.models import EvidenceAttachment, Milestone
from participants.upload_names import sent_name

#: The largest evidence file accepted, in bytes (10 MB).
MAX_EVIDENCE_SIZE = 10 * 1024 * 1024
MAX_NAME_LENGTH = 150

PDF = "application/pdf"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Leading bytes of a file type and its content type, checked in order.
SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
#: The folder inside an OOXML package that says which kind of document it is.
OOXML_PARTS = (
    ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
OLE_TYPES = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}


class EvidenceRefused(Exception):
    """The file was not accepted; ``message`` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check: its safe name and the type read from its content."""

    name: str
    content_type: str


def clean_file_name(name: str) -> str:
    """The file name as given, if it names a file and not a path; else ``EvidenceRefused``."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise EvidenceRefused(_("The file has no name."))
    if (
        "/" in name
        or "\\" in name
        or ".." in name
        or re.match(r"^[A-Za-z]:", name)
        or any(unicodedata.category(char) == "Cc" for char in name)
    ):
        raise EvidenceRefused(
            _("The file name “%(name)s” contains a folder path; give the file's name only.")
            % {"name": name[:MAX_NAME_LENGTH]}
        )
    if len(name) > MAX_NAME_LENGTH:
        raise EvidenceRefused(
            _("The file name is longer than %(count)d characters.") % {"count": MAX_NAME_LENGTH}
        )
    return name


def _ooxml_type(upload: UploadedFile) -> str | None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, content_type in OOXML_PARTS:
        if any(item.startswith(prefix) for item in names):
            return content_type
    return None


def content_type_of(upload: UploadedFile, name: str) -> str:
    """The content type read from the file's first bytes; ``EvidenceRefused`` when it is not
    one of the accepted kinds."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise EvidenceRefused(
            _("“%(name)s” is a program, not a document; it was refused.") % {"name": name}
        )
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        content_type = _ooxml_type(upload)
        upload.seek(0)
        if content_type:
            return content_type
    if head.startswith(OLE_SIGNATURE):
        extension = name.rsplit(".", 1)[-1].lower()
        return OLE_TYPES.get(extension, "application/x-ole-storage")
    raise EvidenceRefused(
        _(
            "“%(name)s” is not a PDF, an image (PNG, JPEG, GIF, WebP) or an office document "
            "(Word, Excel, PowerPoint); it was refused."
        )
        % {"name": name}
    )


def evidence_check(upload: UploadedFile) -> CheckedFile:
    """Check an upload's name, size and content; raise ``EvidenceRefused`` saying why not."""
    name = clean_file_name(sent_name(upload))
    if upload.size > MAX_EVIDENCE_SIZE:
        raise EvidenceRefused(
            _("“%(name)s” is larger than 10 MB; it was refused.") % {"name": name}
        )
    if upload.size == 0:
        raise EvidenceRefused(_("“%(name)s” is empty.") % {"name": name})
    return CheckedFile(name=name, content_type=content_type_of(upload, name))


def evidence_attach(
    *, milestone: Milestone, user: AbstractUser, upload: UploadedFile
) -> EvidenceAttachment:
    """Store ``upload`` as evidence of ``milestone``: checked first, then the file and its row
    written together; a failed write leaves neither behind. Permission is the caller's."""
    checked = evidence_check(upload)
    attachment = EvidenceAttachment(
        milestone=milestone,
        original_name=checked.name,
        content_type=checked.content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(checked.name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def download_name_header(name: str) -> str:
    """A ``Content-Disposition`` value that makes the browser save the file under ``name``,
    encoded so that no character of the name can break out of the header."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "bukti"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
