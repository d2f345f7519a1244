"""What a submission leaves to the background: the "received" update with the agency the report was routed
to, the agency's statistics counters, the reporter's receipt, and retiring the statistics pages.

The request only validates, stores the report (with `intake_pending`) and its audit row, and queues
`participation.tasks.report_intake` in the same transaction (`common.tasks.enqueue_in_transaction`). The
work is idempotent: it runs under the report's row lock and only while `intake_pending` is set, so a task
run twice (a retry, a worker that died after committing) changes nothing the second time. Handling a
report (a status change, a forward) finishes its intake first, so the timeline and counters stay in order.
"""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kotacerdas.common.cache import REPORT_STATS, REPORTS, invalidate_public_pages

from ..models import AgencyReportStats, Report, ReportUpdate
from ._common import _stats_row


def finish_locked(report: Report) -> ReportUpdate | None:
    """Finish the intake of a report whose row the caller locked (select_for_update) in its transaction;
    None when there was nothing left to do."""
    if not report.intake_pending:
        return None
    update = ReportUpdate.objects.create(
        region_id=report.region_id,
        report=report,
        status=Report.Status.RECEIVED,
        text=_("Report received and routed to %(agency)s.") % {"agency": report.agency.name},
    )
    update.created_at = report.created_at  # the timeline starts when the report arrived, not when this ran
    ReportUpdate.objects.filter(pk=update.pk).update(created_at=report.created_at)
    counters = AgencyReportStats.objects.filter(region_id=report.region_id, agency_id=report.agency_id)
    if not counters.update(received=F("received") + 1, open=F("open") + 1):
        _stats_row(region_id=report.region_id, agency_id=report.agency_id)
        counters.update(received=F("received") + 1, open=F("open") + 1)
    Report.objects.filter(pk=report.pk).update(intake_pending=False)
    report.intake_pending = False
    invalidate_public_pages(report.region.slug, sections=(REPORTS, REPORT_STATS), source="participation.Report")
    if report.reporter_id or report.reporter_email:
        from ..notifications import notify_report_update

        # the receipt: the tracking code reaches an e-mail address, or the logged-in reporter's notices
        transaction.on_commit(lambda: notify_report_update(update_id=update.pk))
    return update


@transaction.atomic
def report_intake_finish(*, report_id: int) -> bool:
    """Finish one report's intake (see the module); False when it was finished already or is gone."""
    report = Report.objects.select_for_update(of=("self",)).select_related("agency", "region").filter(pk=report_id)
    report = report.first()
    if report is None:
        return False
    return finish_locked(report) is not None


def report_intake_finish_pending(*, region_id: int | None = None, limit: int = 1000) -> int:
    """Finish every report still pending (a queue lost between commit and enqueue, e.g. with RQ); returns
    how many. Each in its own transaction, so it can run beside the workers."""
    pending = Report.objects.filter(intake_pending=True)
    if region_id is not None:
        pending = pending.filter(region_id=region_id)
    done = 0
    for pk in pending.order_by("pk").values_list("pk", flat=True)[:limit]:
        done += report_intake_finish(report_id=pk)
    return done
