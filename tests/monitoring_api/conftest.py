import pytest
from django.core.files.storage import FileSystemStorage

from kotacerdas.monitoring.models import Evidence


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, monkeypatch):
    """Evidence files go to a throw-away folder instead of var/test-private-media."""
    monkeypatch.setattr(Evidence._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))
