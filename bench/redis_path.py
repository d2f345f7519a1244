"""`make bench-redis`: the production path with Redis — the page cache shared by every process, and the
intake tasks run by two RQ workers.

gunicorn (2 x 4 threads, production settings) with `REDIS_URL` and `TASKS_BACKEND=django_tasks_rq.RQBackend`,
two `manage.py rqworker --job-class django_tasks_rq.Job default`, a fresh PostgreSQL database with the demo, and
a Redis database the bench owns (`--redis-url`, EMPTIED at the start). Steps (docs/bench.md, "Target 6"): a
page cached by one web worker is served by the other (the rows changed behind the app's back, the old figure
shows); reports submitted with no RQ worker queue one intake job for their region (one waits at a time) and
leave the statistics page cached; started, the RQ workers' intake task retires it for both web workers;
`--reports` more, and the intake jobs each RQ worker ran are counted.

    .venv/bin/python bench/redis_path.py [--reports 400] [--redis-url redis://127.0.0.1:6379/14]

Prints PASS/FAIL lines, writes bench/results-redis.json; exits 1 on a FAIL or when it could not measure.
Without a Redis at the URL it exits 1, or 0 with a SKIPPED line under `--skip-without-redis` (`make bench`).
"""

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import participation as intake  # noqa: E402
import run as harness  # noqa: E402
from redis_parts import (  # noqa: E402
    REGION,
    STATS_PATH,
    WORK,
    AccessLog,
    RQWorker,
    drain,
    jobs_per_worker,
    queued_jobs,
    redis_connection,
    stats_total,
    submit,
)

RESULTS = BENCH / "results-redis.json"
RQ_WORKERS = ("kc-rq-a", "kc-rq-b")
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
    shown_before, first = stats_total(port, log)
    submit(port, args.api_key, args.queued, concurrency=4)
    waiting = queued_jobs(connection)
    still, _ = stats_total(port, log, other_than=first)
    check(
        waiting == 1 and still == shown_before,
        f"{args.queued} submissions queued {waiting} intake job in Redis (one region task waits at a time: "
        f"participation/services/intake_queue.py); with no RQ worker running the statistics page stayed cached "
        f"({still} received on both web workers)",
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


def spread(connection, state: dict, check: Checks) -> dict:
    """Step 4's verdicts: the jobs per RQ worker, and every intake finished once."""
    counts = jobs_per_worker(connection)
    jobs = sum(counts["by_results"].values())
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
        with RQWorker(env, RQ_WORKERS[0], args.worker_class), RQWorker(env, RQ_WORKERS[1], args.worker_class):
            result["queued_drain_s"] = round(drain(connection, queued["waiting"]), 2)
            say(f"   two RQ workers started; the {queued['waiting']} waiting job done in {result['queued_drain_s']} s")
            expected = queued["shown_before"] + args.queued
            result["after_tasks"] = after_tasks(server.port, log, queued["first"], expected, check)
            started = time.monotonic()
            result["intake"] = submit(server.port, args.api_key, args.reports, concurrency=args.concurrency)
            drain(connection)
            result["load_drain_s"] = round(time.monotonic() - started, 2)
            say(
                f"   {args.reports} reports at concurrency {args.concurrency}: {result['intake']['rps']} accepted/s; "
                f"all intake jobs done {result['load_drain_s']} s after the first submission"
            )
            state = counters()
            result["spread"] = spread(connection, state, check)
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
    parser.add_argument("--worker-class", default="", help="RQ worker class (default rq's Worker: a fork per job)")
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
        settings={
            k: getattr(args, k) for k in ("reports", "queued", "concurrency", "workers", "threads", "worker_class")
        },
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
