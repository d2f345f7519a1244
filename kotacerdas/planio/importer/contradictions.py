"""Checks across a programme's cells and what depends on it: quick-win years within the masterplan's window
and the programme's years, milestones and targets within the programme's years, and the stored targets an
end year (or start year) moved past is offered to drop."""

from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import Masterplan
from kotacerdas.planning.models import Milestone

from ._common import Row


class ProgrammeYears:
    """Each programme's years after the import (the row's when the file has it, else the stored ones), the
    programmes whose years the file moves, and the stored milestones (1 query)."""

    def __init__(self, masterplan: Masterplan, existing: dict[str, dict]):
        from kotacerdas.planning.services import quick_win_years

        self.quick_win_years = quick_win_years(masterplan)
        self.years: dict[str, tuple[int, int]] = {
            code: (row["start_year"], row["end_year"]) for code, row in existing.items()
        }
        self.moved: set[str] = set()
        self.milestones: dict[int, list[tuple[int, str]]] = {}
        for programme_id, year, title in Milestone.objects.filter(programme__masterplan=masterplan).values_list(
            "programme_id", "year", "title"
        ):
            self.milestones.setdefault(programme_id, []).append((year, title))

    def check_row(self, row: Row, code: str, values: dict, old: dict | None) -> None:
        """The row's quick-win year and the stored milestones against its years; records its years."""
        start, end = values.get("start_year"), values.get("end_year")
        if not start or not end or end < start:
            return
        year = values.get("quick_win_year")
        if values.get("is_quick_win") and year:
            if year not in self.quick_win_years:
                row.bad(
                    "quick_win_year",
                    _("A quick win runs in the first years of the masterplan: %(years)s.")
                    % {"years": ", ".join(str(y) for y in self.quick_win_years)},
                    year,
                )
            elif not start <= year <= end:
                row.bad("quick_win_year", _outside(year, start, end), year)
        if old is not None:
            for milestone_year, title in self.milestones.get(old["pk"], []):
                if not start <= milestone_year <= end:
                    key = "start_year" if milestone_year < start else "end_year"
                    message = _(
                        "The milestone %(year)s “%(title)s” would fall outside the programme's years "
                        "%(start)s–%(end)s: move or remove it first."
                    ) % {"year": milestone_year, "title": title, "start": start, "end": end}
                    row.bad(key, message, values[key])
            if (old["start_year"], old["end_year"]) != (start, end):
                self.moved.add(code)
        self.years[code] = (start, end)

    def within(self, code: str, year: int) -> bool:
        start, end = self.years.get(code, (None, None))
        return start is None or start <= year <= end

    def check_targets(
        self, row: Row, code: str, new_targets: dict[int, Decimal], stored: dict[int, tuple[int, Decimal]], letters
    ) -> None:
        """Drop from `new_targets` (in place) the years outside the programme's: an error when the row sets a
        value there, silently when it only repeats the stored one (that target is dropped, or kept as it was
        when the programme's years did not move)."""
        for year in [y for y in new_targets if not self.within(code, y)]:
            value = new_targets.pop(year)
            current = stored.get(year)
            if current is not None and Decimal(current[1]) == value:
                continue
            start, end = self.years[code]
            message = _("Target %(year)s: %(error)s") % {"year": year, "error": _outside(year, start, end)}
            row.bad("", message, value, letter=letters.get(year, ""))

    def dropped(self, code: str, stored: dict[int, tuple[int, Decimal]]) -> list[tuple[int, int, Decimal]]:
        """The stored targets (year, key, value) a moved programme leaves outside its years."""
        if code not in self.moved:
            return []
        return [(year, pk, value) for year, (pk, value) in sorted(stored.items()) if not self.within(code, year)]


def _outside(year: int, start: int, end: int) -> str:
    return _("The year %(year)s is outside the programme's years %(start)s–%(end)s.") % {
        "year": year,
        "start": start,
        "end": end,
    }
