"""A dataset's resources — CSV, XLSX and JSON with its data dictionary — generated from the owning apps'
selectors and roll-ups. XLSX and JSON are built whole and cached under the region's data version; the CSV
is streamed row by row (a dataset may hold years of monthly aggregates) and cached too when it is small."""

import csv
import datetime
import io
import json
from collections.abc import Iterator
from decimal import Decimal

from django.core.cache import cache
from django.utils import timezone
from openpyxl import Workbook

from kotacerdas.common.cache import region_cache_version
from kotacerdas.common.spreadsheet import safe_row

from .selectors import Package

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
CSV_CACHE_LIMIT = 1_000_000  # bytes: a larger CSV is streamed every time instead of held in the cache
CACHE_SECONDS = 3600


def cache_key(package: Package, fmt: str) -> str:
    return f"kc:opendata:res:{package.org.slug}:{region_cache_version(package.org.slug)}:{package.key}:{fmt}"


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


def csv_chunks(package: Package, region) -> Iterator[str]:
    """The CSV, a header and then one line at a time; stores the whole file in the cache when it is small."""
    key = cache_key(package, "csv")
    cached = cache.get(key)
    if cached is not None:
        yield cached
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    kept: list[str] | None = []
    size = 0

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([c.name for c in package.dataset.columns])
    for row in rows(package, region):
        writer.writerow(safe_row(_csv_cell(v) for v in row))
        if buffer.tell() > 8192:
            chunk = take()
            size += len(chunk)
            kept = kept if kept is not None and size <= CSV_CACHE_LIMIT else None
            if kept is not None:
                kept.append(chunk)
            yield chunk
    chunk = take()
    if kept is not None and size + len(chunk) <= CSV_CACHE_LIMIT:
        cache.set(key, "".join([*kept, chunk]), CACHE_SECONDS)
    yield chunk


def _cached_bytes(package: Package, region, fmt: str, build) -> bytes:
    key = cache_key(package, fmt)
    content = cache.get(key)
    if content is None:
        content = build(package, region)
        cache.set(key, content, CACHE_SECONDS)
    return content


def _xlsx(package: Package, region) -> bytes:
    book = Workbook(write_only=True)
    data = book.create_sheet("data")
    data.append([c.name for c in package.dataset.columns])
    for row in rows(package, region):
        data.append(safe_row(_number(v) for v in row))
    meta = book.create_sheet("dictionary")
    meta.append(["column", "type", "unit", "description_id", "description_en"])
    for c in dictionary(package):
        meta.append(safe_row([c["name"], c["type"], c["unit"], c["description"]["id"], c["description"]["en"]]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _json(package: Package, region) -> bytes:
    names = [c.name for c in package.dataset.columns]
    document = {
        "name": package.name,
        "title": {lang: package.dataset.in_language("title", lang) for lang in ("id", "en")},
        "license": package.licence,
        "organization": package.org.slug,
        "fields": dictionary(package),
        "records": [dict(zip(names, map(_number, row), strict=True)) for row in rows(package, region)],
    }
    return json.dumps(document, ensure_ascii=False).encode()


def content(package: Package, region, fmt: str) -> bytes:
    """The whole XLSX or JSON file (cached)."""
    return _cached_bytes(package, region, fmt, {"xlsx": _xlsx, "json": _json}[fmt])


def preview(package: Package, region, limit: int = 20) -> tuple[list[str], list[tuple], bool]:
    """The first rows for the dataset page (from the cached JSON), and whether there are more."""
    document = json.loads(content(package, region, "json"))
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
    for record in json.loads(content(package, region, "json"))["records"]:
        name = str(record.get(label) or "—")
        totals[name] = totals.get(name, 0) + (1 if value is None else float(record.get(value) or 0))
    return sorted(totals.items(), key=lambda kv: -kv[1])[:limit]
