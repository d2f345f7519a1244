import logging

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class LanguageMiddleware:
    """Bahasa Indonesia unless the visitor chose otherwise with the language switch (a cookie).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: many phones in Indonesia are
    set to English while their owners expect a regional government's site in Indonesian, and one language
    per cookie state keeps the whole-page cache small.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class OfflineAccountMiddleware:
    """Marks every response to a signed-in person `Cache-Control: private` and names the account in
    `X-KC-Account` (a keyed hash, not the id), so that the service worker keeps staff pages only in that
    account's own cache and deletes it at logout (docs/offline.md). Nothing shared ever holds them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            response["X-KC-Account"] = account_tag(user)
        return response


def account_tag(user) -> str:
    """The account's name in the service worker's cache names: stable, opaque, not guessable from the id."""
    return salted_hmac("kotacerdas.offline-account", str(user.pk)).hexdigest()[:32]


class DatabaseOutageMiddleware:
    """Answer 503 in each interface's own format when the database cannot be reached, instead of a 500 page.

    A lost or refused connection (PostgreSQL or SQLite alike surface as Django's `OperationalError` or
    `InterfaceError`) is not a bug in the page: the client should come back later. The JSON API answers
    `{"detail": ...}`, a view may name its own answer with a `service_unavailable(request, message, **kwargs)`
    attribute (Open311 answers in the spec's error list), and HTML pages get templates/503.html in the
    visitor's language. It only sees what views (and the templates they render) raise, so it sits last in
    MIDDLEWARE, inside LanguageMiddleware; a failure in another middleware still ends on the 500 page.
    """

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable on %s: %s", request.path, exception)
        message = gettext("The service is temporarily unavailable. Please try again in a moment.")
        match = request.resolver_match
        view = match.func if match else None
        if hasattr(view, "service_unavailable"):
            response = view.service_unavailable(request, message, **match.kwargs)
        elif _is_api_view(view):
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


def _is_api_view(view) -> bool:
    from rest_framework.views import APIView

    view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


class HeadWithoutBodyMiddleware:
    """A response to HEAD carries headers only (RFC 9110 §9.3.2).

    Django's development server and test client drop the body themselves, gunicorn does not: a body sent after
    a HEAD is read by a keep-alive client as the start of its next response. Headers (Content-Length included)
    stay as a GET would have sent them. First in MIDDLEWARE, so it sees the final response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response


class ApiNulGuardMiddleware:
    """The JSON API answers 400 in DRF's error format to a NUL byte in the path, the query string or form fields.

    PostgreSQL cannot store or compare text with NUL, so such a value would otherwise end as a database error
    (500) in whichever filter reads it. DRF's serializer fields refuse NUL in JSON bodies themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.API_PATH_PREFIX) and has_nul(request):
            message = str(_("A request may not contain NUL (0x00) characters."))
            # `errors` as the monitoring endpoints document their 400s; `detail` as DRF's other answers.
            return JsonResponse({"detail": message, "errors": {"non_field_errors": [message]}}, status=400)
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_nul(request) -> bool:
    """Whether the path, a query parameter or a form field (name or value) holds a NUL character."""
    if "\x00" in request.path_info:
        return True
    forms = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        forms.append(request.POST)
    return any("\x00" in key or "\x00" in value for form in forms for key, values in form.lists() for value in values)
