"""One cached body of a public page for every signed-in visitor, with only their personal parts rendered per
request (issue 18, target 3; docs/decisions/0004-whole-page-cache-with-region-version.md).

The body is built **as an anonymous visitor** (`request.user` is `AnonymousUser` while the view runs), so
nothing of the person who happened to build it can enter it: no name, no links, no permissions. The parts of
`base.html` that depend on who is reading (`PERSONAL_TEMPLATES`: the personal header and the flash messages)
are written as marks instead, and every `{% csrf_token %}` or `{{ csrf_token }}` of the body as a placeholder.
On every request, cached or not, the marks are replaced by those templates rendered for the person, and the
placeholder by the person's own CSRF token. Pages whose body depends on the person beyond those parts (the
ideas pages: "My ideas", supports and comments; the survey pages: manage links) say `personal=True` and are
built afresh for every signed-in visitor, as before.
"""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.translation import get_language

# Rendered per person into a shared body; base.html writes them with `{% personal "<name>" %}`.
PERSONAL_TEMPLATES = ("_personal_header.html", "_messages.html")
# What the CSRF token of a shared body reads until it is replaced (a real token is 64 letters and digits).
CSRF_PLACEHOLDER = "kc-shared-body-csrf-token"
# What a shared form's idempotency key reads until it is replaced by a fresh one for each answer (a form that
# names its submission, as the report form does: two visitors of one cached body must not share a key).
FORM_KEY_PLACEHOLDER = "kc-shared-body-form-key"
_ATTRIBUTE = "kc_shared_body"


def mark(name: str) -> str:
    return f"<!--kc-personal:{name}-->"


def building_shared_body(request) -> bool:
    return bool(getattr(request, _ATTRIBUTE, False))


@contextmanager
def marks_only(request):
    """Render marks for the personal parts and the CSRF placeholder while the view runs (see the module)."""
    setattr(request, _ATTRIBUTE, True)
    try:
        yield
    finally:
        setattr(request, _ATTRIBUTE, False)


@contextmanager
def as_anonymous(request):
    """Run the view as an anonymous visitor writing marks for the personal parts (see the module)."""
    user = request.user
    request.user = AnonymousUser()
    request.user.is_verified = lambda: False  # as django_otp's middleware gives every user
    try:
        with marks_only(request):
            yield
    finally:
        request.user = user


@dataclass(frozen=True)
class RegionRef:
    """The region as the personal header needs it (its slug, for the links): a cache hit reads no Region."""

    slug: str


def splice(request, response, *, region_slug: str | None) -> HttpResponse:
    """The shared `response`'s body with the personal parts rendered for `request`'s person and their CSRF
    token, as a new response (the cached one is never changed). Works on the bytes: the marks are ASCII."""
    content = response.content
    if b"<!--kc-personal:" not in content and _PLACEHOLDER not in content and _FORM_KEY not in content:
        return response  # nothing personal in it (an icon, a feed): the shared response as it is
    charset = response.charset
    for name, render in (("_personal_header.html", _header), ("_messages.html", _messages)):
        token = mark(name).encode()
        if token in content:
            content = content.replace(token, render(request, region_slug).encode(charset))
    if _PLACEHOLDER in content:
        content = content.replace(_PLACEHOLDER, get_token(request).encode())
    if _FORM_KEY in content:
        content = content.replace(_FORM_KEY, uuid.uuid4().hex.encode())
    personal = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        personal[header] = value
    return personal


_PLACEHOLDER = CSRF_PLACEHOLDER.encode()
_FORM_KEY = FORM_KEY_PLACEHOLDER.encode()


def form_key(request) -> str | None:
    """The idempotency key a form shown to `request` starts with: the placeholder in a shared body, else None
    (the form makes its own)."""
    return FORM_KEY_PLACEHOLDER if building_shared_body(request) else None


def _header(request, region_slug: str | None) -> str:
    """The personal header, by the renderer an app registered (`register_header`) or the plain template; an
    anonymous visitor's from `_ANONYMOUS_HEADERS`."""
    context = {"region": RegionRef(region_slug) if region_slug else None}
    if request.user.is_authenticated:
        if _header_renderer is not None:
            return _header_renderer(request, context)
        return render_to_string("_personal_header.html", context, request=request)
    match = getattr(request, "resolver_match", None)
    key = (get_language(), region_slug, request.get_full_path(), getattr(match, "url_name", None) == "login")
    header = _ANONYMOUS_HEADERS.get(key)
    if header is None:
        if len(_ANONYMOUS_HEADERS) >= ANONYMOUS_HEADERS_KEPT:
            _ANONYMOUS_HEADERS.clear()  # a crawler's endless query strings cannot grow it without bound
        header = _ANONYMOUS_HEADERS[key] = render_to_string("_personal_header.html", context, request=request)
    return header


# An anonymous visitor's header reads nothing of a person: the sign-in link, which depends only on the language,
# the region, the page's path (its `next`) and whether the page is the sign-in page. Rendered once per process
# for each, as the header of every anonymous answer of a cached page: rendering it cost ~0.15 ms, a sixth of such
# an answer.
_ANONYMOUS_HEADERS: dict[tuple, str] = {}
ANONYMOUS_HEADERS_KEPT = 4096


_header_renderer = None


def register_header(render) -> None:
    """Let the app that knows what the header reads of a person render it for signed-in people
    (`render(request, context) -> str`, the CSRF token as `CSRF_PLACEHOLDER`; accounts/header.py)."""
    global _header_renderer
    _header_renderer = render


def _messages(request, region_slug: str | None) -> str:
    """The person's flash messages; nothing to render (and no template) when there are none."""
    storage = get_messages(request)
    if not len(storage):
        return ""
    return get_template("_messages.html").render({"messages": storage})


def render_in_page(name: str, context) -> str | None:
    """A personal part of a page rendered as a whole (not shared): the signed-in header from the registered
    renderer with the person's CSRF token put in, no messages template when there are none. None: render the
    template as usual."""
    request = context.get("request")
    if request is None or not hasattr(request, "user"):
        return None
    if name == "_messages.html":
        return "" if not len(get_messages(request)) else None
    token = context.get("csrf_token")
    if _header_renderer is None or not request.user.is_authenticated or not token or str(token) == "NOTPROVIDED":
        return None
    slug = getattr(context.get("region"), "slug", None)
    return _header(request, slug or None).replace(CSRF_PLACEHOLDER, str(token))


def csrf_placeholder(request) -> dict:
    """Context processor: in a shared body the CSRF token is the placeholder `splice` replaces (listed after
    Django's own, so it wins there; elsewhere it adds nothing)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if building_shared_body(request) else {}
