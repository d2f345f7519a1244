"""Monitoring fixtures on top of `world`: an open 2024 Q1 reporting period in each region.

`world["home_programme"]` (GOV-01, owned by the home agency DLH) already has one indicator with a 2024
target of 40; `mon["indicator"]` is that indicator.
"""

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import translation

from kotacerdas.monitoring.models import Evidence

from .factories import ReportingPeriodFactory


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, monkeypatch):
    """Evidence files go to a throw-away folder instead of var/test-private-media."""
    monkeypatch.setattr(Evidence._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))


@pytest.fixture(autouse=True)
def _indonesian():
    """Services parse numbers in the active language; start each test in the site's default (a request made
    by an earlier test with the English cookie must not leak into this one). Modules override it."""
    with translation.override("id"):
        yield


@pytest.fixture
def mon(world):
    world["home_period"] = ReportingPeriodFactory(region=world["home"], year=2024, number=1)
    world["other_period"] = ReportingPeriodFactory(region=world["other"], year=2024, number=1)
    world["indicator"] = world["home_programme"].indicators.get()
    return world
