"""Settings for the test suite: real database (SQLite or DATABASE_URL), fast hashing."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-for-production-use-000000000000"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}

# Serve static files straight from the app folders; no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private-media"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A database file in memory (/dev/shm where there is one) rather than SQLite's shared-cache in-memory database:
    # there the live server's threads share one connection and a second request touching a table in use fails at
    # once with "database table is locked" (a 503 in a browser test whose service worker fetches pages in the
    # background). With a file each thread has its own connection and waits its turn (WAL, busy timeout).
    # pytest-django adds each xdist worker's suffix to the name; Django deletes the file when the run ends.
    _folder = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())  # noqa: S108
    DATABASES["default"]["TEST"] = {"NAME": str(_folder / f"kotacerdas-test-{os.getpid()}.sqlite3")}
