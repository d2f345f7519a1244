"""Years of the demo that follow the day it is loaded, so the story works on any date (issue #15).

Most demo years are history and stay fixed (the 2022 Bimtek rounds, the 2023 quick wins, the real 2023 index). A
few rows must always be current: quick wins that run in today's open reporting period, last year's published
evaluation. Such a year is written `ThisYear(offset)` in the data and resolved by the loader against the day it
runs, kept inside the masterplan's period.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ThisYear:
    """The year the demo is loaded in, plus `offset` (ThisYear(-1) is last year)."""

    offset: int = 0

    def resolve(self, year: int, *, first: int, last: int) -> int:
        return min(max(year + self.offset, first), last)


def resolve(value, year: int, *, first: int, last: int):
    """A plain year (or None) as it is; a ThisYear against `year`, clamped to [first, last]."""
    return value.resolve(year, first=first, last=last) if isinstance(value, ThisYear) else value
