"""Who hears about what. Each notice has a key, so an event reaches a person at most once however often
the job runs; e-mails go out from a background task."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.regions.models import Membership

from .models import Notification, ProgressReport, ReportingPeriod


def _notify(*, region_id: int, users, key: str, message: str, url: str) -> int:
    """Create one notification per user unless that user already has one with this key."""
    created = 0
    for user in users:
        try:
            with transaction.atomic():
                Notification.objects.create(region_id=region_id, user=user, key=key, message=message[:300], url=url)
                created += 1
        except IntegrityError:
            continue
    if created:
        from .tasks import email_notifications

        transaction.on_commit(lambda: email_notifications.enqueue())
    return created


def _officers(region_id: int, agency_id: int):
    return [
        m.user
        for m in Membership.objects.filter(
            region_id=region_id, role=Membership.Role.AGENCY_OFFICER, agency_id=agency_id
        ).select_related("user")
    ]


def _report_url(report) -> str:
    return reverse("monitoring:report", kwargs={"region_slug": report.region.slug, "pk": report.pk})


def notify_report_submitted(*, report_id: int) -> int:
    report = ProgressReport.objects.select_related("programme", "period", "region").get(pk=report_id)
    verifiers = [
        m.user
        for m in Membership.objects.filter(
            region_id=report.region_id, role=Membership.Role.TIM_PELAKSANA
        ).select_related("user")
    ]
    with translation.override("id"):
        message = _("%(code)s %(period)s was submitted and waits for verification.") % {
            "code": report.programme.code,
            "period": report.period.label,
        }
    return _notify(
        region_id=report.region_id,
        users=verifiers,
        key=f"report:{report.pk}:submitted:{report.revision}",
        message=message,
        url=_report_url(report),
    )


def notify_report_returned(*, report_id: int) -> int:
    report = ProgressReport.objects.select_related("programme", "period", "region").get(pk=report_id)
    users = _officers(report.region_id, report.programme.owner_agency_id)
    with translation.override("id"):
        message = _("%(code)s %(period)s was returned for revision.") % {
            "code": report.programme.code,
            "period": report.period.label,
        }
    return _notify(
        region_id=report.region_id,
        users=users,
        key=f"report:{report.pk}:returned:{report.revision}",
        message=message,
        url=_report_url(report),
    )


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
            with translation.override("id"):
                if kind == "late":
                    message = _("The %(period)s report of %(code)s is late (due %(due)s).")
                else:
                    message = _("The %(period)s report of %(code)s is due on %(due)s.")
                message = message % {
                    "period": period.label,
                    "code": programme.code,
                    "due": period.due_on.strftime("%d/%m/%Y"),
                }
            sent += _notify(
                region_id=period.region_id,
                users=_officers(period.region_id, programme.owner_agency_id),
                key=f"period:{period.pk}:programme:{programme.pk}:{kind}",
                message=message,
                url=url,
            )
    return sent
