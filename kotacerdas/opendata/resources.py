"""A dataset's resources — CSV, XLSX and JSON with its data dictionary — generated from the owning apps'
selectors and roll-ups, each written to a file row by row (a dataset may hold years of monthly aggregates;
`builds` keeps the files and says when they are current)."""

import csv
import datetime
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO

from django.utils import timezone
from openpyxl import Workbook

from kotacerdas.common.spreadsheet import safe_row

from .selectors import Package

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _plain(value):
    """A cell value in a form every format can write: dates and times as ISO 8601."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _number(value):
    """A decimal for JSON and XLSX: an int when whole, else a float (figures carry at most a few decimals)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def rows(package: Package, region, today: datetime.date | None = None) -> Iterator[tuple]:
    """The dataset's rows for the region, values made plain (`_plain`)."""
    ctx = {**package.context, "today": today or timezone.localdate()}
    for row in package.dataset.rows(region, ctx):
        yield tuple(_plain(v) for v in row)


def dictionary(package: Package) -> list[dict]:
    """The data dictionary: column, type, unit and meaning in both languages."""
    return [
        {
            "name": c.name,
            "type": c.type,
            "unit": c.unit,
            "description": {lang: _in(c.description, lang) for lang in ("id", "en")},
        }
        for c in package.dataset.columns
    ]


def _in(lazy, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(lazy)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def write_csv(package: Package, region, out: BinaryIO) -> None:
    """The CSV into `out`, a header and then one row at a time (never held whole)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow([c.name for c in package.dataset.columns])
    for row in rows(package, region):
        writer.writerow(safe_row(_csv_cell(v) for v in row))
    text.flush()
    text.detach()


def write_xlsx(package: Package, region, out: BinaryIO) -> None:
    """Sheet `data` and sheet `dictionary` (openpyxl's write-only mode keeps rows on disk, not in memory)."""
    book = Workbook(write_only=True)
    data = book.create_sheet("data")
    data.append([c.name for c in package.dataset.columns])
    for row in rows(package, region):
        data.append(safe_row(_number(v) for v in row))
    meta = book.create_sheet("dictionary")
    meta.append(["column", "type", "unit", "description_id", "description_en"])
    for c in dictionary(package):
        meta.append(safe_row([c["name"], c["type"], c["unit"], c["description"]["id"], c["description"]["en"]]))
    book.save(out)


def write_json(package: Package, region, out: BinaryIO) -> None:
    """The JSON document, its records written one at a time."""
    names = [c.name for c in package.dataset.columns]
    head = {
        "name": package.name,
        "title": {lang: package.dataset.in_language("title", lang) for lang in ("id", "en")},
        "license": package.licence,
        "organization": package.org.slug,
        "fields": dictionary(package),
    }
    out.write(json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "records": [')
    for i, row in enumerate(rows(package, region)):
        record = dict(zip(names, map(_number, row), strict=True))
        out.write((", " if i else "").encode() + json.dumps(record, ensure_ascii=False).encode())
    out.write(b"]}")


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "json": write_json}


def _document(package: Package, region) -> dict:
    from . import builds

    with builds.open_resource(region=region, key=package.key, fmt="json") as fh:
        return json.load(fh)


def preview(package: Package, region, limit: int = 20) -> tuple[list[str], list[tuple], bool]:
    """The first rows for the dataset page (from the cached JSON), and whether there are more."""
    document = _document(package, region)
    names = [f["name"] for f in document["fields"]]
    records = document["records"]
    return names, [tuple(r[n] for n in names) for r in records[:limit]], len(records) > limit


def chart_rows(package: Package, region, limit: int = 12) -> list[tuple[str, float]]:
    """Totals of the dataset's chart column per label, largest first (from the cached JSON)."""
    spec = package.dataset.chart
    if spec is None:
        return []
    label, value = spec
    totals: dict[str, float] = {}
    for record in _document(package, region)["records"]:
        name = str(record.get(label) or "—")
        totals[name] = totals.get(name, 0) + (1 if value is None else float(record.get(value) or 0))
    return sorted(totals.items(), key=lambda kv: -kv[1])[:limit]
