"""Numbers typed the Indonesian or the English way, and put back into inputs so they read the same."""

from decimal import Decimal

import pytest

from kotacerdas.common.numbers import NotANumber, format_decimal_for_input, parse_decimal


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.500.000", "1500000"),
        ("12,5", "12.5"),
        ("1.234,56", "1234.56"),
        ("1.500", "1500"),
        ("12.5", "12.5"),
        ("0.125", "0.125"),
        ("-3", "-3"),
        (" 7 ", "7"),
        ("2E+1", "20"),
    ],
)
def test_indonesian(text, expected):
    assert parse_decimal(text, language="id") == Decimal(expected)


@pytest.mark.parametrize("text, expected", [("1,500,000", "1500000"), ("12.5", "12.5"), ("1.125", "1.125")])
def test_english(text, expected):
    assert parse_decimal(text, language="en") == Decimal(expected)


def test_plain_for_coordinates():
    assert parse_decimal("119.123", plain=True) == Decimal("119.123")


@pytest.mark.parametrize("text", ["banyak", "1,2,3x", "NaN", "Infinity", "--1"])
def test_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_decimal(text, language="id")


def test_empty_is_none():
    assert parse_decimal("", language="id") is None and parse_decimal(None) is None


@pytest.mark.parametrize("value", ["20", "1.125", "0.5", "1500000", "12.3400", "0"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_round_trip(value, language):
    shown = format_decimal_for_input(Decimal(value), language=language)
    assert "E" not in shown
    assert parse_decimal(shown, language=language) == Decimal(value)


def test_plain_accepts_a_decimal_comma():
    assert parse_decimal("-2,5", plain=True) == Decimal("-2.5")
