"""Reporting periods: a year's quarters (or other cadence) and opening and closing them."""

import calendar
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed

from ..models import (
    ReportingPeriod,
)
from ._common import monitoring_settings_for
from .plan import period_plan_freeze, period_plan_thaw
from .rollup import achievements_recompute


@transaction.atomic
def reporting_periods_create_year(*, actor, region, year: int) -> list[ReportingPeriod]:
    """Create the year's periods at the region's frequency (quarterly by default). Existing ones are kept."""
    ensure_allowed(actor, "monitoring.manage_periods", region)
    if not 2000 <= year <= 2100:
        raise ApplicationError(
            _("Enter a year between 2000 and 2100."), fields={"year": [_("Enter a year between 2000 and 2100.")]}
        )
    config = monitoring_settings_for(region)
    n = config.frequency
    months = 12 // n
    created = []
    for number in range(1, n + 1):
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        starts = datetime.date(year, first_month, 1)
        ends = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
        period, was_created = ReportingPeriod.objects.get_or_create(
            region=region,
            year=year,
            number=number,
            defaults={
                "periods_in_year": n,
                "starts_on": starts,
                "ends_on": ends,
                "due_on": ends + datetime.timedelta(days=config.due_days_after_period),
            },
        )
        if was_created:
            record_event(actor=actor, action="reporting_period.create", obj=period, after=snapshot(period))
            created.append(period)
    return created


@transaction.atomic
def reporting_period_set_status(*, actor, period: ReportingPeriod, status: str) -> ReportingPeriod:
    """Open or close a period (or reopen a closed one). Closing freezes the plan the period is measured
    against (`period_plan_freeze`) and recomputes its roll-up against it; reopening thaws it."""
    ensure_allowed(actor, "monitoring.manage_periods", period)
    if status not in (ReportingPeriod.Status.OPEN, ReportingPeriod.Status.CLOSED):
        raise ApplicationError(_("A period can only be opened or closed."))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    before = {"status": period.status}
    period.status = status
    if status == ReportingPeriod.Status.OPEN:
        period.opened_at = timezone.now()
    else:
        period.closed_at = timezone.now()
    period.save(update_fields=["status", "opened_at", "closed_at", "updated_at"])
    after = {"status": status}
    # A closed period keeps the plan it was measured against; its figures are recomputed against it.
    if status == ReportingPeriod.Status.CLOSED:
        plan = period_plan_freeze(period=period)
        after["plan_version"] = plan.version_number if plan else None
    elif before["status"] == ReportingPeriod.Status.CLOSED:
        period_plan_thaw(period=period)
    if status == ReportingPeriod.Status.CLOSED or before["status"] == ReportingPeriod.Status.CLOSED:
        achievements_recompute(region=period.region, period=period)
    record_event(actor=actor, action=f"reporting_period.{status}", obj=period, before=before, after=after)
    return period
