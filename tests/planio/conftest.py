"""A masterplan like the demo's: programmes in several dimensions, elements, supporting agencies, quick wins,
indicators with yearly targets (whole and fractional)."""

from decimal import Decimal

import pytest

from tests.factories import AgencyFactory, IndicatorFactory, ProgrammeFactory, TargetFactory


@pytest.fixture
def plan(world):
    """world's home masterplan (2022–2032) with GOV-01 plus five programmes; returns the world dict."""
    region, plan, dims = world["home"], world["home_plan"], world["home_dims"]
    dlh = world["home_agency"]
    kominfo = AgencyFactory(region=region, acronym="DISKOMINFO", name="Dinas Komunikasi dan Informatika")
    bappeda = AgencyFactory(region=region, acronym="BAPPEDA", name="Badan Perencanaan Pembangunan Daerah")
    specs = [
        ("GOV-02", "governance", kominfo, [bappeda], False),
        ("ECO-01", "economy", bappeda, [kominfo, dlh], True),
        ("ECO-02", "economy", kominfo, [], False),
        ("ENV-01", "environment", dlh, [bappeda], False),
        ("SOC-01", "society", kominfo, [], True),
    ]
    for n, (code, key, owner, supporting, quick) in enumerate(specs):
        dimension = dims[key]
        programme = ProgrammeFactory(
            masterplan=plan,
            code=code,
            title=f"Program {code}",
            dimension=dimension,
            element=dimension.elements.order_by("order").first(),
            owner_agency=owner,
            start_year=2023,
            end_year=2027 + n,
            budget_estimate=Decimal(1_500_000 * (n + 1)),
            is_quick_win=quick,
            quick_win_year=2023 if quick else None,
        )
        programme.supporting_agencies.set(supporting)
        for i in range(2):
            indicator = IndicatorFactory(
                programme=programme, name=f"Indikator {code} {i + 1}", unit="%", order=i, baseline_year=2021
            )
            for year in range(2023, 2028):
                TargetFactory(indicator=indicator, year=year, value=Decimal(10 * (year - 2022)) + Decimal("0.5") * i)
    world["agencies"] = {"DLH": dlh, "DISKOMINFO": kominfo, "BAPPEDA": bappeda}
    return world
