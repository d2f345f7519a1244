"""The export files of a period's monitoring report: the XLSX workbook and the PDF."""

import datetime
import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.common.i18n import localized
from kotacerdas.common.spreadsheet import safe_cell, safe_row

from .export_data import HUNDRED, PeriodExport, Progress


def _chunks(data: PeriodExport, progress: Progress, start: int, end: int):
    """Yield the dimension blocks, reporting progress from `start` to `end` by programmes done."""
    total = max(1, len(data.programmes))
    done = 0
    for block in data.dimensions:
        yield block
        done += len(block.programmes)
        progress(start + (end - start) * done // total)


def _share(value: Decimal | None) -> Decimal | None:
    """A percentage as the fraction Excel's percent format expects (85.5 → 0.855)."""
    return None if value is None else value / HUNDRED


PERCENT, MONEY, NUMBER = "0.00%", "#,##0", "#,##0.00"


def _header(ws, row: int, titles: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    font, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="0B6E4F")
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=safe_cell(title))
        cell.font, cell.fill = font, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _widths(ws, sizes: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, size in enumerate(sizes, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size


def _table(ws, titles: list[str], formats: dict[int, str]) -> None:
    """Style the header row 1, freeze it, filter on it and set the number formats of the columns."""
    from openpyxl.utils import get_column_letter

    _header(ws, 1, titles)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{max(ws.max_row, 2)}"
    for col, fmt in formats.items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt


def _summary_sheet(workbook, data: PeriodExport) -> None:
    """The first sheet: what the export is of, then the verified roll-up overall and per dimension."""
    from openpyxl.styles import Font

    period, region = data.period, data.region
    summary = workbook.active
    summary.title = _("Summary")[:31]
    summary["A1"] = _("Monitoring report") + f" · {region.display_name}"
    summary["A1"].font = Font(bold=True, size=14)
    facts = [
        (_("Region"), region.display_name),
        (_("Masterplan"), data.masterplan.title if data.masterplan else "–"),
        (_("Period"), period.label),
        (_("Dates"), f"{date_format(period.starts_on, 'DATE_FORMAT')} – {date_format(period.ends_on, 'DATE_FORMAT')}"),
        (_("Reports due on"), period.due_on),
        (_("Period status"), period.get_status_display()),
        (_("Plan used"), data.version_label),
        (_("Programmes expected to report"), data.expected),
        (_("Verified reports"), data.verified),
        (_("Generated at"), timezone.localtime(data.generated_at).replace(tzinfo=None)),
    ]
    for offset, (label, value) in enumerate(facts, start=3):
        summary.cell(row=offset, column=1, value=label).font = Font(bold=True)
        cell = summary.cell(row=offset, column=2, value=safe_cell(value))
        if isinstance(value, datetime.datetime):
            cell.number_format = "dd/mm/yyyy hh:mm"
        elif isinstance(value, datetime.date):
            cell.number_format = "dd/mm/yyyy"
    first = len(facts) + 4
    _header(summary, first, [_("Verified achievement"), _("Achievement (%)"), _("Verified"), _("Expected")])
    rows = [(_("Overall (masterplan)"), data.overall)]
    rows += [(localized(b.dimension, "name"), b.achievement) for b in data.dimensions]
    for offset, (label, row) in enumerate(rows, start=first + 1):
        summary.cell(row=offset, column=1, value=safe_cell(label)).font = Font(bold=offset == first + 1)
        summary.cell(row=offset, column=2, value=_share(row.value if row else None)).number_format = PERCENT
        summary.cell(row=offset, column=3, value=row.reported if row else 0)
        summary.cell(row=offset, column=4, value=row.expected if row else 0)
    _widths(summary, [34, 48, 12, 12])


def _programme_head(dimension: str, row) -> list:
    programme, report = row.programme, row.report
    return [
        dimension,
        programme.code,
        localized(programme, "title"),
        programme.owner_agency.acronym,
        row.state_label,
        _share(report.progress_percent) if report else None,
        report.budget_realised if report else None,
        _share(report.achievement) if report else None,
    ]


def _programmes_sheet(workbook, data: PeriodExport, progress: Progress) -> None:
    """One row per indicator (a programme without indicators on one row), reporting progress from 20 to 85."""
    sheet = workbook.create_sheet(_("Programmes")[:31])
    titles = [
        _("Dimension"),
        _("Code"),
        _("Programme"),
        _("Owner agency"),
        _("Report status"),
        _("Progress (%)"),
        _("Budget realised (Rp)"),
        _("Programme achievement (%)"),
        _("Indicator"),
        _("Unit"),
        _("Direction"),
        _("Target"),
        _("Realised"),
        _("Indicator achievement (%)"),
    ]
    sheet.append(titles)
    for block in _chunks(data, progress, 20, 85):
        dimension = localized(block.dimension, "name")
        for row in block.programmes:
            head = _programme_head(dimension, row)
            if not row.indicators:
                sheet.append(safe_row([*head, None, None, None, None, None, None]))
            for item in row.indicators:
                indicator, value = item.indicator, item.value
                sheet.append(
                    safe_row(
                        [
                            *head,
                            localized(indicator, "name"),
                            localized(indicator, "unit"),
                            indicator.get_direction_display(),
                            item.target,
                            value.realised if value else None,
                            _share(value.achievement) if value else None,
                        ]
                    )
                )
    _table(sheet, titles, {6: PERCENT, 7: MONEY, 8: PERCENT, 12: NUMBER, 13: NUMBER, 14: PERCENT})
    _widths(sheet, [18, 10, 44, 12, 16, 11, 18, 13, 44, 10, 16, 12, 12, 13])


def _missing_sheet(workbook, data: PeriodExport) -> None:
    """The programmes whose report was not submitted."""
    missing = workbook.create_sheet(_("Not submitted")[:31])
    titles = [_("Code"), _("Programme"), _("Owner agency"), _("Report status"), _("Due on")]
    missing.append(titles)
    for row in data.not_reported:
        agency = row.programme.owner_agency
        missing.append(
            safe_row(
                [
                    row.programme.code,
                    localized(row.programme, "title"),
                    f"{agency.acronym} · {agency.name}",
                    row.state_label,
                    data.period.due_on,
                ]
            )
        )
    _table(missing, titles, {5: "dd/mm/yyyy"})
    _widths(missing, [10, 50, 40, 16, 12])


def build_xlsx(data: PeriodExport, *, progress: Progress) -> bytes:
    """A workbook with a Summary sheet (the verified roll-up), a Programmes sheet (one row per indicator,
    a programme without indicators on one row) and a sheet of reports not submitted."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.title = _("Monitoring report %(period)s") % {"period": data.period.label}
    workbook.properties.creator = "Kota Cerdas"
    _summary_sheet(workbook, data)
    progress(20)
    _programmes_sheet(workbook, data, progress)
    _missing_sheet(workbook, data)
    progress(90)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _refuse_fetch(url: str, *args, **kwargs):
    """The PDF is built from our own template alone: no file or network is ever fetched while rendering."""
    raise ValueError(f"export PDF does not fetch {url}")


def build_pdf(data: PeriodExport, *, progress: Progress) -> bytes:
    """An A4 report from templates/monitoring/export_pdf.html, one section rendered per dimension."""
    from weasyprint import HTML

    sections = [
        render_to_string("monitoring/_export_pdf_dimension.html", {"block": block, "period": data.period})
        for block in _chunks(data, progress, 15, 35)
    ]
    html = render_to_string(
        "monitoring/export_pdf.html",
        {
            "data": data,
            "region": data.region,
            "period": data.period,
            "sections": sections,
            "dimension_rows": [
                (localized(b.dimension, "name"), b.achievement.value if b.achievement else None, b.dimension.key)
                for b in data.dimensions
            ],
        },
    )
    document = HTML(string=html, url_fetcher=_refuse_fetch).render()
    progress(85)
    content = document.write_pdf()
    progress(95)
    return content
