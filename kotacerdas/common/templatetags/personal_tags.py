"""`{% personal "<template>" %}`: a part of the page that depends on who reads it (common/personal.py)."""

from django import template
from django.utils.safestring import mark_safe

from ..personal import PERSONAL_TEMPLATES, building_shared_body, mark, render_in_page

register = template.Library()


class PersonalNode(template.Node):
    def __init__(self, name: str):
        self.name = name

    def render(self, context):
        if building_shared_body(context.get("request")):
            return mark_safe(mark(self.name))
        fast = render_in_page(self.name, context)
        if fast is not None:
            return mark_safe(fast)  # rendered (and escaped) by the template engine
        return context.template.engine.get_template(self.name).render(context)


@register.tag
def personal(parser, token):
    """Include the named personal template, or its mark when a shared body is being built."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][1:-1] not in PERSONAL_TEMPLATES:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one of {PERSONAL_TEMPLATES}, quoted")
    return PersonalNode(bits[1][1:-1])
