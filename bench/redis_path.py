"""`make bench-redis`: the production path with Redis — the page cache shared by every process, and the
intake tasks run by two RQ workers.

gunicorn (2 workers x 4 threads, production settings) with `REDIS_URL` set (page cache, rate-limit counters)
and `TASKS_BACKEND=django_tasks_rq.RQBackend`, two `manage.py rqworker --job-class django_tasks_rq.Job
default` processes, a fresh PostgreSQL database `kotacerdas_bench_redis` (dropped and recreated) with the demo
(bench/participation.py's demo step: rate limits lifted, an Open311 key), and a Redis database the bench owns
(`--redis-url`, default redis://127.0.0.1:6379/14: EMPTIED at the start). The bench

1. asks the report statistics page (cached whole, section "report-stats") until one gunicorn worker built it,
   changes the counters behind the app's back (SQL, no invalidation), and asks again until the *other*
   gunicorn worker answers: it must serve the first worker's page from Redis (the old figure), where a
   per-process cache would have built the new one; then the counters are put back;
2. submits reports through Open311 with no RQ worker running: the jobs wait in Redis, the statistics page
   stays cached (the request path does not touch the statistics);
3. starts the two RQ workers; once they emptied the queue both gunicorn workers must show the new total:
   the intake task's invalidation, made in an RQ worker, retired the page for every web worker;
4. submits `--reports` more at concurrency 8 while the RQ workers run, waits for the queue to drain and counts
   the jobs each RQ worker ran (RQ's job results and worker statistics): both must have taken a share.
   Every report must have finished its intake exactly once (no report pending, no failed job, the
   statistics counters equal to the reports).

    .venv/bin/python bench/redis_path.py [--reports 400] [--redis-url redis://127.0.0.1:6379/14]

Prints PASS/FAIL lines, writes bench/results-redis.json; exits 1 on a FAIL or when it could not measure.
Without a Redis at the URL it exits 1, or 0 with a SKIPPED line under `--skip-without-redis` (`make bench`).
"""

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import participation as intake  # noqa: E402
import run as harness  # noqa: E402

REGION = intake.REGION
STATS_PATH = f"/r/{REGION}/aduan/statistik/"
OPEN311_PATH = "/open311/v2/requests.json"
WORK = ROOT / "var" / "bench-redis"
RESULTS = BENCH / "results-redis.json"
RQ_WORKERS = ("kc-rq-a", "kc-rq-b")
INTAKE_TASK = "kotacerdas.participation.tasks.report_intake"
TOTAL = re.compile(r'data-testid="totals">\s*<div><dt>[^<]*</dt><dd>([^<]*)</dd>')
TAMPER = 1000  # added to the counters behind the app's back in step 1
MIN_SHARE = 0.10  # each RQ worker runs at least this share of the jobs
say = harness.say


# --- steps run inside Django (subprocesses) ---------------------------------------------------------------------


def step_counters(delta: int) -> dict:
    """Add `delta` to the region's first statistics row without the app's invalidation (delta 0: no change);
    the reports, those still pending their intake, and the counters' total."""
    intake._django()
    from django.db.models import F, Sum

    from kotacerdas.participation.models import AgencyReportStats, Report

    rows = AgencyReportStats.objects.filter(region__slug=REGION)
    if delta:
        AgencyReportStats.objects.filter(pk=rows.order_by("pk")[0].pk).update(received=F("received") + delta)
    reports = Report.objects.filter(region__slug=REGION)
    return {
        "reports": reports.count(),
        "pending": reports.filter(intake_pending=True).count(),
        "received": rows.aggregate(total=Sum("received"))["total"] or 0,
    }


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

    def __init__(self, env: dict, name: str):
        self.env, self.name, self.proc = env, name, None
        self.log_path = WORK / f"{name}.log"

    def __enter__(self):
        self.log = self.log_path.open("w")
        args = [sys.executable, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job", "--name", self.name]
        self.proc = subprocess.Popen(
            [*args, "default"],
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


def drain(connection, expected: int, timeout: float = 300) -> float:
    """Wait until `expected` jobs finished (or failed) and none waits or runs; the seconds it took."""
    from rq import Queue

    queue = Queue("default", connection=connection)
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        done = queue.finished_job_registry.count + queue.failed_job_registry.count
        if done >= expected and queue.count == 0 and queue.started_job_registry.count == 0:
            return time.monotonic() - started
        time.sleep(0.2)
    raise harness.HarnessError(f"the RQ workers did not finish {expected} jobs within {timeout:.0f} s")


def jobs_per_worker(connection) -> dict:
    """Per RQ worker: the finished intake jobs whose result it recorded, and its own counters (all jobs)."""
    from rq import Queue, Worker
    from rq.job import Job

    queue = Queue("default", connection=connection)
    ids = queue.finished_job_registry.get_job_ids()
    by_results: dict[str, int] = {}
    durations = []
    for job in Job.fetch_many(ids, connection=connection):
        if job is None or job.func_name != INTAKE_TASK:
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
    result = intake.post_load(port, OPEN311_PATH, body_for, headers, total, concurrency, max_seconds=600)
    if result["failures"] or result["requests"] != total:
        raise harness.HarnessError(f"Open311 submissions failed: {result}")
    return result


# --- the scenario --------------------------------------------------------------------------------------------------


class Checks:
    """PASS/FAIL lines, printed as they come and kept for the results file."""

    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, ok: bool, text: str) -> bool:
        line = f"{'PASS' if ok else 'FAIL'}  {text}"
        self.lines.append(line)
        say(line)
        return ok

    @property
    def passed(self) -> bool:
        return all(line.startswith("PASS") for line in self.lines)


def shared_page(port: int, log: AccessLog, counters, check: Checks) -> dict:
    """Step 1: a page one gunicorn worker cached is served from Redis by the other."""
    total, first = stats_total(port, log)
    counters(TAMPER)
    shown, second = stats_total(port, log, other_than=first)
    counters(-TAMPER)
    check(
        shown == total,
        f"page cache shared by the web workers: {STATS_PATH} built by gunicorn worker {first} ({total} received) "
        f"was served by worker {second} from Redis ({shown}; a per-process cache would have shown "
        f"{total + TAMPER} after the rows changed behind the app's back)",
    )
    return {"received": total, "built_by": first, "served_by": second, "shown_by_second": shown}


def queued_then_run(port: int, log: AccessLog, connection, args, check: Checks) -> dict:
    """Steps 2 and 3: jobs wait in Redis with no RQ worker; started, the workers' invalidation retires the
    page for every web worker."""
    from rq import Queue

    shown_before, first = stats_total(port, log)
    submit(port, args.api_key, args.queued, concurrency=4)
    waiting = sum(job.func_name == INTAKE_TASK for job in Queue("default", connection=connection).get_jobs())
    still, _ = stats_total(port, log, other_than=first)
    check(
        waiting == args.queued and still == shown_before,
        f"{args.queued} submissions queued {waiting} intake jobs in Redis; with no RQ worker running the "
        f"statistics page stayed cached ({still} received on both web workers)",
    )
    return {"waiting": waiting, "shown_before": shown_before, "first": first}


def after_tasks(port: int, log: AccessLog, first: int, expected: int, check: Checks) -> dict:
    shown_a, _ = stats_total(port, log, want=first)
    shown_b, second = stats_total(port, log, other_than=first)
    check(
        shown_a == shown_b == expected,
        f"the intake tasks' invalidation (made in the RQ workers) retired the page for every web worker: "
        f"worker {first} shows {shown_a}, worker {second} shows {shown_b} received (expected {expected})",
    )
    return {"worker_a": shown_a, "worker_b": shown_b, "expected": expected}


def spread(connection, jobs: int, state: dict, check: Checks) -> dict:
    """Step 4's verdicts: the jobs per RQ worker, and every intake finished once."""
    counts = jobs_per_worker(connection)
    ran = {name: counts["by_results"].get(name, 0) for name in RQ_WORKERS}
    low = min(ran.values())
    check(
        low >= MIN_SHARE * jobs and sum(ran.values()) == jobs,
        "intake tasks spread over both RQ workers: "
        + ", ".join(f"{name} ran {n}" for name, n in ran.items())
        + f" of {jobs} jobs (by their results; worker counters: "
        + ", ".join(f"{n} {c['successful']} ok/{c['failed']} failed" for n, c in sorted(counts["workers"].items()))
        + f"; each at least {MIN_SHARE:.0%})",
    )
    check(
        state["pending"] == 0 and counts["failed_jobs"] == 0 and state["received"] == state["reports"],
        f"every intake finished exactly once: {state['pending']} reports pending, {counts['failed_jobs']} failed "
        f"jobs, statistics count {state['received']} received for {state['reports']} reports",
    )
    return {**counts, "ran": ran}


def scenario(env: dict, connection, args, check: Checks) -> dict:
    py, me = sys.executable, str(Path(__file__).resolve())

    def counters(delta: int = 0) -> dict:
        return harness.last_json_line(
            harness.run_step(f"counters {delta:+d}", [py, me, "--step", "counters", "--delta", str(delta)], env)
        )

    log = AccessLog(WORK / "access.log")
    server = harness.Gunicorn(env, args.workers, args.threads, WORK / "gunicorn.log", port=args.port)
    server.args += ["--access-logfile", str(log.path), "--access-logformat", AccessLog.FORMAT]
    log.path.unlink(missing_ok=True)
    result: dict = {}
    with server:
        say(f"   gunicorn up on {harness.HOST}:{server.port} (Redis page cache, RQ task backend); no RQ worker yet")
        result["shared_page"] = shared_page(server.port, log, counters, check)
        queued = queued_then_run(server.port, log, connection, args, check)
        with RQWorker(env, RQ_WORKERS[0]), RQWorker(env, RQ_WORKERS[1]):
            result["queued_drain_s"] = round(drain(connection, args.queued), 2)
            say(f"   two RQ workers started; the {args.queued} waiting jobs done in {result['queued_drain_s']} s")
            expected = queued["shown_before"] + args.queued
            result["after_tasks"] = after_tasks(server.port, log, queued["first"], expected, check)
            started = time.monotonic()
            result["intake"] = submit(server.port, args.api_key, args.reports, concurrency=args.concurrency)
            drain(connection, args.queued + args.reports)
            result["load_drain_s"] = round(time.monotonic() - started, 2)
            say(
                f"   {args.reports} reports at concurrency {args.concurrency}: {result['intake']['rps']} accepted/s; "
                f"all intake jobs done {result['load_drain_s']} s after the first submission"
            )
            state = counters()
            result["spread"] = spread(connection, args.queued + args.reports, state, check)
    result["queued"] = queued
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", choices=["setup", "counters"], help=argparse.SUPPRESS)
    parser.add_argument("--delta", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14", help="a Redis db the bench may EMPTY")
    parser.add_argument("--skip-without-redis", action="store_true", help="exit 0 with SKIPPED when Redis is down")
    parser.add_argument("--pg-db", default="kotacerdas_bench_redis", help="PostgreSQL database (dropped, recreated)")
    parser.add_argument("--reports", type=int, default=400, help="reports submitted while the RQ workers run")
    parser.add_argument("--queued", type=int, default=20, help="reports submitted before any RQ worker runs")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.step == "setup":
        print(json.dumps(intake.step_demo()))
        return 0
    if args.step == "counters":
        print(json.dumps(step_counters(args.delta)))
        return 0

    connection = redis_connection(args.redis_url)
    if connection is None:
        say(f"SKIPPED  bench-redis: no Redis answers at {args.redis_url} (start one, or pass --redis-url)")
        return 0 if args.skip_without_redis else 1
    started, load_start = time.monotonic(), os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    harness.PG_DB = args.pg_db
    database_url, engine, db_note = harness.prepare_database(force_sqlite=False)
    if engine != "postgresql":
        raise harness.HarnessError("the production path needs PostgreSQL; none was reachable")
    connection.flushdb()  # the bench's own Redis database: no page, job or worker of an earlier run
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn and the workers on the way out
    say(f"== production path with Redis: {args.redis_url} (emptied), {db_note}")
    env = harness.production_env(database_url)
    env.update(
        REDIS_URL=args.redis_url,
        TASKS_BACKEND="django_tasks_rq.RQBackend",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    py, me = sys.executable, str(Path(__file__).resolve())
    harness.run_step("migrate", [py, "manage.py", "migrate", "--noinput"], env)
    harness.collect_static(env)
    # The demo's own tasks (notices, e-mails) run inline, so the queue holds only what the scenario sends.
    demo_env = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    args.api_key = harness.last_json_line(harness.run_step("demo", [py, me, "--step", "setup"], demo_env))["api_key"]
    connection.flushdb()  # the demo's page-cache versions too: the scenario starts with an empty cache
    check = Checks()
    result = scenario(env, connection, args, check)
    result.update(
        checks=check.lines,
        settings={k: getattr(args, k) for k in ("reports", "queued", "concurrency", "workers", "threads")},
        server=f"gunicorn gthread {args.workers}x{args.threads}, production settings, Redis, 2 RQ workers",
        database=db_note,
        load_average={"start": round(load_start, 2), "end": round(os.getloadavg()[0], 2), "cores": os.cpu_count()},
    )
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    say(f"wrote {RESULTS.relative_to(ROOT)}; total {time.monotonic() - started:.0f} s")
    return 0 if check.passed else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except harness.HarnessError as exc:
        say(f"bench failed: {exc}")
        sys.exit(1)
