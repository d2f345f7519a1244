"""`make bench-national`: one installation serving the whole country (issue 18, target 5).

Loads all 514 kabupaten/kota of the official Kemendagri codes (districts and villages included), each with an
adopted 300-programme masterplan (3 indicators, 11 yearly targets each) and a year of verified monitoring,
and citizen reports across the regions (BENCH_REPORTS, default 5,000,000, of which BENCH_REPORTS_REGION,
default 1,000,000, in the measured region, Luwu Utara). Then serves two databases side by side with production settings:

- **national**: the whole country (DATABASE_URL, default PostgreSQL `kotacerdas_bench_national`);
- **alone**: the same measured region with nothing else (the demo's two regions): a copy of the national
  database made (`CREATE DATABASE ... TEMPLATE`) right after the measured region was loaded and before any
  other region, so its rows are the very same.

and measures every page of bench/pages.py on both in one concurrency-1 pass, the two servers interleaved
request by request (random order each time), so drift of the shared machine hits both alike. A region's page
passes when national ≤ 1.1 × alone; the national pages (`/`, the evaluators' portfolio, "what raises our
score", CKAN package_search) when within 10× the trivial view on the national database.

The load is resumable: each step adds only what is missing (run again after an interruption). Nothing is
dropped: the two databases stay for the next run (`--measure-only` skips the load steps). See docs/bench.md.

    BENCH_REPORTS=5000000 .venv/bin/python bench/national.py [--rounds 100] [--port 8104]
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import run as harness  # noqa: E402
from pages import BASELINE, ID_KEYS, PAGES, resolve  # noqa: E402

say = harness.say
WORK = ROOT / "var" / "bench-national"
RESULTS = BENCH / "results-national.json"
DEFAULT_DB = "kotacerdas_bench_national"
NATIONAL_PAGES = {"national page", "evaluators' portfolio", "what raises our score", "CKAN package_search"}
REGION_TARGET, NATIONAL_TARGET = 1.1, 10.0


def _urls() -> tuple[str, str]:
    """(national, alone) database URLs: DATABASE_URL (PostgreSQL only) or the default, and `<name>_alone`."""
    url = os.environ.get("DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/{DEFAULT_DB}"
    if not url.startswith(("postgres://", "postgresql://")):
        raise harness.HarnessError("the national bench needs PostgreSQL (DATABASE_URL=postgres://...)")
    parts = urllib.parse.urlsplit(url)
    alone = parts._replace(path=parts.path + "_alone").geturl()
    return url, alone


def _admin(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    return psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres", dbname="postgres",
        autocommit=True,
    )  # fmt: skip


def _dbname(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


def _exists(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _ours_loaded(url: str) -> int:
    """Masterplans of the country step already in the national database (0 before it ran)."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM masterplan_masterplan WHERE title LIKE %s", ["%(bench nasional)"]
        ).fetchone()
    return row[0]


def load(url: str, alone: str, reports: int, py: str) -> dict:
    """Every load step, each skipped or finished where it stopped; returns the seconds of each."""
    steps = {}
    with _admin(url) as conn:
        if not _exists(conn, _dbname(url)):
            conn.execute(f'CREATE DATABASE "{_dbname(url)}"')
    env = harness.production_env(url)
    started = time.monotonic()
    harness.run_step("migrate", [py, "manage.py", "migrate", "--noinput"], env)
    harness.collect_static(env)
    measured = min(reports, int(os.environ.get("BENCH_REPORTS_REGION") or 1_000_000))
    out = harness.last_json_line(
        harness.run_step(
            "measured region (demo, 300 programmes, a year of monitoring, reports)",
            [py, "bench/national_data.py", "--step", "region", "--reports", str(measured)],
            env,
        )
    )
    steps["region"] = out
    say(f"   {json.dumps(out)}")
    with _admin(url) as conn:
        if not _exists(conn, _dbname(alone)):
            if _ours_loaded(url):
                raise harness.HarnessError(
                    f"{_dbname(alone)} is missing but the country is already loaded in {_dbname(url)}: "
                    "drop the national database and run again"
                )
            t = time.monotonic()
            conn.execute(f'CREATE DATABASE "{_dbname(alone)}" TEMPLATE "{_dbname(url)}"')
            steps["alone_copy_seconds"] = round(time.monotonic() - t, 1)
            say(f"   copied the measured region alone to {_dbname(alone)}: {steps['alone_copy_seconds']} s")
    out = harness.last_json_line(
        harness.run_step(
            "the other 513 kabupaten/kota",
            [py, "bench/national_data.py", "--step", "country", "--reports", str(reports - measured)],
            env,
        )
    )
    steps["country"] = out
    say(f"   {json.dumps(out)}")
    steps["load_seconds"] = round(time.monotonic() - started, 1)
    return steps


def sizes(url: str, alone: str, py: str) -> dict:
    out = {}
    for name, u in (("national", url), ("alone", alone)):
        env = harness.production_env(u)
        harness.run_step(f"ANALYZE {name}", [py, "bench/national_data.py", "--step", "analyze"], env)
        out[name] = harness.last_json_line(
            harness.run_step(f"size {name}", [py, "bench/national_data.py", "--step", "size"], env)
        )
        say(f"   {name}: {json.dumps(out[name])}")
    return out


def interleaved(servers: dict, pages, cookies: dict, rounds: int, max_seconds: float) -> dict:
    """Concurrency 1: each round every page (shuffled) on both servers in random order; one keep-alive
    connection per server and visitor. {(server, page name): [seconds]}."""
    clients = {(s, user): harness.Client(port, cookies[s][user]) for s, port in servers.items() for user in cookies[s]}
    latencies = {(s, p.name): [] for s in servers for p in pages}
    shuffler = random.Random(514)
    order = list(pages)
    deadline = time.monotonic() + max_seconds
    for _ in range(rounds):
        if time.monotonic() > deadline:
            break
        shuffler.shuffle(order)
        for page in order:
            for s in shuffler.sample(list(servers), k=len(servers)):
                client = clients[(s, page.user)]
                client.get(BASELINE.path)  # wakes the connection's worker (see run.sequential); not recorded
                status, _, seconds = client.get(page.path)
                if status != 200:
                    raise harness.HarnessError(f"{s}: {page.path} as {page.visitor} answered {status}")
                latencies[(s, page.name)].append(seconds)
    for client in clients.values():
        client.close()
    return latencies


def measure(url: str, alone: str, args, py: str) -> tuple[list[dict], dict]:
    env_n, env_a = harness.production_env(url), harness.production_env(alone)
    ids = harness.last_json_line(harness.run_step("ids", [py, "bench/national_data.py", "--step", "size"], env_a))[
        "ids"
    ]
    pages = resolve(PAGES, {k: ids[k] for k in ID_KEYS})
    queries = {}
    for name, env in (("alone", env_a), ("national", env_n)):
        queries[name] = harness.last_json_line(
            harness.run_step(
                f"queries per page ({name})",
                [py, "bench/queries.py", "--ids", json.dumps(ids), "--sql-out", str(WORK / f"queries-{name}.json")],
                env,
            )
        )
    port_n = args.port or harness.free_port()
    with (
        harness.Gunicorn(env_n, args.workers, args.threads, WORK / "gunicorn-national.log", port=port_n) as nat,
        harness.Gunicorn(env_a, args.workers, args.threads, WORK / "gunicorn-alone.log") as aln,
    ):
        servers = {"national": nat.port, "alone": aln.port}
        say(f"   gunicorn national on {nat.port}, alone on {aln.port}")
        cookies = {}
        for name, env in (("national", env_n), ("alone", env_a)):
            signed = harness.last_json_line(
                harness.run_step(f"sessions {name}", [py, "bench/queries.py", "--sessions"], env)
            )
            cookies[name] = {None: None, **signed}
        for page in pages:
            for s, port in servers.items():
                harness.warm(port, page, cookies[s][page.user], args.warmup)
        t = time.monotonic()
        lat = interleaved(servers, pages, cookies, args.rounds, args.max_seconds)
        say(
            f"   interleaved concurrency-1 pass: {time.monotonic() - t:.1f} s, "
            f"{len(lat[('national', BASELINE.name)])} rounds"
        )
    base = {s: statistics.median(lat[(s, BASELINE.name)]) * 1000 for s in servers}
    rows = []
    for page in pages:
        n_ms = statistics.median(lat[("national", page.name)]) * 1000
        a_ms = statistics.median(lat[("alone", page.name)]) * 1000
        national = page.name in NATIONAL_PAGES
        to_alone, to_trivial = n_ms / a_ms, n_ms / base["national"]
        if page.baseline:
            result, target = "baseline", None
        elif national:
            result, target = ("PASS" if to_trivial <= NATIONAL_TARGET else "MISS"), NATIONAL_TARGET
        else:
            result, target = ("PASS" if to_alone <= REGION_TARGET else "MISS"), REGION_TARGET
        rows.append(
            {
                "name": page.name, "path": page.path, "user": page.user, "national_page": national,
                "alone_ms": round(a_ms, 3), "national_ms": round(n_ms, 3),
                "alone_p99_ms": round(harness.percentile(lat[("alone", page.name)], 0.99) * 1000, 3),
                "national_p99_ms": round(harness.percentile(lat[("national", page.name)], 0.99) * 1000, 3),
                "national_to_alone": round(to_alone, 3), "national_to_trivial": round(to_trivial, 2),
                "alone_to_trivial": round(a_ms / base["alone"], 2), "target": target, "result": result,
                "queries_alone": queries["alone"][page.name]["queries"],
                "queries_national": queries["national"][page.name]["queries"],
                "samples": len(lat[("national", page.name)]),
            }
        )  # fmt: skip
    return rows, base


def print_rows(rows: list[dict], base: dict) -> None:
    say()
    say(f"trivial view: national {base['national']:.2f} ms, alone {base['alone']:.2f} ms (medians, same pass)")
    head = (
        f"{'page':<24}{'visitor':>12}{'alone ms':>10}{'nat. ms':>10}{'nat/alone':>10}{'nat/triv':>10}"
        f"{'q alone':>8}{'q nat':>7}{'target':>14}  result"
    )
    say(head)
    say("-" * len(head))
    for r in rows:
        target = "-" if r["target"] is None else (
            f"{r['target']:.0f}x trivial" if r["national_page"] else f"{r['target']:.1f}x alone"
        )  # fmt: skip
        say(
            f"{r['name']:<24}{r['user'] or 'anonymous':>12}{r['alone_ms']:>10.2f}{r['national_ms']:>10.2f}"
            f"{r['national_to_alone']:>9.2f}x{r['national_to_trivial']:>9.2f}x{r['queries_alone']:>8}"
            f"{r['queries_national']:>7}{target:>14}  {r['result']}"
        )
    misses = [r for r in rows if r["result"] == "MISS"]
    say()
    say(
        f"{len(rows) - 1 - len(misses)} PASS, {len(misses)} MISS"
        + (": " + ", ".join(r["name"] for r in misses) if misses else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100, help="requests per page and server, concurrency 1")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop the interleaved pass after this")
    parser.add_argument("--warmup", type=int, default=8, help="warm-up requests per page and server")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="the national server's port (default: a free one)")
    parser.add_argument("--measure-only", action="store_true", help="skip the load steps (databases loaded)")
    args = parser.parse_args()
    reports = int(os.environ.get("BENCH_REPORTS") or 5_000_000)
    WORK.mkdir(parents=True, exist_ok=True)
    url, alone = _urls()
    py = sys.executable
    started = time.monotonic()
    measured = min(reports, int(os.environ.get("BENCH_REPORTS_REGION") or 1_000_000))
    say(f"== national bench: 514 kabupaten/kota, {reports:,} citizen reports ({measured:,} in the measured region)")
    say(f"   databases: {_dbname(url)} (national), {_dbname(alone)} (the measured region alone)")
    steps = {} if args.measure_only else load(url, alone, reports, py)
    if steps:
        say(f"   load: {steps['load_seconds']:.0f} s")
    size = sizes(url, alone, py)
    rows, base = measure(url, alone, args, py)
    RESULTS.write_text(json.dumps({"load": steps, "sizes": size, "pages": rows}, indent=2, default=str) + "\n")
    print_rows(rows, base)
    gb = {k: v["database_bytes"] / 1e9 for k, v in size.items()}
    say(
        f"database size: national {gb['national']:.2f} GB, alone {gb['alone']:.2f} GB; "
        f"wrote {RESULTS.relative_to(ROOT)}"
    )
    say(f"total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except harness.HarnessError as exc:
        say(f"bench failed: {exc}")
        sys.exit(1)
