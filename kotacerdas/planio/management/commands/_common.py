"""What the three commands share: the region and its current masterplan, and the acting user."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from kotacerdas.masterplan.selectors import masterplan_current_for_region
from kotacerdas.regions.models import Region


def masterplan_for(slug: str):
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise CommandError(f"No region with the slug {slug!r}.")
    masterplan = masterplan_current_for_region(region=region)
    if masterplan is None:
        raise CommandError(f"{region} has no masterplan yet.")
    return masterplan


def actor_for(username: str | None):
    """The user the audit log names (None: recorded as 'system')."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user {username!r}.")
    return user
