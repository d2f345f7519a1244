"""factory-boy factories of monitoring rows (the shared ones live in tests/factories.py)."""

import calendar
import datetime

import factory

from kotacerdas.monitoring.models import ReportingPeriod
from tests.factories import RegionFactory


def _ends_on(period) -> datetime.date:
    months = 12 // period.periods_in_year
    last_month = period.number * months
    return datetime.date(period.year, last_month, calendar.monthrange(period.year, last_month)[1])


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """A quarter, open by default, due ten days after its end (the documented default)."""

    class Meta:
        model = ReportingPeriod

    region = factory.SubFactory(RegionFactory)
    year = 2024
    number = 1
    periods_in_year = 4
    starts_on = factory.LazyAttribute(
        lambda p: datetime.date(p.year, (p.number - 1) * (12 // p.periods_in_year) + 1, 1)
    )
    ends_on = factory.LazyAttribute(_ends_on)
    due_on = factory.LazyAttribute(lambda p: p.ends_on + datetime.timedelta(days=10))
    status = ReportingPeriod.Status.OPEN
