"""Queueing report intake (services.intake_finish): one waiting task per region where the cache is shared by
web processes and task workers (Redis), else one task per report.

**One waiting task per region.** After the report's transaction commits, the request sets the region's
mark with an atomic `cache.add(mark_key(region), ...)`; only the request whose add succeeds queues a task,
`participation.tasks.report_intake_region`. That task deletes the mark first, then scans the region's
pending reports (`intake_pending`) and finishes them in batches. So a surge of N reports costs one task row
(or RQ job) and one task run per region while a task waits, instead of N.

Why no report is left pending: a request adds the mark only after its report committed. If its add lands
before the task's delete, the add fails (no new task), but the report committed before the delete, hence
before the scan began, and the scan sees it. If its add lands after the delete, the add succeeds and queues
a new task, which finishes it (or finds that the running scan did). Either way a task that starts after the
report's commit scans the region.

What can still leave a report pending, and what heals it:
- a task lost after its mark was set (a process killed between the add and the enqueue, a queue lost, a
  failed enqueue): the mark expires after MARK_SECONDS, the region's next report queues a task again, and
  that task's scan finishes the older reports too;
- a process killed between the report's commit and the add, or a region with no further report: the
  `manage.py finish_report_intake` sweep, every 5 minutes (docs/deploy.md). With the database queue the task
  row no longer commits with the report: the guarantee becomes "the sweep within 5 minutes", as with RQ.
- a cache that does not answer (`IGNORE_EXCEPTIONS`: the add returns None): the task is queued anyway, one
  per report; a failed delete leaves the mark to its timeout.

**One task per report** where the cache is not shared that way (local memory in the tests: one per process;
the file cache of `make run`: its `add` is a read then a write): `report_intake(report_id=...)` is queued with
the report (`common.tasks.enqueue_in_transaction`), as before. It also finishes the region's other pending
reports.
"""

from django.core.cache import cache
from django.db import transaction

from kotacerdas.common.tasks import cache_is_shared, enqueue_in_transaction

from .intake_finish import finish_region

# Longer than a task usually waits in the queue (a later report then queues a second task, which finds little
# to do), short enough that a lost task is replaced soon by the region's next report.
MARK_SECONDS = 60


def mark_key(region_id: int) -> str:
    """The cache key of "an intake task of this region is waiting"."""
    return f"kc:intake-waiting:{region_id}"


def report_intake_queue(*, report) -> None:
    """Queue the intake of a report being stored in the current transaction (see the module): the region's
    task after commit, unless one is waiting already, where the cache is shared; else the report's own task
    with the report."""
    from ..tasks import report_intake, report_intake_region

    if not cache_is_shared():
        enqueue_in_transaction(report_intake, report_id=report.pk)
        return
    region_id = report.region_id

    def queue():
        # after the commit, so a task that took the mark away before this add already sees the report
        if cache.add(mark_key(region_id), 1, timeout=MARK_SECONDS) is False:
            return  # a task is waiting; its scan starts after this commit
        try:
            report_intake_region.enqueue(region_id=region_id)
        except Exception:
            cache.delete(mark_key(region_id))  # the region's next report tries again, not after the timeout
            raise

    # robust: the report is stored either way; a failed enqueue is logged and left to the next report or the sweep
    transaction.on_commit(queue, robust=True)


def report_intake_finish_region(*, region_id: int) -> int:
    """The region task's work: delete the region's mark, then finish every pending report of the region;
    how many were finished. Idempotent (a second run finds nothing)."""
    cache.delete(mark_key(region_id))  # first: a report committed from now on queues the next task
    return finish_region(region_id)
