"""What the checking and the writing halves of the import share: the fields they compare and write, how a
value is shown in a report, and one row being checked."""

from collections.abc import Callable
from decimal import Decimal

from ..workbook import CellError

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
INDICATOR_FIELDS = ["name", "name_en", "unit", "baseline_value", "baseline_year", "direction", "weight"]
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
