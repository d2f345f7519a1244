"""Bench data: the Luwu Utara demo, then extra regions and programmes in bulk up to a stated scale.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/generate.py --scale demo|small|regency

Idempotent like the demo loader: regions are matched on their Kemendagri code and each region's current
masterplan is topped up to the stated number of programmes, so a second run adds nothing. Prints one line
of JSON with the counts it ended with.
"""

import argparse
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from pages import REGION, SCALES, describe  # noqa: E402

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


def generate(scale: str) -> dict:
    from kotacerdas.demo.loader import load_demo
    from kotacerdas.masterplan.models import Indicator, Programme, Target
    from kotacerdas.regions.models import Region

    started = time.monotonic()
    # The demo's management command refuses with DEBUG off; the loader itself is safe on a bench database.
    load_demo()
    if scale != "demo":
        spec = SCALES[scale]
        rng = random.Random(20220)
        _new_regions(spec["regions"] - Region.objects.count())
        for region in Region.objects.order_by("pk"):
            _top_up(
                region=region,
                programmes=spec["programmes"],
                indicators=spec["indicators"],
                targets=spec["targets"],
                rng=rng,
            )
    measured = Region.objects.get(slug=REGION)
    return {
        "scale": describe(scale),
        "regions": Region.objects.count(),
        "programmes_in_measured_region": Programme.objects.filter(region=measured).count(),
        "programmes": Programme.objects.count(),
        "indicators": Indicator.objects.count(),
        "targets": Target.objects.count(),
        "seconds": round(time.monotonic() - started, 1),
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
