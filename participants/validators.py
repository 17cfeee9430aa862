"""Validation of the NIP, the 18-digit Indonesian civil-servant number.

Layout (PP 11/2017 and BKN practice): ``YYYYMMDD`` birth date, ``YYYYMM`` year and month of
appointment as a civil servant, one digit for sex (1 man, 2 woman), a 3-digit serial number.
Each way a NIP can be wrong gets its own message and code, so the user knows what to fix.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NIP_LENGTH = 18


def normalize_nip(value: str) -> str:
    """Drop the spaces and dots people type between the NIP's parts."""
    return "".join(ch for ch in str(value) if ch not in " .-\t")


def _parse_birth_date(text: str) -> datetime.date | None:
    try:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def validate_nip(value: str) -> None:
    """Raise ``ValidationError`` with a specific message for each way ``value`` is not a NIP."""
    if not value.isdigit() or not value.isascii():
        raise ValidationError(
            _("A NIP contains digits only."), code="nip_not_digits", params={"value": value}
        )
    if len(value) != NIP_LENGTH:
        raise ValidationError(
            _("A NIP has 18 digits; this one has %(length)d."),
            code="nip_length",
            params={"length": len(value)},
        )
    birth = _parse_birth_date(value[:8])
    if birth is None or birth.year < 1900:
        raise ValidationError(
            _(
                "The first 8 digits of a NIP are the birth date (YYYYMMDD); %(value)s is not a valid date."
            ),
            code="nip_birth_date",
            params={"value": value[:8]},
        )
    year, month = int(value[8:12]), int(value[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _(
                "Digits 9 to 14 of a NIP are the year and month of appointment (YYYYMM); %(value)s has no valid month."
            ),
            code="nip_appointment_month",
            params={"value": value[8:14]},
        )
    if (year, month) <= (birth.year, birth.month) or year > timezone.localdate().year + 1:
        raise ValidationError(
            _(
                "Digits 9 to 14 of a NIP are the year and month of appointment (YYYYMM); %(value)s is not a possible appointment for someone born on %(birth)s."
            ),
            code="nip_appointment_year",
            params={"value": value[8:14], "birth": value[:8]},
        )
    if value[14] not in "12":
        raise ValidationError(
            _("Digit 15 of a NIP is the sex: 1 (man) or 2 (woman), not %(value)s."),
            code="nip_sex_digit",
            params={"value": value[14]},
        )
    if value[15:] == "000":
        raise ValidationError(
            _("The last 3 digits of a NIP are a serial number starting at 001, not 000."),
            code="nip_serial",
            params={"value": value[15:]},
        )


#: The largest primary key a 64-bit integer column holds.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The row id written in ``value``, or ``None`` when it is none: only ASCII digits count
    (``"²".isdigit()`` is true, yet ``int("²")`` fails) and only ids a database column holds."""
    text = str(value)
    if not (text.isascii() and text.isdecimal()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
