"""Template helpers of the ideas app, usable from other apps' templates.

`{% load ideas_tags %}{% ideas_behind programme %}` lists, on a public programme page, the citizen ideas that
became the programme (one query).
"""

from django import template

from kotacerdas.ideas import selectors

register = template.Library()


@register.inclusion_tag("ideas/_ideas_behind.html", takes_context=True)
def ideas_behind(context, programme):
    region = context.get("region")
    return {
        "programme": programme,
        "region_slug": region.slug if region is not None else programme.region.slug,
        "ideas": selectors.ideas_for_programme(programme=programme),
    }


@register.filter
def person(user) -> str:
    """A person's public name: never the e-mail or phone number they log in with."""
    return selectors.display_name(user)
