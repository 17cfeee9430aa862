"""Site-wide middleware."""


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
