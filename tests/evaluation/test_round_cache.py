"""The round page of someone who only reads it is one body shared by every reader who sees it alike, cached
under the region's version with their own header spliced in (issue 18); anyone with a form on it (the region
admin filling a draft, an assessor) gets it built for them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotacerdas.regions.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.otp import force_login_verified

from .conftest import fill_self, publish, score_all

pytestmark = pytest.mark.django_db


def _read(client, url) -> tuple[str, bool]:
    """(page, whether the round's scores were read: the body was built, not taken from the cache)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), any('"evaluation_itemscore"' in q["sql"] for q in ctx.captured_queries)


def _published(ev):
    round_ = fill_self(ev["round"], ev["users"]["region_admin"])
    score_all(round_, ev["users"]["evaluator"])
    return publish(round_, ev["users"]["evaluator"])


def _tp(ev, username, first_name):
    user = UserFactory(username=username, first_name=first_name, last_name="Pelaksana")
    MembershipFactory(region=ev["home"], role=Membership.Role.TIM_PELAKSANA, user=user)
    return user


def test_readers_share_one_body_with_their_own_header(ev, client):
    round_ = _published(ev)
    url = reverse("evaluation:round", kwargs={"region_slug": "luwu-utara", "pk": round_.pk})
    force_login_verified(client, _tp(ev, "tp.ani", "Ani"))
    page, built = _read(client, url)
    assert built and "Ani Pelaksana" in page
    force_login_verified(client, _tp(ev, "tp.budi", "Budi"))
    page, built = _read(client, url)
    assert not built, "the second reader's page was built again"
    assert "Budi Pelaksana" in page and "Ani" not in page and "kc-personal" not in page


def test_a_change_of_the_round_retires_the_shared_body(ev, client, django_capture_on_commit_callbacks):
    from kotacerdas.evaluation import services

    url = reverse("evaluation:round", kwargs={"region_slug": "luwu-utara", "pk": ev["round"].pk})
    round_ = fill_self(ev["round"], ev["users"]["region_admin"])  # submitted: the region only reads it now
    force_login_verified(client, ev["users"]["tim_pelaksana"])
    _read(client, url)
    assert not _read(client, url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        score_all(round_, ev["users"]["evaluator"])
        services.round_mark_scored(actor=ev["users"]["evaluator"], round_=round_)
    page, built = _read(client, url)
    assert built and 'data-testid="round-status"' in page


def test_someone_with_a_form_gets_the_page_built_for_them(ev, client):
    url = reverse("evaluation:round", kwargs={"region_slug": "luwu-utara", "pk": ev["round"].pk})
    force_login_verified(client, ev["users"]["region_admin"])  # a draft: the self-assessment form is theirs
    _read(client, url)
    page, built = _read(client, url)
    assert built and 'data-testid="self-assessment-form"' in page and "kc-shared-body-csrf-token" not in page
