"""The authoring workspace is one body per set of planning rights, cached under the region's version, with each
person's header and CSRF token spliced in (issue 18): the start form works for two people from one cached
body, and setting up the rounds (audited) retires it."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotacerdas.regions.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db
TOKEN = re.compile(
    r'action="/r/luwu-utara/rencana/mulai/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"'
)


def _tp(world, username, first_name) -> Client:
    user = UserFactory(username=username, first_name=first_name, last_name="Perencana")
    MembershipFactory(region=world["home"], role=Membership.Role.TIM_PELAKSANA, user=user)
    client = Client(enforce_csrf_checks=True)
    force_login_verified(client, user)
    return client


def _read(client) -> tuple[str, bool]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("planning:workspace", kwargs={"region_slug": "luwu-utara"}))
    assert response.status_code == 200
    return response.content.decode(), any('"planning_round"' in q["sql"] for q in ctx.captured_queries)


def test_two_people_share_the_body_and_each_posts_their_own_token(world, django_capture_on_commit_callbacks):
    ani, budi = _tp(world, "ani", "Ani"), _tp(world, "budi", "Budi")
    page, built = _read(ani)
    assert built and "Ani Perencana" in page and 'data-testid="start-planning"' in page
    page, built = _read(budi)
    assert not built and "Budi Perencana" in page and "Ani" not in page
    token = TOKEN.search(page)
    assert token and "kc-shared-body-csrf-token" not in page
    start = reverse("planning:start", kwargs={"region_slug": "luwu-utara"})
    assert ani.post(start, {"csrfmiddlewaretoken": token.group(1)}).status_code == 403  # Budi's token
    with django_capture_on_commit_callbacks(execute=True):
        assert budi.post(start, {"csrfmiddlewaretoken": token.group(1)}).status_code == 302
    page, built = _read(ani)
    assert built and 'data-testid="rounds"' in page  # the audited change retired the cached body
