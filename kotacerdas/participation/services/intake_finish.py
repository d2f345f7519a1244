"""What a submission leaves to the background: the "received" update with the agency the report was routed
to, the agency's statistics counters, the reporter's receipt, and retiring the statistics pages.

The request only validates, stores the report (with `intake_pending`) and its audit row, and leaves the rest
to a task (services.intake_queue: one waiting task per region where the cache is shared, else one per
report). The work is idempotent: it runs under the report's row lock and only while `intake_pending` is
set, so a task run twice (a retry, a worker that died after committing) changes nothing the second time.
Handling a report (a status change, a forward) finishes its intake first, so the timeline and counters stay
in order.

Reports are finished in batches of up to BATCH of one region (those no other transaction holds): one
"received" insert, one counter update per agency and one retirement of the statistics pages for all of
them, so a worker keeps up with a surge of submissions. A per-report task finishes its report with the
region's other pending ones, and the tasks of the reports it took along then find nothing to do (two
queries each); a region task (`finish_region`) finishes them all, batch after batch.
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


@transaction.atomic
def _finish_pending_batch(region_id: int, size: int) -> int:
    """Finish up to `size` pending reports of the region, oldest first, skipping those another transaction
    holds (a handler or another worker finishing them); how many were finished."""
    batch = list(
        Report.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("agency", "region")
        .filter(region_id=region_id, intake_pending=True)
        .order_by("pk")[:size]
    )
    return len(_finish_batch(batch))


def finish_region(region_id: int, limit: int | None = None) -> int:
    """Finish the region's pending reports (at most `limit`), one transaction per batch; how many. Stops at
    the first batch that is not full: none were left then that no other transaction holds."""
    done = 0
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        finished = _finish_pending_batch(region_id, size)
        done += finished
        if finished < size:
            break
    return done


def report_intake_finish_pending(*, region_id: int | None = None, limit: int = 1000) -> int:
    """Finish every report still pending (a task lost between commit and enqueue, e.g. with RQ or a shared
    cache's region task); returns how many, at most `limit`. Batches in their own transactions, so it can run
    beside the workers."""
    pending = Report.objects.filter(intake_pending=True)
    if region_id is not None:
        pending = pending.filter(region_id=region_id)
    done = 0
    for region in list(pending.order_by().values_list("region_id", flat=True).distinct()):
        if done >= limit:
            break
        done += finish_region(region, limit - done)
    return done
