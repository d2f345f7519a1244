"""`make bench-surge`: citizen report intake under a surge — is every acknowledged report stored exactly once?

A fresh PostgreSQL database `kotacerdas_bench_surge` (dropped and recreated), the demo with its rate limits
lifted (bench/participation.py's demo step) and two Open311 apps (keys A and B); gunicorn with production
settings (2 workers x 4 threads, gthread, Redis caches on REDIS_URL db 15) and one `db_worker`. Then N client
threads submit reports in a loop for D seconds, half through Open311 (POST requests.json) and half through the
anonymous web form (GET the form for its CSRF and form tokens, then POST). Every request carries its own
Idempotency-Key; 10% are deliberately sent again with the same key and body (after the answer, or after
giving up on a short client-side timeout); apps A and B send the same key sequence (`req-000001`, ...) with
different bodies. A request whose connection died is sent again with the same key. Afterwards the database
is compared with what the clients were told (bench/surge_check.py). Writes bench/results-surge.json.

    .venv/bin/python bench/surge.py [--clients 200] [--seconds 180] [--kill-worker]

Exits 1 when a correctness check fails (lost or duplicated report, a 5xx) or the harness fails; the latency
target (p99 < 2 s) is reported, not enforced.
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import participation as intake  # noqa: E402
import run as harness  # noqa: E402
import surge_check  # noqa: E402
from surge_clients import Surge  # noqa: E402

PG_DB = "kotacerdas_bench_surge"
WORK = ROOT / "var" / "bench-surge"
RESULTS = BENCH / "results-surge.json"
REGION = intake.REGION
SETTINGS_SHOWN = ("clients", "seconds", "kill_worker", "retry_share", "workers", "threads")
say = harness.say


# --- steps run inside Django (subprocesses) ---------------------------------------------------------------------


def step_setup() -> dict:
    """The demo with lifted rate limits and key A (participation's demo step), key B, the categories, and
    the last report id before the surge."""
    demo = intake.step_demo()
    from django.contrib.auth import get_user_model

    from kotacerdas.participation import services
    from kotacerdas.participation.models import Open311Key, Report, ReportCategory
    from kotacerdas.regions.models import Region

    region = Region.objects.get(slug=REGION)
    key_a = Open311Key.objects.get(key_hash=Open311Key.hash(demo["api_key"]))
    admin = get_user_model().objects.get(username="admin.lutra")  # the service checks the actor's permission
    key_b, raw_b = services.api_key_create(region=region, actor=admin, name="surge app B")
    categories = ReportCategory.objects.filter(region=region, is_active=True).order_by("pk")
    return {
        "apps": {"A": [demo["api_key"], f"key:{key_a.pk}"], "B": [raw_b, f"key:{key_b.pk}"]},
        "categories": [[c.pk, c.code] for c in categories],
        "last_report_id": Report.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
    }


def step_stored(since: int) -> dict:
    """The reports created after report `since`: id, tracking code, idempotency digest, source."""
    intake._django()
    from kotacerdas.participation.models import Report

    rows = Report.objects.filter(pk__gt=since).order_by("pk")
    return {"rows": [list(r) for r in rows.values_list("pk", "tracking_code", "idempotency_key", "source")]}


# --- processes ---------------------------------------------------------------------------------------------------


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: the children of the master process."""
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def kill_one_worker(master: int, after: float, log: dict) -> None:
    """SIGKILL one gunicorn worker `after` seconds into the surge; note whether the master replaced it."""
    time.sleep(after)
    before = worker_pids(master)
    if not before:
        log["error"] = "no gunicorn worker found"
        return
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    log.update(pid=victim, at_seconds=round(after, 1), load_average=round(os.getloadavg()[0], 2))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = worker_pids(master)
        if len(now) == len(before) and victim not in now:
            log["replaced_by"] = sorted(set(now) - set(before))
            return
        time.sleep(0.2)


class TaskWorker:
    """`manage.py db_worker` with the same settings, stopped on exit."""

    def __init__(self, env: dict, log_path: Path):
        self.env, self.log_path, self.proc = env, log_path, None

    def __enter__(self):
        self.log = self.log_path.open("w")
        args = [sys.executable, "manage.py", "db_worker", "--interval", "1", "--no-reload"]
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the session we started for it, nothing else
                self.proc.wait()
        self.log.close()
        return False


def redis_url(db: int) -> str:
    """The URL of Redis database `db`, emptied: a run starts from nothing, as its PostgreSQL database does (an
    earlier run's rate-limit counters would refuse the demo's own reports within the hour)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as exc:
        raise harness.HarnessError(f"Redis is not reachable on 127.0.0.1:6379 ({exc})") from None
    import redis

    url = f"redis://127.0.0.1:6379/{db}"
    redis.Redis.from_url(url).flushdb()
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", choices=["setup", "stored"], help=argparse.SUPPRESS)
    parser.add_argument("--since", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--clients", type=int, default=200, help="client threads (default 200)")
    parser.add_argument("--seconds", type=float, default=180, help="how long clients start new reports (default 180)")
    parser.add_argument("--kill-worker", action="store_true", help="SIGKILL one gunicorn worker halfway")
    parser.add_argument("--retry-share", type=float, default=0.10, help="reports deliberately sent twice")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8115)
    parser.add_argument("--redis-db", type=int, default=15, help="Redis database number for the caches (emptied)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.step == "setup":
        print(json.dumps(step_setup()))
        return 0
    if args.step == "stored":
        print(json.dumps(step_stored(args.since)))
        return 0

    started, load_start = time.monotonic(), os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    harness.PG_DB, harness.WORK, harness.STATIC_ROOT = PG_DB, WORK, WORK / "static"
    database_url, engine, db_note = harness.prepare_database(force_sqlite=False)
    if engine != "postgresql":
        raise harness.HarnessError("the surge needs PostgreSQL (concurrent writers); none was reachable")
    say(f"== intake surge: {args.clients} clients for {args.seconds:.0f} s; database: {db_note}")
    env = harness.production_env(database_url)
    env.update(REDIS_URL=redis_url(args.redis_db), EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    py, me = sys.executable, str(Path(__file__).resolve())
    harness.run_step("migrate", [py, "manage.py", "migrate", "--noinput"], env)
    harness.collect_static(env)
    setup = harness.last_json_line(harness.run_step("demo, two Open311 apps", [py, me, "--step", "setup"], env))
    surge = Surge(
        port=args.port,
        setup=setup,
        clients=args.clients,
        seconds=args.seconds,
        retry_share=args.retry_share,
        seed=args.seed,
    )
    killed: dict = {}
    with (
        TaskWorker(env, WORK / "worker.log"),
        harness.Gunicorn(env, args.workers, args.threads, WORK / "gunicorn.log", port=args.port) as server,
    ):
        say(f"   gunicorn up on {harness.HOST}:{server.port}, a db_worker beside it; surge starts")
        if args.kill_worker:
            kill = (server.proc.pid, args.seconds / 2, killed)
            threading.Thread(target=kill_one_worker, args=kill, daemon=True).start()
        wall = surge.run()
        load_end = os.getloadavg()[0]
    say(f"   surge: {wall:.1f} s ({len(surge.submissions)} reports attempted)")
    stored = harness.last_json_line(
        harness.run_step("stored rows", [py, me, "--step", "stored", "--since", str(setup["last_report_id"])], env)
    )
    result = surge_check.analyse(surge.submissions, surge.form_pages, stored["rows"], wall=wall)
    result.update(
        settings={k: getattr(args, k) for k in SETTINGS_SHOWN},
        server=f"gunicorn gthread {args.workers}x{args.threads}, production settings, Redis caches, one db_worker",
        database=db_note,
        load_average={"start": round(load_start, 2), "end": round(load_end, 2), "cores": os.cpu_count()},
        killed_worker=killed or None,
    )
    (WORK / "requests.json").write_text(json.dumps([s.__dict__ for s in surge.submissions]) + "\n")
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    passed = surge_check.report(result, say)
    say(f"wrote {RESULTS.relative_to(ROOT)} (every request in {(WORK / 'requests.json').relative_to(ROOT)})")
    say(f"total {time.monotonic() - started:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except harness.HarnessError as exc:
        say(f"bench failed: {exc}")
        sys.exit(1)
