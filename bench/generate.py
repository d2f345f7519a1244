"""Bench data: the Luwu Utara demo, then extra regions and programmes in bulk up to a stated scale, and the
measured region's monitoring history: quarterly periods with a verified report of every programme, rolled up.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/generate.py --scale demo|small|regency

Idempotent like the demo loader: regions are matched on their Kemendagri code, each region's current
masterplan is topped up to the stated number of programmes, and only missing periods and reports are added,
so a second run adds nothing (it does roll every period up again). Prints one line of JSON with the counts
it ended with and the time of each period's roll-up.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from pages import REGION, REGION_ADMIN, SCALES, TIM_PELAKSANA, describe  # noqa: E402

PROVINCE = "73"  # Sulawesi Selatan, where Luwu Utara and Maros are
WORDS = [
    "layanan",
    "digital",
    "terpadu",
    "desa",
    "data",
    "UMKM",
    "pariwisata",
    "sampah",
    "air bersih",
    "kesehatan",
    "sekolah",
    "pasar",
    "bencana",
    "transportasi",
    "energi",
    "literasi",
]


def _title(rng: random.Random, n: int) -> str:
    return f"Program {n:03d}: penguatan {rng.choice(WORDS)} dan {rng.choice(WORDS)} berbasis {rng.choice(WORDS)}"


def _new_regions(count: int) -> list:
    """Create (or find) `count` more regions of the province with dimensions, agencies, adopted masterplans."""
    from kotacerdas.demo import data
    from kotacerdas.masterplan.defaults import dimensions_seed_defaults
    from kotacerdas.masterplan.models import Masterplan
    from kotacerdas.regions.models import Agency, Region
    from kotacerdas.regions.services import official_code_rows, region_import_codes

    if count <= 0:
        return []
    rows = list(official_code_rows())
    taken = set(Region.objects.values_list("code", flat=True))
    codes = [c for c, _ in rows if c.startswith(PROVINCE + ".") and c.count(".") == 1 and c not in taken]
    regions = []
    for code in codes[:count]:
        region = region_import_codes(actor=None, code=code, rows=rows).region
        Region.objects.filter(pk=region.pk).update(is_demo=True)
        dimensions_seed_defaults(region=region)
        Agency.objects.bulk_create(
            [Agency(region=region, acronym=a, name=n, kind=k) for a, n, k in data.AGENCIES],
            ignore_conflicts=True,
        )
        Masterplan.objects.get_or_create(
            region=region,
            title=f"Masterplan Smart City {region.name} 2022–2032 (bench)",
            defaults={
                "period_start_year": 2022,
                "period_end_year": 2032,
                "status": Masterplan.Status.ADOPTED,
                "vision": f"Visi ilustratif {region.name} untuk pengukuran kinerja.",
                "missions": "Misi satu\nMisi dua\nMisi tiga",
            },
        )
        regions.append(region)
    return regions


def _top_up(*, region, programmes: int, indicators: int, targets: int, rng: random.Random) -> int:
    """Add generated programmes (with indicators and yearly targets) to the region's current masterplan."""
    from django.db import transaction

    from kotacerdas.masterplan.models import Dimension, Element, Indicator, Masterplan, Programme
    from kotacerdas.regions.models import Agency

    masterplan = Masterplan.objects.filter(region=region).first()
    missing = programmes - Programme.objects.filter(masterplan=masterplan).count()
    if masterplan is None or missing <= 0:
        return 0
    dimensions = list(Dimension.objects.filter(region=region))
    elements: dict[int, list] = {}
    for element in Element.objects.filter(region=region):
        elements.setdefault(element.dimension_id, []).append(element)
    agencies = list(Agency.objects.filter(region=region))
    years = list(masterplan.years)[:targets]
    first = Programme.objects.filter(masterplan=masterplan, code__startswith="BX-").count()

    new = []
    for i in range(first + 1, first + missing + 1):
        dimension = dimensions[i % len(dimensions)]
        quick_win = i % 10 == 0
        title = _title(rng, i)
        new.append(
            Programme(
                region=region,
                masterplan=masterplan,
                code=f"BX-{dimension.key[:3].upper()}-{i:03d}",
                title=title,
                title_en=f"Programme {i:03d} (generated for the benchmark)",
                description=f"{title}. Program ilustratif untuk pengukuran kinerja Kota Cerdas. " * 2,
                description_en="An illustrative programme generated for the Kota Cerdas benchmark.",
                dimension=dimension,
                element=rng.choice(elements[dimension.pk]) if elements.get(dimension.pk) else None,
                owner_agency=rng.choice(agencies),
                horizon=rng.choice(Programme.Horizon.values),
                start_year=years[0],
                end_year=years[-1],
                budget_estimate=Decimal(rng.randrange(100, 5000) * 1_000_000),
                funding_source=rng.choice(Programme.FundingSource.values),
                is_quick_win=quick_win,
                quick_win_year=years[0] + 1 if quick_win else None,
            )
        )
    with transaction.atomic():
        Programme.objects.bulk_create(new, batch_size=1000)
        Through = Programme.supporting_agencies.through
        Through.objects.bulk_create(
            [
                Through(programme_id=p.pk, agency_id=a.pk)
                for p in new
                for a in rng.sample(agencies, k=min(2, len(agencies)))
            ],
            batch_size=2000,
        )
        new_indicators = [
            Indicator(
                region=region,
                programme=p,
                name=f"Indikator {n + 1} {p.code}",
                name_en=f"Indicator {n + 1} of {p.code}",
                unit=rng.choice(["%", "layanan", "desa", "orang", "unit"]),
                baseline_value=Decimal(rng.randrange(0, 50)),
                baseline_year=years[0] - 1,
                direction=Indicator.Direction.HIGHER,
                order=n,
            )
            for p in new
            for n in range(indicators)
        ]
        Indicator.objects.bulk_create(new_indicators, batch_size=2000)
        _insert_targets(region=region, indicators=new_indicators, years=years)
    return missing


def _insert_targets(*, region, indicators: list, years: list[int]) -> None:
    """One target per indicator and year, written by the database in one INSERT ... SELECT.

    At the regency scale these are ~200,000 rows; building them as model instances for bulk_create took
    ~40 s of this 2-core machine's budget, while the database does it in a few. Portable SQL (PostgreSQL
    and SQLite); the rows are the same a bulk_create would write.
    """
    from django.db import connection
    from django.utils import timezone

    from kotacerdas.masterplan.models import Indicator, Target

    qn = connection.ops.quote_name
    t = {
        f: qn(Target._meta.get_field(f).column)
        for f in ("created_at", "updated_at", "region", "indicator", "year", "value")
    }
    i = {f: qn(Indicator._meta.get_field(f).column) for f in ("id", "region")}
    year_rows = " UNION ALL ".join("SELECT %s AS y, %s AS v" for _ in years)
    year_params = [p for k, y in enumerate(years) for p in (y, 10 + 5 * k)]
    ids = [ind.pk for ind in indicators]
    now = timezone.now()
    # Only identifiers from the models' own metadata are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {qn(Target._meta.db_table)} "  # noqa: S608
        f"({t['created_at']}, {t['updated_at']}, {t['region']}, {t['indicator']}, {t['year']}, {t['value']}) "
        f"SELECT %s, %s, i.{i['region']}, i.{i['id']}, yv.y, yv.v "
        f"FROM {qn(Indicator._meta.db_table)} i CROSS JOIN ({year_rows}) yv "
        f"WHERE i.{i['region']} = %s AND i.{i['id']} BETWEEN %s AND %s"
    )
    # Ids come from one sequence inside this transaction, so the range holds exactly the new indicators.
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, now, *year_params, region.pk, min(ids), max(ids)])


# --- monitoring history of the measured region ------------------------------------------------------------


def _quarters(count: int, today: datetime.date) -> list[tuple[int, int]]:
    """The `count` quarters (year, number) ending with today's, oldest first: 40 in 2026 Q4 are 2017 Q1 ... 2026 Q4."""
    current = today.year * 4 + (today.month - 1) // 3
    return [(i // 4, i % 4 + 1) for i in range(current - count + 1, current + 1)]


def _widen_masterplan(*, region, first_year: int) -> None:
    """Let the region's adopted masterplan (2022-2032 in the demo) start in the first reporting year, so its
    programmes can run, and be reported on, in every period. Done before the top-up, so the programmes
    generated for this region span the masterplan's first 11 years from there (2017-2027)."""
    from kotacerdas.masterplan.models import Masterplan
    from kotacerdas.masterplan.selectors import masterplan_public_for_region

    masterplan = masterplan_public_for_region(region=region)
    if masterplan is not None and masterplan.period_start_year > first_year:
        Masterplan.objects.filter(pk=masterplan.pk).update(period_start_year=first_year)


def _widen_programmes(*, masterplan, first_year: int, last_year: int) -> int:
    """Every programme of the masterplan runs in every reporting year: the demo's programmes (e.g. GOV-01,
    2023-2024) are widened to at least first_year-last_year, and each of their indicators gets a target for
    each year it lacks (the value of its nearest existing target). Returns the number of targets added."""
    from kotacerdas.masterplan.models import Indicator, Programme, Target

    Programme.objects.filter(masterplan=masterplan, start_year__gt=first_year).update(start_year=first_year)
    Programme.objects.filter(masterplan=masterplan, end_year__lt=last_year).update(end_year=last_year)
    existing: dict[int, dict[int, Decimal]] = {}
    for indicator_id, year, value in Target.objects.filter(indicator__programme__masterplan=masterplan).values_list(
        "indicator_id", "year", "value"
    ):
        existing.setdefault(indicator_id, {})[year] = value
    new = []
    for indicator_id, region_id, start, end in Indicator.objects.filter(programme__masterplan=masterplan).values_list(
        "pk", "region_id", "programme__start_year", "programme__end_year"
    ):
        have = existing.get(indicator_id, {})
        for year in range(start, end + 1):
            if year not in have:
                nearest = min(have, key=lambda y, year=year: abs(y - year)) if have else None
                value = have[nearest] if nearest is not None else Decimal(10)
                new.append(Target(region_id=region_id, indicator_id=indicator_id, year=year, value=value))
    Target.objects.bulk_create(new, batch_size=2000)
    return len(new)


def _periods(*, region, quarters: list[tuple[int, int]]) -> list:
    """The region's quarterly periods for `quarters`, oldest first: the missing ones created closed, the last
    (the current quarter) open. The demo already made 2023 Q1 to the current quarter the same way."""
    from django.utils import timezone

    from kotacerdas.monitoring.models import ReportingPeriod

    now = timezone.now()
    existing = set(ReportingPeriod.objects.filter(region=region).values_list("year", "number"))
    new = []
    for k, (year, q) in enumerate(quarters):
        if (year, q) in existing:
            continue
        starts = datetime.date(year, 3 * q - 2, 1)
        ends = datetime.date(year + (q == 4), (3 * q) % 12 + 1, 1) - datetime.timedelta(days=1)
        is_last = k == len(quarters) - 1
        new.append(
            ReportingPeriod(
                region=region,
                year=year,
                number=q,
                periods_in_year=4,
                starts_on=starts,
                ends_on=ends,
                due_on=ends + datetime.timedelta(days=10),
                status=ReportingPeriod.Status.OPEN if is_last else ReportingPeriod.Status.CLOSED,
                opened_at=now,
                closed_at=None if is_last else now,
            )
        )
    ReportingPeriod.objects.bulk_create(new)
    wanted = set(quarters)
    periods = ReportingPeriod.objects.filter(region=region).order_by("year", "number")
    return [p for p in periods if (p.year, p.number) in wanted]


def _verified_reports(*, region, masterplan, periods: list, rng: random.Random) -> tuple[int, int]:
    """A verified report, with a value for each indicator, of every programme of the masterplan in every
    period where it has none yet, as the verification flow would have left them (realised values against the
    year's targets, achievements computed by the app's own functions). Returns (reports, values) added."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from kotacerdas.masterplan.models import Indicator, Programme, Target
    from kotacerdas.monitoring.achievement import indicator_achievement, weighted_mean
    from kotacerdas.monitoring.models import IndicatorValue, ProgressReport
    from kotacerdas.monitoring.services import monitoring_settings_for

    users = get_user_model().objects
    reporter, verifier = users.get(username=REGION_ADMIN), users.get(username=TIM_PELAKSANA)
    cap = monitoring_settings_for(region).achievement_cap
    programmes = list(Programme.objects.filter(masterplan=masterplan).only("pk", "start_year", "end_year"))
    indicators: dict[int, list] = {}
    for indicator in Indicator.objects.filter(programme__masterplan=masterplan).order_by("order", "pk"):
        indicators.setdefault(indicator.programme_id, []).append(indicator)
    targets = {
        (i, y): v
        for i, y, v in Target.objects.filter(indicator__programme__masterplan=masterplan).values_list(
            "indicator_id", "year", "value"
        )
    }
    done = set(ProgressReport.objects.filter(period__in=periods).values_list("programme_id", "period_id"))
    now = timezone.now()
    n_reports = n_values = 0
    for k, period in enumerate(periods):
        reports = []
        for programme in programmes:
            if (programme.pk, period.pk) in done or not programme.start_year <= period.year <= programme.end_year:
                continue
            # Achievement rises over the years, with some spread between programmes and quarters.
            share = Decimal(0.45 + 0.5 * (k + 1) / len(periods) + rng.uniform(-0.15, 0.15)).quantize(Decimal("0.0001"))
            pending = []
            for indicator in indicators.get(programme.pk, []):
                target = targets.get((indicator.pk, period.year))
                if target is None:
                    continue
                lower = indicator.direction == Indicator.Direction.LOWER
                realised = (target * (2 - share if lower else share)).quantize(Decimal("0.01"))
                achievement, note = indicator_achievement(
                    realised=realised, target=target, lower_is_better=lower, cap=cap
                )
                pending.append((indicator, realised, target, achievement, note))
            progress = Decimal(min(100, max(0, 25 * period.number + rng.randint(-10, 10))))
            report = ProgressReport(
                region=region,
                programme_id=programme.pk,
                period=period,
                status=ProgressReport.Status.VERIFIED,
                progress_percent=progress,
                budget_realised=Decimal(rng.randint(10, 90) * 1_000_000),
                narrative="Kegiatan berjalan sesuai rencana (data pengukuran kinerja).",
                achievement=weighted_mean((a, i.weight) for i, _r, _t, a, _n in pending) if pending else progress,
                created_by=reporter,
                submitted_by=reporter,
                submitted_at=now,
                verified_by=verifier,
                verified_at=now,
            )
            reports.append((report, pending))
        with transaction.atomic():
            ProgressReport.objects.bulk_create([r for r, _ in reports], batch_size=1000)
            values = [
                IndicatorValue(region=region, report=report, indicator=i, realised=r, target=t, achievement=a, note=n)
                for report, pending in reports
                for i, r, t, a, n in pending
            ]
            IndicatorValue.objects.bulk_create(values, batch_size=2000)
        n_reports += len(reports)
        n_values += len(values)
    return n_reports, n_values


# Columns the SQL path writes; any other required column (a field added since) sends it to the ORM path.
REPORT_COLUMNS = (
    "created_at",
    "updated_at",
    "region",
    "programme",
    "period",
    "status",
    "progress_percent",
    "milestone",
    "budget_realised",
    "narrative",
    "obstacles",
    "follow_up",
    "revision",
    "created_by",
    "submitted_by",
    "submitted_at",
    "verified_by",
    "verified_at",
)
VALUE_COLUMNS = (
    "created_at",
    "updated_at",
    "region",
    "report",
    "indicator",
    "realised",
    "target",
    "achievement",
    "note",
)


def _sql_writes_every_required_column() -> str | None:
    """None if the SQL path fills every column the models require; else what it misses."""
    from django.db.models import NOT_PROVIDED

    from kotacerdas.monitoring.models import IndicatorValue, ProgressReport

    for model, columns in ((ProgressReport, REPORT_COLUMNS), (IndicatorValue, VALUE_COLUMNS)):
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in columns or field.null:
                continue
            if getattr(field, "db_default", NOT_PROVIDED) is NOT_PROVIDED:
                return f"{model.__name__}.{field.name}"
    return None


class _Names:
    """A model's quoted table name (`str()`) and column names (attributes), for SQL templates."""

    def __init__(self, model):
        self.model = model

    def __getattr__(self, field: str) -> str:
        from django.db import connection

        return connection.ops.quote_name(self.model._meta.get_field(field).column)

    def __str__(self) -> str:
        from django.db import connection

        return connection.ops.quote_name(self.model._meta.db_table)


def _verified_reports_sql(
    *, region, masterplan, quarters: list[tuple[int, int]], masterplans_sql: str | None = None
) -> tuple[int, int]:
    """The same rows as `_verified_reports`, written by PostgreSQL itself: one INSERT ... SELECT for the
    reports, one for their indicator values, one UPDATE for each report's achievement. The ORM path took
    ~28 s of the run's budget for the ~12,000 reports and ~34,000 values of the regency scale; this takes a
    few. Achievements follow kotacerdas.monitoring.achievement (an indicator's: realised vs. the year's
    target, capped; a report's: the weighted mean of its indicators'); the spread between programmes and
    quarters comes from the row ids instead of a random generator, and a capped value's note omits the
    "capped from" detail."""
    # `masterplans_sql` (national bench, bench/national_data.py): a subquery of masterplan ids whose every
    # region gets its reports in one statement; `region` and `masterplan` are then only the reporter's region.
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from kotacerdas.masterplan.models import Indicator, Programme, Target
    from kotacerdas.monitoring.achievement import indicator_achievement
    from kotacerdas.monitoring.models import IndicatorValue, ProgressReport, ReportingPeriod
    from kotacerdas.monitoring.services import monitoring_settings_for

    users = get_user_model().objects
    one, two, zero = Decimal(1), Decimal(2), Decimal(0)
    params = {
        "now": timezone.now(),
        "region": region.pk,
        "masterplan": masterplan.pk if masterplan is not None else None,
        "first": quarters[0][0] * 4 + quarters[0][1],
        "last": quarters[-1][0] * 4 + quarters[-1][1],
        "n": len(quarters),
        "verified": ProgressReport.Status.VERIFIED,
        "narrative": "Kegiatan berjalan sesuai rencana (data pengukuran kinerja).",
        "reporter": users.get(username=REGION_ADMIN).pk,
        "verifier": users.get(username=TIM_PELAKSANA).pk,
        "lower": Indicator.Direction.LOWER,
        "cap": monitoring_settings_for(region).achievement_cap,
        "note_higher": indicator_achievement(realised=one, target=two, lower_is_better=False)[1],
        "note_lower": indicator_achievement(realised=two, target=two, lower_is_better=True)[1],
        "note_zero": indicator_achievement(realised=zero, target=zero, lower_is_better=False)[1],
    }
    # Table and column names come from the models' own metadata ({R} is the table, {R.period} a column);
    # every value is a parameter. `%%` is SQL's modulo.
    names = {
        "R": _Names(ProgressReport),
        "V": _Names(IndicatorValue),
        "P": _Names(Programme),
        "PE": _Names(ReportingPeriod),
        "IND": _Names(Indicator),
        "T": _Names(Target),
        "report_columns": ", ".join(getattr(_Names(ProgressReport), c) for c in REPORT_COLUMNS),
        "value_columns": ", ".join(getattr(_Names(IndicatorValue), c) for c in VALUE_COLUMNS),
        "period_region": "%(region)s" if masterplans_sql is None else f"p.{_Names(Programme).region}",
        "masterplan_scope": "= %(masterplan)s" if masterplans_sql is None else f"IN ({masterplans_sql})",
        "report_region": "" if masterplans_sql else f"r.{_Names(ProgressReport).region} = %(region)s AND",
        "value_region": "" if masterplans_sql else f"v.{_Names(IndicatorValue).region} = %(region)s AND",
    }
    reports_sql = """
        INSERT INTO {R} ({report_columns})
        SELECT %(now)s, %(now)s, p.{P.region}, p.{P.id}, pe.{PE.id}, %(verified)s,
               LEAST(100, GREATEST(0, 25 * pe.{PE.number} + (p.{P.id} * 7 + pe.{PE.id} * 3) %% 21 - 10)),
               '', ((p.{P.id} * 13 + pe.{PE.id} * 7) %% 81 + 10) * 1000000, %(narrative)s, '', '', 0,
               %(reporter)s, %(reporter)s, %(now)s, %(verifier)s, %(now)s
        FROM {P} p JOIN {PE} pe ON pe.{PE.region} = {period_region}
             AND (pe.{PE.year} * 4 + pe.{PE.number}) BETWEEN %(first)s AND %(last)s
             AND pe.{PE.year} BETWEEN p.{P.start_year} AND p.{P.end_year}
        WHERE p.{P.masterplan} {masterplan_scope}
          AND NOT EXISTS (SELECT 1 FROM {R} x WHERE x.{R.programme} = p.{P.id} AND x.{R.period} = pe.{PE.id})
    """
    # Each report's share of its targets rises over the periods (0.45 to 0.95), +-0.15 between reports.
    values_sql = """
        INSERT INTO {V} ({value_columns})
        SELECT %(now)s, %(now)s, x.region_id, x.report_id, x.indicator_id, x.realised, x.target,
               CASE WHEN x.target = 0
                    THEN CASE WHEN (x.is_lower AND x.realised <= 0) OR (NOT x.is_lower AND x.realised >= 0)
                              THEN 100 ELSE 0 END
                    ELSE ROUND(LEAST(GREATEST(CASE WHEN x.is_lower THEN (2 * x.target - x.realised) / x.target * 100
                                                   ELSE x.realised / x.target * 100 END, 0), %(cap)s), 2) END,
               CASE WHEN x.target = 0 THEN %(note_zero)s WHEN x.is_lower THEN %(note_lower)s ELSE %(note_higher)s END
        FROM (
            SELECT s.region_id, s.report_id, i.{IND.id} AS indicator_id, t.{T.value} AS target,
                   i.{IND.direction} = %(lower)s AS is_lower,
                   ROUND(t.{T.value} * CASE WHEN i.{IND.direction} = %(lower)s THEN 2 - s.share ELSE s.share END, 2)
                       AS realised
            FROM (
                SELECT r.{R.region} AS region_id, r.{R.id} AS report_id, r.{R.programme} AS programme_id,
                       pe.{PE.year} AS year,
                       ROUND(0.45 + 0.5 * ((pe.{PE.year} * 4 + pe.{PE.number}) - %(first)s + 1) / %(n)s
                             + ((r.{R.id} * 37) %% 31 - 15) / 100.0, 4) AS share
                FROM {R} r JOIN {PE} pe ON pe.{PE.id} = r.{R.period}
                WHERE {report_region} r.{R.id} > %(after)s
            ) s
            JOIN {IND} i ON i.{IND.programme} = s.programme_id
            JOIN {T} t ON t.{T.indicator} = i.{IND.id} AND t.{T.year} = s.year
        ) x
    """
    achievement_sql = """
        UPDATE {R} r SET {R.achievement} = w.a
        FROM (SELECT v.{V.report} AS report_id,
                     ROUND(SUM(v.{V.achievement} * i.{IND.weight}) / SUM(i.{IND.weight}), 2) AS a
              FROM {V} v JOIN {IND} i ON i.{IND.id} = v.{V.indicator}
              WHERE {value_region} v.{V.report} > %(after)s
                AND v.{V.achievement} IS NOT NULL AND i.{IND.weight} > 0
              GROUP BY v.{V.report}) w
        WHERE r.{R.id} = w.report_id
    """
    progress_sql = """
        UPDATE {R} r SET {R.achievement} = r.{R.progress_percent}
        WHERE {report_region} r.{R.id} > %(after)s
          AND NOT EXISTS (SELECT 1 FROM {V} v WHERE v.{V.report} = r.{R.id})
    """
    max_id_sql = "SELECT COALESCE(MAX({R.id}), 0) FROM {R}"
    max_id_sql, reports_sql, values_sql, achievement_sql, progress_sql = (
        sql.format(**names) for sql in (max_id_sql, reports_sql, values_sql, achievement_sql, progress_sql)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if masterplans_sql is not None:  # the whole country: no queued foreign-key checks (national_data.fast_load)
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(max_id_sql)
        params["after"] = cursor.fetchone()[0]
        cursor.execute(reports_sql, params)
        reports = cursor.rowcount
        cursor.execute(values_sql, params)
        values = cursor.rowcount
        cursor.execute(achievement_sql, params)
        cursor.execute(progress_sql, params)
    return reports, values


def _roll_up(*, region, periods: list) -> tuple[list[float], list[float]]:
    """For each period: achievements_recompute (the whole period's roll-up), then achievements_update for one
    verified programme (what a verification writes since issue 18: only the rows it feeds); seconds each."""
    from kotacerdas.monitoring.models import PeriodPlan, ProgressReport
    from kotacerdas.monitoring.services import achievements_recompute, achievements_update

    seconds, updates = [], []
    for period in periods:
        started = time.perf_counter()
        achievements_recompute(region=region, period=period)
        seconds.append(time.perf_counter() - started)
        verified = ProgressReport.objects.filter(period=period, status=ProgressReport.Status.VERIFIED)
        frozen = PeriodPlan.objects.filter(period=period).values_list("programmes", flat=True).first()
        if frozen is not None:  # a closed period: a programme its frozen plan holds (one added later feeds nothing)
            verified = verified.filter(programme_id__in=[int(pk) for pk in frozen])
        programme_id = verified.order_by("programme_id").values_list("programme_id", flat=True).last()
        if programme_id is not None:
            started = time.perf_counter()
            achievements_update(region=region, period=period, programme_id=programme_id)
            updates.append(time.perf_counter() - started)
    return seconds, updates


def _monitoring(*, region, periods: int, rng: random.Random) -> dict:
    """The measured region's monitoring history (see docs/bench.md); the roll-up is run by `generate`."""
    from django.db import connection
    from django.utils import timezone

    from kotacerdas.masterplan.selectors import masterplan_public_for_region

    quarters = _quarters(periods, timezone.localdate())
    masterplan = masterplan_public_for_region(region=region)
    started = time.monotonic()
    targets = _widen_programmes(masterplan=masterplan, first_year=quarters[0][0], last_year=quarters[-1][0])
    made = _periods(region=region, quarters=quarters)
    missing = _sql_writes_every_required_column()
    if connection.vendor == "postgresql" and missing is None:
        path = "INSERT ... SELECT"
        reports, values = _verified_reports_sql(region=region, masterplan=masterplan, quarters=quarters)
    else:
        path = "ORM bulk_create" + (f" ({missing} is not written by the SQL path)" if missing else "")
        reports, values = _verified_reports(region=region, masterplan=masterplan, periods=made, rng=rng)
    return {
        "periods_first_last": f"{made[0].label} - {made[-1].label}",
        "targets_added": targets,
        "reports_added": reports,
        "values_added": values,
        "reports_written_with": path,
        "monitoring_seconds": round(time.monotonic() - started, 1),
    }


# --- the other apps' rows in the measured region --------------------------------------------------------------

BENCH_PREFIX = "bench"  # marks generated rows (tracking codes "BG...", titles and slugs "bench-..."): idempotence


def _spread(rng: random.Random, now, days: int):
    """A time within the last `days` days."""
    return now - datetime.timedelta(seconds=rng.randrange(days * 86400))


def _restamp(model, stamps: list[tuple]) -> None:
    """Set created_at/updated_at of bulk-created rows (auto_now_add stamps them all with one time):
    `stamps` is [(created_at, updated_at, pk)], written with one executemany."""
    from django.db import connection

    qn = connection.ops.quote_name
    sql = (
        f"UPDATE {qn(model._meta.db_table)} SET {qn('created_at')} = %s, {qn('updated_at')} = %s "  # noqa: S608
        f"WHERE {qn(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, stamps)


def _reports(*, region, count: int, rng: random.Random, now) -> int:
    """Citizen reports over the last three years (a tenth open), then the agencies' statistics recounted as
    after a bulk import (`participation.services.stats_rebuild`)."""
    from kotacerdas.demo.participation import CENTRES
    from kotacerdas.participation import services
    from kotacerdas.participation.models import Report, ReportCategory
    from kotacerdas.regions.models import District, Village

    have = Report.objects.filter(region=region, tracking_code__startswith="BG").count()
    if have >= count:
        return 0
    config = services.settings_for(region)
    categories = list(ReportCategory.objects.filter(region=region))
    districts = list(District.objects.filter(region=region))
    villages: dict[int, list[int]] = {}
    for pk, district_id in Village.objects.filter(region=region).values_list("pk", "district_id"):
        villages.setdefault(district_id, []).append(pk)
    statuses = ["received"] * 4 + ["verified"] * 2 + ["in_progress"] * 4 + ["resolved"] * 80 + ["rejected"] * 10
    rows, stamps = [], []
    for i in range(have, count):
        created = _spread(rng, now, 3 * 365)
        category = categories[i % len(categories)]
        district = districts[i % len(districts)]
        lat0, lon0 = CENTRES.get(district.name, (-2.555, 120.328))
        status = rng.choice(statuses)
        responded = None if status == "received" else created + datetime.timedelta(hours=rng.randint(1, 120))
        closed = responded + datetime.timedelta(days=rng.randint(1, 70)) if status in ("resolved", "rejected") else None
        rows.append(
            Report(
                region=region,
                tracking_code=f"BG{i:08d}",
                category=category,
                agency_id=category.agency_id,
                description=f"Laporan bench {i}: {category.name} di {district.name}, mohon segera ditindaklanjuti.",
                status=status,
                lat=Decimal(f"{lat0 + rng.uniform(-0.03, 0.03):.6f}"),
                lon=Decimal(f"{lon0 + rng.uniform(-0.03, 0.03):.6f}"),
                district=district,
                village_id=rng.choice(villages.get(district.pk) or [None]),
                first_response_due=created + datetime.timedelta(days=config.first_response_days),
                resolution_due=created + datetime.timedelta(days=config.days_for(category.kind)),
                first_response_at=responded,
                closed_at=closed,
            )
        )
        stamps.append((created, min(now, closed or responded or created)))
    Report.objects.bulk_create(rows, batch_size=1000)
    _restamp(Report, [(c, u, r.pk) for (c, u), r in zip(stamps, rows, strict=True)])
    services.stats_rebuild(region=region)
    return len(rows)


def _ideas(*, region, count: int) -> int:
    from django.contrib.auth import get_user_model

    from kotacerdas.ideas.bench_data import generate_ideas
    from kotacerdas.ideas.models import Idea

    author, _created = get_user_model().objects.get_or_create(username="bench.ideas", defaults={"is_active": False})
    missing = count - Idea.objects.filter(region=region, author=author).count()
    return generate_ideas(region, missing, author=author) if missing > 0 else 0


def _innovations(*, region, count: int, rng: random.Random, now) -> int:
    """Innovations at every stage (half of them public: trial or applied), with the demo's agencies,
    dimensions and programmes."""
    from django.contrib.auth import get_user_model

    from kotacerdas.innovation.models import Innovation
    from kotacerdas.masterplan.models import Dimension, Programme
    from kotacerdas.regions.models import Agency

    have = Innovation.objects.filter(region=region, title__startswith="Inovasi bench").count()
    if have >= count:
        return 0
    admin = get_user_model().objects.get(username=REGION_ADMIN)
    agencies = list(Agency.objects.filter(region=region).values_list("pk", flat=True))
    dimensions = list(Dimension.objects.filter(region=region).values_list("pk", flat=True))
    programmes = list(Programme.objects.filter(region=region).values_list("pk", flat=True)[:60])
    stages = ["proposal", "decided", "trial", "trial", "applied", "applied"]
    rows = []
    for i in range(have, count):
        stage = stages[i % len(stages)]
        proposed = (now - datetime.timedelta(days=rng.randrange(60, 2000))).date()
        decided = proposed + datetime.timedelta(days=30) if stage != "proposal" else None
        trial = proposed + datetime.timedelta(days=60) if stage in ("trial", "applied") else None
        applied = proposed + datetime.timedelta(days=200) if stage == "applied" else None
        rows.append(
            Innovation(
                region=region,
                title=f"Inovasi bench {i:05d}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                description=f"Inovasi ilustratif untuk pengukuran kinerja: {rng.choice(WORDS)} berbasis desa. " * 3,
                initiator_type=rng.choice(Innovation.Initiator.values),
                form=rng.choice(Innovation.Form.values),
                agency_id=rng.choice(agencies),
                dimension_id=rng.choice(dimensions),
                programme_id=rng.choice(programmes) if programmes and i % 3 == 0 else None,
                stage=stage,
                proposed_on=proposed,
                decided_on=decided,
                trial_on=trial,
                applied_on=applied,
                renews=True,
                benefits=True,
                no_burden=i % 4 != 0,
                authority=True,
                replicable=i % 2 == 0,
                created_by=admin,
            )
        )
    Innovation.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _articles(*, region, count: int, rng: random.Random, now) -> int:
    """Published articles over the last five years, each with one or two of the demo's tags."""
    from django.contrib.auth import get_user_model

    from kotacerdas.news.models import Article, Tag

    have = Article.objects.filter(region=region, slug__startswith=f"{BENCH_PREFIX}-").count()
    if have >= count:
        return 0
    author = get_user_model().objects.get(username=REGION_ADMIN)
    tags = list(Tag.objects.filter(region=region).values_list("pk", flat=True))
    rows = []
    for i in range(have, count):
        topic = f"{rng.choice(WORDS)} dan {rng.choice(WORDS)}"
        rows.append(
            Article(
                region=region,
                title=f"Berita bench {i:05d}: penguatan {topic} di Luwu Utara",
                slug=f"{BENCH_PREFIX}-{i:05d}",
                summary=f"Ringkasan berita ilustratif tentang {topic} untuk pengukuran kinerja.",
                body="".join(f"<p>Paragraf {k + 1} berita ilustratif tentang {topic}.</p>" for k in range(6)),
                status=Article.Status.PUBLISHED,
                published_at=_spread(rng, now, 5 * 365),
                author=author,
            )
        )
    Article.objects.bulk_create(rows, batch_size=1000)
    if tags:
        Through = Article.tags.through
        Through.objects.bulk_create(
            [
                Through(article_id=a.pk, tag_id=t)
                for a in rows
                for t in rng.sample(tags, k=min(len(tags), 1 + a.pk % 2))
            ],
            batch_size=2000,
        )
    return len(rows)


def _activities(*, region, count: int, rng: random.Random, now) -> int:
    """Literacy activities since 2019 in the region's districts, participants adding up by gender and group."""
    from django.contrib.auth import get_user_model

    from kotacerdas.literacy.models import Activity
    from kotacerdas.regions.models import Agency, District

    have = Activity.objects.filter(region=region, title__startswith="Kegiatan bench").count()
    if have >= count:
        return 0
    admin = get_user_model().objects.get(username=REGION_ADMIN)
    agencies = list(Agency.objects.filter(region=region).values_list("pk", flat=True))
    districts = list(District.objects.filter(region=region).values_list("pk", flat=True))
    groups = ["civil_servants", "students", "teachers", "msme_owners", "village_officials", "general_public"]
    first = datetime.date(2019, 1, 1)
    rows = []
    for i in range(have, count):
        shares = {g: rng.randint(0, 20) for g in groups}
        total = sum(shares.values())
        male = rng.randint(0, total)
        rows.append(
            Activity(
                region=region,
                title=f"Kegiatan bench {i:05d}: literasi {rng.choice(WORDS)}",
                kind=rng.choice(Activity.Kind.values),
                audience=rng.choice(Activity.Audience.values),
                organiser_id=rng.choice(agencies),
                district_id=rng.choice(districts) if i % 10 else None,
                venue="Aula kantor desa",
                date=first + datetime.timedelta(days=rng.randrange((now.date() - first).days)),
                total=total,
                male=male,
                female=total - male,
                with_disabilities=min(total, rng.randint(0, 2)),
                **shares,
                created_by=admin,
            )
        )
    Activity.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _participation(*, region, spec: dict, rng: random.Random) -> dict:
    """Rows of the apps added after the masterplan and monitoring: what their pages list and count."""
    from django.utils import timezone

    now = timezone.now()
    started = time.monotonic()
    added = {
        "reports_added": _reports(region=region, count=spec["reports"], rng=rng, now=now),
        "ideas_added": _ideas(region=region, count=spec["ideas"]),
        "innovations_added": _innovations(region=region, count=spec["innovations"], rng=rng, now=now),
        "articles_added": _articles(region=region, count=spec["articles"], rng=rng, now=now),
        "activities_added": _activities(region=region, count=spec["activities"], rng=rng, now=now),
    }
    return {**added, "other_apps_seconds": round(time.monotonic() - started, 1)}


def demo_ids(region) -> dict:
    """Ids of the demo rows the bench pages show (they differ between runs): the published Bimtek IV
    commitment, the adopted idea, the closed e-KTP satisfaction survey (SKM; its results are public), the
    first published article and the 2023 evaluation round."""
    from django.utils import timezone

    from kotacerdas.collaboration.models import Commitment
    from kotacerdas.evaluation.models import Round
    from kotacerdas.ideas.models import Idea
    from kotacerdas.news.models import Article
    from kotacerdas.surveys.models import Survey

    def first(qs, what: str):
        row = qs.order_by("pk").first()
        if row is None:
            raise SystemExit(f"bench: the demo has no {what} in {region.slug}")
        return row

    surveys = Survey.objects.filter(region=region, kind=Survey.Kind.SKM).order_by("pk")
    survey = next((s for s in surveys if s.results_visible() and s.opens_on <= timezone.localdate()), None)
    if survey is None:
        raise SystemExit(f"bench: the demo has no SKM survey with public results in {region.slug}")
    return {
        "commitment": first(Commitment.objects.filter(region=region, is_published=True), "published commitment").pk,
        "idea": first(Idea.objects.filter(region=region, status=Idea.Status.ADOPTED, is_hidden=False), "idea").pk,
        "survey": survey.pk,
        "article": first(Article.objects.filter(region=region, status=Article.Status.PUBLISHED), "article").slug,
        "round": first(Round.objects.filter(region=region, year=2023), "2023 evaluation round").pk,
    }


def generate(scale: str) -> dict:
    from django.utils import timezone

    from kotacerdas.demo.loader import load_demo
    from kotacerdas.masterplan.models import Indicator, Programme, Target
    from kotacerdas.monitoring.models import IndicatorValue, ProgressReport, ReportingPeriod
    from kotacerdas.regions.models import Region

    started = time.monotonic()
    # The demo's management command refuses with DEBUG off; the loader itself is safe on a bench database.
    load_demo()
    measured = Region.objects.get(slug=REGION)
    monitoring = {}
    if scale != "demo":
        spec = SCALES[scale]
        rng = random.Random(20220)
        _new_regions(spec["regions"] - Region.objects.count())
        _widen_masterplan(region=measured, first_year=_quarters(spec["periods"], timezone.localdate())[0][0])
        for region in Region.objects.order_by("pk"):
            _top_up(
                region=region,
                programmes=spec["programmes"],
                indicators=spec["indicators"],
                targets=spec["targets"],
                rng=rng,
            )
        monitoring = _monitoring(region=measured, periods=spec["periods"], rng=rng)
        monitoring.update(_participation(region=measured, spec=spec, rng=rng))
    periods = list(ReportingPeriod.objects.filter(region=measured).order_by("year", "number"))
    # Statistics first, as a live database has them (autovacuum): the roll-up is planned on the loaded tables,
    # not on the demo's estimates; again after, for the roll-up rows it wrote.
    analyze_seconds = _analyze()
    rollup, updates = _roll_up(region=measured, periods=periods)
    analyze_seconds += _analyze()
    verified = ProgressReport.objects.filter(region=measured, status=ProgressReport.Status.VERIFIED)
    return {
        "scale": describe(scale),
        "regions": Region.objects.count(),
        "programmes_in_measured_region": Programme.objects.filter(region=measured).count(),
        "programmes": Programme.objects.count(),
        "indicators": Indicator.objects.count(),
        "targets": Target.objects.count(),
        "periods": len(periods),
        "open_periods": sum(p.is_open for p in periods),
        "verified_reports": verified.count(),
        "indicator_values": IndicatorValue.objects.filter(report__in=verified).count(),
        **monitoring,
        "rollup_ms": [round(s * 1000, 1) for s in rollup],
        "rollup_median_ms": round(statistics.median(rollup) * 1000, 1) if rollup else None,
        "rollup_max_ms": round(max(rollup) * 1000, 1) if rollup else None,
        "rollup_seconds": round(sum(rollup), 1),
        "update_median_ms": round(statistics.median(updates) * 1000, 1) if updates else None,
        "update_max_ms": round(max(updates) * 1000, 1) if updates else None,
        "other_apps": _other_counts(measured),
        "analyze_seconds": analyze_seconds,
        "ids": demo_ids(measured),
        "seconds": round(time.monotonic() - started, 1),
    }


def _analyze() -> float:
    """Refresh the planner's statistics after the bulk writes, as autovacuum does on a live database within
    minutes. Without it PostgreSQL plans with the demo-size estimates: the staff reports list, e.g., read all
    5,000 reports of the region and sorted them (45 ms) instead of walking the primary key (0.2 ms)."""
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return round(time.monotonic() - started, 1)


def _other_counts(region) -> dict:
    from kotacerdas.ideas.models import Idea
    from kotacerdas.innovation.models import Innovation
    from kotacerdas.literacy.models import Activity
    from kotacerdas.news.models import Article
    from kotacerdas.participation.models import Report

    return {
        "reports": Report.objects.filter(region=region).count(),
        "ideas": Idea.objects.filter(region=region).count(),
        "innovations": Innovation.objects.filter(region=region).count(),
        "articles": Article.objects.filter(region=region, status=Article.Status.PUBLISHED).count(),
        "activities": Activity.objects.filter(region=region).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["demo", *SCALES], default="regency")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    print(json.dumps(generate(args.scale)))


if __name__ == "__main__":
    main()
