"""Profile report intake in-process: N Open311 POSTs and N web-form POSTs through Django's test Client with
production settings, on a database the intake bench filled (its demo region, rate limits lifted), under
cProfile with a CPU clock. Prints the CPU per POST and the top functions by cumulative and own time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_h18i_bench REDIS_URL=redis://127.0.0.1:6379/13 \
        .venv/bin/python bench/profile_intake.py [--posts 300] [--only open311|web] [--top 40] [--plain]
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REGION = "luwu-utara"


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    import django

    django.setup()


def _posters():
    """(name, a function making one POST) for each channel, with a fresh idempotency key per POST."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kotacerdas.participation import services
    from kotacerdas.participation.models import ReportCategory
    from kotacerdas.regions.models import Region

    region = Region.objects.get(slug=REGION)
    admin = get_user_model().objects.get(username="admin.lutra")
    _key, raw = services.api_key_create(region=region, actor=admin, name=f"profile {uuid.uuid4().hex[:6]}")
    category = ReportCategory.objects.get(region=region, code="sampah")
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    form = {"api_key": raw, "jurisdiction_id": REGION, "service_code": "sampah", "lat": "-2.556", "long": "120.330"}

    def open311():
        body = {**form, "description": "Sampah menumpuk di depan pasar (profile)"}
        response = client.post("/open311/v2/requests.json", body, HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex)
        assert response.status_code == 200, response.content[:300]

    def web():
        body = {
            "category": category.pk,
            "description": "Sampah menumpuk (profile, formulir web)",
            "lat": "-2.556",
            "lon": "120.330",
            "idempotency_key": uuid.uuid4().hex,
        }
        response = client.post(f"/r/{REGION}/aduan/baru/", body)
        assert response.status_code == 302, response.content[:300]
        client.cookies.pop("messages", None)  # a browser shows the thank-you on the next page; none piles up

    return {"open311": open311, "web": web}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--only", choices=("open311", "web"))
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--plain", action="store_true", help="only the CPU per POST, no profile")
    args = parser.parse_args()
    _setup()
    for name, post in _posters().items():
        if args.only and name != args.only:
            continue
        for _ in range(20):  # warm: imports, templates, connections, caches
            post()
        started = time.process_time()
        for _ in range(args.posts):
            post()
        plain = (time.process_time() - started) * 1000 / args.posts
        if args.plain:
            print(f"== {name}: {plain:.2f} ms CPU per POST in this process")
            continue
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(args.posts):
            post()
        profile.disable()
        print(f"== {name}: {plain:.2f} ms CPU per POST in this process (without the profiler)")
        for key in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key).print_stats(args.top)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
