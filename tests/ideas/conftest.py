import pytest
from django.utils import translation

from kotacerdas.ideas import services


@pytest.fixture(autouse=True)
def _english():
    """Service messages are matched in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def idea(world):
    """An idea of the citizen in the home region, under the governance dimension."""
    return services.idea_create(
        actor=world["users"]["citizen"],
        region=world["home"],
        title="Layanan KTP keliling desa",
        description="Mobil layanan adminduk datang ke desa terpencil setiap bulan.",
        dimension=world["home_dims"]["governance"],
    )


@pytest.fixture
def other_idea(world):
    return services.idea_create(
        actor=world["users"]["other_admin"],
        region=world["other"],
        title="Gagasan di Maros",
        description="Sebuah gagasan dari wilayah lain untuk pengujian.",
        dimension=world["other_dims"]["governance"],
    )
