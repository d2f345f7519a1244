"""The personal header (templates/_personal_header.html) of a signed-in person, rendered once per process for
everything it reads of the person instead of on every request (issue 18, target 3; common/personal.py).

A signed-in person's header depends only on the language, the region (its slug, for the links), their name and
whether they are a citizen only (the template's `citizen_only`); their CSRF token is spliced in afterwards.
Two people with the same name and kind of account get the same HTML, so keying on those facts is exact, and a
change of name or role gives a new key at once: nothing to retire.
"""

from django.template.loader import get_template
from django.utils.translation import get_language

from kotacerdas.common.personal import CSRF_PLACEHOLDER

from .policy import is_citizen_only

_RENDERED: dict[tuple, str] = {}
_MAX = 4096  # distinct (language, region, name, kind) in one process before it starts over


def render_header(request, context: dict) -> str:
    user = request.user
    region = context.get("region")
    key = (get_language(), region and region.slug, user.get_full_name(), user.get_username(), is_citizen_only(user))
    header = _RENDERED.get(key)
    if header is None:
        if len(_RENDERED) >= _MAX:
            _RENDERED.clear()
        header = get_template("_personal_header.html").render(
            {**context, "user": user, "request": request, "csrf_token": CSRF_PLACEHOLDER}
        )
        _RENDERED[key] = header
    return header
