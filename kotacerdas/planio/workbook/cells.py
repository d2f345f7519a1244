"""Cell values of an imported workbook: text, numbers typed the Indonesian way, years, yes/no."""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.numbers import NotANumber, parse_decimal

from .columns import NO, YES, normal_text


class BadCell(ValueError):
    pass


DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def cell_text(value, *, max_length: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if max_length is not None and len(text) > max_length:
        raise BadCell(_("At most %(n)s characters (this has %(len)s).") % {"n": max_length, "len": len(text)})
    return text


def cell_decimal(value, *, places: int = 4, whole_digits: int = 14) -> Decimal | None:
    """A number from a cell: a spreadsheet number, or text typed the Indonesian way ("1.500.000,50")."""
    if type(value) is int:  # the common case (a whole number typed in a cell): no parsing, no rounding
        if abs(value) >= 10**whole_digits:
            raise BadCell(_("The number is too large."))
        return Decimal(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | datetime.date):
        raise BadCell(_("Not a number."))
    if isinstance(value, float):
        number = Decimal(repr(value))
    else:
        try:
            number = parse_decimal(value, language="id")
        except NotANumber:
            raise BadCell(_("Not a number.")) from None
    if abs(number) >= Decimal(10) ** whole_digits:
        raise BadCell(_("The number is too large."))
    quantum = Decimal(1).scaleb(-places)
    if number != number.quantize(quantum):
        raise BadCell(_("At most %(n)s decimals.") % {"n": places} if places else _("A whole number is expected."))
    return number.quantize(quantum)


def cell_year(value) -> int | None:
    """A year: 2025, "2025", or a date (a spreadsheet date or "31/12/2025") whose year is taken."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise BadCell(_("Not a year."))
    if isinstance(value, datetime.date):
        return value.year
    if isinstance(value, float):
        if not value.is_integer():
            raise BadCell(_("Not a year."))
        value = int(value)
    if isinstance(value, int):
        year = value
    else:
        text = str(value).strip()
        match = DATE_TEXT.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                datetime.date(year, month, day)
            except ValueError:
                raise BadCell(_("Not a valid date.")) from None
        elif re.fullmatch(r"\d{4}", text):
            year = int(text)
        else:
            raise BadCell(_("Not a year."))
    if not 1900 <= year <= 2200:
        raise BadCell(_("Not a year."))
    return year


def cell_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = normal_text(cell_text(value))
    if text in YES:
        return True
    if text in NO:
        return False
    raise BadCell(_("Write ya or tidak (yes or no)."))


def cell_measure(value, *, percent: bool, places: int = 4) -> Decimal | None:
    """A value of an indicator as the officer means it. In a "%" indicator `60%` (typed, or a cell formatted
    as a percentage holding 0.6, which the reader gives as "60%") and `60` all mean 60; elsewhere `60%` is
    0.6."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = cell_decimal(value.strip()[:-1].strip(), places=places + 2)
        if number is None:
            raise BadCell(_("Not a number."))
        if not percent:
            number = number / 100
        return cell_decimal(format(number.normalize(), "f").replace(".", ","), places=places)
    return cell_decimal(value, places=places)
