"""The evaluation results of one round as an XLSX workbook, beside the PDF: the index, each evaluation
dimension, and each item (and quick win) with its weighted contribution to the index.

Every text cell goes through `safe_cell` (an item title starting with `=` stays text); figures are numbers
with number formats, so the workbook adds up in a spreadsheet program. The contributions of the items of a
dimension add up to that dimension's contribution, and those to the index (docs/evaluation.md).
"""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.common.i18n import localized
from kotacerdas.common.spreadsheet import safe_cell, safe_row

from . import scoring
from .models import Round
from .selectors import SMART_LABELS

SCORE, WEIGHT, POINTS = "0.00", "0.00", "0.0000"


def _sheet(workbook, title: str, headers: list[str], rows: list[list], formats: dict[int, str], widths: list[int]):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title[:31])
    sheet.append(safe_row(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(safe_row(row))
    for col, fmt in formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _item_rows(round_: Round, results: scoring.Results) -> list[list]:
    """One row per item, then per quick win: its share of the index is (W_E/100)·wᵢ·sᵢ / Σ w of the scored
    items of E, which is (W_E/100)·(wᵢ/100)·sᵢ once every item is scored."""
    dims = {d.key: d for d in round_.framework.dimensions.all()}
    scored_weight: dict[str, Decimal] = {}
    for s in round_.scores.all():
        if s.score is not None:
            key = s.item.dimension.key
            scored_weight[key] = scored_weight.get(key, scoring.ZERO) + s.item.weight

    def contribution(key: str, weight: Decimal, score, total: Decimal):
        if score is None or not total or key not in dims:
            return None
        return dims[key].weight / scoring.HUNDRED * weight * Decimal(score) / total

    rows = []
    order = {key: n for n, key in enumerate(dims)}
    for s in sorted(round_.scores.all(), key=lambda s: (order.get(s.item.dimension.key, 99), s.item.code)):
        item = s.item
        total = scored_weight.get(item.dimension.key, scoring.ZERO)
        rows.append(
            [
                localized(item.dimension, "name"),
                str(SMART_LABELS.get(item.smart_dimension, "")),
                item.code,
                localized(item, "title"),
                item.weight,
                s.self_score,
                s.score,
                contribution(item.dimension.key, item.weight, s.score, total),
            ]
        )
    quick_wins = list(round_.quick_wins.all())
    qw = next((d for d in dims.values() if d.is_quick_win), None)
    if quick_wins and qw is not None:
        share = scoring.HUNDRED / len(quick_wins)  # as in scoring.quick_win_units
        rated = share * sum(1 for r in quick_wins if r.mean is not None)
        for rating in quick_wins:
            programme = rating.programme
            rows.append(
                [
                    localized(qw, "name"),
                    str(SMART_LABELS.get(programme.dimension.key, "")),
                    programme.code,
                    localized(programme, "title"),
                    share,
                    None,
                    rating.mean,
                    contribution(qw.key, share, rating.mean, rated),
                ]
            )
    return rows


def results_xlsx_bytes(*, round_: Round, results: scoring.Results) -> bytes:
    """The workbook of `round_` (from `selectors.round_detail`) and its `results`: summary, dimensions, items."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Summary")[:31]
    summary["A1"] = safe_cell(_("Smart city evaluation %(year)s") % {"year": round_.year})
    summary["A1"].font = Font(bold=True, size=14)
    facts = [
        (_("Region"), round_.region.display_name, None),
        (_("Year"), round_.year, "0"),
        (_("Version"), round_.version, "0"),
        (_("Status"), round_.get_status_display(), None),
        (_("Published"), timezone.localtime(round_.published_at).date() if round_.published_at else None, "dd/mm/yyyy"),
        (_("Scale maximum"), results.scale_max, SCORE),
        (_("Index"), results.index_2, SCORE),
    ]
    for row, (label, value, fmt) in enumerate(facts, start=3):
        summary.cell(row=row, column=1, value=safe_cell(label)).font = Font(bold=True)
        cell = summary.cell(row=row, column=2, value=safe_cell(value))
        if fmt:
            cell.number_format = fmt
    summary.column_dimensions["A"].width, summary.column_dimensions["B"].width = 24, 40

    dimension_rows = [
        [localized(d, "name"), d.weight, scoring.q2(r.score), r.contribution, r.scored, r.total]
        for d, r in zip(round_.framework.dimensions.all(), results.dimensions, strict=True)
    ]
    dimension_rows.append([_("Index"), scoring.HUNDRED, None, results.index, None, None])
    _sheet(
        workbook,
        _("Dimensions"),
        [
            _("Evaluation dimension"),
            _("Weight (%)"),
            _("Score"),
            _("Contribution to the index"),
            _("Scored"),
            _("Items"),
        ],
        dimension_rows,
        {2: WEIGHT, 3: SCORE, 4: POINTS, 5: "0", 6: "0"},
        [28, 12, 10, 16, 10, 10],
    )
    _sheet(
        workbook,
        _("Items"),
        [
            _("Evaluation dimension"),
            _("Smart city dimension"),
            _("Code"),
            _("Item"),
            _("Weight (%)"),
            _("Self score"),
            _("Agreed score"),
            _("Contribution to the index"),
        ],
        _item_rows(round_, results),
        {5: WEIGHT, 6: SCORE, 7: SCORE, 8: POINTS},
        [22, 22, 10, 60, 12, 12, 12, 16],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
