"""Who hears about what. Each notice has a key, so an event reaches a person at most once however often
the job runs; e-mails go out from a background task."""

import datetime
import functools

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.common.notify import notify
from kotacerdas.regions.models import Membership
from kotacerdas.regions.selectors import agency_officers, members_with_role

from .models import ProgressReport, ReportEvent, ReportingPeriod


def _report_url(report) -> str:
    return reverse("monitoring:report", kwargs={"region_slug": report.region.slug, "pk": report.pk})


def notify_report_submitted(*, report_id: int) -> int:
    report = ProgressReport.objects.select_related("programme", "period", "region").get(pk=report_id)
    verifiers = members_with_role(region_id=report.region_id, role=Membership.Role.TIM_PELAKSANA)

    def message() -> str:
        return _("%(code)s %(period)s was submitted and waits for verification.") % {
            "code": report.programme.code,
            "period": report.period.label,
        }

    return notify(
        region_id=report.region_id,
        users=verifiers,
        key=f"report:{report.pk}:submitted:{report.revision}",
        message=message,
        url=_report_url(report),
    )


def notify_report_returned(*, report_id: int) -> int:
    """Tell the agency's officers, with the verifier's reason, that the report came back for revision."""
    report = ProgressReport.objects.select_related("programme", "period", "region").get(pk=report_id)
    users = agency_officers(region_id=report.region_id, agency_id=report.programme.owner_agency_id)
    event = report.events.filter(kind=ReportEvent.Kind.RETURNED).order_by("-created_at", "-pk").first()

    def message() -> str:
        return _("%(code)s %(period)s was returned for revision: %(reason)s") % {
            "code": report.programme.code,
            "period": report.period.label,
            "reason": " ".join(event.comment.split()) if event else "",
        }

    return notify(
        region_id=report.region_id,
        users=users,
        key=f"report:{report.pk}:returned:{report.revision}",
        message=message,
        url=_report_url(report),
    )


def _reminder(*, kind: str, period: ReportingPeriod, programme) -> str:
    if kind == "late":
        message = _("The %(period)s report of %(code)s is late (due %(due)s).")
    else:
        message = _("The %(period)s report of %(code)s is due on %(due)s.")
    return message % {"period": period.label, "code": programme.code, "due": date_format(period.due_on, "DATE_FORMAT")}


def send_due_reminders(*, today: datetime.date | None = None) -> int:
    """Remind officers of reports due soon and of late reports, in every open period. Safe to run often."""
    from .services import expected_programmes, monitoring_settings_for

    today = today or timezone.localdate()
    sent = 0
    for period in ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN).select_related("region"):
        config = monitoring_settings_for(period.region)
        if today > period.due_on:
            kind = "late"
        elif today >= period.due_on - datetime.timedelta(days=config.remind_days_before_due):
            kind = "due"
        else:
            continue
        done = set(
            ProgressReport.objects.filter(
                period=period, status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.VERIFIED]
            ).values_list("programme_id", flat=True)
        )
        pending = expected_programmes(region=period.region, year=period.year).exclude(pk__in=done)
        url = reverse("monitoring:my_programmes", kwargs={"region_slug": period.region.slug})
        for programme in pending.select_related("owner_agency"):
            sent += notify(
                region_id=period.region_id,
                users=agency_officers(region_id=period.region_id, agency_id=programme.owner_agency_id),
                key=f"period:{period.pk}:programme:{programme.pk}:{kind}",
                message=functools.partial(_reminder, kind=kind, period=period, programme=programme),
                url=url,
            )
    return sent
