"""Keep the file name of an upload as the browser sent it, so that a name carrying a path
(``../x.pdf``, ``a/b.pdf``, ``C:\\x.pdf``) can be refused with a clear message.

Django's multipart parser silently cuts such a name down to its last part; the uploaded file
then says ``x.pdf``. ``UploadNameMiddleware`` has each request parse its uploads with a parser
that, where it cut a name, records the name as sent on the file (``raw_name``).
"""

import html
import types

from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList


class NameKeepingMultiPartParser(MultiPartParser):
    """Django's parser, remembering each file name it had to shorten."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.raw_names: dict[str, str] = {}

    def sanitize_file_name(self, file_name):
        cleaned = super().sanitize_file_name(file_name)
        sent = html.unescape(file_name)
        if cleaned is not None and cleaned != sent:
            self.raw_names[cleaned] = sent
        return cleaned

    def parse(self):
        post, files = super().parse()
        for _field, uploads in files.lists():
            for upload in uploads:
                if upload.name in self.raw_names:
                    upload.raw_name = self.raw_names[upload.name]
        return post, files


def _parse_file_upload(request, META, post_data):
    request.upload_handlers = ImmutableList(
        request.upload_handlers,
        warning="You cannot alter upload handlers after the upload has been processed.",
    )
    parser = NameKeepingMultiPartParser(META, post_data, request.upload_handlers, request.encoding)
    return parser.parse()


class UploadNameMiddleware:
    """Parse this request's uploads with ``NameKeepingMultiPartParser``; placed before any
    middleware that reads ``request.POST`` (the CSRF check)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.parse_file_upload = types.MethodType(_parse_file_upload, request)
        return self.get_response(request)


def sent_name(upload) -> str:
    """The file name of ``upload`` as the browser sent it."""
    return getattr(upload, "raw_name", None) or upload.name
