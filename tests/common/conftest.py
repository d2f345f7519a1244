import pytest
from django.db import connections
from django.db.utils import load_backend

UNREACHABLE = {
    # A closed port on this machine: the driver's connect is refused at once.
    "postgresql": {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": "1", "OPTIONS": {}},
    # A database file in a directory that no longer exists: SQLite cannot open it.
    "sqlite": {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {}},
}


@pytest.fixture(params=sorted(UNREACHABLE))
def database_down(request, db, tmp_path):
    """The default connection pointed at a database that cannot be reached, whichever engine the suite uses.

    A real outage, not a mock: a new connection object of that engine with the unreachable settings takes the
    place of the default one for this test (the test's own transaction stays on the original, put back after).
    """
    gone = tmp_path / "gone"
    gone.mkdir()
    gone.rmdir()
    original = connections["default"]
    settings_dict = {**original.settings_dict, "NAME": str(gone / "db.sqlite3"), **UNREACHABLE[request.param]}
    if request.param == "postgresql":
        settings_dict["NAME"] = "kotacerdas"
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = broken
    try:
        yield request.param
    finally:
        broken.close()
        connections["default"] = original
