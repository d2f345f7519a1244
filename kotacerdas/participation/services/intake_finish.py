"""What a submission leaves to the background: the "received" update with the agency the report was routed
to, the agency's statistics counters, the reporter's receipt, and retiring the statistics pages.

The request only validates, stores the report (with `intake_pending`) and its audit row, and queues
`participation.tasks.report_intake` in the same transaction (`common.tasks.enqueue_in_transaction`). The
work is idempotent: it runs under the report's row lock and only while `intake_pending` is set, so a task
run twice (a retry, a worker that died after committing) changes nothing the second time. Handling a
report (a status change, a forward) finishes its intake first, so the timeline and counters stay in order.

One task finishes, with its own report, the other reports of the region still pending (up to BATCH, those
no other transaction holds): one "received" insert, one counter update per agency and one retirement of the
statistics pages for all of them, so a worker keeps up with a surge of submissions; the tasks of the reports
it took along then find nothing to do (two queries each).
"""

from collections import Counter

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from kotacerdas.common.cache import REPORT_STATS, REPORTS, invalidate_public_pages

from ..models import AgencyReportStats, Report, ReportUpdate
from ._common import _stats_row

BATCH = 200


def finish_locked(report: Report) -> ReportUpdate | None:
    """Finish the intake of a report whose row the caller locked (select_for_update) in its transaction;
    None when there was nothing left to do."""
    updates = _finish_batch([report])
    return updates[0] if updates else None


def _finish_batch(reports: list[Report]) -> list[ReportUpdate]:
    """Finish the pending ones of `reports` (one region, rows locked by the caller, agency selected)."""
    reports = [r for r in reports if r.intake_pending]
    if not reports:
        return []
    updates = ReportUpdate.objects.bulk_create(
        ReportUpdate(
            region_id=r.region_id,
            report=r,
            status=Report.Status.RECEIVED,
            text=_("Report received and routed to %(agency)s.") % {"agency": r.agency.name},
        )
        for r in reports
    )
    # the timeline starts when the report arrived, not when this ran
    arrived = Report.objects.filter(pk=OuterRef("report_id")).values("created_at")[:1]
    ReportUpdate.objects.filter(pk__in=[u.pk for u in updates]).update(created_at=Subquery(arrived))
    for update, report in zip(updates, reports, strict=True):
        update.created_at = report.created_at
    region_id = reports[0].region_id
    # counters in agency order, so two transactions that both hold several never wait on each other in a cycle
    for agency_id, n in sorted(Counter(r.agency_id for r in reports).items()):
        counters = AgencyReportStats.objects.filter(region_id=region_id, agency_id=agency_id)
        if not counters.update(received=F("received") + n, open=F("open") + n):
            _stats_row(region_id=region_id, agency_id=agency_id)
            counters.update(received=F("received") + n, open=F("open") + n)
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(intake_pending=False)
    for report in reports:
        report.intake_pending = False
    invalidate_public_pages(reports[0].region.slug, sections=(REPORTS, REPORT_STATS), source="participation.Report")
    from ..notifications import notify_report_update

    for update, report in zip(updates, reports, strict=True):
        if report.reporter_id or report.reporter_email:
            # the receipt: the tracking code reaches an e-mail address, or the logged-in reporter's notices
            transaction.on_commit(lambda pk=update.pk: notify_report_update(update_id=pk))
    return updates


@transaction.atomic
def _finish(report_id: int) -> tuple[bool, int]:
    """Finish the report and up to BATCH - 1 other pending reports of its region; (whether this report was
    finished now, how many were)."""
    locked = Report.objects.select_for_update(of=("self",)).select_related("agency", "region")
    report = locked.filter(pk=report_id).first()
    if report is None:
        return False, 0
    if not report.intake_pending:
        return False, 0
    # Reports another transaction holds (a worker, a handler) are skipped, never waited for.
    others = (
        Report.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("agency")
        .filter(region_id=report.region_id, intake_pending=True)
        .exclude(pk=report.pk)
        .order_by("pk")[: BATCH - 1]
    )
    batch = [report]
    for other in others:
        other.region = report.region
        batch.append(other)
    return True, len(_finish_batch(batch))


def report_intake_finish(*, report_id: int) -> bool:
    """Finish the report's intake (see the module), with other pending reports of its region; False when
    it was finished already or is gone."""
    return _finish(report_id)[0]


def report_intake_finish_pending(*, region_id: int | None = None, limit: int = 1000) -> int:
    """Finish every report still pending (a queue lost between commit and enqueue, e.g. with RQ); returns
    how many. Batches in their own transactions, so it can run beside the workers."""
    pending = Report.objects.filter(intake_pending=True)
    if region_id is not None:
        pending = pending.filter(region_id=region_id)
    done = 0
    for pk in pending.order_by("pk").values_list("pk", flat=True)[:limit]:
        done += _finish(pk)[1]
        if done >= limit:
            break
    return done
