import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Generated resources are files: each test keeps its own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
