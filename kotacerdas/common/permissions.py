"""The permission check write services make themselves, so a caller that skipped the view's check (a task,
a script, a new endpoint) cannot write what the acting user may not."""

from django.utils.translation import gettext as _

from .exceptions import ApplicationError


def ensure_allowed(actor, perm: str, obj=None) -> None:
    """Refuse (ApplicationError, translated) unless `actor` holds the django-rules permission `perm` on `obj`.

    No actor (None) is refused like an anonymous visitor: services that accept anonymous input say so themselves.
    """
    if actor is None or not actor.has_perm(perm, obj):
        raise ApplicationError(_("You are not allowed to do this."))


def ensure_region_active(region) -> None:
    """Refuse public input (a report, a survey answer, a sign-up) for a region that is switched off."""
    if not region.is_active:
        raise ApplicationError(_("This region is not active on the platform."))
