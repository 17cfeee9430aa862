"""Site-wide middleware."""

from django.core.exceptions import BadRequest
from django.http import QueryDict


class IndonesianFirstMiddleware:
    """Make Indonesian the language of every page until the user picks English.

    Django's ``LocaleMiddleware`` would follow the browser's ``Accept-Language``, so most
    office PCs (set up in English) would see an English site. Lokus is an Indonesian service:
    only the user's own choice in the language switch (the language cookie) changes it.
    Placed before ``LocaleMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


#: C0 control characters and DEL, except tab, line feed and carriage return, which textareas
#: send. PostgreSQL refuses NUL in any text, and none of these carries meaning in a form.
_FORBIDDEN_IN_VALUES = {chr(code) for code in (*range(0x20), 0x7F)} - {"\t", "\n", "\r"}
#: A path or a parameter name has no use for any control character.
_FORBIDDEN_IN_NAMES = {chr(code) for code in (*range(0x20), 0x7F)}
#: No page of Lokus has a longer path; ids beyond it would not even convert to numbers.
MAX_PATH_LENGTH = 2000


_REPLACE_IN_VALUES = dict.fromkeys(map(ord, _FORBIDDEN_IN_VALUES), "\ufffd")
_REPLACE_IN_NAMES = dict.fromkeys(map(ord, _FORBIDDEN_IN_NAMES), "\ufffd")


def _holds(text: str, forbidden: set[str]) -> bool:
    return not forbidden.isdisjoint(text)


class RefuseControlCharactersMiddleware:
    """Keep control characters such as NUL out of every view: a path that holds one, or is
    longer than ``MAX_PATH_LENGTH``, and a posted form field (not an uploaded file) that holds
    one get a 400; in the query string they become U+FFFD, as undecodable bytes already do.

    Such input never comes from a person using a form; handling it here, once, keeps it out of
    every view, filter and admin page (PostgreSQL would otherwise fail the query with a server
    error). The query string is cleaned rather than refused so that a search or a filter link
    still answers with its usual message. ``BadRequest`` is rendered by the site's 400 page.
    Placed after ``LocaleMiddleware`` so that the page speaks the user's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.path) > MAX_PATH_LENGTH:
            raise BadRequest("The path is too long.")
        if _holds(request.path, _FORBIDDEN_IN_NAMES):
            raise BadRequest("Control characters in the path.")
        if self._bad_parameters(request.GET):
            request.GET = self._replaced(request.GET)
        if request.method == "POST" and self._bad_parameters(request.POST):
            raise BadRequest("Control characters in the posted form.")
        return self.get_response(request)

    @staticmethod
    def _bad_parameters(params) -> bool:
        return any(
            _holds(name, _FORBIDDEN_IN_NAMES)
            or any(_holds(value, _FORBIDDEN_IN_VALUES) for value in values)
            for name, values in params.lists()
        )

    @staticmethod
    def _replaced(params) -> QueryDict:
        cleaned = QueryDict(mutable=True)
        for name, values in params.lists():
            cleaned.setlist(
                name.translate(_REPLACE_IN_NAMES),
                [value.translate(_REPLACE_IN_VALUES) for value in values],
            )
        cleaned._mutable = False
        return cleaned
