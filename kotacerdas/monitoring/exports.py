"""Exports of a period's monitoring report as XLSX or PDF, built in the background by `tasks.build_export`.

`export_job_request` is the write the pages call: it reuses an export that still matches the period's data,
or queues a new job. `export_job_run` is what the task runs: it reads the period's figures once (a fixed
number of queries), then writes the file, committing `progress` after each chunk so the job page can poll it.
"""

import datetime
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event
from kotacerdas.common import jobs
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.i18n import localized
from kotacerdas.common.spreadsheet import safe_cell, safe_row
from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, Programme, Target
from kotacerdas.masterplan.selectors import masterplan_public_for_region
from kotacerdas.regions.models import Region

from .models import Achievement, ExportJob, IndicatorValue, ProgressReport, ReportingPeriod
from .services import expected_programmes

logger = logging.getLogger(__name__)

Status = ExportJob.Status
CONTENT_TYPES = {
    ExportJob.Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportJob.Kind.PDF: "application/pdf",
}
# A queued or running job that has not moved for this long is presumed lost (a worker died): not reused.
HUNDRED = Decimal(100)

Progress = Callable[[int], None]


# --- what an export contains ----------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    target: Decimal | None
    value: IndicatorValue | None


@dataclass
class ProgrammeRow:
    programme: Programme
    report: ProgressReport | None
    indicators: list[IndicatorRow]

    @property
    def state(self) -> str:
        return self.report.status if self.report else "missing"

    @property
    def state_label(self) -> str:
        return self.report.get_status_display() if self.report else _("Missing")

    @property
    def is_reported(self) -> bool:
        return self.state in (ProgressReport.Status.SUBMITTED, ProgressReport.Status.VERIFIED)


@dataclass
class DimensionBlock:
    dimension: Dimension
    achievement: Achievement | None
    programmes: list[ProgrammeRow]


@dataclass
class PeriodExport:
    region: Region
    masterplan: Masterplan | None
    period: ReportingPeriod
    overall: Achievement | None
    dimensions: list[DimensionBlock]
    generated_at: datetime.datetime

    @property
    def programmes(self) -> list[ProgrammeRow]:
        return [row for block in self.dimensions for row in block.programmes]

    @property
    def not_reported(self) -> list[ProgrammeRow]:
        """Programmes expected to report whose report was not submitted (missing, draft or returned)."""
        return [row for row in self.programmes if not row.is_reported]

    @property
    def is_overdue(self) -> bool:
        return timezone.localdate(self.generated_at) > self.period.due_on


def period_export_data(*, period: ReportingPeriod) -> PeriodExport:
    """Everything an export of the period shows, in a fixed number of queries whatever the region's size.

    The figures in the summary are the verified roll-up (Achievement rows); the programme rows show each
    report as it stands, with its status, so a reader can tell verified figures from the rest.
    """
    region = period.region
    masterplan = masterplan_public_for_region(region=region)
    rollup: dict[tuple[str, int], Achievement] = {
        (a.level, a.object_id): a
        for a in Achievement.objects.filter(
            period=period,
            level__in=[Achievement.Level.MASTERPLAN, Achievement.Level.DIMENSION],
        )
    }
    dimensions = list(Dimension.objects.filter(region=region))
    programmes = list(
        expected_programmes(region=region, year=period.year)
        .select_related("owner_agency", "dimension")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("targets", queryset=Target.objects.filter(year=period.year), to_attr="year_targets")
                ),
            )
        )
    )
    reports = {
        r.programme_id: r
        for r in ProgressReport.objects.filter(
            period=period, programme__in=[p.pk for p in programmes]
        ).prefetch_related("values")
    }
    by_dimension: dict[int, list[ProgrammeRow]] = {}
    for programme in programmes:
        report = reports.get(programme.pk)
        values = {v.indicator_id: v for v in report.values.all()} if report else {}
        rows = []
        for indicator in programme.indicators.all():
            value = values.get(indicator.pk)
            target = value.target if value else next((t.value for t in indicator.year_targets), None)
            rows.append(IndicatorRow(indicator, target, value))
        by_dimension.setdefault(programme.dimension_id, []).append(ProgrammeRow(programme, report, rows))
    return PeriodExport(
        region=region,
        masterplan=masterplan,
        period=period,
        overall=rollup.get((Achievement.Level.MASTERPLAN, masterplan.pk)) if masterplan else None,
        dimensions=[
            DimensionBlock(d, rollup.get((Achievement.Level.DIMENSION, d.pk)), by_dimension.get(d.pk, []))
            for d in dimensions
        ],
        generated_at=timezone.now(),
    )


# --- requesting and running a job -----------------------------------------------------------------------


def period_last_change(*, period: ReportingPeriod) -> datetime.datetime | None:
    """When the period's reports or roll-up last changed (roll-up rows are rewritten whole on every change),
    or the period itself (opened or closed: the cover shows its status)."""
    stamps = [
        period.updated_at,
        ProgressReport.objects.filter(period=period).aggregate(at=Max("updated_at"))["at"],
        Achievement.objects.filter(period=period).aggregate(at=Max("updated_at"))["at"],
    ]
    return max((s for s in stamps if s is not None), default=None)


def export_job_reusable(*, period: ReportingPeriod, kind: str, language: str) -> ExportJob | None:
    """A job whose file (built, being built or about to be) still shows the period's current data.

    A job reads the data after `started_at`, so it is current when nothing changed since it started; a
    queued job has not read anything yet and will be current when it does.
    """
    changed = period_last_change(period=period)
    fresh_since = timezone.now() - jobs.QUEUED_STALE_AFTER
    candidates = ExportJob.objects.filter(
        period=period, kind=kind, language=language, status__in=[Status.QUEUED, Status.RUNNING, Status.DONE]
    ).order_by("-created_at", "-pk")[:5]
    for job in candidates:
        if job.status == Status.QUEUED:
            if job.updated_at >= fresh_since:
                return job
            continue
        current = job.started_at is not None and (changed is None or changed < job.started_at)
        if job.status == Status.RUNNING and current and not job.lease_expired:
            return job
        if job.status == Status.DONE and current and job.file:
            return job
    return None


@transaction.atomic
def export_job_request(*, actor, period: ReportingPeriod, kind: str, language: str = "id") -> ExportJob:
    """The period's export as `kind` ("xlsx" or "pdf"): an existing one that still matches the data (reused
    at once), else a new queued job whose build is enqueued when the transaction commits."""
    if not actor.has_perm("monitoring.view_dashboard", period):
        raise ApplicationError(_("You are not allowed to do this."))
    if kind not in ExportJob.Kind.values:
        raise ApplicationError(
            _("Unknown export format: choose XLSX or PDF."), fields={"kind": [_("Choose XLSX or PDF.")]}
        )
    # One request at a time per period, so a double click does not build the same file twice.
    period = ReportingPeriod.objects.select_for_update().select_related("region").get(pk=period.pk)
    found = export_job_reusable(period=period, kind=kind, language=language)
    if found is not None:
        return found
    job = ExportJob.objects.create(
        region_id=period.region_id, period=period, kind=kind, language=language, requested_by=actor
    )
    record_event(actor=actor, action="export_job.request", obj=job, after={"period": period.pk, "kind": kind})
    from .tasks import build_export

    transaction.on_commit(lambda: build_export.enqueue(job_id=job.pk))
    return job


def export_job_retry(*, actor, job: ExportJob) -> ExportJob:
    """ "Try again" on a failed export: the same period, format and language requested afresh."""
    if job.status != Status.FAILED:
        raise ApplicationError(_("Only a failed job can be tried again."))
    return export_job_request(actor=actor, period=job.period, kind=job.kind, language=job.language)


def export_job_run(*, job_id: int) -> ExportJob:
    """Build the job's file and mark it done (or failed, with the error, re-raised for the worker's log).

    Not atomic on purpose: each progress step commits on its own so the job page sees it. A job that is no
    longer queued (a task delivered twice) is left alone. The run holds a lease (`common.jobs`).
    """
    if not jobs.claim(ExportJob, job_id):
        return ExportJob.objects.get(pk=job_id)
    job = ExportJob.objects.select_related("region", "period__region").get(pk=job_id)
    try:
        with jobs.Lease(ExportJob, job_id) as progress, translation.override(job.language):
            data = period_export_data(period=job.period)
            progress(15)
            builder = build_xlsx if job.kind == ExportJob.Kind.XLSX else build_pdf
            content = builder(data, progress=progress)
        job.file.save(job.filename, ContentFile(content), save=False)
    except Exception as exc:
        logger.exception("export job %s failed", job_id)
        jobs.fail(ExportJob, job_id, exc)
        raise
    job.status, job.progress, job.finished_at = Status.DONE, 100, timezone.now()
    job.save(update_fields=["file", "status", "progress", "finished_at", "updated_at"])
    return job


def export_jobs_prune(*, keep_days: int = 30, now: datetime.datetime | None = None) -> dict[str, int]:
    """Tidy the background jobs: every kind's running job whose lease expired and queued job no worker took
    (`common.jobs.prune_stale`) is marked failed (the page stops showing a bar that never moves), and
    finished exports older than `keep_days` are deleted with their files, except the newest finished file of
    each period, kind and language, which stays downloadable. Returns how many jobs were marked failed and
    deleted."""
    now = now or timezone.now()
    failed = sum(jobs.prune_stale(model, now=now) for model, _enqueue in jobs.registered())
    keep, seen = set(), set()
    finished = ExportJob.objects.filter(status=Status.DONE).order_by(
        "period_id", "kind", "language", "-created_at", "-pk"
    )
    for period_id, kind, language, pk in finished.values_list("period_id", "kind", "language", "pk").iterator():
        if (period_id, kind, language) not in seen:
            seen.add((period_id, kind, language))
            keep.add(pk)
    old = ExportJob.objects.filter(
        status__in=[Status.DONE, Status.FAILED], created_at__lt=now - datetime.timedelta(days=keep_days)
    ).exclude(pk__in=keep)
    deleted = 0
    for job in old.only("pk", "file").iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return {"marked_failed": failed, "deleted": deleted}


def export_jobs_recent(*, region: Region, limit: int = 20) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(region=region).select_related("period", "requested_by", "region")[:limit]


def _chunks(data: PeriodExport, progress: Progress, start: int, end: int):
    """Yield the dimension blocks, reporting progress from `start` to `end` by programmes done."""
    total = max(1, len(data.programmes))
    done = 0
    for block in data.dimensions:
        yield block
        done += len(block.programmes)
        progress(start + (end - start) * done // total)


# --- XLSX -----------------------------------------------------------------------------------------------


def _share(value: Decimal | None) -> Decimal | None:
    """A percentage as the fraction Excel's percent format expects (85.5 → 0.855)."""
    return None if value is None else value / HUNDRED


def build_xlsx(data: PeriodExport, *, progress: Progress) -> bytes:
    """A workbook with a Summary sheet (the verified roll-up), a Programmes sheet (one row per indicator,
    a programme without indicators on one row) and a sheet of reports not submitted."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0B6E4F")
    percent, money, number = "0.00%", "#,##0", "#,##0.00"

    def header(ws, row: int, titles: list[str]) -> None:
        for col, title in enumerate(titles, start=1):
            cell = ws.cell(row=row, column=col, value=safe_cell(title))
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")

    def widths(ws, sizes: list[int]) -> None:
        for col, size in enumerate(sizes, start=1):
            ws.column_dimensions[get_column_letter(col)].width = size

    def table(ws, titles: list[str], formats: dict[int, str]) -> None:
        """Style the header row 1, freeze it, filter on it and set the number formats of the columns."""
        header(ws, 1, titles)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{max(ws.max_row, 2)}"
        for col, fmt in formats.items():
            for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = fmt

    period, region = data.period, data.region
    workbook = Workbook()
    workbook.properties.title = _("Monitoring report %(period)s") % {"period": period.label}
    workbook.properties.creator = "Kota Cerdas"

    summary = workbook.active
    summary.title = _("Summary")[:31]
    summary["A1"] = _("Monitoring report") + f" · {region.display_name}"
    summary["A1"].font = Font(bold=True, size=14)
    facts = [
        (_("Region"), region.display_name),
        (_("Masterplan"), data.masterplan.title if data.masterplan else "–"),
        (_("Period"), period.label),
        (_("Dates"), f"{period.starts_on:%d/%m/%Y} – {period.ends_on:%d/%m/%Y}"),
        (_("Reports due on"), period.due_on),
        (_("Period status"), period.get_status_display()),
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
    header(summary, first, [_("Verified achievement"), _("Achievement (%)"), _("Verified"), _("Expected")])
    rows = [(_("Overall (masterplan)"), data.overall)]
    rows += [(localized(b.dimension, "name"), b.achievement) for b in data.dimensions]
    for offset, (label, row) in enumerate(rows, start=first + 1):
        summary.cell(row=offset, column=1, value=safe_cell(label)).font = Font(bold=offset == first + 1)
        summary.cell(row=offset, column=2, value=_share(row.value if row else None)).number_format = percent
        summary.cell(row=offset, column=3, value=row.reported if row else 0)
        summary.cell(row=offset, column=4, value=row.expected if row else 0)
    widths(summary, [34, 48, 12, 12])
    progress(20)

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
            programme, report = row.programme, row.report
            head = [
                dimension,
                programme.code,
                localized(programme, "title"),
                programme.owner_agency.acronym,
                row.state_label,
                _share(report.progress_percent) if report else None,
                report.budget_realised if report else None,
                _share(report.achievement) if report else None,
            ]
            if not row.indicators:
                sheet.append(safe_row([*head, None, None, None, None, None, None]))
            for item in row.indicators:
                indicator, value = item.indicator, item.value
                sheet.append(
                    safe_row(
                        [
                            *head,
                            localized(indicator, "name"),
                            indicator.unit,
                            indicator.get_direction_display(),
                            item.target,
                            value.realised if value else None,
                            _share(value.achievement) if value else None,
                        ]
                    )
                )
    table(sheet, titles, {6: percent, 7: money, 8: percent, 12: number, 13: number, 14: percent})
    widths(sheet, [18, 10, 44, 12, 16, 11, 18, 13, 44, 10, 16, 12, 12, 13])

    missing = workbook.create_sheet(_("Not submitted")[:31])
    missing_titles = [_("Code"), _("Programme"), _("Owner agency"), _("Report status"), _("Due on")]
    missing.append(missing_titles)
    for row in data.not_reported:
        agency = row.programme.owner_agency
        missing.append(
            safe_row(
                [
                    row.programme.code,
                    localized(row.programme, "title"),
                    f"{agency.acronym} · {agency.name}",
                    row.state_label,
                    period.due_on,
                ]
            )
        )
    table(missing, missing_titles, {5: "dd/mm/yyyy"})
    widths(missing, [10, 50, 40, 16, 12])
    progress(90)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------------------------------


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
