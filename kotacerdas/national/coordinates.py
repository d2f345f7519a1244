"""Where each region lies, from a CSV shipped in the repository (data/), so the national map needs no tile
server and no network. A region missing from the file is listed beside the map instead.

The file holds one point in decimal degrees (WGS 84) for every kabupaten/kota of the official Kemendagri list
(514), keyed by its code, with the source of each figure (docs/national.md says where they come from and how to
check them; tests/national/test_coordinates.py that every official code has one inside the map's frame).
"""

import csv
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "region_coordinates.csv"

# The frame of the map: Indonesia from Sabang to Merauke, Miangas to Rote, in degrees.
WEST, EAST, NORTH, SOUTH = 94.5, 141.5, 6.5, -11.5
WIDTH, HEIGHT = 940, 360


@cache
def coordinates() -> dict[str, tuple[Decimal, Decimal]]:
    """Kemendagri code → (latitude, longitude)."""
    with DATA.open(encoding="utf-8") as fh:
        return {row["code"]: (Decimal(row["latitude"]), Decimal(row["longitude"])) for row in csv.DictReader(fh)}


def project(latitude: Decimal, longitude: Decimal) -> tuple[float, float]:
    """Plate carrée into the map's frame (x to the east, y down), in SVG user units."""
    x = (float(longitude) - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - float(latitude)) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)
