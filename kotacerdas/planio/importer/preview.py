"""What a check of the workbook found: the programmes, indicators and targets it would create or change, the
rejected cells, and the counts; as the preview's report (JSON-safe) and as plain text."""

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import Masterplan

from ..workbook import SHEET_INDICATORS, SHEET_PROGRAMMES, CellError
from ._common import display_value, field_title, show_value

REPORT_LIMIT = 300  # rows of each kind listed in a report (the counts are always complete)


@dataclass
class ProgrammeOp:
    code: str
    row: int
    pk: int | None
    values: dict
    supporting: set[int] | None
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class IndicatorOp:
    programme_code: str
    number: int
    row: int
    pk: int | None
    values: dict
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    targets: list["TargetOp"] = field(default_factory=list)


@dataclass
class TargetOp:
    year: int
    pk: int | None
    old: Decimal | None
    new: Decimal


@dataclass
class DeleteOp:
    """A programme or indicator marked in the "Hapus" column."""

    kind: str  # "programme" or "indicator"
    programme_code: str
    number: int | None  # the indicator's no.
    row: int
    pk: int
    label: str


@dataclass
class DroppedTarget:
    """A stored target the programme's new years leave behind: removed on confirm."""

    programme_code: str
    number: int
    indicator_pk: int
    year: int
    pk: int
    value: Decimal


@dataclass
class ImportPlan:
    masterplan: Masterplan
    errors: list[CellError]
    programmes: list[ProgrammeOp]  # created or changed
    indicators: list[IndicatorOp]  # created, changed, or with a created/changed target
    counts: dict[str, int]
    warnings: list[CellError] = field(default_factory=list)
    deletions: list[DeleteOp] = field(default_factory=list)
    dropped: list[DroppedTarget] = field(default_factory=list)
    kept: list[dict] = field(default_factory=list)  # stored rows missing from the file, left as they are
    sheets: dict[str, str] = field(default_factory=dict)  # the sheets' titles in the file

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.programmes or self.indicators or self.deletions or self.dropped)

    def sheet(self, name: str) -> str:
        return self.sheets.get(name, name)

    def fingerprint(self) -> str:
        """What the plan would write and what it would overwrite: an import confirmed after a preview applies
        only if both are unchanged (so nobody's edit made since the preview is silently overwritten)."""
        payload = [
            [p.code, p.pk, sorted((k, str(v)) for k, v in p.values.items()), sorted(p.supporting or []), p.changes]
            for p in self.programmes
        ] + [
            [i.programme_code, i.number, i.pk, sorted((k, str(v)) for k, v in i.values.items()), i.changes]
            + [[t.year, t.pk, str(t.old), str(t.new)] for t in i.targets]
            for i in self.indicators
        ]
        payload += [[d.kind, d.pk, d.programme_code, d.number] for d in self.deletions]
        payload += [[t.indicator_pk, t.year, t.pk, str(t.value)] for t in self.dropped]
        return hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()

    def report(self, *, limit: int = REPORT_LIMIT) -> dict:
        """The preview as JSON-safe data (what the page, the command and the stored job show)."""
        created = [
            {
                "kind": "programme",
                "sheet": self.sheet(SHEET_PROGRAMMES),
                "row": p.row,
                "key": p.code,
                "label": p.values["title"],
            }
            for p in self.programmes
            if p.pk is None
        ]
        created += [
            {
                "kind": "indicator",
                "sheet": self.sheet(SHEET_INDICATORS),
                "row": i.row,
                "key": f"{i.programme_code} #{i.number}",
                "label": i.values["name"],
            }
            for i in self.indicators
            if i.pk is None
        ]
        changed = [
            {
                "kind": "programme",
                "sheet": self.sheet(SHEET_PROGRAMMES),
                "row": p.row,
                "key": p.code,
                "changes": [_change(f, o, n) for f, o, n in p.changes],
            }
            for p in self.programmes
            if p.pk is not None
        ]
        for i in self.indicators:
            if i.pk is None:
                continue
            changes = list(i.changes) + [(f"target {t.year}", show_value(t.old), show_value(t.new)) for t in i.targets]
            changed.append(
                {
                    "kind": "indicator",
                    "sheet": self.sheet(SHEET_INDICATORS),
                    "row": i.row,
                    "key": f"{i.programme_code} #{i.number}",
                    "label": i.values["name"],
                    "changes": [_change(f, o, n) for f, o, n in changes],
                }
            )
        return {
            "ok": self.ok,
            "counts": self.counts,
            "errors": [e.as_dict() for e in self.errors[: limit * 3]],
            "error_count": len(self.errors),
            "created": created[:limit],
            "changed": changed[:limit],
            "fingerprint": self.fingerprint(),
            **self._report_removals(limit),
        }

    def _report_removals(self, limit: int) -> dict:
        """The warnings, the rows marked for deletion, the targets dropped and the rows missing from the file."""
        sheet_of = {"programme": self.sheet(SHEET_PROGRAMMES), "indicator": self.sheet(SHEET_INDICATORS)}
        return {
            "warnings": [w.as_dict() for w in self.warnings[:limit]],
            "deleted": [
                {
                    "kind": d.kind,
                    "sheet": sheet_of[d.kind],
                    "row": d.row,
                    "key": d.programme_code if d.number is None else f"{d.programme_code} #{d.number}",
                    "label": d.label,
                }
                for d in self.deletions[:limit]
            ],
            "dropped": [
                {
                    "key": f"{t.programme_code} #{t.number}",
                    "year": t.year,
                    "value": display_value(f"target {t.year}", show_value(t.value)),
                }
                for t in self.dropped[:limit]
            ],
            "kept": self.kept[:limit],
            "kept_count": len(self.kept),
        }


def _change(field_key: str, old: str, new: str) -> dict:
    """One changed field: its key and values as stored, and as the officer reads them (the column's title,
    rupiah and numbers formatted)."""
    return {
        "field": field_key,
        "old": old,
        "new": new,
        "title": field_title(field_key),
        "old_text": display_value(field_key, old),
        "new_text": display_value(field_key, new),
    }


def report_text(report: dict) -> str:
    """The preview or import report as plain text (the management command prints it; the page shows the same
    data as tables)."""
    lines = []
    if report.get("fatal"):
        lines.append(report["fatal"])
    counts = report.get("counts") or {}
    if counts:
        for kind, label in (
            ("programmes", _("Programmes")),
            ("indicators", _("Indicators")),
            ("targets", _("Yearly targets")),
        ):
            lines.append(
                _("%(label)s: %(created)s created, %(changed)s changed, %(unchanged)s unchanged")
                % {
                    "label": label,
                    "created": counts.get(f"{kind}_created", 0),
                    "changed": counts.get(f"{kind}_changed", 0),
                    "unchanged": counts.get(f"{kind}_unchanged", 0),
                }
            )
    if report.get("error_count"):
        lines.append(
            _("Rejected: %(n)s cells. Nothing is saved while a row is rejected.") % {"n": report["error_count"]}
        )
        for e in report.get("errors", []):
            where = f"{e['sheet']}!{e['column']}{e['row'] or ''}" if e["column"] else f"{e['sheet']} {e['row'] or ''}"
            value = f" [{e['value']}]" if e.get("value") else ""
            lines.append(f"  {where.strip()}: {e['message']}{value}")
    for e in report.get("warnings", []):
        lines.append(f"  ! {e['sheet']}!{e['column']}{e['row'] or ''}: {e['message']}")
    for item in report.get("changed", []):
        for change in item["changes"]:
            where = f"{item['sheet']} {item['row']} {item['key']}"
            old, new = change.get("old_text", change["old"]), change.get("new_text", change["new"])
            lines.append(f"  ~ {where} {change.get('title', change['field'])}: {old!r} → {new!r}")
    for item in report.get("created", []):
        lines.append(f"  + {item['sheet']} {item['row']} {item['key']} {item['label']}")
    deleted, dropped, kept = (
        _("will be deleted"),
        _("targets after the new end year will be removed"),
        _("not in this file, kept"),
    )
    for item in report.get("deleted", []):
        lines.append(f"  - {item['sheet']} {item['row']} {item['key']} {item['label']} ({deleted})")
    for item in report.get("dropped", []):
        lines.append(f"  - {item['key']} Target {item['year']} = {item['value']} ({dropped})")
    for item in report.get("kept", []):
        lines.append(f"  = {item['key']} {item['label']} ({kept})")
    return "\n".join(lines)
