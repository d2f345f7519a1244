"""Template helpers of the ideas app, usable from other apps' templates."""

from django import template

from kotacerdas.ideas import selectors

register = template.Library()


@register.filter
def person(user) -> str:
    """A person's public name: never the e-mail or phone number they log in with."""
    return selectors.display_name(user)
