"""The holiday calendar and the deadlines it moves (SP4N-LAPOR working days)."""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Region

from .. import workdays
from ..models import (
    Holiday,
    Report,
    ReportSettings,
)
from ._common import _check_text
from .settings import CONFIG_CACHE_SECONDS, forget_cached, settings_for
from .stats import stats_rebuild


def _holidays_key(region_id: int) -> str:
    return f"kc:report-holidays:{region_id}"


def holiday_dates(region: Region, *, fresh: bool) -> frozenset:
    """Every date of the region's holiday calendar (a few dozen a year), cached like the settings."""
    key = _holidays_key(region.pk)
    dates = None if fresh else cache.get(key)
    if dates is None:
        dates = frozenset(Holiday.objects.filter(region=region).values_list("date", flat=True))
        cache.set(key, dates, CONFIG_CACHE_SECONDS)
    return dates


def due_dates(
    *,
    region: Region,
    config: ReportSettings,
    start: datetime.datetime,
    kind: str,
    fresh: bool = False,
    holidays: frozenset | None = None,
) -> tuple:
    """(first response due, resolution due) for a report of this kind arriving at `start`: working days
    (skipping weekends and the region's holidays) or calendar days, as the region's settings say. The
    calendar is `holidays` if given (the dates), else from the cache unless `fresh`."""
    first, resolve = config.first_response_days, config.days_for(kind)
    if not config.count_working_days:
        return start + datetime.timedelta(days=first), start + datetime.timedelta(days=resolve)
    local_start = timezone.localtime(start).date()
    end = workdays.window_end(start, max(first, resolve))
    calendar = holiday_dates(region, fresh=fresh) if holidays is None else holidays
    holidays = {day for day in calendar if local_start < day <= end}
    return workdays.add_working_days(start, first, holidays), workdays.add_working_days(start, resolve, holidays)


@transaction.atomic
def holiday_save(*, region: Region, actor, date: datetime.date, name: str, kind: str) -> Holiday:
    """Add a day to the region's holiday calendar (one entry per date). Reports already received keep their
    deadlines (see `deadlines_recompute`)."""
    ensure_allowed(actor, "participation.manage", region)
    name = _check_text(name, field="name", required=True, limit=120)
    if kind not in Holiday.Kind.values:
        raise ApplicationError(_("Choose a kind."), fields={"kind": [_("Choose a kind.")]})
    if Holiday.objects.filter(region=region, date=date).exists():
        message = _("%(date)s is already in the calendar.") % {"date": date_format(date, "DATE_FORMAT")}
        raise ApplicationError(message, fields={"date": [message]})
    holiday = Holiday.objects.create(region=region, date=date, name=name, kind=kind)
    forget_cached(_holidays_key(region.pk))
    record_event(actor=actor, action="holiday.create", obj=holiday, after=snapshot(holiday, ["date", "name", "kind"]))
    return holiday


@transaction.atomic
def holiday_delete(*, holiday: Holiday, actor) -> None:
    ensure_allowed(actor, "participation.manage", holiday)
    before = snapshot(holiday, ["date", "name", "kind"])
    holiday.delete()
    forget_cached(_holidays_key(holiday.region_id))
    record_event(actor=actor, action="holiday.delete", obj=holiday, before=before)


@transaction.atomic
def holidays_load(*, region: Region, actor, year: int) -> int:
    """Add the year's national holidays and cuti bersama (`workdays.NATIONAL_HOLIDAYS`) that the region's
    calendar lacks; returns how many were added. A year without a verified list is refused.
    `actor=None` is the operator at the console (`manage.py load_holidays`); a user needs `participation.manage`."""
    if actor is not None:
        ensure_allowed(actor, "participation.manage", region)
    rows = workdays.NATIONAL_HOLIDAYS.get(year)
    if not rows:
        years = ", ".join(str(y) for y in sorted(workdays.NATIONAL_HOLIDAYS))
        message = _("No verified national list for %(year)s (available: %(years)s). Add the days one by one.") % {
            "year": year,
            "years": years,
        }
        raise ApplicationError(message, fields={"year": [message]})
    existing = set(Holiday.objects.filter(region=region, date__year=year).values_list("date", flat=True))
    new = [
        Holiday(
            region=region,
            date=datetime.date.fromisoformat(day),
            name=name,
            kind=Holiday.Kind.CUTI_BERSAMA if cuti else Holiday.Kind.NATIONAL,
        )
        for day, name, cuti in rows
        if datetime.date.fromisoformat(day) not in existing
    ]
    if not new:
        return 0
    Holiday.objects.bulk_create(new)
    forget_cached(_holidays_key(region.pk))
    record_event(
        actor=actor,
        action="holiday.load",
        obj=region,
        after={"year": year, "added": [h.date.isoformat() for h in new]},
    )
    return len(new)


@transaction.atomic
def deadlines_recompute(*, region: Region, actor) -> int:
    """Recompute the deadlines of the region's open reports from their arrival time under today's settings
    and holiday calendar (after a late calendar correction), then recount the statistics. A deadline already
    met or missed (a first response given, a report closed) is history and is not touched."""
    ensure_allowed(actor, "participation.manage", region)
    config = settings_for(region, fresh=True)
    changed = 0
    reports = Report.objects.filter(region=region, status__in=Report.OPEN_STATUSES).select_related("category")
    for report in reports.select_for_update().iterator(chunk_size=2000):
        first_due, resolution_due = due_dates(
            region=region, config=config, start=report.created_at, kind=report.category.kind, fresh=True
        )
        fields = {"resolution_due": resolution_due}
        if report.first_response_at is None:
            fields["first_response_due"] = first_due
        if all(getattr(report, name) == value for name, value in fields.items()):
            continue
        Report.objects.filter(pk=report.pk).update(**fields)
        changed += 1
    stats_rebuild(region=region)
    record_event(actor=actor, action="report.deadlines_recompute", obj=region, after={"changed": changed})
    return changed
