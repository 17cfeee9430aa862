"""Evidence files: accepted by their content, refused with a clear message and nothing
written when they are programs, too large, of another kind, or named with a path."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participants.evidence import (
    MAX_EVIDENCE_SIZE,
    EvidenceRefused,
    download_name_header,
    evidence_attach,
    evidence_check,
)
from participants.models import EvidenceAttachment
from tests.participants.lifecycle_fixtures import EXE_BYTES, PDF_BYTES, PNG_BYTES


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("laporan.pdf", PDF_BYTES, "application/pdf"),
        ("foto.png", PNG_BYTES, "image/png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        ("grafik.gif", b"GIF89a\x01\x00\x01\x00", "image/gif"),
        ("foto.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (
            "notulen.docx",
            ooxml("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "anggaran.xlsx",
            ooxml("xl/workbook.xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "paparan.pptx",
            ooxml("ppt/presentation.xml"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "application/msword"),
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "application/vnd.ms-excel"),
        # The extension says nothing: a PDF named .png is a PDF.
        ("salah-nama.png", PDF_BYTES, "application/pdf"),
    ],
)
def test_the_type_comes_from_the_content(name, content, content_type):
    assert evidence_check(upload(name, content)).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", EXE_BYTES, "“laporan.pdf” adalah program, bukan dokumen; berkas ditolak."),
        (
            "laporan.pdf",
            b"\x7fELF\x02\x01\x01" + b"\x00" * 9,
            "“laporan.pdf” adalah program, bukan dokumen; berkas ditolak.",
        ),
        (
            "catatan.pdf",
            b"sekadar teks biasa",
            "“catatan.pdf” bukan PDF, gambar (PNG, JPEG, GIF, WebP) atau dokumen perkantoran "
            "(Word, Excel, PowerPoint); berkas ditolak.",
        ),
        (
            "arsip.docx",
            b"PK\x03\x04" + b"\x00" * 30,
            "“arsip.docx” bukan PDF, gambar (PNG, JPEG, GIF, WebP) atau dokumen perkantoran "
            "(Word, Excel, PowerPoint); berkas ditolak.",
        ),
        (
            "../x.pdf",
            PDF_BYTES,
            "Nama berkas “../x.pdf” memuat jalur folder; berikan nama berkasnya saja.",
        ),
        (
            "a/b.pdf",
            PDF_BYTES,
            "Nama berkas “a/b.pdf” memuat jalur folder; berikan nama berkasnya saja.",
        ),
        (
            "C:\\x.pdf",
            PDF_BYTES,
            "Nama berkas “C:\\x.pdf” memuat jalur folder; berikan nama berkasnya saja.",
        ),
        ("kosong.pdf", b"", "“kosong.pdf” kosong."),
    ],
)
def test_refusals_say_why(name, content, message):
    # The name as the browser sent it (``UploadNameMiddleware`` keeps it on the upload).
    file = upload("x.pdf", content)
    file.raw_name = name
    with pytest.raises(EvidenceRefused) as refused:
        evidence_check(file)
    assert refused.value.message == message


def test_a_file_over_10_mb_is_refused():
    big = upload("besar.pdf", PDF_BYTES + b"0" * MAX_EVIDENCE_SIZE)
    with pytest.raises(EvidenceRefused) as refused:
        evidence_check(big)
    assert refused.value.message == "“besar.pdf” lebih besar dari 10 MB; berkas ditolak."


@pytest.mark.django_db
def test_an_accepted_file_is_stored_under_a_private_random_name(circle, settings):
    users, proposal = circle
    attachment = evidence_attach(
        milestone=proposal.milestones.first(),
        user=users["owner"],
        upload=upload("Bukti SOP.pdf", PDF_BYTES),
    )
    assert attachment.original_name == "Bukti SOP.pdf"
    assert attachment.file.name.startswith("private/evidence/")
    assert "Bukti" not in attachment.file.name
    assert (settings.MEDIA_ROOT / attachment.file.name).read_bytes() == PDF_BYTES


@pytest.mark.django_db
def test_a_refused_file_writes_nothing(circle, settings):
    users, proposal = circle
    with pytest.raises(EvidenceRefused):
        evidence_attach(
            milestone=proposal.milestones.first(),
            user=users["owner"],
            upload=upload("laporan.pdf", EXE_BYTES),
        )
    assert not EvidenceAttachment.objects.exists()
    assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))


def test_the_download_name_cannot_break_the_header():
    header = download_name_header('Laporan "akhir"\r\nX: y.pdf')
    assert "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="Laporan__akhir___X__y.pdf"; ')
    assert "filename*=UTF-8''Laporan%20%22akhir%22%0D%0AX%3A%20y.pdf" in header
