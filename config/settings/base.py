"""Settings shared by every environment. Environment-specific files import from here."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.csp import site_directives

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # The back office asks for the second factor too (kotacerdas.accounts.admin_site).
    "kotacerdas.accounts.admin_site.VerifiedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "kotacerdas.common",
    "kotacerdas.accounts",
    "kotacerdas.regions",
    "kotacerdas.audit",
    "kotacerdas.masterplan",
    "kotacerdas.monitoring",
    "kotacerdas.collaboration",
    "kotacerdas.planning",
    "kotacerdas.planio",
    "kotacerdas.participation",
    "kotacerdas.ideas",
    "kotacerdas.surveys",
    "kotacerdas.evaluation",
    "kotacerdas.innovation",
    "kotacerdas.literacy",
    "kotacerdas.news",
    "kotacerdas.opendata",
    "kotacerdas.portal",
    "kotacerdas.national",
    "kotacerdas.demo",
]

MIDDLEWARE = [
    "kotacerdas.common.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, but a request naming a replaced session id does not delete the new one (accounts/session_user.py).
    "kotacerdas.accounts.session_user.SessionMiddleware",
    "kotacerdas.common.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "kotacerdas.accounts.session_user.AuthenticationMiddleware",  # Django's, the user's row read by one statement
    # Staff pages: private, named by account, so the service worker keeps them per account (docs/offline.md).
    "kotacerdas.common.middleware.OfflineAccountMiddleware",
    "kotacerdas.accounts.middleware.OTPMiddleware",  # django_otp's, the device read by one statement
    "kotacerdas.accounts.middleware.AccountSecurityMiddleware",
    "kotacerdas.common.middleware.ApiNulGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns a login refused by the lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees what views raise: a database outage becomes a 503 in each interface's format.
    "kotacerdas.common.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # After Django's CSRF processor: a shared cached body gets a placeholder (common/personal.py).
                "kotacerdas.common.personal.csrf_placeholder",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: a locked-out account or client is refused before any backend hashes the password.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Citizens log in with their e-mail or phone in any spelling (0812-…, +62 812…); see docs/ideas.md.
    "kotacerdas.ideas.backends.IdentifierBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:staff_home"
LOGOUT_REDIRECT_URL = "national:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first; English second. Every user-facing string goes through gettext.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # one date format per language (config/formats/<lang>/formats.py)
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://kotacerdas"),
    # Rate-limit counters (common.ratelimit) apart from the page cache, so no flood of URLs evicts them.
    "ratelimit": env.cache("RATELIMIT_CACHE_URL", default="locmemcache://kotacerdas-ratelimit"),
}
# Whole public pages are cached per region and language; changes bump the region's version key.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)

TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")},
}
# Background jobs hold a lease (kotacerdas/common/jobs.py): the worker refreshes a running job's heartbeat at
# least every JOB_HEARTBEAT_SECONDS; one older than JOB_LEASE_SECONDS means the worker died, and the job is
# run again until it had JOB_MAX_ATTEMPTS runs, then marked failed.
JOB_HEARTBEAT_SECONDS = env.int("JOB_HEARTBEAT_SECONDS", default=15)
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=90)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=2)

REST_FRAMEWORK = {
    # The site's session for the browser; a hashed per-user token for integrations (docs/api.md). No Basic
    # auth: it would run the slow password hasher on every request, before any throttle.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "kotacerdas.accounts.tokens.TokenAuthentication",
    ],
    # Closed by default: a public endpoint says so with kotacerdas.common.api.PublicRead.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "kotacerdas.common.api.Pagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "kotacerdas.common.throttling.AnonRateThrottle",
        "kotacerdas.common.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="600/min"),
    },
}
API_PATH_PREFIX = "/api/"
# Failed API token attempts per client address and hour; more answer 429 before any lookup.
API_TOKEN_FAILURES_PER_HOUR = env.int("API_TOKEN_FAILURES_PER_HOUR", default=30)
SPECTACULAR_SETTINGS = {
    "TITLE": "Kota Cerdas API",
    "DESCRIPTION": "Open API of the Kota Cerdas smart city platform. Public data needs no login.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Served from our own static files: the docs work offline on an intranet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kotacerdas.common.api.caller_shapes_any_of",
    ],
    # Choice sets of the same field name in different models get their own names in the schema.
    "ENUM_NAME_OVERRIDES": {
        "EvidenceKindEnum": "kotacerdas.monitoring.models.Evidence.Kind",
        "ProgressReportStatusEnum": "kotacerdas.monitoring.models.ProgressReport.Status",
        "IdeaStatusEnum": "kotacerdas.ideas.models.Idea.Status",
        "ArticleStatusEnum": "kotacerdas.news.models.Article.Status",
        "CitizenReportStatusEnum": "kotacerdas.participation.models.Report.Status",
    },
}

# Uploads: a hard ceiling here; each upload field checks its own, smaller limit by content.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# How many reverse proxies in front of Django append to X-Forwarded-For (1 behind the nginx of
# docs/deploy.md); 0 trusts only the socket's address. The one client-address rule: common.clientip.
CLIENT_IP_PROXY_COUNT = env.int("CLIENT_IP_PROXY_COUNT", default=0)

# The region "/" opens; with none set (or not found) "/" lists the regions.
DEFAULT_REGION_SLUG = env("DEFAULT_REGION_SLUG", default="luwu-utara")

# Absolute address of the site, for links in e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Background tiles of the report maps (Leaflet itself is served locally). On an intranet without internet
# access set MAP_TILE_URL to a local tile server, or to "" for no tiles: the kecamatan/desa lists and typed
# coordinates still work, and the map shows the markers on a blank background.
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="© OpenStreetMap contributors")

# Content-Security-Policy on every response, enforced: no inline script or style, tiles from MAP_TILE_URL's host
# (docs/security.md). A view that sets its own header (stored files) keeps it; the API docs relax it per view.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": site_directives(tile_url=MAP_TILE_URL)}
# Files that are not public (report evidence): served only through views that check permissions.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private-media")

# Sessions read from the cache first (Redis in production), written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts and sign-in (docs/security.md) ---------------------------------------------------------------
# Reverse proxies in front of Django that append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
CLIENT_IP_PROXY_COUNT = env.int("CLIENT_IP_PROXY_COUNT", default=0)
# Sessions expire after this much inactivity: staff a working day, citizens a month (set at login by role).
STAFF_SESSION_SECONDS = env.int("STAFF_SESSION_SECONDS", default=8 * 3600)
CITIZEN_SESSION_SECONDS = env.int("CITIZEN_SESSION_SECONDS", default=30 * 24 * 3600)
SESSION_COOKIE_AGE = STAFF_SESSION_SECONDS
# Lockout (django-axes): per account and client, and a looser limit per account from any client.
AXES_HANDLER = "kotacerdas.accounts.lockout.AccountLockoutHandler"
AXES_VERBOSE = False  # no banner on every command and test run; lockouts are still logged
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = env.int("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kotacerdas.common.clientip.client_ip"
AXES_USERNAME_CALLABLE = "kotacerdas.accounts.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "kotacerdas.accounts.views.lockout_response"
# Second factor (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "Kota Cerdas"
