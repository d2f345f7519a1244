"""One permission sweep over every URL pattern of the project.

Every named pattern under `get_resolver()` (namespaced includes, the API, Open311, /evaluasi/ included) must
have a row in tests/access_table.py; a GET by each visitor of the role matrix gets what its access class says,
a POST with an empty body to a write view never succeeds for a visitor who may not write, and nobody ever
gets a 500. The data is built once for the module (tests/sweep_objects.py); every test runs in its own
transaction on top of it, so a POST that did change something is rolled back before the next one.
"""

import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kotacerdas.audit.models import AuditEvent
from tests.access_table import ACCESS, EXCLUDED_NAMESPACES, get_ok, post_ok
from tests.roles import ALL_USERS
from tests.sweep_objects import build_sweep_world

VISITORS = [*ALL_USERS, "superuser"]
REGION_LOGIN = re.compile(r"^/r/[\w-]+/masuk/(\?|$)")


def url_names(resolver=None, namespace="", params=()) -> dict[str, list[str]]:
    """Every named URL pattern below `resolver`, walking includes recursively: {"namespace:name": the names of
    its parameters, the enclosing includes' first}."""
    found = {}
    for entry in (resolver or get_resolver()).url_patterns:
        own = [*params, *entry.pattern.regex.groupindex]
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if inner.rstrip(":") not in EXCLUDED_NAMESPACES:
                found.update(url_names(entry, inner, own))
        elif isinstance(entry, URLPattern) and entry.name:
            found[namespace + entry.name] = own
    return found


PARAMS = url_names()
ALL_NAMES = sorted(PARAMS)


@pytest.fixture(scope="module")
def sweep(django_db_setup, django_db_blocker, tmp_path_factory):
    """The sweep's world, built once in a transaction that is rolled back when the module is done."""
    media = tmp_path_factory.mktemp("sweep-media")
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        from django.conf import settings

        patch.setattr(settings, "MEDIA_ROOT", media / "public")
        patch.setattr(settings, "PRIVATE_MEDIA_ROOT", media / "private")
        with transaction.atomic():
            yield build_sweep_world()
            transaction.set_rollback(True)


def path_for(name: str, w: dict) -> str:
    """The pattern's path with every parameter filled from the sweep's world (see Row.kwargs)."""
    return reverse(name, kwargs=ACCESS[name].kwargs(w, PARAMS[name])) + ACCESS[name].query


def describe(response) -> str | int:
    location = response.get("Location", "")
    # The staff login, or a region's own sign-in page (citizens' pages send there).
    if response.status_code == 302 and (location.startswith("/akun/masuk/") or REGION_LOGIN.match(location)):
        return "login"
    return response.status_code


def test_every_url_is_in_the_access_table():
    missing = sorted(set(ALL_NAMES) - set(ACCESS))
    assert not missing, (
        "These URL names are not in the permission sweep. Add each to ACCESS in tests/access_table.py with "
        f"the access class that says who may open it (and the object its ids point at): {missing}"
    )
    assert not sorted(set(ACCESS) - set(ALL_NAMES)), "tests/access_table.py lists URL names that no longer exist"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ALL_NAMES)
def test_get(sweep, client_for, name):
    if name not in ACCESS:
        pytest.fail(f"{name} is missing from tests/access_table.py")
    path = path_for(name, sweep)
    wrong = {}
    for who in VISITORS:
        client = client_for(sweep["users"][who])
        got = describe(client.get(path))
        if not get_ok(ACCESS[name], who, got):
            wrong[who] = got
    assert not wrong, f"GET {path} ({ACCESS[name].access.name}): unexpected {wrong}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n in ALL_NAMES if n in ACCESS and ACCESS[n].post))
def test_empty_post_never_succeeds_for_who_may_not_write(sweep, client_for, name):
    path = path_for(name, sweep)
    wrong = {}
    for who in VISITORS:
        client = client_for(sweep["users"][who])
        audit = AuditEvent.objects.count()
        got = describe(client.post(path, {}))
        if not post_ok(ACCESS[name], who, got):
            wrong[who] = got
        elif not ACCESS[name].post.allows(who) and AuditEvent.objects.count() != audit:
            wrong[who] = f"{got}, and it wrote an audit event"
    assert not wrong, f"POST {path} ({ACCESS[name].post.name}): unexpected {wrong}"
