import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Service messages are matched in English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
