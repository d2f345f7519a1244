"""Cells for spreadsheets we hand out (XLSX and CSV): text that a spreadsheet program would run as a formula
is written as text.

A title such as `=HYPERLINK("http://evil.example", "Klik")` would otherwise become a live formula in the
masterplan workbook or the monitoring export, and an anonymous survey answer starting with `=`, `+`, `-`,
`@`, a tab or a carriage return would run when staff open the CSV (OWASP "CSV injection"). Such text gets a
leading apostrophe, which spreadsheet programs show as text; numbers, dates and booleans stay what they are.
`restore_cell` undoes it when we read our own workbook back (planio import), so the round trip is lossless.
"""

from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


def _needs_prefix(text: str) -> bool:
    # Text already starting with apostrophes before a trigger gets one more, so restore_cell is exact.
    return text.lstrip(PREFIX).startswith(TRIGGERS)


def safe_cell(value):
    """The value to write into a cell: strings that would start a formula are prefixed with an apostrophe."""
    if isinstance(value, str) and _needs_prefix(value):
        return PREFIX + value
    return value


def safe_row(values: Iterable) -> list:
    """`safe_cell` of every value of a row."""
    return [safe_cell(value) for value in values]


def restore_cell(value):
    """The inverse of `safe_cell` for a value read back from one of our spreadsheets."""
    if isinstance(value, str) and value.startswith(PREFIX) and _needs_prefix(value):
        return value[len(PREFIX) :]
    return value
