"""The national map's points: every official kabupaten/kota (the Kemendagri codes the platform starts regions
from) has one, inside Indonesia's frame, and the file says where each figure comes from."""

import csv
import re

from kotacerdas.national import coordinates
from kotacerdas.regions.services import official_code_rows

REGENCY = re.compile(r"\d{2}\.\d{2}")


def _official() -> dict[str, str]:
    return {code: name for code, name in official_code_rows() if REGENCY.fullmatch(code)}


def test_every_official_regency_and_city_has_a_point_inside_indonesia():
    official = _official()
    assert len(official) == 514
    points = coordinates.coordinates()
    assert set(official) <= set(points), sorted(set(official) - set(points))
    for code in official:
        latitude, longitude = points[code]
        assert coordinates.SOUTH <= latitude <= coordinates.NORTH, code
        assert coordinates.WEST <= longitude <= coordinates.EAST, code
        x, y = coordinates.project(latitude, longitude)
        assert 0 <= x <= coordinates.WIDTH and 0 <= y <= coordinates.HEIGHT, code


def test_each_row_names_its_source_and_a_region_of_its_province():
    with coordinates.DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len({r["code"] for r in rows}) == len(rows)  # one point per code
    assert {r["source"] for r in rows} <= {"checked", "wilayah", "kecamatan-median"}
    official = _official()
    for r in rows:
        assert r["code"] in official, r["code"]  # no stray code
    # The figures checked by hand against public gazetteers (docs/national.md) stay as they were.
    checked = {r["code"]: (r["latitude"], r["longitude"]) for r in rows if r["source"] == "checked"}
    assert checked["73.22"] == ("-2.5527", "120.3276") and len(checked) == 14


def test_points_of_a_province_lie_together():
    """A coarse guard against a swapped or mistyped row: no point more than 12° from its province's median
    (Indonesia spans 47° of longitude; the widest province, Maluku, about 9°)."""
    by_province: dict[str, list] = {}
    for code, (latitude, longitude) in coordinates.coordinates().items():
        by_province.setdefault(code[:2], []).append((code, float(latitude), float(longitude)))
    for rows in by_province.values():
        lats = sorted(r[1] for r in rows)
        lons = sorted(r[2] for r in rows)
        mid = (lats[len(lats) // 2], lons[len(lons) // 2])
        for code, latitude, longitude in rows:
            assert abs(latitude - mid[0]) + abs(longitude - mid[1]) < 12, code
