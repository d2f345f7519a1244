"""Moving a report through its statuses with a public update, and forwarding it to another agency."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.cache import REPORT_STATS, REPORTS
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Agency

from ..models import (
    RESPONSE_HISTOGRAM_HOURS,
    AgencyReportStats,
    Report,
    ReportUpdate,
)
from ._common import MAX_DESCRIPTION, _check_text, _stats_row
from .intake_finish import finish_locked

S = Report.Status
TRANSITIONS = {
    S.RECEIVED: (S.VERIFIED, S.IN_PROGRESS, S.REJECTED),
    S.VERIFIED: (S.IN_PROGRESS, S.RESOLVED, S.REJECTED),
    S.IN_PROGRESS: (S.RESOLVED, S.REJECTED),
    S.RESOLVED: (),
    S.REJECTED: (),
}


def allowed_transitions(report: Report) -> tuple:
    return TRANSITIONS[Report.Status(report.status)]


@transaction.atomic
def report_transition(*, report: Report, actor, status: str, text: str) -> ReportUpdate:
    """Move a report to `status` with a public update text; the first move is its first response."""
    report = Report.objects.select_for_update().select_related("agency").get(pk=report.pk)
    ensure_allowed(actor, "participation.handle_report", report)
    finish_locked(report)
    if status not in allowed_transitions(report):
        raise ApplicationError(
            _("A report that is %(from)s cannot become %(to)s.")
            % {"from": report.get_status_display(), "to": dict(Report.Status.choices).get(status, status)},
            fields={"status": [_("Not allowed from the current status.")]},
        )
    text = _check_text(text, field="text", required=True, limit=MAX_DESCRIPTION)
    before = snapshot(report, ["status", "first_response_at", "closed_at"])
    now = timezone.now()
    stats = _stats_row(region_id=report.region_id, agency_id=report.agency_id)
    changes = {}
    if report.first_response_at is None:
        report.first_response_at = now
        hours = min(int((now - report.created_at).total_seconds() // 3600), RESPONSE_HISTOGRAM_HOURS)
        histogram = list(stats.response_hours or [])
        histogram.extend([0] * (hours + 1 - len(histogram)))
        histogram[hours] += 1
        stats.response_hours = histogram
        changes["responded"] = F("responded") + 1
        if now <= report.first_response_due:
            changes["responded_in_time"] = F("responded_in_time") + 1
    previous = report.status
    report.status = status
    if status in Report.CLOSED_STATUSES:
        report.closed_at = now
        changes["open"] = F("open") - 1
        if status == Report.Status.RESOLVED:
            changes["resolved"] = F("resolved") + 1
            if now <= report.resolution_due:
                changes["resolved_in_time"] = F("resolved_in_time") + 1
        else:
            changes["rejected"] = F("rejected") + 1
    report.save(update_fields=["status", "first_response_at", "closed_at", "updated_at"])
    AgencyReportStats.objects.filter(pk=stats.pk).update(response_hours=stats.response_hours, **changes)
    update = ReportUpdate.objects.create(
        region_id=report.region_id, report=report, status=status, previous_status=previous, text=text, actor=actor
    )
    record_event(
        actor=actor,
        action="report.status",
        obj=report,
        before=before,
        after={**snapshot(report, ["status", "first_response_at", "closed_at"]), "text": text},
        retire=(REPORTS, REPORT_STATS),
    )
    from ..notifications import notify_report_update

    transaction.on_commit(lambda: notify_report_update(update_id=update.pk))
    return update


@transaction.atomic
def report_reroute(*, report: Report, actor, agency: Agency, reason: str, internal: bool = True) -> ReportUpdate:
    """Forward an open report to another agency of its region, with a reason (staff-only when `internal`).

    The report's status, deadlines and first response stay; its counts move from the old agency's statistics
    row to the new one's (received, open, and the first response if there was one), so the rows stay equal to
    what `stats_rebuild` would count. The new agency's officers are notified after commit.
    """
    report = Report.objects.select_for_update().select_related("agency").get(pk=report.pk)
    ensure_allowed(actor, "participation.reroute_report", report)
    finish_locked(report)  # the "received" update and the counts belong to the agency it was routed to
    if not report.is_open:
        raise ApplicationError(
            _("A closed report cannot be forwarded."), fields={"agency": [_("The report is closed.")]}
        )
    if agency is None or agency.region_id != report.region_id:
        raise ApplicationError(_("Choose an agency of this region."), fields={"agency": [_("Unknown agency.")]})
    if agency.pk == report.agency_id:
        message = _("The report is already with %(agency)s.") % {"agency": agency.name}
        raise ApplicationError(message, fields={"agency": [message]})
    reason = _check_text(reason, field="reason", required=True, limit=MAX_DESCRIPTION)
    old_agency = report.agency
    # lock both rows in a fixed order (by agency id), so two forwards crossing each other cannot deadlock
    rows = {
        agency_id: _stats_row(region_id=report.region_id, agency_id=agency_id)
        for agency_id in sorted((old_agency.pk, agency.pk))
    }
    _move_counts(report, source=rows[old_agency.pk], target=rows[agency.pk])
    report.agency = agency
    report.save(update_fields=["agency", "updated_at"])
    update = ReportUpdate.objects.create(
        region_id=report.region_id,
        report=report,
        status=report.status,
        previous_status=report.status,
        text="" if internal else reason,
        internal_note=reason if internal else "",
        forwarded_to=agency,
        actor=actor,
    )
    record_event(
        actor=actor,
        action="report.reroute",
        obj=report,
        before={"agency": old_agency.pk, "agency_name": old_agency.name},
        after={"agency": agency.pk, "agency_name": agency.name, "reason": reason, "internal": internal},
        retire=(REPORTS, REPORT_STATS),
    )
    from ..notifications import notify_report_forwarded

    transaction.on_commit(lambda: notify_report_forwarded(update_id=update.pk))
    return update


def _move_counts(report: Report, *, source: AgencyReportStats, target: AgencyReportStats) -> None:
    """Move one report's contribution from one agency's counters to another's (both rows locked)."""
    sign_changes = {"received": 1, "open": 1}
    hours = None
    if report.first_response_at is not None:
        sign_changes["responded"] = 1
        if report.first_response_at <= report.first_response_due:
            sign_changes["responded_in_time"] = 1
        hours = min(
            int((report.first_response_at - report.created_at).total_seconds() // 3600), RESPONSE_HISTOGRAM_HOURS
        )
    for row, sign in ((source, -1), (target, 1)):
        histogram = list(row.response_hours or [])
        if hours is not None:
            histogram.extend([0] * (hours + 1 - len(histogram)))
            histogram[hours] = max(histogram[hours] + sign, 0)
        AgencyReportStats.objects.filter(pk=row.pk).update(
            response_hours=histogram, **{name: F(name) + sign * n for name, n in sign_changes.items()}
        )
