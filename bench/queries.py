"""SQL queries per request, counted in-process with Django's test client against the bench database.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/queries.py [--ids JSON] [--sql-out FILE]

For each bench page: one warm-up request (so one-time, per-process lookups are not counted), then, with
the cache emptied, the first request (a cache miss: what a page costs to build) and a second one (a hit).
Anonymous for public pages; staff pages as the page's demo user (region admin, Tim Pelaksana, DLH officer).
`--ids` is the "ids" object `generate.py` prints (the demo rows some paths name, e.g. {"idea": 1, ...});
without it they are looked up here. Prints one line of JSON: {page name: {"queries": n, "queries_cached": n,
"status": code}}.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from pages import HEADERS, PAGES, REGION, USERS, resolve  # noqa: E402


def _empty_cache() -> None:
    """Empty the page cache. A local-memory cache lives in this process only, so clearing it is harmless;
    a shared cache (REDIS_URL) is not flushed: the measured region's pages are retired the way the app does
    on a change, by bumping the region's cache version."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from kotacerdas.common.cache import invalidate_public_pages
    from kotacerdas.regions.models import Region

    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
        return
    for slug in Region.objects.values_list("slug", flat=True):
        invalidate_public_pages(slug)  # outside a transaction on_commit runs at once


def signed_in(client, username: str):
    """`force_login`, and for a user with an authenticator (the demo gives the region admin one) a session
    that gave the second factor, as `django_otp.login` leaves it after a right code."""
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def sessions() -> dict:
    """{username: Cookie header} of a signed-in session for each staff user of the pages (the session
    engine keeps them in the database, so the gunicorn workers find them)."""
    from django.test import Client

    return {u: f"sessionid={signed_in(Client(), u).cookies['sessionid'].value}" for u in USERS}


def count(pages) -> tuple[dict, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    headers = {k.lower(): v for k, v in HEADERS.items()}
    clients = {None: Client(HTTP_HOST="127.0.0.1", headers=headers)}
    for username in USERS:
        clients[username] = Client(HTTP_HOST="127.0.0.1", headers=headers)
        signed_in(clients[username], username)

    def client_for(page):
        return clients[page.user]

    for page in pages:
        client_for(page).get(page.path)

    result, sql = {}, {}
    for page in pages:
        client = client_for(page)
        _empty_cache()
        with CaptureQueriesContext(connection) as miss:
            response = client.get(page.path)
        with CaptureQueriesContext(connection) as hit:
            client.get(page.path)
        result[page.name] = {
            "queries": len(miss),
            "queries_cached": len(hit),
            "status": response.status_code,
        }
        sql[page.name] = [q["sql"] for q in miss.captured_queries]
    return result, sql


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sql-out", help="write the SQL of each page's uncached request to this JSON file")
    parser.add_argument("--sessions", action="store_true", help="print signed-in sessions of the staff users")
    parser.add_argument("--ids", help="the demo rows' ids as JSON (generate.py's \"ids\"); looked up if omitted")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    if args.sessions:
        print(json.dumps(sessions()))
        return
    if args.ids:
        ids = json.loads(args.ids)
    else:
        from generate import demo_ids

        from kotacerdas.regions.models import Region

        ids = demo_ids(Region.objects.get(slug=REGION))
    result, sql = count(resolve(PAGES, ids))
    if args.sql_out:
        Path(args.sql_out).write_text(json.dumps(sql, indent=1), encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
