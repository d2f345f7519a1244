"""Numbers as people type them. Indonesian writes 1.500.000 and 12,5; English 1,500,000 and 12.5."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import get_language


class NotANumber(ValueError):
    pass


def _lone_grouping_dot(raw: str) -> bool:
    """'1.500' is one thousand five hundred in Indonesian; '0.125' and '12.5' are decimals."""
    if raw.count(".") != 1:
        return False
    whole, fraction = raw.split(".")
    return len(fraction) == 3 and whole.lstrip("-+") not in ("", "0")


def parse_decimal(text, *, language: str | None = None, plain: bool = False) -> Decimal | None:
    """Parse a number typed in the given (default: active) language; None for empty input.

    Indonesian: dots group thousands and the comma is the decimal mark; a lone dot followed by exactly three
    digits ("1.500") is grouping, any other lone dot is taken as a decimal mark ("12.5"), since people often
    type that on phone keyboards. English: commas group, the dot is decimal. `plain` has no grouping at all:
    one dot or comma is the decimal mark (coordinates: "-2.5", "-2,5", "120.123"). Raises NotANumber.
    """
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int | float):
        return Decimal(str(text))
    raw = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if raw == "":
        return None
    language = (language or get_language() or "id")[:2]
    if plain:
        cleaned = raw.replace(",", ".") if "." not in raw else raw
    elif language == "en":
        cleaned = raw.replace(",", "")
    elif "," in raw:
        cleaned = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") > 1 or _lone_grouping_dot(raw):
        cleaned = raw.replace(".", "")
    else:
        cleaned = raw
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise NotANumber(raw) from exc
    if not number.is_finite():
        raise NotANumber(raw)
    return number


def format_decimal_for_input(value: Decimal | None, *, language: str | None = None) -> str:
    """A value to put back into an input so that parse_decimal reads the same number: no exponent, no
    grouping, the decimal mark of the language."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    language = (language or get_language() or "id")[:2]
    return text if language == "en" else text.replace(".", ",")


TWO_PLACES = Decimal("0.01")


def shown(value) -> Decimal | None:
    """A figure as shown: two decimals, half up. Round only here, never before a mean (achievements are kept
    at full precision through every roll-up)."""
    return None if value is None else Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def format_number(value) -> str:
    """A figure written into a sentence in the active language, as the `num` filter shows it: grouped, without
    trailing zeros, the decimal comma in Indonesian (80,03; 1.500.000) and the point in English."""
    from django.utils.formats import number_format

    if value is None:
        return "–"
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
