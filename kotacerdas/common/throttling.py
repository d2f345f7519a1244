"""DRF throttles on the one rate limiter's cache and client-address rule (common.ratelimit, common.clientip).

DRF's own classes count in the default cache (the page cache) and key anonymous callers on the whole
X-Forwarded-For header, which a caller can vary at will.
"""

from django.core.cache import caches
from rest_framework import throttling

from .clientip import client_ip
from .ratelimit import CACHE_ALIAS


class _OurCache:
    @property
    def cache(self):
        return caches[CACHE_ALIAS]

    def get_ident(self, request):
        return client_ip(request) or "unknown"


class AnonRateThrottle(_OurCache, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_OurCache, throttling.UserRateThrottle):
    pass
