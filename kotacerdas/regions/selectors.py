"""Reads about regions and their people that other apps need (they ask here rather than query Membership)."""

from .models import Membership


def members_with_role(*, region_id: int, role: str, agency_id: int | None = None) -> list:
    """The users holding `role` in the region (for agency officers: of that agency when `agency_id` is given)."""
    memberships = Membership.objects.filter(region_id=region_id, role=role)
    if agency_id is not None:
        memberships = memberships.filter(agency_id=agency_id)
    return [m.user for m in memberships.select_related("user")]


def agency_officers(*, region_id: int, agency_id: int) -> list:
    """The agency's officers in the region: who hears about that agency's reports."""
    return members_with_role(region_id=region_id, role=Membership.Role.AGENCY_OFFICER, agency_id=agency_id)
