"""Fixtures for citizen reports: categories in both regions, districts and villages, a bounding box."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
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
