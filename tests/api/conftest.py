import pytest
from django.core import signals
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def _wsgi_keeps_the_test_connection():
    """Tests here call the WSGI application itself (as gunicorn does). Like Django's test client, keep it from
    closing the database connection at the end of each request: the test's transaction lives on it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
