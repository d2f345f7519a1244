"""`make bench`: serve the app the way production does and measure pages against a trivial view.

Steps: a fresh database (DATABASE_URL if set, else a new PostgreSQL database `kotacerdas_bench` on
127.0.0.1:5432, else a SQLite file under var/), migrate, collectstatic, the demo, SQL queries per request
at demo size, data at the stated scale, queries again, then gunicorn with production settings and a
Python load generator. Prints a table and writes bench/results.json. See docs/bench.md.

Exits 0 when targets are missed (it is a report, not a test); exits 1 when the harness itself fails.
"""

import argparse
import contextlib
import datetime
import hashlib
import hmac
import http.client
import json
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

from pages import BASELINE, HEADERS, ID_KEYS, PAGES, SCALES, describe, resolve  # noqa: E402

HOST = "127.0.0.1"
PG_DB = "kotacerdas_bench"
PG_ADMIN = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}
RESULTS = BENCH / "results.json"
WORK = ROOT / "var" / "bench"
STATIC_ROOT = WORK / "static"


class HarnessError(Exception):
    """The bench could not measure (not a missed target)."""


def say(message: str = "") -> None:
    print(message, flush=True)


# --- database --------------------------------------------------------------------------------------------


def prepare_database(force_sqlite: bool) -> tuple[str, str, str]:
    """(DATABASE_URL, engine name, note). Drops and recreates the bench database it owns; never touches
    a database given by DATABASE_URL beyond migrating it and adding the bench data."""
    if os.environ.get("DATABASE_URL") and not force_sqlite:
        url = os.environ["DATABASE_URL"]
        engine = "postgresql" if url.startswith(("postgres", "pgsql")) else url.split(":", 1)[0]
        return url, engine, "DATABASE_URL from the environment (used as is, not recreated)"
    if not force_sqlite:
        try:
            import psycopg

            with psycopg.connect(**PG_ADMIN, connect_timeout=3, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {PG_DB}")
            url = f"postgres://{PG_ADMIN['user']}@{PG_ADMIN['host']}:{PG_ADMIN['port']}/{PG_DB}"
            return url, "postgresql", f"fresh PostgreSQL database {PG_DB} on {PG_ADMIN['host']}:{PG_ADMIN['port']}"
        except Exception as exc:
            say(f"!! PostgreSQL not usable at {PG_ADMIN['host']}:{PG_ADMIN['port']} ({exc.__class__.__name__}: {exc})")
    path = WORK / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    note = f"SQLite file {path.relative_to(ROOT)} (NOT how production runs: figures are indicative only)"
    say(f"!! falling back to {note}")
    return f"sqlite:///{path}", "sqlite", note


# --- subprocesses with production settings -------------------------------------------------------------


def production_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=str(STATIC_ROOT),
        # The API's per-client throttle (120/min anonymous) would answer the load generator with 429s: one
        # client on loopback is not what it limits. Raised, it still runs (and costs) on every request.
        API_THROTTLE_ANON="10000000/min",
        API_THROTTLE_USER="10000000/min",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_step(label: str, args: list[str], env: dict[str, str]) -> str:
    started = time.monotonic()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        say(proc.stdout[-4000:])
        say(proc.stderr[-4000:])
        raise HarnessError(f"{label} failed (exit {proc.returncode})")
    say(f"   {label}: {time.monotonic() - started:.1f} s")
    return proc.stdout


def static_fingerprint() -> str:
    """What the collected static files depend on: the project's and apps' static sources and the installed
    package versions (Django admin, DRF, the Swagger UI sidecar, whitenoise ship static files)."""
    digest = hashlib.sha256()
    sources = [ROOT / "static", *sorted((ROOT / "kotacerdas").glob("*/static"))]
    for source in sources:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    site = Path(sysconfig.get_paths()["purelib"])
    digest.update("\n".join(sorted(p.name for p in site.glob("*.dist-info"))).encode())
    return digest.hexdigest()


def collect_static(env: dict[str, str]) -> None:
    """collectstatic with production's storage (hashed names, a manifest, gzip and brotli copies). The
    compression takes ~40 s on this machine and does not change the pages measured, so the result is kept
    in var/bench/static and reused while the sources and installed packages are the same."""
    marker = STATIC_ROOT / ".fingerprint"
    fingerprint = static_fingerprint()
    if marker.exists() and marker.read_text() == fingerprint:
        say("   collectstatic: unchanged since the last run, reused")
        return
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    STATIC_ROOT.mkdir(parents=True)
    run_step("collectstatic", [sys.executable, "manage.py", "collectstatic", "--noinput"], env)
    marker.write_text(fingerprint)


def last_json_line(output: str) -> dict:
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise HarnessError(f"no JSON in output: {output[-500:]}")


# --- server -------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving config.wsgi with production settings; stopped on exit, whatever happens."""

    def __init__(self, env: dict[str, str], workers: int, threads: int, log_path: Path, port: int | None = None):
        self.port = port or free_port()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        if not gunicorn.exists():
            gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
        self.args = [
            str(gunicorn),
            "config.wsgi:application",
            "--worker-class",
            "gthread",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "-b",
            f"{HOST}:{self.port}",
        ]
        self.env = env
        self.log_path = log_path
        self.proc = None

    def __enter__(self):
        self.log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            return self._wait_ready()
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def _wait_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HarnessError(f"gunicorn exited ({self.proc.returncode}); see {self.log_path}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", BASELINE.path, headers=HEADERS)
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise HarnessError(f"gunicorn did not answer {BASELINE.path} within 60 s; see {self.log_path}")

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the session we started for it, nothing else
                self.proc.wait()
        self.log.close()
        return False


# --- HTTP client -------------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection; reconnects once if the server closed it between requests."""

    def __init__(self, port: int, cookie: str | None = None):
        self.port = port
        self.headers = dict(HEADERS)
        if cookie:
            self.headers["Cookie"] = cookie
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        self.conn.connect()
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def get(self, path: str) -> tuple[int, int, float]:
        """(status, body bytes, seconds from sending the request to the last byte of the body)."""
        for attempt in (1, 2):
            if self.conn is None:
                self._connect()
            try:
                started = time.perf_counter()
                self.conn.request("GET", path, headers=self.headers)
                response = self.conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                if response.will_close:
                    self.close()
                return response.status, len(body), elapsed
            except (http.client.RemoteDisconnected, ConnectionError, http.client.CannotSendRequest):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def cookies_from(response, jar: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        for morsel in SimpleCookie(header).values():
            jar[morsel.key] = morsel.value


def login(port: int, username: str, password: str) -> str:
    """Log in over HTTP like a browser; return the Cookie header of the session."""
    jar: dict[str, str] = {}
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", "/akun/masuk/", headers=HEADERS)
    response = conn.getresponse()
    page = response.read().decode()
    cookies_from(response, jar)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if response.status != 200 or not match or "csrftoken" not in jar:
        raise HarnessError(f"login page: status {response.status}, no CSRF token")
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1), "next": ""}
    )
    headers = {
        **HEADERS,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"https://{HOST}:{port}/akun/masuk/",
        "Cookie": f"csrftoken={jar['csrftoken']}",
    }
    conn.request("POST", "/akun/masuk/", body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    cookies_from(response, jar)
    if response.status != 302 or "sessionid" not in jar:
        conn.close()
        raise HarnessError(f"login as {username} failed: status {response.status}")
    location = response.getheader("Location", "")
    if location.startswith("/akun/verifikasi/"):
        second_factor(conn, location, username, jar)
    conn.close()
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def demo_totp_code(username: str, at: float | None = None) -> str:
    """The code the demo authenticator of `username` shows (RFC 6238: SHA-1, 30 s, 6 digits; the demo's key is
    derived from the username, kotacerdas.demo.accounts.demo_key)."""
    key = hashlib.sha1(f"kotacerdas-demo-totp:{username}".encode()).digest()  # noqa: S324 (the demo's key)
    counter = int((time.time() if at is None else at) // 30).to_bytes(8, "big")
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def second_factor(conn, path: str, username: str, jar: dict[str, str]) -> None:
    """Type the demo authenticator's code on the page a region admin lands on after the password."""
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    conn.request("GET", path, headers={**HEADERS, "Cookie": cookie})
    response = conn.getresponse()
    page = response.read().decode()
    cookies_from(response, jar)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if response.status != 200 or not match:
        raise HarnessError(f"second factor page for {username}: status {response.status}")
    body = urllib.parse.urlencode({"code": demo_totp_code(username), "csrfmiddlewaretoken": match.group(1)})
    headers = {
        **HEADERS,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"https://{HOST}:{conn.port}{path}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
    }
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    cookies_from(response, jar)
    if response.status != 302:
        raise HarnessError(f"second factor as {username} failed: status {response.status}")


# --- measurement -------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def warm(port: int, page, cookie: str | None, times: int) -> None:
    """Fill each worker's page cache: a new connection per request spreads them over the workers."""
    for _ in range(times):
        client = Client(port, cookie)
        status, _, _ = client.get(page.path)
        client.close()
        if status != 200:
            raise HarnessError(f"{page.path} as {page.visitor} answered {status}")


def sequential(port: int, pages, cookies: dict, rounds: int, max_seconds: float) -> dict[str, list[float]]:
    """Concurrency 1, pages interleaved round by round so drift during the run hits every page alike; one
    keep-alive connection per visitor (anonymous, and each logged-in user). Stops early, after a whole
    round, once `max_seconds` have passed (a busy machine must not blow the run's time budget).

    The first request on a connection after requests on another one costs ~0.4 ms more here (the worker
    that holds the idle connection has to wake up), which would fall on whichever page comes first after a
    change of visitor (the trivial view, first in each round after the last staff page, measured ~50% slow).
    So when the visitor changes, an unrecorded request to the trivial view goes first on that connection.
    A page right after a heavy one (the roadmap, ~180 ms) is still ~25% slower for a few requests, so the
    order of the pages is shuffled every round (fixed seed): no page, the trivial view included, always
    follows the same one."""
    clients = {user: Client(port, cookie) for user, cookie in cookies.items()}
    latencies: dict[str, list[float]] = {p.name: [] for p in pages}
    deadline = time.monotonic() + max_seconds
    previous = object()
    order = list(pages)
    shuffler = random.Random(20261122)
    for _ in range(rounds):
        if time.monotonic() > deadline:
            break
        shuffler.shuffle(order)
        for page in order:
            if page.user != previous:
                clients[page.user].get(BASELINE.path)  # wakes the connection's worker; not recorded
                previous = page.user
            status, _, seconds = clients[page.user].get(page.path)
            if status != 200:
                raise HarnessError(f"{page.path} as {page.visitor} answered {status}")
            latencies[page.name].append(seconds)
    for client in clients.values():
        client.close()
    return latencies


def concurrent(port: int, page, cookie: str | None, total: int, concurrency: int, max_seconds: float) -> dict:
    """`total` requests from `concurrency` threads, each on its own keep-alive connection; fewer if
    `max_seconds` pass first (then rps is over the requests that were made)."""
    lock = threading.Lock()
    issued = 0
    latencies: list[float] = []
    failures: list[str] = []
    nbytes = [0]
    ready = threading.Barrier(concurrency + 1)

    def worker():
        nonlocal issued
        client = Client(port, cookie)
        mine = []
        try:
            client._connect()
            ready.wait()
            while True:
                with lock:
                    if issued >= total or time.perf_counter() > deadline:
                        break
                    issued += 1
                status, size, seconds = client.get(page.path)
                mine.append(seconds)
                if status != 200:
                    failures.append(str(status))
                nbytes[0] = size
        except Exception as exc:
            failures.append(f"{exc.__class__.__name__}: {exc}")
            ready.abort()  # releases everyone still waiting at the start line; harmless once past it
        finally:
            client.close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    deadline = time.perf_counter() + max_seconds  # set before the start line releases the workers
    with contextlib.suppress(threading.BrokenBarrierError):  # a client failed before the start: reported below
        ready.wait()
    started, cpu_started = time.perf_counter(), time.process_time()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    client_cores = (time.process_time() - cpu_started) / wall
    if failures:
        raise HarnessError(f"{page.path}: {len(failures)} failed requests, e.g. {failures[0]}")
    return {
        "rps": len(latencies) / wall,
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "bytes": nbytes[0],
        "client_cores": client_cores,
        "requests": len(latencies),
    }


# --- report --------------------------------------------------------------------------------------------------


def fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def rollup_line(data: dict, demo: dict) -> str:
    return (
        f"roll-up (monitoring.services.achievements_recompute, what each verification runs): median "
        f"{data['rollup_median_ms']:.0f} ms per period, slowest {data['rollup_max_ms']:.0f} ms, over "
        f"{data['periods']} periods of {data['programmes_in_measured_region']} programmes "
        f"(demo size, {demo['programmes_in_measured_region']} programmes: median {demo['rollup_median_ms']:.0f} ms)"
        + update_line(data)
    )


UPDATE_TARGET_MS = 10  # issue 18, target 4


def update_line(data: dict) -> str:
    """A verification's own roll-up write (monitoring.services.achievements_update) against its target."""
    median = data.get("update_median_ms")
    if median is None:
        return ""
    verdict = "PASS" if median < UPDATE_TARGET_MS else "FAIL"
    return (
        f"\n{verdict}  a verification updates only the rows its programme feeds (achievements_update): median "
        f"{median:.1f} ms, slowest {data['update_max_ms']:.1f} ms per period (target < {UPDATE_TARGET_MS} ms)"
    )


def print_table(rows: list[dict], args, db_note: str, scale: str, rollup: str) -> list[str]:
    say()
    say(f"Kota Cerdas bench — {scale}")
    say(f"database: {db_note}")
    load = rows[0]["load_average_at_start"]
    busy = load > (os.cpu_count() or 1)
    say(
        f"machine load before the bench started (1-min average): {load:.1f} on {os.cpu_count()} cores"
        + (": OTHER WORK WAS RUNNING, figures are noisier than usual; compare ratios, or rerun" if busy else "")
    )
    say(
        f"server: gunicorn gthread, {args.workers} workers x {args.threads} threads, production settings; "
        f"client: Python threads on the same {os.cpu_count()} cores"
    )
    capped = [f"{r['name']} {r['requests']}" for r in rows if r["requests"] < args.requests]
    say(
        "median/p99: latency measured at the client on loopback, concurrency 1 "
        f"({rows[0]['sequential_requests']} requests per page); rps: concurrency {args.concurrency}, "
        f"{args.requests} requests per page"
        + (f" (fewer where the {args.max_seconds:.0f} s cap came first: {', '.join(capped)})" if capped else "")
    )
    say(rollup)
    say()
    head = (
        f"{'page':<22}{'visitor':>12}{'median ms':>11}{'p99 ms':>9}{'rps':>8}"
        f"{'queries':>9}{'q@demo':>8}{'q cached':>10}{'ratio':>8}{'target':>8}  result"
    )
    say(head)
    say("-" * len(head))
    misses = []
    for r in rows:
        target = r["target_ratio"]
        say(
            f"{r['name']:<22}{r['user'] or 'anonymous':>12}{r['median_ms']:>11.2f}{r['p99_ms']:>9.2f}"
            f"{r['rps']:>8.0f}{fmt(r['queries'], 'd'):>9}{fmt(r['queries_demo'], 'd'):>8}"
            f"{fmt(r['queries_cached'], 'd'):>10}{r['ratio']:>7.2f}x{fmt(target, '.0f') + 'x' if target else '-':>8}"
            f"  {r['result']}"
        )
        if r["result"] == "MISS":
            misses.append(
                f"MISS {r['name']} ({r['path']}): median {r['median_ms']:.2f} ms = {r['ratio']:.2f}x the trivial "
                f"view's {r['baseline_median_ms']:.2f} ms; target {target:.0f}x"
            )
        if r["queries_demo"] is not None and r["queries"] is not None and r["queries_demo"] != r["queries"]:
            misses.append(
                f"MISS {r['name']}: SQL queries per request depend on the data size: "
                f"{r['queries_demo']} at demo size, {r['queries']} at {scale}"
            )
    say()
    for line in misses:
        say(line)
    if not misses:
        say("All pages within their targets; SQL queries per request do not grow with the data.")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description="Measure Kota Cerdas pages against a trivial view (docs/bench.md).")
    parser.add_argument("--scale", choices=list(SCALES), default="regency", help="data size (default regency)")
    parser.add_argument("--requests", type=int, default=400, help="requests per page in the concurrent pass")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads in the concurrent pass")
    parser.add_argument("--rounds", type=int, default=200, help="requests per page in the concurrency-1 pass")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=30,
        help="stop a page's concurrent pass after this long (the concurrency-1 pass after twice this)",
    )
    parser.add_argument("--warmup", type=int, default=16, help="warm-up requests per page (new connection each)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--sqlite", action="store_true", help="use a SQLite file even if PostgreSQL is reachable")
    parser.add_argument("--port", type=int, default=0, help="serve on this port (default: any free one)")
    args = parser.parse_args()

    started = time.monotonic()
    load_start = os.getloadavg()[0]
    scale = describe(args.scale)
    WORK.mkdir(parents=True, exist_ok=True)
    say(f"== Kota Cerdas bench at scale '{args.scale}': {scale}")
    database_url, engine, db_note = prepare_database(args.sqlite)
    say(f"   database: {db_note}")
    env = production_env(database_url)
    py = sys.executable
    run_step("migrate", [py, "manage.py", "migrate", "--noinput"], env)
    collect_static(env)
    demo = last_json_line(run_step("demo data", [py, "bench/generate.py", "--scale", "demo"], env))
    ids = {k: demo["ids"][k] for k in ID_KEYS}
    say(f"   demo rows in the paths: {json.dumps(ids)}")
    pages = resolve(PAGES, ids)
    q_demo = last_json_line(
        run_step(
            "queries at demo size",
            [py, "bench/queries.py", "--ids", json.dumps(ids), "--sql-out", str(WORK / "queries-demo.json")],
            env,
        )
    )
    data = last_json_line(run_step(f"{args.scale} data", [py, "bench/generate.py", "--scale", args.scale], env))
    say(
        f"   data: {data['regions']} regions, {data['programmes_in_measured_region']} programmes in the "
        f"measured region; {data['programmes']} programmes, {data['indicators']} indicators, "
        f"{data['targets']} targets in all (demo alone: {demo['programmes']} programmes)"
    )
    say(
        f"   monitoring of the measured region: {data['periods']} periods ({data.get('periods_first_last', '')}, "
        f"{data['open_periods']} open), {data['verified_reports']} verified reports with "
        f"{data['indicator_values']} indicator values ({data.get('reports_added', 0)} reports added in "
        f"{data.get('monitoring_seconds', 0)} s with {data.get('reports_written_with', '-')}; "
        f"demo alone: {demo['periods']} periods, {demo['verified_reports']} verified reports)"
    )
    other, other_demo = data.get("other_apps", {}), demo.get("other_apps", {})
    say(
        "   other apps in the measured region: "
        + ", ".join(f"{other[k]:,} {k} (demo alone: {other_demo.get(k, 0):,})" for k in other)
        + f" ({data.get('other_apps_seconds', 0)} s); planner statistics refreshed (ANALYZE, "
        f"{data.get('analyze_seconds', 0)} s)"
    )
    if {k: data["ids"][k] for k in ID_KEYS} != ids:
        raise HarnessError(f"the demo rows' ids changed with the {args.scale} data: {data['ids']} vs {ids}")
    say(f"   {rollup_line(data, demo)}")
    q_scale = last_json_line(
        run_step(
            f"queries at {args.scale} size",
            [py, "bench/queries.py", "--ids", json.dumps(ids), "--sql-out", str(WORK / f"queries-{args.scale}.json")],
            env,
        )
    )
    for name, q in [*q_demo.items(), *q_scale.items()]:
        if q["status"] != 200:
            raise HarnessError(f"in-process request to '{name}' answered {q['status']}")

    with Gunicorn(env, args.workers, args.threads, WORK / "gunicorn.log", port=args.port or None) as server:
        say(f"   gunicorn up on {HOST}:{server.port}")
        # Signed in with the second factor where the demo gave the user an authenticator (the region admin):
        # the sign-in form alone would leave the admin at the verification page.
        signed = last_json_line(run_step("staff sessions", [py, "bench/queries.py", "--sessions"], env))
        cookies = {None: None, **signed}
        for page in pages:
            warm(server.port, page, cookies[page.user], args.warmup)
        t = time.monotonic()
        seq = sequential(server.port, pages, cookies, args.rounds, 2 * args.max_seconds)
        say(f"   concurrency-1 pass: {time.monotonic() - t:.1f} s")
        load = {}
        for page in pages:
            t = time.monotonic()
            load[page.name] = concurrent(
                server.port, page, cookies[page.user], args.requests, args.concurrency, args.max_seconds
            )
            say(
                f"   concurrency-{args.concurrency} pass, {page.name}: {time.monotonic() - t:.1f} s "
                f"(the load generator itself used {load[page.name]['client_cores']:.2f} cores)"
            )

    baseline_ms = statistics.median(seq[BASELINE.name]) * 1000
    run_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    rows = []
    for page in pages:
        median_ms = statistics.median(seq[page.name]) * 1000
        ratio = median_ms / baseline_ms
        target = page.target_ratio
        rows.append(
            {
                "name": page.name,
                "path": page.path,
                "public": page.public,
                "user": page.user,
                "median_ms": round(median_ms, 3),
                "p99_ms": round(percentile(seq[page.name], 0.99) * 1000, 3),
                "rps": round(load[page.name]["rps"], 1),
                "queries": q_scale[page.name]["queries"],
                "queries_cached": q_scale[page.name]["queries_cached"] if page.from_cache else None,
                "queries_demo": q_demo[page.name]["queries"],
                "baseline_median_ms": round(baseline_ms, 3),
                "ratio": round(ratio, 2),
                "target_ratio": target,
                "result": "baseline" if target is None else ("PASS" if ratio <= target else "MISS"),
                "scale": scale,
                "concurrent_median_ms": round(load[page.name]["median_ms"], 3),
                "concurrent_p99_ms": round(load[page.name]["p99_ms"], 3),
                "concurrency": args.concurrency,
                "requests": load[page.name]["requests"],
                "sequential_requests": len(seq[page.name]),
                "bytes": load[page.name]["bytes"],
                "client_cores": round(load[page.name]["client_cores"], 2),
                "database": engine,
                "server": f"gunicorn gthread {args.workers}x{args.threads}",
                "run_at": run_at,
                "load_average_at_start": round(load_start, 2),
                "rollup_median_ms": data["rollup_median_ms"],
                "rollup_max_ms": data["rollup_max_ms"],
                "rollup_periods": data["periods"],
                "rollup_programmes": data["programmes_in_measured_region"],
                "rollup_median_ms_demo": demo["rollup_median_ms"],
            }
        )
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print_table(rows, args, db_note, scale, rollup_line(data, demo))
    say()
    say(f"wrote {RESULTS.relative_to(ROOT)}; SQL of each uncached request in {WORK.relative_to(ROOT)}/queries-*.json")
    say(f"total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HarnessError as exc:
        say(f"bench failed: {exc}")
        sys.exit(1)
