"""Bench of citizen reports (aduan): 1,000,000 reports and 100,000 ideas in Luwu Utara, served by gunicorn
with production settings; report intake (POST over HTTP) per second, the public reports list/map page and the
agency statistics page against a trivial view (/healthz) in the same run. Writes bench/results-participation.json.

    .venv/bin/python bench/participation.py [--reports 1000000] [--ideas 100000] [--sqlite]

Standalone (it reuses the harness of bench/run.py: gunicorn, HTTP client, login) and uses its own database
`kotacerdas_bench_participation` (dropped and recreated), so it never touches `make bench`'s. PostgreSQL rows
are written with COPY; without PostgreSQL a SQLite file gets a tenth of the data with executemany and the
figures are marked indicative. Steps that need Django run in subprocesses with production settings
(`--step demo|generate|queries`).
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import run as harness  # noqa: E402
from intake_load import REGION, intake_form, measure_intake, report_intake  # noqa: E402

PG_DB = "kotacerdas_bench_participation"
WORK = ROOT / "var" / "bench-participation"
RESULTS = BENCH / "results-participation.json"
CITIZEN = "warga.lutra"
say = harness.say


# --- steps run inside Django (subprocesses) ---------------------------------------------------------------------


def _django():
    import django

    django.setup()


def step_demo() -> dict:
    """The demo, rate limits lifted for the load generator, an Open311 key; ids the pages need."""
    _django()
    from django.contrib.auth import get_user_model

    from kotacerdas.demo.loader import load_demo
    from kotacerdas.participation import services
    from kotacerdas.participation.models import ReportCategory
    from kotacerdas.regions.models import District, Region

    load_demo()
    region = Region.objects.get(slug=REGION)
    admin = get_user_model().objects.get(username="admin.lutra")  # the services check the actor's permission
    services.settings_update(
        region=region, actor=admin, reports_per_ip_per_hour=10**9, reports_per_account_per_hour=10**9
    )
    _key, raw = services.api_key_create(region=region, actor=admin, name="bench")
    district = District.objects.filter(region=region, name="Masamba").first()
    category = ReportCategory.objects.filter(region=region, code="sampah").first()
    return {"api_key": raw, "district": district.pk, "category": category.code, "category_id": category.pk}


def step_generate(reports: int, ideas: int) -> dict:
    """Bulk rows: reports spread over three years in every kecamatan, then the statistics recounted once."""
    _django()
    import random
    from decimal import Decimal

    from django.db import connection
    from django.utils import timezone

    from kotacerdas.demo.participation import CENTRES
    from kotacerdas.participation import services
    from kotacerdas.participation.models import Report, ReportCategory
    from kotacerdas.regions.models import District, Region, Village

    rng = random.Random(311)
    region = Region.objects.get(slug=REGION)
    config = services.settings_for(region)
    categories = list(ReportCategory.objects.filter(region=region))
    districts = list(District.objects.filter(region=region))
    villages: dict[int, list[int]] = {}
    for v in Village.objects.filter(region=region).values("pk", "district_id"):
        villages.setdefault(v["district_id"], []).append(v["pk"])
    now = timezone.now()
    statuses = ["received"] * 10 + ["verified"] * 5 + ["in_progress"] * 10 + ["resolved"] * 65 + ["rejected"] * 10
    columns = [
        "region_id", "created_at", "updated_at", "tracking_code", "category_id", "agency_id", "description",
        "status", "lat", "lon", "district_id", "village_id", "address", "source", "reporter_name",
        "reporter_email", "reporter_phone", "external_media_url", "first_response_due", "resolution_due",
        "first_response_at", "closed_at", "idempotency_fingerprint",
    ]  # fmt: skip

    def rows():
        span = 3 * 365 * 86400
        for i in range(reports):
            created = now - datetime.timedelta(seconds=span * (reports - i) / reports + rng.random() * 60)
            category = categories[i % len(categories)]
            district = districts[i % len(districts)]
            lat0, lon0 = CENTRES.get(district.name, (-2.555, 120.328))
            status = rng.choice(statuses)
            responded = None if status == "received" else created + datetime.timedelta(hours=rng.randint(1, 120))
            closed = (
                responded + datetime.timedelta(days=rng.randint(1, 70)) if status in ("resolved", "rejected") else None
            )
            yield (
                region.pk, created, closed or responded or created, f"B{i:010d}", category.pk, category.agency_id,
                f"Laporan bench {i}: {category.name} di {district.name}", status,
                Decimal(f"{lat0 + rng.uniform(-0.03, 0.03):.6f}"), Decimal(f"{lon0 + rng.uniform(-0.03, 0.03):.6f}"),
                district.pk, rng.choice(villages.get(district.pk) or [None]), "", "web", "", "", "", "",
                created + datetime.timedelta(days=config.first_response_days),
                created + datetime.timedelta(days=config.days_for(category.kind)), responded, closed, "",
            )  # fmt: skip

    started = time.monotonic()
    table = Report._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
            cursor.execute(f"ANALYZE {table}")
        how = "PostgreSQL COPY"
    else:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        batch = []
        with connection.cursor() as cursor:
            for row in rows():
                batch.append(row)
                if len(batch) == 10000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
        how = "executemany (SQLite)"
    report_seconds = time.monotonic() - started
    started = time.monotonic()
    services.stats_rebuild(region=region)
    stats_seconds = time.monotonic() - started
    idea_note = _ideas(region, ideas, rng)
    return {
        "reports": Report.objects.filter(region=region).count(),
        "reports_written_with": how,
        "reports_seconds": round(report_seconds, 1),
        "stats_rebuild_seconds": round(stats_seconds, 1),
        "ideas": idea_note,
    }


def _ideas(region, count: int, rng) -> str:
    """Ideas rows next to the reports (helper C's app); skipped with a note if the model is not there."""
    try:
        from kotacerdas.ideas.models import Idea
        from kotacerdas.masterplan.models import Dimension
    except ImportError as exc:
        return f"not generated: {exc}"
    dimensions = list(Dimension.objects.filter(region=region))
    existing = Idea.objects.filter(region=region).count()
    todo = max(0, count - existing)
    started = time.monotonic()
    try:
        for start in range(0, todo, 5000):
            Idea.objects.bulk_create(
                Idea(
                    region=region,
                    title=f"Ide bench {start + i}",
                    description="Usulan inovasi untuk bench.",
                    dimension=dimensions[(start + i) % len(dimensions)],
                )
                for i in range(min(5000, todo - start))
            )
    except Exception as exc:  # another app's schema: report it, do not fail the reports bench
        return f"not generated: {exc.__class__.__name__}: {exc}"
    total = Idea.objects.filter(region=region).count()
    return f"{total} ideas ({todo} added with bulk_create in {time.monotonic() - started:.1f} s)"


def step_queries(pages: list[dict], api_key: str) -> dict:
    """SQL queries per request in-process: public pages anonymous with an empty cache, and one Open311 POST."""
    _django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", headers={k.lower(): v for k, v in harness.HEADERS.items()})
    result = {}
    for page in pages:
        client.get(page["path"])
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(page["path"]).status_code
        result[page["name"]] = {"queries": len(ctx.captured_queries), "status": status}
    with CaptureQueriesContext(connection) as ctx:
        status = client.post("/open311/v2/requests.json", intake_form(api_key)).status_code
    result["report intake (Open311 POST)"] = {"queries": len(ctx.captured_queries), "status": status}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", choices=["demo", "generate", "queries"])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=60, help="requests per page at concurrency 1")
    parser.add_argument("--posts", type=int, default=1000, help="POSTs per intake pass")
    parser.add_argument("--concurrency", type=int, default=16, help="intake POSTs in flight (issue 18: 16)")
    parser.add_argument("--port", type=int, default=None, help="gunicorn's port (default: a free one)")
    parser.add_argument(
        "--redis-db", type=int, default=None, help="Redis database number (emptied): caches in Redis, as in production"
    )
    parser.add_argument("--max-seconds", type=float, default=30)
    parser.add_argument("--intake-rounds", type=int, default=3, help="rounds of trivial view, Open311, web form")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument(
        "--intake-only", action="store_true", help="only the intake figures, over the demo's data (quick)"
    )
    parser.add_argument("--pages", default="[]", help=argparse.SUPPRESS)
    parser.add_argument("--api-key", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "demo":
        print(json.dumps(step_demo()))
        return 0
    if args.step == "generate":
        print(json.dumps(step_generate(args.reports, args.ideas)))
        return 0
    if args.step == "queries":
        print(json.dumps(step_queries(json.loads(args.pages), args.api_key)))
        return 0

    import surge  # here: surge imports surge_clients, which imports this module

    started = time.monotonic()
    load_start = os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    harness.PG_DB = PG_DB
    harness.WORK = WORK
    harness.STATIC_ROOT = WORK / "static"
    database_url, engine, db_note = harness.prepare_database(args.sqlite)
    reports, ideas = args.reports, args.ideas
    if engine == "sqlite":
        reports, ideas = reports // 10, ideas // 10
        db_note += f"; data cut to {reports} reports and {ideas} ideas"
    say(f"== citizen reports bench: {reports} reports, {ideas} ideas; database: {db_note}")
    env = harness.production_env(database_url)
    if args.redis_db is not None:
        env.update(REDIS_URL=surge.redis_url(args.redis_db))
    env.update(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    py = sys.executable
    me = str(Path(__file__).resolve())
    harness.run_step("migrate", [py, "manage.py", "migrate", "--noinput"], env)
    harness.collect_static(env)
    ids = harness.last_json_line(harness.run_step("demo", [py, me, "--step", "demo"], env))
    pages = [
        {"name": "healthz (trivial view)", "path": "/healthz"},
        {"name": "reports list + map", "path": f"/r/{REGION}/aduan/"},
        {
            "name": "reports filtered, page 3",
            "path": f"/r/{REGION}/aduan/?status=in_progress&kecamatan={ids['district']}&halaman=3",
        },
        {"name": "agency statistics", "path": f"/r/{REGION}/aduan/statistik/"},
    ]
    query_args = ["--step", "queries", "--pages", json.dumps(pages), "--api-key", ids["api_key"]]
    q_demo = q_scale = None
    data = {"note": "--intake-only: the demo's reports only"}
    if not args.intake_only:
        q_demo = harness.last_json_line(harness.run_step("queries at demo size", [py, me, *query_args], env))
        data = harness.last_json_line(
            harness.run_step(
                f"{reports} reports, {ideas} ideas",
                [py, me, "--step", "generate", "--reports", str(reports), "--ideas", str(ideas)],
                env,
            )
        )
        say(f"   {json.dumps(data)}")
        q_scale = harness.last_json_line(harness.run_step("queries at scale", [py, me, *query_args], env))

    rows, baseline = [], None
    with (
        surge.TaskWorker(env, WORK / "worker.log") as worker,
        harness.Gunicorn(env, args.workers, args.threads, WORK / "gunicorn.log", port=args.port) as server,
    ):
        say(f"   gunicorn up on {harness.HOST}:{server.port}")
        if not args.intake_only:
            rows, baseline = page_latencies(server.port, pages, q_demo, q_scale, args)
        # The trivial view's throughput at the same concurrency, in the same run, is the intake's yardstick.
        trivial, intake = measure_intake(
            port=server.port, ids=ids, posts=args.posts, concurrency=args.concurrency,
            max_seconds=args.max_seconds, server=server, worker=worker, database_url=database_url,
            rounds=args.intake_rounds,
        )  # fmt: skip
    if q_demo is not None:
        intake[0]["queries_demo"] = q_demo["report intake (Open311 POST)"]["queries"]
        intake[0]["queries_scale"] = q_scale["report intake (Open311 POST)"]["queries"]
    result = {
        "run_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": engine,
        "database_note": db_note,
        "indicative_only": engine != "postgresql",
        "data": data,
        "server": f"gunicorn gthread {args.workers}x{args.threads}, production settings, "
        + ("Redis caches" if args.redis_db is not None else "locmem cache per worker")
        + ", one db_worker running the intake tasks",
        "load_average_at_start": round(load_start, 2),
        "baseline_median_ms": round(baseline, 2) if baseline else None,
        "pages": rows,
        "intake": intake,
        "trivial_view_at_concurrency": trivial,
        "concurrency": args.concurrency,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    say()
    if rows:
        say(f"{'page':<28}{'visitor':>30}{'median ms':>11}{'p99 ms':>9}{'ratio':>8}{'q@demo':>8}{'q@scale':>9}")
    for r in rows:
        say(
            f"{r['name']:<28}{r['visitor']:>30}{r['median_ms']:>11.2f}{r['p99_ms']:>9.2f}"
            f"{r['ratio_to_healthz']:>7.2f}x{r['queries_demo']:>8}{r['queries_scale']:>9}"
        )
    report_intake(intake, trivial, args.concurrency, load_start)
    say(f"wrote {RESULTS.relative_to(ROOT)}; total {time.monotonic() - started:.0f} s")
    return 0


def page_latencies(port: int, pages: list[dict], q_demo: dict, q_scale: dict, args) -> tuple[list[dict], float]:
    """Each page's latency at concurrency 1, anonymous (page cache) and signed in, against /healthz."""
    citizen = harness.login(port, CITIZEN, harness.DEMO_PASSWORD)
    visitors = {"anonymous (page cache)": None, f"{CITIZEN} (no page cache)": citizen}
    clients = {name: harness.Client(port, cookie) for name, cookie in visitors.items()}
    for page in pages:
        for client in clients.values():
            for _ in range(3):
                status, _size, _t = client.get(page["path"])
                if status != 200:
                    raise harness.HarnessError(f"{page['path']} answered {status}")
    latencies = {(p["name"], v): [] for p in pages for v in visitors}
    deadline = time.monotonic() + 4 * args.max_seconds
    for _ in range(args.rounds):
        if time.monotonic() > deadline:
            break
        for page in pages:
            for visitor, client in clients.items():
                latencies[(page["name"], visitor)].append(client.get(page["path"])[2])
    for client in clients.values():
        client.close()
    baseline = statistics.median(latencies[(pages[0]["name"], f"{CITIZEN} (no page cache)")]) * 1000
    rows = []
    for page in pages:
        for visitor in visitors:
            values = latencies[(page["name"], visitor)]
            median = statistics.median(values) * 1000
            rows.append(
                {
                    "name": page["name"],
                    "path": page["path"],
                    "visitor": visitor,
                    "median_ms": round(median, 2),
                    "p99_ms": round(harness.percentile(values, 0.99) * 1000, 2),
                    "ratio_to_healthz": round(median / baseline, 2),
                    "queries_demo": q_demo[page["name"]]["queries"],
                    "queries_scale": q_scale[page["name"]]["queries"],
                    "requests": len(values),
                }
            )
    return rows, baseline


if __name__ == "__main__":
    try:
        sys.exit(main())
    except harness.HarnessError as exc:
        say(f"bench failed: {exc}")
        sys.exit(1)
