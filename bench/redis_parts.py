"""The parts of bench/redis_path.py that talk to processes, Redis and HTTP: RQ workers, the queue's state,
gunicorn's access log (which worker answered), the statistics page's total, Open311 submissions."""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import participation as intake
import run as harness
from intake_load import post_load

ROOT = Path(__file__).resolve().parent.parent
REGION = intake.REGION
STATS_PATH = f"/r/{REGION}/aduan/statistik/"
OPEN311_PATH = "/open311/v2/requests.json"
WORK = ROOT / "var" / "bench-redis"
# With a Redis cache one region task waits at a time (participation/services/intake_queue.py); the per-report
# task of a per-process cache (and of earlier versions) is counted too.
INTAKE_TASKS = ("kotacerdas.participation.tasks.report_intake_region", "kotacerdas.participation.tasks.report_intake")
TOTAL = re.compile(r'data-testid="totals">\s*<div><dt>[^<]*</dt><dd>([^<]*)</dd>')


# --- processes and Redis ------------------------------------------------------------------------------------------


def redis_connection(url: str):
    """A connection to the bench's Redis database, or None when nothing answers there."""
    import redis

    connection = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.RedisError:
        return None
    return connection


class RQWorker:
    """`manage.py rqworker` with the same settings and the task backend's job class; stopped on exit."""

    def __init__(self, env: dict, name: str, worker_class: str = ""):
        self.env, self.name, self.proc = env, name, None
        self.extra = ["--worker-class", worker_class] if worker_class else []
        self.log_path = WORK / f"{name}.log"

    def __enter__(self):
        self.log = self.log_path.open("w")
        args = [sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job", "--name", self.name]
        self.proc = subprocess.Popen(
            [*args, *self.extra, "default"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # warm shutdown: the job at hand is finished first
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the session we started for it, nothing else
                self.proc.wait()
        self.log.close()
        return False


def drain(connection, expected: int = 0, timeout: float = 300) -> float:
    """Wait until `expected` jobs finished (or failed) and none waits or runs; the seconds it took. Call it
    after the submissions were answered: each queued its job (if any) before its answer."""
    from rq import Queue

    queue = Queue("default", connection=connection)
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        done = queue.finished_job_registry.count + queue.failed_job_registry.count
        if done >= expected and queue.count == 0 and queue.started_job_registry.count == 0:
            return time.monotonic() - started
        time.sleep(0.2)
    raise harness.HarnessError(f"the RQ workers did not finish {expected} jobs within {timeout:.0f} s")


def queued_jobs(connection) -> int:
    """Intake jobs waiting in the queue."""
    from rq import Queue

    return sum(job.func_name in INTAKE_TASKS for job in Queue("default", connection=connection).get_jobs())


def jobs_per_worker(connection) -> dict:
    """Per RQ worker: the finished intake jobs whose result it recorded, and its own counters (all jobs)."""
    from rq import Queue, Worker
    from rq.job import Job

    queue = Queue("default", connection=connection)
    ids = queue.finished_job_registry.get_job_ids()
    by_results: dict[str, int] = {}
    durations = []
    for job in Job.fetch_many(ids, connection=connection):
        if job is None or job.func_name not in INTAKE_TASKS:
            continue
        result = job.latest_result()
        name = (result.worker_name if result else "") or job.worker_name or "?"
        by_results[name] = by_results.get(name, 0) + 1
        if job.started_at and job.ended_at:
            durations.append((job.ended_at - job.started_at).total_seconds())
    workers = {
        w.name: {"successful": w.successful_job_count, "failed": w.failed_job_count}
        for w in Worker.all(connection=connection)
    }
    durations.sort()
    return {
        "by_results": by_results,
        "workers": workers,
        "failed_jobs": queue.failed_job_registry.count,
        "job_median_ms": round(durations[len(durations) // 2] * 1000, 1) if durations else None,
    }


# --- HTTP ----------------------------------------------------------------------------------------------------------


class AccessLog:
    """gunicorn's access log, one line per request with the process id of the worker that answered it."""

    FORMAT = "%(p)s %(m)s %(U)s %(s)s"

    def __init__(self, path: Path):
        self.path = path

    def lines(self) -> list[str]:
        return self.path.read_text().splitlines() if self.path.exists() else []

    def answered_by(self, before: int, path: str) -> int:
        """The worker pid of the first request to `path` logged after line `before` (waits up to 5 s)."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for line in self.lines()[before:]:
                pid, _method, logged_path, _status = line.split(" ", 3)
                if logged_path == path:
                    return int(pid.strip("<>"))
            time.sleep(0.02)
        raise harness.HarnessError(f"gunicorn did not log the request to {path}")


def stats_total(port: int, log: AccessLog, *, other_than: int | None = None, want: int | None = None) -> tuple:
    """(received total shown, worker pid) of one request to the statistics page on a new connection; with
    `other_than` (or `want`), asked again until a worker other than that pid (or that pid) answers."""
    for _ in range(80):
        before = len(log.lines())
        conn = http.client.HTTPConnection(harness.HOST, port, timeout=60)
        conn.request("GET", STATS_PATH, headers={**harness.HEADERS, "Connection": "close"})
        response = conn.getresponse()
        page = response.read().decode()
        conn.close()
        match = TOTAL.search(page)
        if response.status != 200 or not match:
            raise harness.HarnessError(f"{STATS_PATH} answered {response.status} without the totals")
        pid = log.answered_by(before, STATS_PATH)
        if (other_than is None or pid != other_than) and (want is None or pid == want):
            return int(re.sub(r"\D", "", match.group(1))), pid
    raise harness.HarnessError("80 new connections never reached the other gunicorn worker")


def submit(port: int, api_key: str, total: int, concurrency: int) -> dict:
    """`total` Open311 POSTs (each its own Idempotency-Key) from `concurrency` threads."""

    def body_for():
        body = {
            "api_key": api_key,
            "jurisdiction_id": REGION,
            "service_code": "sampah",
            "lat": "-2.556",
            "long": "120.330",
            "description": "Sampah menumpuk di depan pasar (bench Redis)",
        }
        return urllib.parse.urlencode(body), {"Idempotency-Key": uuid.uuid4().hex}

    headers = {**harness.HEADERS, "Content-Type": "application/x-www-form-urlencoded"}
    result = post_load(port, OPEN311_PATH, body_for, headers, total, concurrency, max_seconds=600)
    if result["failures"] or result["requests"] != total:
        raise harness.HarnessError(f"Open311 submissions failed: {result}")
    return result
