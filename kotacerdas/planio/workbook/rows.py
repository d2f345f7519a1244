"""What reading a workbook gives: the raw rows of each sheet and the errors of its layout, kept as JSON
between the preview and the confirmed import."""

import datetime
from dataclasses import dataclass, field


@dataclass
class CellError:
    sheet: str
    row: int | None
    column: str
    message: str
    value: str = ""

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "value": self.value,
        }


@dataclass
class SheetRows:
    name: str
    letters: dict[str, str]  # column key → letter
    years: dict[int, str]  # target year → letter
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, {key: raw value})
    target_rows: list[dict] = field(default_factory=list)  # {year: raw value}, parallel to rows


@dataclass
class ReadWorkbook:
    programmes: SheetRows | None
    indicators: SheetRows | None
    errors: list[CellError]
    warnings: list[CellError] = field(default_factory=list)

    def to_json(self) -> bytes:
        """The rows as read, kept by the preview so the confirmed import does not parse the workbook again."""
        import json

        def sheet(rows: SheetRows | None):
            if rows is None:
                return None
            return {
                "name": rows.name,
                "letters": rows.letters,
                "years": {str(y): letter for y, letter in rows.years.items()},
                "rows": [[n, {k: _dump(v) for k, v in raw.items()}] for n, raw in rows.rows],
                "targets": [{str(y): _dump(v) for y, v in t.items()} for t in rows.target_rows],
            }

        return json.dumps(
            {
                "programmes": sheet(self.programmes),
                "indicators": sheet(self.indicators),
                "errors": [e.as_dict() for e in self.errors],
                "warnings": [e.as_dict() for e in self.warnings],
            },
            separators=(",", ":"),
        ).encode()

    @classmethod
    def from_json(cls, content: bytes) -> "ReadWorkbook":
        import json

        data = json.loads(content)

        def sheet(raw):
            if raw is None:
                return None
            return SheetRows(
                raw["name"],
                raw["letters"],
                {int(y): letter for y, letter in raw["years"].items()},
                [(n, {k: _load(v) for k, v in values.items()}) for n, values in raw["rows"]],
                [{int(y): _load(v) for y, v in t.items()} for t in raw["targets"]],
            )

        def cell_errors(raw):
            return [CellError(**{k: e[k] for k in ("sheet", "row", "column", "message", "value")}) for e in raw]

        return cls(
            sheet(data["programmes"]),
            sheet(data["indicators"]),
            cell_errors(data["errors"]),
            cell_errors(data.get("warnings", [])),
        )


def _dump(value):
    """Cell values as JSON: dates and times tagged, everything else (text, numbers, booleans) as it is."""
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, datetime.time | datetime.timedelta):
        return str(value)
    return value


def _load(value):
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.datetime.fromisoformat(value["dt"])
        return datetime.date.fromisoformat(value["d"])
    return value
