"""Report intake through the production task path: the RQ backend on Redis and a real RQ worker (burst mode).

Needs a Redis database of its own, named by `KC_TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6379/13`): the test
empties that database (FLUSHDB, never another one) before and after. CI gives its SQLite and its PostgreSQL
run different database numbers (.ci/run), so the two never take each other's jobs. Without the variable, or
when no Redis answers there, the test is skipped and says why.

The worker is production's (`common.rqworker.Worker`, which runs jobs in its own process, here on the test
database's connection; a forked child could not see an in-memory SQLite test database); as in production, the
service queues the region's task on commit (one while it waits: the cache is Redis, services.intake_queue),
the job waits in Redis, the worker takes it from there, and the task's retiring of the statistics pages lands
in the Redis page cache.
"""

import os

import pytest
from django.test import override_settings

from kotacerdas.common.cache import REPORT_STATS, page_version
from kotacerdas.participation.models import AgencyReportStats, Report, ReportUpdate

from .conftest import submit

REDIS_URL = os.environ.get("KC_TEST_REDIS_URL", "")


def _unavailable() -> str:
    """Why the test cannot run here ("" when it can)."""
    if not REDIS_URL:
        return "KC_TEST_REDIS_URL is not set (a Redis database the test may empty, e.g. redis://127.0.0.1:6379/13)"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception as exc:
        return f"no Redis answers at KC_TEST_REDIS_URL={REDIS_URL} ({exc.__class__.__name__})"
    return ""


pytestmark = [
    pytest.mark.skipif(bool(_unavailable()), reason=f"RQ intake test SKIPPED: {_unavailable()}"),
    # The job commits for real, as in production: the worker sees only committed reports.
    pytest.mark.django_db(transaction=True),
]

RQ_SETTINGS = {
    "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend"}},
    "RQ_QUEUES": {"default": {"URL": REDIS_URL}},
    "CACHES": {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL},
        "ratelimit": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "rl"},
    },
}


@pytest.fixture
def rq_queue():
    """The RQ backend and Redis caches switched on, on an empty Redis database; the `default` queue."""
    import django_rq

    with override_settings(**RQ_SETTINGS):
        connection = django_rq.get_connection("default")
        connection.flushdb()
        yield django_rq.get_queue("default")
        connection.flushdb()


def burst(queue) -> int:
    """A real RQ worker on the queue until it is empty; the jobs it ran (all of them successfully)."""
    from django_tasks_rq import Job

    from kotacerdas.common.rqworker import Worker

    worker = Worker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True)
    worker.refresh()  # its counters live in Redis
    assert worker.failed_job_count == 0
    return worker.successful_job_count


def received(report) -> int:
    return ReportUpdate.objects.filter(report=report, status=Report.Status.RECEIVED).count()


def test_intake_tasks_run_by_an_rq_worker_once_each_even_when_delivered_again(aduan, rq_queue):
    from django_tasks_rq import Job
    from rq.registry import FailedJobRegistry

    from kotacerdas.participation.tasks import report_intake, report_intake_region

    slug = aduan["home"].slug
    stats_version = page_version(slug, REPORT_STATS)
    reports = [submit(aduan, description=f"Jalan berlubang nomor {n}") for n in range(3)]
    # One region task queued in Redis after the first commit (the cache is shared: services.intake_queue), not
    # run: the request path stops at storing the report.
    assert rq_queue.count == 1
    assert all(Report.objects.get(pk=r.pk).intake_pending for r in reports)
    assert not AgencyReportStats.objects.filter(received__gt=0).exists()

    # The same task delivered twice (an operator re-enqueued it), and a per-report task queued before an upgrade.
    again = report_intake_region.enqueue(region_id=aduan["home"].pk)
    old = report_intake.enqueue(report_id=reports[0].pk)
    assert burst(rq_queue) == 3
    backend = report_intake.get_backend()
    assert (backend.get_result(again.id).return_value, backend.get_result(old.id).return_value) == (0, False)
    for report in reports:
        report.refresh_from_db()
        assert not report.intake_pending
        assert received(report) == 1
    counters = AgencyReportStats.objects.get(region=aduan["home"], agency=aduan["home_agency"])
    assert (counters.received, counters.open) == (3, 3)
    # The task retired the statistics pages in the shared (Redis) page cache.
    assert page_version(slug, REPORT_STATS) != stats_version

    # A worker that died after its job committed: RQ files the job as failed (abandoned) and it is requeued.
    assert rq_queue.count == 0
    finished = rq_queue.finished_job_registry.get_job_ids()
    assert len(finished) == 3
    abandoned = Job.fetch(finished[0], connection=rq_queue.connection)
    failed = FailedJobRegistry(queue=rq_queue)
    failed.add(abandoned, exc_string="the work horse was killed")
    failed.requeue(abandoned.id)
    assert burst(rq_queue) == 1
    assert len(failed) == 0
    assert [received(r) for r in reports] == [1, 1, 1]
    counters.refresh_from_db()
    assert (counters.received, counters.open) == (3, 3)

    # The task started (its mark deleted): the next report queues the next one.
    later = submit(aduan, description="Jalan berlubang lagi")
    assert rq_queue.count == 1
    assert burst(rq_queue) == 1
    assert received(later) == 1
