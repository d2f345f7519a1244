"""What the personal header (templates/_personal_header.html) asks about the signed-in person."""

from django import template

from ..policy import is_citizen_only

register = template.Library()


@register.filter
def citizen_only(user) -> bool:
    """True for someone who only takes part as a citizen: they get no link to the staff pages."""
    return bool(user.is_authenticated and is_citizen_only(user))
