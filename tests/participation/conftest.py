"""Fixtures for citizen reports: categories in both regions, districts and villages, a bounding box."""

import io
import os
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from kotacerdas.participation import services
from kotacerdas.participation.models import ReportCategory
from tests.factories import AgencyFactory, DistrictFactory, VillageFactory

BBOX = {
    "min_lat": Decimal("-3.1"),
    "max_lat": Decimal("-1.8"),
    "min_lon": Decimal("119.5"),
    "max_lon": Decimal("120.9"),
}
INSIDE = ("-2.555000", "120.328000")
# A Redis database the tests write keys to, each test under a prefix of its own (never emptied as a whole).
CACHE_REDIS_URL = os.environ.get("KC_TEST_CACHE_REDIS_URL", "redis://127.0.0.1:6379/11")


def jpeg(name: str = "foto.jpg", size=(64, 48)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def aduan(world):
    """world + per region: a 'jalan' category (field check, the world's agency), a 'sampah' category routed to a
    second agency, two districts with a village each, and the bounding box of Luwu Utara on `home`."""
    data = dict(world)
    admin = world["users"]["region_admin"]
    for key in ("home", "other"):
        region = world[key]
        agency = world[key + "_agency"]
        second = AgencyFactory(region=region, acronym="DPU")
        district = DistrictFactory(region=region, name=f"Masamba {key}")
        far = DistrictFactory(region=region, name=f"Seko {key}")
        data[key + "_district"] = district
        data[key + "_far"] = far
        data[key + "_village"] = VillageFactory(district=district, region=region, name=f"Kappuna {key}")
        data[key + "_far_village"] = VillageFactory(district=far, region=region, name=f"Eno {key}")
        data[key + "_second_agency"] = second
        data[key + "_jalan"] = ReportCategory.objects.create(
            region=region,
            code="jalan",
            name="Jalan rusak",
            name_en="Damaged road",
            kind=ReportCategory.Kind.FIELD_CHECK,
            agency=agency,
        )
        data[key + "_sampah"] = ReportCategory.objects.create(
            region=region,
            code="sampah",
            name="Sampah",
            name_en="Waste",
            kind=ReportCategory.Kind.INFORMATION,
            agency=second,
        )
    services.settings_update(region=world["home"], actor=admin, **BBOX)
    return data


def submit(data, key="home", **overrides):
    """A valid anonymous report in `key`'s region through the service."""
    fields = {
        "region": data[key],
        "actor": None,
        "category": data[key + "_jalan"],
        "description": "Jalan berlubang di depan pasar",
        "lat": INSIDE[0],
        "lon": INSIDE[1],
    }
    fields.update(overrides)
    return services.report_submit(**fields).report


@pytest.fixture
def shared_cache():
    """The default cache in Redis, as in production: one cache for web processes and task workers (intake
    queues one task per region then, services.intake_queue). Keys under a prefix of this test, deleted
    afterwards. Skipped, saying why, where no Redis answers at KC_TEST_CACHE_REDIS_URL."""
    try:
        import redis

        redis.Redis.from_url(CACHE_REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception as exc:
        pytest.skip(f"no Redis answers at KC_TEST_CACHE_REDIS_URL={CACHE_REDIS_URL} ({exc.__class__.__name__})")
    default = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CACHE_REDIS_URL,
        "KEY_PREFIX": f"kc-test-{uuid.uuid4().hex[:12]}",
    }
    with override_settings(CACHES={**settings.CACHES, "default": default}):
        try:
            yield caches["default"]
        finally:
            caches["default"].delete_pattern("*")  # this test's prefix only
