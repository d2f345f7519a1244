"""Data of `make bench-national` (bench/national.py), written set-wise by PostgreSQL: run in a subprocess with
Django set up, one step at a time, each idempotent and resumable (a step only adds what is missing, and commits
in pieces, so an interrupted load goes on where it stopped when run again).

    DATABASE_URL=postgres://... python bench/national_data.py --step region|country|analyze|size [--reports N]

- `region`: the demo, then the measured region (Luwu Utara) at national size: 300 programmes with 3 indicators
  and 11 yearly targets, a year of verified monitoring (its roll-up run), the regency scale's ideas,
  innovations, articles and literacy activities, and `--reports` citizen reports (1,000,000), statistics recounted.
- `country`: every other kabupaten/kota of the official Kemendagri codes (513; districts and villages included),
  each with the six dimensions, 18 agencies, the default report categories, an adopted 300-programme masterplan
  with indicators and yearly targets, a year of verified monitoring rolled up, and `--reports` citizen reports
  spread over them (4,000,000), statistics recounted.
- `analyze`: refresh the planner's statistics. `size`: rows and pg_database_size.

Each step prints one line of JSON with what it added and how long each part took.
"""

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import generate  # noqa: E402
from pages import REGION, SCALES  # noqa: E402

MARK = " (bench nasional)"  # ends the title of every masterplan this bench generates: what is ours
PROGRAMMES, INDICATORS, TARGET_YEARS = 300, 3, 11
QUARTERS = 5  # the four closed quarters before the current one (a year of verified reports), and the open one
REPORTS_MEASURED, REPORTS_COUNTRY = 1_000_000, 4_000_000
REGIONS_PER_STATEMENT = 40  # citizen reports: regions written per INSERT (~300,000 rows), each its own commit


def timed(log: dict, key: str, fn, *args, **kwargs):
    started = time.monotonic()
    result = fn(*args, **kwargs)
    log[key] = round(time.monotonic() - started, 1)
    return result


def insert_select(model, exprs: dict[str, str], from_sql: str, params: dict) -> int:
    """INSERT INTO model's table SELECT ... FROM_SQL. `exprs` gives a column's SQL by field name; every other
    column gets the field's default as a parameter (created_at/updated_at: `%(now)s`), NULL when nullable,
    or is left to its database default. Returns the rows written."""
    from django.db import connection
    from django.db.models import NOT_PROVIDED

    qn = connection.ops.quote_name
    columns, selects, params = [], [], dict(params)
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name in exprs:
            sql = exprs[field.name]
        elif field.name in ("created_at", "updated_at"):
            sql = "%(now)s"
        elif field.has_default():
            params[f"default_{field.column}"] = field.get_db_prep_save(field.get_default(), connection)
            sql = f"%(default_{field.column})s"
        elif getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            continue
        elif field.null:
            sql = "NULL"
        elif field.blank:
            sql = "''"
        else:
            raise RuntimeError(f"{model.__name__}.{field.name}: no value for a required column")
        columns.append(qn(field.column))
        selects.append(sql)
    statement = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(columns)}) SELECT {', '.join(selects)} {from_sql}"
    with connection.cursor() as cursor:
        fast_load(cursor)
        cursor.execute(statement, params)
        return cursor.rowcount


def fast_load(cursor) -> None:
    """Skip the foreign-key triggers for the rest of this transaction. Django's foreign keys are DEFERRABLE
    INITIALLY DEFERRED, so PostgreSQL queues one check per row and foreign key and runs them all at COMMIT: for
    1,000,000 citizen reports (5 foreign keys) the COMMIT alone took minutes. The rows written here take their
    keys from the tables they point to, so the checks cannot fail. Needs a superuser (the bench's `postgres`);
    `SET LOCAL` ends with the transaction."""
    cursor.execute("SET LOCAL session_replication_role = replica")


def _now():
    from django.utils import timezone

    return timezone.now()


# --- citizen reports ------------------------------------------------------------------------------------------


def citizen_reports(*, region_ids: list[int], per_region: int, prefix: str, around: tuple | None) -> int:
    """`per_region` citizen reports in each region that has none with this tracking-code prefix, over the last
    three years (4% received, 2% verified, 4% in progress, 80% resolved, 10% rejected), with the deadlines of
    the region's settings, a category (and its agency) and a village (and its kecamatan) of the region.
    `around`: (lat, lon) the points scatter around (±0.03°), else no point."""
    from django.db import transaction

    from kotacerdas.participation.models import Report, ReportCategory, ReportSettings

    K = ReportCategory.Kind
    defaults = ReportSettings()
    n = max(per_region, 1)
    t = lambda m: m._meta.db_table  # noqa: E731
    lat = f"{around[0]} + ((g::bigint * 7919) %% 6001 - 3000) / 100000.0" if around else "NULL"
    lon = f"{around[1]} + ((g::bigint * 104729) %% 6001 - 3000) / 100000.0" if around else "NULL"
    status = (
        "CASE WHEN g %% 100 < 4 THEN 'received' WHEN g %% 100 < 6 THEN 'verified' "
        "WHEN g %% 100 < 10 THEN 'in_progress' WHEN g %% 100 < 90 THEN 'resolved' ELSE 'rejected' END"
    )
    created = "(%(now)s - make_interval(secs => (g::float8 * %(span)s / %(n)s)))"
    responded = f"CASE WHEN g %% 100 < 4 THEN NULL ELSE {created} + make_interval(hours => 1 + (g * 7) %% 120) END"
    closed = (
        f"CASE WHEN g %% 100 >= 10 THEN {created} + make_interval(hours => 1 + (g * 7) %% 120)"
        " + make_interval(days => 1 + (g * 13) %% 70) END"
    )
    days = (
        f"CASE c.kinds[1 + g %% c.n] WHEN '{K.INFORMATION}' THEN {defaults.days_information} "
        f"WHEN '{K.FIELD_CHECK}' THEN {defaults.days_field_check} ELSE {defaults.days_standard} END"
    )
    exprs = {
        "region": "r.id",
        "created_at": created,
        "updated_at": f"LEAST(%(now)s, COALESCE({closed}, {responded}, {created}))",
        "tracking_code": f"'{prefix}' || lpad(r.id::text, 3, '0') || lpad(g::text, 7, '0')",
        "category": "c.ids[1 + g %% c.n]",
        "agency": "c.agencies[1 + g %% c.n]",
        "description": "'Laporan bench nasional ' || g || ': mohon segera ditindaklanjuti.'",
        "status": status,
        "lat": lat,
        "lon": lon,
        "district": "v.districts[1 + (g * 31) %% v.n]",
        "village": "v.ids[1 + (g * 31) %% v.n]",
        "source": "'web'",
        "first_response_due": f"{created} + make_interval(days => {defaults.first_response_days})",
        "resolution_due": f"{created} + make_interval(days => {days})",
        "first_response_at": responded,
        "closed_at": closed,
    }
    # Only table names from the models' metadata and numbers are formatted in; values are parameters.
    from_sql = f"""
        FROM regions_region r
        JOIN (SELECT region_id, array_agg(id ORDER BY id) ids, array_agg(agency_id ORDER BY id) agencies,
                     array_agg(kind::text ORDER BY id) kinds, count(*) n
              FROM {t(ReportCategory)} GROUP BY region_id) c ON c.region_id = r.id
        JOIN (SELECT region_id, array_agg(id ORDER BY id) ids, array_agg(district_id ORDER BY id) districts,
                     count(*) n
              FROM regions_village GROUP BY region_id) v ON v.region_id = r.id
        CROSS JOIN generate_series(1, %(n)s) g
        WHERE r.id = ANY(%(regions)s)
          AND NOT EXISTS (SELECT 1 FROM {t(Report)} x WHERE x.region_id = r.id AND x.tracking_code LIKE %(like)s)
    """  # noqa: S608
    written = 0
    for k in range(0, len(region_ids), REGIONS_PER_STATEMENT):
        chunk = region_ids[k : k + REGIONS_PER_STATEMENT]
        with transaction.atomic():
            params = {"now": _now(), "span": 3 * 365 * 86400, "n": n, "regions": chunk, "like": f"{prefix}%"}
            written += insert_select(Report, exprs, from_sql, params)
    return written


def recount_statistics(region_ids: list[int]) -> int:
    """participation.services.stats_rebuild for each region without statistics rows yet."""
    from kotacerdas.participation.models import AgencyReportStats
    from kotacerdas.participation.services import stats_rebuild
    from kotacerdas.regions.models import Region

    done = set(AgencyReportStats.objects.filter(region_id__in=region_ids).values_list("region_id", flat=True))
    todo = [r for r in Region.objects.filter(pk__in=region_ids).order_by("pk") if r.pk not in done]
    for region in todo:
        stats_rebuild(region=region)
    return len(todo)


# --- step: the measured region ------------------------------------------------------------------------------


def step_region(reports: int) -> dict:
    import random

    from django.utils import timezone

    from kotacerdas.demo.loader import load_demo
    from kotacerdas.monitoring.models import ReportingPeriod
    from kotacerdas.regions.models import Region

    log: dict = {}
    timed(log, "demo_seconds", load_demo)
    region = Region.objects.get(slug=REGION)
    rng = random.Random(514)
    spec = SCALES["regency"]
    timed(
        log,
        "programmes_seconds",
        generate._top_up,
        region=region,
        programmes=PROGRAMMES,
        indicators=INDICATORS,
        targets=TARGET_YEARS,
        rng=rng,
    )
    log.update(generate._monitoring(region=region, periods=QUARTERS, rng=rng))
    periods = list(ReportingPeriod.objects.filter(region=region).order_by("year", "number"))
    _rollup, _updates = timed(log, "rollup_seconds", generate._roll_up, region=region, periods=periods)
    now = timezone.now()
    timed(log, "other_apps_seconds", lambda: [
        generate._ideas(region=region, count=spec["ideas"]),
        generate._innovations(region=region, count=spec["innovations"], rng=rng, now=now),
        generate._articles(region=region, count=spec["articles"], rng=rng, now=now),
        generate._activities(region=region, count=spec["activities"], rng=rng, now=now),
    ])  # fmt: skip
    log["citizen_reports_added"] = timed(
        log, "reports_seconds", citizen_reports, region_ids=[region.pk], per_region=reports, prefix="M-",
        around=(-2.555, 120.328),
    )  # fmt: skip
    from kotacerdas.participation.models import AgencyReportStats

    if log["citizen_reports_added"]:
        AgencyReportStats.objects.filter(region=region).delete()  # recounted below with the new rows
    timed(log, "statistics_seconds", recount_statistics, [region.pk])
    return log


# --- step: the rest of the country ---------------------------------------------------------------------------


def regions_from_codes(log: dict) -> list:
    """Every kabupaten/kota of the official codes not on the platform yet, with districts and villages, the six
    dimensions, the demo's 18 agencies, the default report categories and an adopted masterplan."""
    from django.utils.text import slugify

    from kotacerdas.demo import data
    from kotacerdas.masterplan.defaults import dimensions_seed_defaults
    from kotacerdas.masterplan.models import Masterplan
    from kotacerdas.participation.defaults import DEFAULT_CATEGORIES
    from kotacerdas.participation.models import ReportCategory
    from kotacerdas.regions.models import Agency, Region
    from kotacerdas.regions.services import _clean_region_name, official_code_rows, region_import_codes

    rows = list(official_code_rows())
    codes = [c for c, _ in rows if c.count(".") == 1]
    log["official_regions"] = len(codes)
    taken = dict(Region.objects.values_list("code", "slug"))
    slugs = set(taken.values())
    ours = set(Masterplan.objects.filter(title__endswith=MARK).values_list("region__code", flat=True))
    names = dict(rows)
    for code in codes:
        if code in ours or (code in taken and Masterplan.objects.filter(region__code=code).exists()):
            continue  # ours already, or a demo region with its own masterplan (left as it is)
        slug = None
        if code not in taken:
            kind, name = _clean_region_name(names[code])
            slug = slugify(name)
            if slug in slugs:  # a kabupaten and a kota of one name (Bogor, Bekasi, ...)
                slug = slugify(f"{kind} {name}") if slugify(f"{kind} {name}") not in slugs else f"{slug}-{code}"
        region = region_import_codes(actor=None, code=code, rows=rows, slug=slug).region
        slugs.add(region.slug)
        Region.objects.filter(pk=region.pk).update(is_demo=True)
        dimensions_seed_defaults(region=region)
        agencies = Agency.objects.bulk_create(
            [Agency(region=region, acronym=a, name=n, kind=k) for a, n, k in data.AGENCIES], ignore_conflicts=True
        )
        by_acronym = {a.acronym: a for a in Agency.objects.filter(region=region)} or {a.acronym: a for a in agencies}
        fallback = next(iter(by_acronym.values()))
        ReportCategory.objects.bulk_create(
            [
                ReportCategory(
                    region=region,
                    code=c,
                    name=n,
                    name_en=e,
                    kind=k,
                    order=o,
                    agency=next((by_acronym[a] for a in acr if a in by_acronym), fallback),
                )
                for o, (c, n, e, k, acr) in enumerate(DEFAULT_CATEGORIES)
            ],
            ignore_conflicts=True,
        )
        Masterplan.objects.get_or_create(
            region=region,
            title=f"Masterplan Smart City {region.name} 2022–2032{MARK}",
            defaults={
                "period_start_year": 2022,
                "period_end_year": 2032,
                "status": Masterplan.Status.ADOPTED,
                "vision": f"Visi ilustratif {region.name} untuk pengukuran kinerja.",
                "missions": "Misi satu\nMisi dua\nMisi tiga",
            },
        )
    return list(Masterplan.objects.filter(title__endswith=MARK).order_by("pk"))


def plans(masterplan_ids: list[int]) -> dict:
    """Programmes, their indicators and yearly targets for every masterplan of ours lacking them, set-wise."""
    from django.db import transaction

    from kotacerdas.masterplan.models import Indicator, Programme, Target

    p = {"now": _now(), "ids": masterplan_ids, "n": PROGRAMMES}
    out = {}
    with transaction.atomic():
        out["programmes"] = insert_select(
            Programme,
            {
                "region": "m.region_id",
                "masterplan": "m.id",
                "code": "'BN-' || lpad(g::text, 3, '0')",
                "title": "'Program ' || lpad(g::text, 3, '0') || ': penguatan layanan digital terpadu'",
                "title_en": "'Programme ' || lpad(g::text, 3, '0') || ' (generated for the benchmark)'",
                "description": "'Program ilustratif untuk pengukuran kinerja Kota Cerdas.'",
                "dimension": "d.ids[1 + g %% d.n]",
                "element": "NULL",
                "owner_agency": "a.ids[1 + (g * 7) %% a.n]",
                "horizon": "(ARRAY['short','medium','long'])[1 + g %% 3]",
                "start_year": "m.period_start_year",
                "end_year": "m.period_start_year + %(years)s - 1",
                "budget_estimate": "(100 + (g * 37) %% 4900)::bigint * 1000000",
                "is_quick_win": "g %% 10 = 0",
                "quick_win_year": "CASE WHEN g %% 10 = 0 THEN m.period_start_year + 1 END",
            },
            """FROM masterplan_masterplan m
               JOIN (SELECT region_id, array_agg(id ORDER BY "order", id) ids, count(*) n
                     FROM masterplan_dimension GROUP BY region_id) d ON d.region_id = m.region_id
               JOIN (SELECT region_id, array_agg(id ORDER BY id) ids, count(*) n
                     FROM regions_agency GROUP BY region_id) a ON a.region_id = m.region_id
               CROSS JOIN generate_series(1, %(n)s) g
               WHERE m.id = ANY(%(ids)s)
                 AND NOT EXISTS (SELECT 1 FROM masterplan_programme x WHERE x.masterplan_id = m.id)""",
            {**p, "years": TARGET_YEARS},
        )
    with transaction.atomic():
        out["indicators"] = insert_select(
            Indicator,
            {
                "region": "p.region_id",
                "programme": "p.id",
                "name": "'Indikator ' || (k + 1) || ' ' || p.code",
                "name_en": "'Indicator ' || (k + 1) || ' of ' || p.code",
                "unit": "'%%'",
                "baseline_value": "(p.id + k) %% 50",
                "baseline_year": "p.start_year - 1",
                "order": "k",
            },
            """FROM masterplan_programme p CROSS JOIN generate_series(0, %(k)s - 1) k
               WHERE p.masterplan_id = ANY(%(ids)s)
                 AND NOT EXISTS (SELECT 1 FROM masterplan_indicator x WHERE x.programme_id = p.id)""",
            {**p, "k": INDICATORS},
        )
    with transaction.atomic():
        out["targets"] = insert_select(
            Target,
            {"region": "i.region_id", "indicator": "i.id", "year": "p.start_year + y", "value": "10 + 5 * y"},
            """FROM masterplan_indicator i JOIN masterplan_programme p ON p.id = i.programme_id
               CROSS JOIN generate_series(0, p.end_year - p.start_year) y
               WHERE p.masterplan_id = ANY(%(ids)s)
                 AND NOT EXISTS (SELECT 1 FROM masterplan_target x WHERE x.indicator_id = i.id)""",
            p,
        )
    return out


def periods(region_ids: list[int], quarters: list[tuple[int, int]]) -> int:
    """The quarterly periods of `quarters` each region lacks: the last (the current quarter) open."""
    from django.db import transaction

    from kotacerdas.monitoring.models import ReportingPeriod

    values = ", ".join(
        f"({y}, {q}, DATE '{datetime.date(y, 3 * q - 2, 1)}', "
        f"DATE '{datetime.date(y + (q == 4), (3 * q) % 12 + 1, 1) - datetime.timedelta(days=1)}', "
        f"{int(k == len(quarters) - 1)})"
        for k, (y, q) in enumerate(quarters)
    )
    S = ReportingPeriod.Status
    with transaction.atomic():
        return insert_select(
            ReportingPeriod,
            {
                "region": "r.id",
                "year": "q.y",
                "number": "q.n",
                "periods_in_year": "4",
                "starts_on": "q.s",
                "ends_on": "q.e",
                "due_on": "q.e + 10",
                "status": f"CASE WHEN q.last = 1 THEN '{S.OPEN}' ELSE '{S.CLOSED}' END",
                "opened_at": "%(now)s",
                "closed_at": "CASE WHEN q.last = 1 THEN NULL ELSE %(now)s END",
            },
            f"""FROM regions_region r CROSS JOIN (VALUES {values}) AS q(y, n, s, e, last)
                WHERE r.id = ANY(%(ids)s) AND NOT EXISTS (
                    SELECT 1 FROM {ReportingPeriod._meta.db_table} x
                    WHERE x.region_id = r.id AND x.year = q.y AND x.number = q.n)""",  # noqa: S608
            {"now": _now(), "ids": region_ids},
        )


def roll_up(region_ids: list[int]) -> int:
    """monitoring.services.achievements_recompute of each region's last closed period, where it has none yet:
    what the national page reads (coverage and quick wins of the last closed period). The earlier quarters keep
    their verified reports without roll-up rows: 513 calls instead of 2,052 (~0.3 s each on the shared
    machine), so the national "verified reports" total counts one quarter per region."""
    from kotacerdas.monitoring.models import Achievement, ReportingPeriod
    from kotacerdas.monitoring.services import achievements_recompute

    done = set(Achievement.objects.filter(region_id__in=region_ids).values_list("period_id", flat=True).distinct())
    latest: dict[int, ReportingPeriod] = {}
    closed = ReportingPeriod.objects.filter(region_id__in=region_ids, status=ReportingPeriod.Status.CLOSED)
    for period in closed.select_related("region").order_by("region_id", "-year", "-number"):
        latest.setdefault(period.region_id, period)
    count = 0
    for period in latest.values():
        if period.pk not in done:
            achievements_recompute(region=period.region, period=period)
            count += 1
    return count


def step_country(reports: int) -> dict:
    from django.contrib.auth import get_user_model  # noqa: F401 (Django set up)
    from django.utils import timezone

    from kotacerdas.regions.models import Region

    log: dict = {}
    measured = Region.objects.get(slug=REGION)
    masterplans = timed(log, "regions_seconds", regions_from_codes, log)
    ids = [m.pk for m in masterplans]
    region_ids = [m.region_id for m in masterplans]
    log["regions"] = len(region_ids)
    log.update(timed(log, "plans_seconds", plans, ids))
    quarters = generate._quarters(QUARTERS, timezone.localdate())
    log["periods_added"] = timed(log, "periods_seconds", periods, region_ids, quarters)
    ids_sql = ", ".join(str(int(i)) for i in ids) or "NULL"
    reports_added, values = timed(
        log, "verified_reports_seconds", generate._verified_reports_sql,
        region=measured, masterplan=None, quarters=quarters, masterplans_sql=f"SELECT unnest(ARRAY[{ids_sql}])",
    )  # fmt: skip
    log.update(verified_reports_added=reports_added, indicator_values_added=values)
    log["periods_rolled_up"] = timed(log, "rollup_seconds", roll_up, region_ids)
    per_region = reports // max(len(region_ids), 1)
    log["citizen_reports_added"] = timed(
        log, "citizen_reports_seconds", citizen_reports, region_ids=region_ids, per_region=per_region,
        prefix="N-", around=None,
    )  # fmt: skip
    log["statistics_recounted"] = timed(log, "statistics_seconds", recount_statistics, region_ids)
    return log


def step_analyze() -> dict:
    return {"analyze_seconds": generate._analyze()}


def step_size() -> dict:
    from django.db import connection

    from kotacerdas.masterplan.models import Indicator, Programme, Target
    from kotacerdas.monitoring.models import IndicatorValue, ProgressReport
    from kotacerdas.participation.models import Report
    from kotacerdas.regions.models import District, Region, Village

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]

    def estimate(model) -> int:  # the planner's row count: exact counts of 5M rows take seconds each
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [model._meta.db_table])
            return int(cursor.fetchone()[0])

    measured = Region.objects.get(slug=REGION)
    return {
        "database_bytes": size,
        "regions": Region.objects.count(),
        "districts": District.objects.count(),
        "villages": Village.objects.count(),
        "programmes": Programme.objects.count(),
        "indicators": estimate(Indicator),
        "targets": estimate(Target),
        "progress_reports": estimate(ProgressReport),
        "indicator_values": estimate(IndicatorValue),
        "citizen_reports": estimate(Report),
        "citizen_reports_measured_region": Report.objects.filter(region=measured).count(),
        "ids": generate.demo_ids(measured),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", choices=["region", "country", "analyze", "size"], required=True)
    parser.add_argument("--reports", type=int, default=None, help="citizen reports the step writes")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    started = time.monotonic()
    if args.step == "region":
        out = step_region(REPORTS_MEASURED if args.reports is None else args.reports)
    elif args.step == "country":
        out = step_country(REPORTS_COUNTRY if args.reports is None else args.reports)
    elif args.step == "analyze":
        out = step_analyze()
    else:
        out = step_size()
    out["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
