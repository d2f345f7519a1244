"""Tell the reporter when their report moves: in-app (and e-mail) for a logged-in reporter, an e-mail to
the address an anonymous reporter gave. Each update notifies at most once."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.common.notify import in_recipient_language, notify, subject_line
from kotacerdas.regions.selectors import agency_officers

from .models import ReportUpdate

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task


def _message(update: ReportUpdate) -> str:
    return _("Your report %(code)s is now: %(status)s. %(text)s") % {
        "code": update.report.tracking_code,
        "status": update.get_status_display(),
        "text": update.shown_text,
    }


def _url(update: ReportUpdate) -> str:
    report = update.report
    return reverse("participation:track", kwargs={"region_slug": report.region.slug, "code": report.tracking_code})


def notify_report_update(*, update_id: int) -> int:
    update = ReportUpdate.objects.select_related("report__region", "report__reporter").get(pk=update_id)
    report = update.report
    if report.reporter_id is not None:
        return notify(
            region_id=report.region_id,
            users=[report.reporter],
            key=f"aduan:{report.pk}:update:{update.pk}",
            message=lambda: _message(update),
            url=_url(update),
        )
    if report.reporter_email:
        email_report_update.enqueue(update_id=update.pk)
        return 1
    return 0


def notify_report_forwarded(*, update_id: int) -> int:
    """Tell the officers of the agency a report was forwarded to (in-app, e-mailed by the notices task)."""
    update = ReportUpdate.objects.select_related("report__region", "forwarded_to").get(pk=update_id)
    report = update.report

    def message() -> str:
        return _("Report #%(pk)s (%(code)s) was forwarded to %(agency)s: %(reason)s") % {
            "pk": report.pk,
            "code": report.tracking_code,
            "agency": update.forwarded_to.name,
            "reason": update.internal_note or update.text,
        }

    return notify(
        region_id=report.region_id,
        users=agency_officers(region_id=report.region_id, agency_id=update.forwarded_to_id),
        key=f"aduan:{report.pk}:forward:{update.pk}",
        message=message,
        url=reverse("participation:staff_report", kwargs={"region_slug": report.region.slug, "pk": report.pk}),
    )


@task()
def email_report_update(*, update_id: int) -> int:
    """E-mail an anonymous reporter (who gave an address) about one update."""
    update = ReportUpdate.objects.select_related("report__region").get(pk=update_id)
    address = update.report.reporter_email
    with in_recipient_language(address=address, written_in=update.report.reporter_language):
        message = _message(update)
    send_mail(
        subject=subject_line(message),
        message=f"{message}\n\n{settings.SITE_URL.rstrip('/')}{_url(update)}",
        from_email=None,
        recipient_list=[address],
        fail_silently=False,
    )
    return 1
