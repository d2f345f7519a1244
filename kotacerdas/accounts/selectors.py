"""Reads of accounts: a person's API tokens, and those of a region's members for its admin."""

from django.db.models import F, QuerySet

from kotacerdas.regions.models import Membership

from .models import ApiToken


def api_tokens_of(*, user) -> QuerySet[ApiToken]:
    """The person's tokens, newest first, revoked ones included (they stay for the record)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def api_tokens_of_region(*, region) -> QuerySet[ApiToken]:
    """The tokens of everyone holding a role in `region`, live ones first, then newest first."""
    return (
        ApiToken.objects.filter(user__in=Membership.objects.filter(region=region).values("user"))
        .select_related("user")
        .order_by(F("revoked_at").asc(nulls_first=True), "-created_at", "-id")
    )
