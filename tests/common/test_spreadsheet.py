"""The one spreadsheet-cell helper: formula triggers become text, everything else is left alone."""

import datetime
from decimal import Decimal

import pytest

from kotacerdas.common.spreadsheet import restore_cell, safe_cell, safe_row


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),  # already apostrophed text keeps its apostrophe after a round trip
        ("Pasar digital", "Pasar digital"),
        ("", ""),
        ("'quoted", "'quoted"),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
        (True, True),
        (datetime.date(2024, 1, 1), datetime.date(2024, 1, 1)),
    ],
)
def test_safe_cell_and_back(value, expected):
    assert safe_cell(value) == expected
    assert restore_cell(safe_cell(value)) == value


def test_safe_row():
    assert safe_row(["=x", 3, None]) == ["'=x", 3, None]
