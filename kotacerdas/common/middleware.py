from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
