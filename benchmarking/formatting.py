"""Numbers as the reader's language writes them."""

import functools

from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

#: The languages of the site group the digits of a number by three (``NUMBER_GROUPING``).
GROUPING = 3


def grouped(number) -> str:
    """A count with its thousands grouped as the active language writes them: "20.000" in
    Indonesian, "20,000" in English.

    For quantities only. A year, an id or a code is no quantity and is never grouped: "2016"
    stays "2016", and an id in a link or a form must stay as the server reads it. That is why
    the site does not set ``USE_THOUSAND_SEPARATOR``, which would group every number that a
    template writes, ids in attributes included.

    A whole number is written here (the list of practices writes about 130 counts):
    ``number_format`` took 4 µs for each, this 0.2 µs below a thousand and 2 µs above (most
    of it to ask the active language). Anything else goes through ``number_format``.
    """
    if type(number) is int:
        if -1000 < number < 1000:
            return str(number)
        return f"{number:,}".replace(",", _thousand_separator(get_language()))
    return number_format(number, force_grouping=True)


@functools.cache
def _thousand_separator(language: str | None) -> str:
    return get_format("THOUSAND_SEPARATOR", language)
