"""What the checking and the writing halves of the import share: the fields they compare and write, how a
value is shown in a report, and one row being checked."""

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from ..workbook import (
    DELETE_WORDS,
    INDICATOR_COLUMNS,
    PROGRAMME_COLUMNS,
    CellError,
    cell_text,
    column_title,
    normal_text,
)

Progress = Callable[[int], None]

PROGRAMME_FIELDS = [
    "title",
    "title_en",
    "description",
    "dimension_id",
    "element_id",
    "owner_agency_id",
    "horizon",
    "start_year",
    "end_year",
    "budget_estimate",
    "funding_source",
    "is_quick_win",
    "quick_win_year",
    "weight",
]
INDICATOR_FIELDS = ["name", "name_en", "unit", "unit_en", "baseline_value", "baseline_year", "direction", "weight"]
# The workbook column each model field is read from (for error positions).
PROGRAMME_COLUMN_OF = {
    "dimension_id": "dimension",
    "element_id": "element",
    "owner_agency_id": "owner_agency",
}
PROGRAMME_FIELDS_OF = {
    "dimension": "dimension_id",
    "element": "element_id",
    "owner_agency": "owner_agency_id",
}
FIELD_LABELS = {
    "title": "title",
    "title_en": "title_en",
    "description": "description",
    "dimension_id": "dimension",
    "element_id": "element",
    "owner_agency_id": "owner_agency",
    "supporting_agencies": "supporting_agencies",
}


def show_value(value) -> str:
    """A stored or imported value as a report and the audit trail show it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def differs(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is not new
        return Decimal(old) != Decimal(new)
    return old != new


class Row:
    """One row of a sheet being checked: its number, its raw cells by column key, and where its errors go."""

    def __init__(self, sheet: str, number: int, raw: dict, letters: dict[str, str], errors: list[CellError]):
        self.sheet, self.number, self.raw, self.letters, self.errors = sheet, number, raw, letters, errors

    def bad(self, key: str, message: str, value=None, *, letter: str | None = None) -> None:
        self.errors.append(
            CellError(
                self.sheet,
                self.number,
                letter or self.letters.get(key, ""),
                message,
                "" if value is None else str(value),
            )
        )


_MONEY = {"budget_estimate"}
_NUMBERS = {"weight", "baseline_value"}


def field_title(field_key: str) -> str:
    """A changed field named by its column's title in the user's language ("Perkiraan anggaran (Rp)")."""
    if field_key.startswith("target "):
        return "Target " + field_key.removeprefix("target ")
    key = field_key.rsplit(".", 1)[-1]
    column = next((c for c in [*PROGRAMME_COLUMNS, *INDICATOR_COLUMNS] if c.key == key), None)
    return column_title(column) if column else field_key


def display_value(field_key: str, text: str) -> str:
    """A reported value as the officer reads it: rupiah and numbers grouped the way of the user's language
    (`Rp 1.500.000`, `56,67`); other values as they are."""
    from kotacerdas.common.templatetags.kc import num, rupiah

    key = field_key.rsplit(".", 1)[-1]
    if text in (None, "") or not (key in _MONEY or key in _NUMBERS or field_key.startswith("target ")):
        return text or ""
    try:
        value = Decimal(text)
    except ArithmeticError:
        return text
    return rupiah(value) if key in _MONEY else num(value)


def marked_for_deletion(row: Row) -> bool:
    """The row's "Hapus" cell says ya, yes or x; on a row of nothing stored, that is reported."""
    if normal_text(cell_text(row.raw.get("delete"))) not in DELETE_WORDS:
        return False
    if getattr(row, "old", True) is None:
        row.bad("delete", _("Nothing stored matches this row: there is nothing to delete."), row.raw.get("delete"))
    return True
