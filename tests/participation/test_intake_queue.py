"""How intake tasks are queued (services.intake_queue): one waiting task per region where the cache is shared
by web processes and task workers (Redis here, the `shared_cache` fixture), one per report where it is not.

The database and the cache are real. Tasks are held in the dummy backend (queued, not run) to count them
and run them when the test says, or run at once by the immediate backend of the test settings. A report
"committed" is one whose on-commit callbacks ran (the test's transaction is never committed).
"""

import io
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings

from kotacerdas.common.tasks import cache_is_shared
from kotacerdas.participation.models import Report, ReportUpdate
from kotacerdas.participation.services.intake_queue import MARK_SECONDS, mark_key
from kotacerdas.participation.tasks import report_intake, report_intake_region

from .conftest import submit

pytestmark = pytest.mark.django_db
QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def committed(aduan, key="home", **fields) -> Report:
    """A report submitted through the service, its transaction's on-commit work done (the region's mark, the
    task)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return submit(aduan, key, **fields)


def queued() -> list[tuple[str, dict]]:
    """The tasks waiting in the dummy backend: (name, arguments)."""
    return [(r.task.name, r.kwargs) for r in report_intake_region.get_backend().results]


def run_queued() -> list:
    """Run the waiting tasks in order (as a worker would), emptying the queue; what each returned."""
    results = list(report_intake_region.get_backend().results)
    report_intake_region.get_backend().clear()
    return [r.task.call(**r.kwargs) for r in results]


def finished_once(reports) -> bool:
    pending = Report.objects.filter(pk__in=[r.pk for r in reports], intake_pending=True).exists()
    counts = [ReportUpdate.objects.filter(report=r, status=Report.Status.RECEIVED).count() for r in reports]
    return not pending and counts == [1] * len(reports)


@override_settings(TASKS=QUEUED)
def test_a_per_process_cache_queues_each_reports_task_with_the_report(aduan):
    assert not cache_is_shared()  # the test settings' local-memory cache
    reports = [submit(aduan, description=f"Lubang {n}") for n in range(3)]
    # queued inside the report's transaction (no on-commit work needed), one per report
    assert queued() == [("report_intake", {"report_id": r.pk}) for r in reports]
    assert run_queued() == [True, False, False]  # the first took the others along
    assert finished_once(reports)


@override_settings(TASKS=QUEUED)
def test_reports_in_a_row_queue_one_region_task_while_it_waits(aduan, shared_cache):
    assert cache_is_shared()
    home, other = aduan["home"], aduan["other"]
    reports = [committed(aduan, description=f"Lubang {n}") for n in range(5)]
    elsewhere = committed(aduan, "other")
    assert queued() == [
        ("report_intake_region", {"region_id": home.pk}),
        ("report_intake_region", {"region_id": other.pk}),
    ]
    assert 0 < shared_cache.ttl(mark_key(home.pk)) <= MARK_SECONDS
    assert Report.objects.filter(intake_pending=True).count() == 6

    assert run_queued() == [5, 1]
    assert finished_once([*reports, elsewhere])
    assert shared_cache.get(mark_key(home.pk)) is None
    # the task started (its mark deleted): the next report queues another
    later = committed(aduan, description="Lubang baru")
    assert queued() == [("report_intake_region", {"region_id": home.pk})]
    assert run_queued() == [1]
    assert finished_once([later])
    assert run_queued() == []


@override_settings(TASKS=QUEUED)
def test_a_report_committed_while_the_task_scans_is_finished(aduan, shared_cache):
    first = committed(aduan, description="Lubang pertama")
    late = []

    def commit_during_the_scan(execute, sql, params, many, context):
        # the task deleted its mark and now reads the pending reports: a report commits just before
        if not late and "intake_pending" in sql:
            late.append(None)  # once (the report's own queries pass here too)
            late[0] = committed(aduan, description="Lubang di tengah")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(commit_during_the_scan):
        assert run_queued() == [2]  # the scan saw it
    # its add came after the task's delete: it queued the next task, which finds it finished
    assert queued() == [("report_intake_region", {"region_id": aduan["home"].pk})]
    assert run_queued() == [0]
    assert finished_once([first, *late])


@override_settings(TASKS=QUEUED)
def test_a_lost_region_task_is_healed_by_the_sweep_or_the_marks_timeout(aduan, shared_cache):
    lost = [committed(aduan, description="Lubang 1")]
    report_intake_region.get_backend().clear()  # the task is lost (a worker's queue gone), its mark stays
    lost.append(committed(aduan, description="Lubang 2"))
    assert queued() == []
    out = io.StringIO()
    call_command("finish_report_intake", stdout=out)
    assert out.getvalue().strip() == "2 reports finished."
    assert finished_once(lost)

    waiting = committed(aduan, description="Lubang 3")  # the mark is still set: no task
    assert queued() == []
    shared_cache.touch(mark_key(aduan["home"].pk), 1)  # as if MARK_SECONDS had nearly run out
    time.sleep(1.2)
    latest = committed(aduan, description="Lubang 4")
    assert queued() == [("report_intake_region", {"region_id": aduan["home"].pk})]
    assert run_queued() == [2]  # the older report too
    assert finished_once([waiting, latest])


def test_with_tasks_run_at_once_each_report_is_finished_and_no_mark_left(aduan, shared_cache):
    reports = [committed(aduan, description=f"Lubang {n}") for n in range(3)]
    assert finished_once(reports)
    assert shared_cache.get(mark_key(aduan["home"].pk)) is None


def test_a_task_queued_per_report_by_an_earlier_version_still_runs(aduan, shared_cache):
    with override_settings(TASKS=QUEUED):
        reports = [committed(aduan, description=f"Lubang {n}") for n in range(2)]
    assert report_intake.call(report_id=reports[1].pk) is True
    assert finished_once(reports)
    assert report_intake_region.call(region_id=aduan["home"].pk) == 0


def test_the_region_scan_finds_pending_reports_by_their_own_index(aduan):
    """The intake task's scan (and the sweep) read the partial index of pending reports, not every report of the
    region: at a million reports the whole region would be read for each batch.

    The region holds many finished reports and one pending, and the table is analysed, as on a live database: the
    planner's choice then does not hang on a tie between two indexes of a near-empty table."""
    pending = submit(aduan)
    fields = [f.attname for f in Report._meta.concrete_fields]
    finished = [Report(**{name: getattr(pending, name) for name in fields}) for _ in range(600)]
    for n, report in enumerate(finished):
        report.pk, report.intake_pending, report.idempotency_key = None, False, None
        report.tracking_code = f"{pending.tracking_code[:4]}{n:06d}"
    Report.objects.bulk_create(finished)
    Report.objects.filter(pk=pending.pk).update(intake_pending=True)  # the test settings run its task at once
    scan = Report.objects.filter(region=aduan["home"], intake_pending=True).order_by("pk")[:200]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Report._meta.db_table}")
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # the table is still small: the planner might read it all
        plan = scan.explain()
    assert "report_intake_pending" in plan, plan
    assert list(scan) == [pending]
