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


@pytest.fixture
def authored(plan):
    """`plan` with round I–IV content: readiness scores, a SWOT, strategies, milestones and quick-win steps."""
    from kotacerdas.masterplan.models import Programme
    from kotacerdas.planning.models import Milestone, PillarAnalysis, QuickWinStep, ReadinessItem, Strategy

    region, mp = plan["home"], plan["home_plan"]
    for pillar, scores in (("struktur", [3, 2, 4]), ("infrastruktur", [1, 2]), ("suprastruktur", [4, 3, 3])):
        for n, score in enumerate(scores):
            ReadinessItem.objects.create(
                region=region,
                masterplan=mp,
                pillar=pillar,
                order=n,
                question=f"Pertanyaan {pillar} {n + 1}",
                score=score,
                evidence="Perbup 12/2022",
            )
        PillarAnalysis.objects.create(
            region=region,
            masterplan=mp,
            pillar=pillar,
            strengths="Komitmen bupati\nTim aktif",
            weaknesses="SDM TIK terbatas",
            opportunities="Dana desa",
            threats="Jaringan di pegunungan",
            gap_summary=f"Kesenjangan {pillar}",
        )
    governance = plan["home_dims"]["governance"]
    Strategy.objects.create(region=region, masterplan=mp, dimension=governance, text="Layanan publik satu pintu")
    eco = Programme.objects.get(masterplan=mp, code="ECO-01")
    Milestone.objects.create(region=region, programme=eco, year=2025, title="Pasar daring di 20 desa")
    QuickWinStep.objects.create(region=region, programme=eco, order=1, description="Pelatihan pedagang")
    return plan
