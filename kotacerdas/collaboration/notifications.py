"""Alerts before an agreement expires: one notification per region admin and agreement, once."""

import datetime
import functools

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.common.notify import notify
from kotacerdas.regions.models import Membership

from .models import Agreement


def _expiry(agreement: Agreement) -> str:
    return _("Agreement %(number)s (%(title)s) ends on %(date)s.") % {
        "number": agreement.number,
        "title": agreement.title,
        "date": date_format(agreement.ends_on, "DATE_FORMAT"),
    }


def send_agreement_alerts(*, today: datetime.date | None = None) -> int:
    """Notify region admins of agreements ending within their alert window. Safe to run often."""
    today = today or timezone.localdate()
    sent = 0
    agreements = Agreement.objects.filter(ends_on__gte=today).select_related("region")
    for agreement in agreements:
        if today < agreement.ends_on - datetime.timedelta(days=agreement.alert_days_before):
            continue
        admins = [
            m.user
            for m in Membership.objects.filter(
                region_id=agreement.region_id, role=Membership.Role.REGION_ADMIN
            ).select_related("user")
        ]
        sent += notify(
            region_id=agreement.region_id,
            users=admins,
            key=f"agreement:{agreement.pk}:expiry:{agreement.ends_on.isoformat()}",
            message=functools.partial(_expiry, agreement),
            url=reverse("collaboration:agreement", kwargs={"region_slug": agreement.region.slug, "pk": agreement.pk}),
        )
    return sent
