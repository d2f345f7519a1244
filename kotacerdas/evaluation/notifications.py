"""Who hears about an evaluation round: the region admin when a round opens and when results are
published (with the Tim Pelaksana and the Dewan), the assessors when the self-assessment is submitted.
In-app notices and e-mail (monitoring's notices), each at most once per person and event."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kotacerdas.common.notify import notify
from kotacerdas.regions.models import Membership

from .models import Round

Role = Membership.Role


def _members(region_id: int, roles) -> list:
    return [m.user for m in Membership.objects.filter(region_id=region_id, role__in=roles).select_related("user")]


def notify_round(*, round_id: int, event: str) -> int:
    """event: "opened", "submitted" or "published". Returns the number of notices created."""
    round_ = Round.objects.select_related("region").get(pk=round_id)
    region = round_.region
    if event == "opened":
        users = _members(region.pk, [Role.REGION_ADMIN])
        text = gettext_noop("The smart city evaluation %(year)s is open: complete and submit the self-assessment.")
    elif event == "submitted":
        users = list(round_.assessors.all())
        text = gettext_noop("%(region)s submitted its self-assessment %(year)s: it waits for your scores.")
    else:
        users = _members(region.pk, [Role.REGION_ADMIN, Role.TIM_PELAKSANA, Role.DEWAN])
        text = gettext_noop("The results of the smart city evaluation %(year)s were published.")

    def message() -> str:
        return _(text) % {"year": round_.year, "region": region.display_name}

    page = "evaluation:results" if event == "published" else "evaluation:round"
    return notify(
        region_id=region.pk,
        users=users,
        key=f"evaluation:{round_.pk}:{event}",
        message=message,
        url=reverse(page, kwargs={"region_slug": region.slug, "pk": round_.pk}),
    )
