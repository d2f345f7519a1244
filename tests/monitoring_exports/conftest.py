"""Export fixtures: a closed 2024 Q1 in the home region with a verified, a draft and a missing report."""

import pytest
from django.core.files.storage import FileSystemStorage

from kotacerdas.monitoring.models import ExportJob
from tests.factories import IndicatorFactory, ProgrammeFactory, TargetFactory
from tests.monitoring_api.helpers import close_period, draft_report, open_period, verified_report


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, monkeypatch):
    """Export files go to a throw-away folder instead of var/test-private-media."""
    monkeypatch.setattr(ExportJob._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))


@pytest.fixture
def q1(world):
    """2024 Q1, closed. GOV-01 verified (30 against a target of 40: 75%); ECO-01 (two indicators) left as
    a draft; ENV-01 (no indicators) never reported."""
    plan, dims, agency = world["home_plan"], world["home_dims"], world["home_agency"]
    eco = ProgrammeFactory(
        masterplan=plan, code="ECO-01", title="Pasar digital", dimension=dims["economy"], owner_agency=agency
    )
    traders = IndicatorFactory(programme=eco, name="Pedagang daring", unit="orang", order=1)
    TargetFactory(indicator=traders, year=2024, value=200)
    sales = IndicatorFactory(programme=eco, name="Transaksi daring", unit="juta Rp", order=2)
    TargetFactory(indicator=sales, year=2024, value=400)
    ProgrammeFactory(
        masterplan=plan, code="ENV-01", title="Bank sampah", dimension=dims["environment"], owner_agency=agency
    )
    period = open_period(world)
    verified_report(world, period, realised="30", progress="60", budget="1.500.000")
    draft_report(world, period, programme=eco, realised="100", progress="20", budget="")
    world["eco"] = eco
    world["period"] = close_period(world, period)
    return world
