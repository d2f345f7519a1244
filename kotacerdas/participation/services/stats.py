"""Recounting the per-agency report statistics from the reports."""

from django.db import transaction

from kotacerdas.audit.services import record_event
from kotacerdas.regions.models import Region

from ..models import (
    RESPONSE_HISTOGRAM_HOURS,
    AgencyReportStats,
    Report,
)
from .intake_finish import finish_locked


@transaction.atomic
def stats_rebuild(*, region: Region) -> int:
    """Recount every agency's statistics from the reports (after a bulk import; a heavy query, run offline).

    Reports whose intake task has not run yet get their "received" update first, so the task finds them
    finished (and counted) and the recount is not doubled; the report rows are locked before the
    statistics rows, in the task's order.
    """
    for report in (
        Report.objects.select_for_update(of=("self",))
        .select_related("agency", "region")
        .filter(region=region, intake_pending=True)
    ):
        finish_locked(report)
    AgencyReportStats.objects.filter(region=region).delete()
    rows: dict[int, AgencyReportStats] = {}
    reports = Report.objects.filter(region=region).values_list(
        "agency_id", "status", "created_at", "first_response_at", "first_response_due", "closed_at", "resolution_due"
    )
    for agency_id, status, created, responded_at, response_due, closed, resolution_due in reports.iterator(
        chunk_size=20000
    ):
        row = rows.get(agency_id)
        if row is None:
            row = rows[agency_id] = AgencyReportStats(region=region, agency_id=agency_id, response_hours=[])
        row.received += 1
        if status in Report.OPEN_STATUSES:
            row.open += 1
        if responded_at is not None:
            row.responded += 1
            row.responded_in_time += responded_at <= response_due
            hours = min(int((responded_at - created).total_seconds() // 3600), RESPONSE_HISTOGRAM_HOURS)
            row.response_hours.extend([0] * (hours + 1 - len(row.response_hours)))
            row.response_hours[hours] += 1
        if status == Report.Status.RESOLVED:
            row.resolved += 1
            row.resolved_in_time += bool(closed and closed <= resolution_due)
        elif status == Report.Status.REJECTED:
            row.rejected += 1
    AgencyReportStats.objects.bulk_create(rows.values())
    record_event(actor=None, action="report.stats_rebuild", obj=region, note=f"{len(rows)} agencies")
    return len(rows)
