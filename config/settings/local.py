"""Development settings: `make run` uses these."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

# Serve static files straight from the app folders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One cache shared by the web server, the worker and management commands (all on this machine): an import run
# by the worker or a command bumps the region's page version where the web server sees it, so the public pages
# are retired at once. A per-process memory cache would keep serving the old pages until they expire.
# Production keeps Redis (CACHE_URL / REDIS_URL); setting CACHE_URL here overrides the file cache too.
if "CACHE_URL" not in env.ENVIRON:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache" / "default"),
        },
        # Rate-limit counters apart, so no flood of cached pages culls them.
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache" / "ratelimit"),
        },
    }
