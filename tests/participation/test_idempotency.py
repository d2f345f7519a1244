# ruff: noqa: S314 -- parsing our own answers with the stdlib, to prove them well-formed
"""Idempotency keys: stored whole, scoped to their client, and a retry told apart from a different request."""

import hashlib
import importlib
from xml.etree import ElementTree as ET

import pytest
from django.apps import apps
from django.urls import reverse

from kotacerdas.participation import services
from kotacerdas.participation.idempotency import MAX_KEY_LENGTH
from kotacerdas.participation.models import Report
from tests.factories import UserFactory

from .conftest import INSIDE, submit

pytestmark = pytest.mark.django_db
OPEN311 = "/open311/v2/requests.json"


def open311_form(api_key, **overrides):
    return {
        "api_key": api_key,
        "jurisdiction_id": "luwu-utara",
        "service_code": "jalan",
        "lat": INSIDE[0],
        "long": INSIDE[1],
        "description": "Jalan berlubang di depan SD",
        **overrides,
    }


@pytest.fixture
def two_apps(aduan):
    return [
        services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name=name)[1]
        for name in ("App A", "App B")
    ]


def test_two_open311_apps_with_the_same_key_both_get_their_report(aduan, client, two_apps):
    first = client.post(OPEN311, open311_form(two_apps[0]), HTTP_IDEMPOTENCY_KEY="req-0001")
    second = client.post(OPEN311, open311_form(two_apps[1]), HTTP_IDEMPOTENCY_KEY="req-0001")
    assert first.status_code == second.status_code == 200
    ids = {first.json()[0]["service_request_id"], second.json()[0]["service_request_id"]}
    assert len(ids) == 2 and Report.objects.count() == 2


def test_open311_retry_gets_the_same_id_and_stores_nothing_new(aduan, client, two_apps):
    first = client.post(OPEN311, open311_form(two_apps[0]), HTTP_IDEMPOTENCY_KEY="req-0001")
    # the retry: same body, the text differing only in surrounding blanks and a control character
    again = client.post(
        OPEN311,
        open311_form(two_apps[0], description=" Jalan berlubang di depan SD\x01 "),
        HTTP_IDEMPOTENCY_KEY="req-0001",
    )
    assert again.status_code == 200 and again.json() == first.json()
    assert Report.objects.count() == 1


def test_open311_same_key_different_body_is_a_conflict_and_stores_nothing(aduan, client, two_apps):
    client.post(OPEN311, open311_form(two_apps[0]), HTTP_IDEMPOTENCY_KEY="req-0001")
    report = Report.objects.get()
    other = client.post(OPEN311, open311_form(two_apps[0], description="Lampu mati"), HTTP_IDEMPOTENCY_KEY="req-0001")
    assert other.status_code == 409
    error = other.json()[0]
    assert error["code"] == 409 and "different request" in error["description"]
    assert len(other.json()) == 1 and "service_request_id" not in other.content.decode()  # never the other id
    xml = client.post(
        OPEN311.replace(".json", ".xml"),
        open311_form(two_apps[0], description="Lampu mati"),
        HTTP_IDEMPOTENCY_KEY="req-0001",
    )
    assert xml.status_code == 409 and ET.fromstring(xml.content).find("error/code").text == "409"
    assert list(Report.objects.values_list("pk", flat=True)) == [report.pk]


def test_open311_refuses_an_over_long_key(aduan, client, two_apps):
    too_long = "k" * (MAX_KEY_LENGTH + 1)
    response = client.post(OPEN311, open311_form(two_apps[0]), HTTP_IDEMPOTENCY_KEY=too_long)
    assert response.status_code == 400
    assert response.json()[0] == {
        "code": 400,
        "description": f"Idempotency-Key is longer than {MAX_KEY_LENGTH} characters",
    }
    assert not Report.objects.exists()
    at_limit = client.post(OPEN311, open311_form(two_apps[0]), HTTP_IDEMPOTENCY_KEY="k" * MAX_KEY_LENGTH)
    assert at_limit.status_code == 200


def test_keys_sharing_their_first_64_characters_make_two_reports(aduan):
    prefix = "x" * 64
    first = submit(aduan, idempotency_key=prefix + "-first", account_key="key:1")
    second = submit(aduan, idempotency_key=prefix + "-second", account_key="key:1", description="Lampu mati")
    assert first.pk != second.pk and Report.objects.count() == 2
    assert len(first.idempotency_key) == 64 and prefix not in first.idempotency_key  # a digest, not the key


def test_the_service_refuses_an_over_long_key(aduan):
    with pytest.raises(services.ApplicationError) as refused:
        submit(aduan, idempotency_key="k" * (MAX_KEY_LENGTH + 1))
    assert "idempotency_key" in refused.value.fields
    assert not Report.objects.exists()


def web_form(aduan, **overrides):
    return {
        "category": aduan["home_jalan"].pk,
        "description": "Jalan berlubang",
        "village": aduan["home_village"].pk,
        "idempotency_key": "",
        **overrides,
    }


URL = "/r/luwu-utara/aduan/baru/"


def test_two_accounts_with_the_same_header_key_both_get_their_report(aduan, client_for):
    for user in (UserFactory(), UserFactory()):
        response = client_for(user).post(URL, web_form(aduan), HTTP_IDEMPOTENCY_KEY="req-0001")
        assert response.status_code == 302
    assert Report.objects.count() == 2
    assert reverse("participation:report_new", kwargs={"region_slug": "luwu-utara"}) == URL


def test_two_anonymous_forms_with_the_same_header_key_both_get_their_report(aduan, client):
    for token in ("form-one", "form-two"):
        response = client.post(URL, web_form(aduan, idempotency_key=token), HTTP_IDEMPOTENCY_KEY="req-0001")
        assert response.status_code == 302
    assert Report.objects.count() == 2


def test_web_form_reused_for_a_different_report_is_refused_with_a_message(aduan, client):
    client.cookies["django_language"] = "en"
    first = client.post(URL, web_form(aduan, idempotency_key="token-1"))
    assert first.status_code == 302
    other = client.post(URL, web_form(aduan, idempotency_key="token-1", description="Lampu jalan mati"))
    assert other.status_code == 409
    assert "already used for a different report" in other.content.decode()
    assert Report.objects.count() == 1
    client.cookies["django_language"] = "id"
    again = client.post(URL, web_form(aduan, idempotency_key="token-1", description="Lampu jalan mati"))
    assert again.status_code == 409 and "sudah dipakai" in again.content.decode()


def test_web_form_refuses_an_over_long_key(aduan, client, client_for):
    too_long = "k" * (MAX_KEY_LENGTH + 1)
    client.cookies["django_language"] = "en"
    response = client.post(URL, web_form(aduan, idempotency_key=too_long))
    assert response.status_code == 400 and response.context["form"].errors["idempotency_key"]
    assert f"at most {MAX_KEY_LENGTH} characters" in response.content.decode()  # shown, though the field is hidden
    client_for(UserFactory()).cookies["django_language"] = "en"  # logging in starts with fresh cookies
    header = client.post(URL, web_form(aduan), HTTP_IDEMPOTENCY_KEY=too_long)
    assert header.status_code == 400
    assert "The idempotency key is too long" in header.content.decode()
    assert not Report.objects.exists()


def test_migration_rescopes_stored_keys(aduan):
    citizen = UserFactory()
    web = submit(aduan, description="lama 1")
    mine = submit(aduan, description="lama 2", actor=citizen)
    Report.objects.filter(pk=web.pk).update(idempotency_key="token-lama", idempotency_fingerprint="")
    Report.objects.filter(pk=mine.pk).update(idempotency_key="kunci-lama", idempotency_fingerprint="")
    migration = importlib.import_module("kotacerdas.participation.migrations.0004_idempotency_scope_fingerprint")
    migration.scope_existing_keys(apps, None)
    # the old form's retry (its token is its key) and the account's retry land on the old reports
    again = services.report_submit(
        region=aduan["home"],
        actor=None,
        category=aduan["home_jalan"],
        description="lama 1",
        lat=INSIDE[0],
        lon=INSIDE[1],
        idempotency_key="token-lama",
        form_token="token-lama",
    )
    assert again.report.pk == web.pk and not again.created
    expected = hashlib.sha256(f"user:{citizen.pk}\nkunci-lama".encode()).hexdigest()
    assert Report.objects.get(pk=mine.pk).idempotency_key == expected


# A first attempt is not looked up before its insert: a retry is found by the unique key, and a refusal
# looks first, so a retry of an accepted report gets it even when the same request would now be refused.


def test_a_retry_after_the_hour_limit_was_reached_gets_its_report(aduan):
    services.settings_update(region=aduan["home"], actor=aduan["users"]["region_admin"], reports_per_ip_per_hour=1)
    first = submit(aduan, idempotency_key="k-1", account_key="key:1", client_ip="198.51.100.7")
    with pytest.raises(services.RateLimited):
        submit(aduan, idempotency_key="k-2", account_key="key:1", client_ip="198.51.100.7", description="Lain")
    again = submit(aduan, idempotency_key="k-1", account_key="key:1", client_ip="198.51.100.7")
    assert again.pk == first.pk and Report.objects.count() == 1


def test_a_retry_after_the_category_was_closed_gets_its_report(aduan):
    first = submit(aduan, idempotency_key="k-1", account_key="key:1")
    aduan["home_jalan"].is_active = False
    aduan["home_jalan"].save(update_fields=["is_active"])
    assert submit(aduan, idempotency_key="k-1", account_key="key:1").pk == first.pk
    with pytest.raises(services.ApplicationError):
        submit(aduan, idempotency_key="k-2", account_key="key:1")
    assert Report.objects.count() == 1


def test_a_different_request_under_a_used_key_stores_nothing_and_counts_nothing(aduan):
    from kotacerdas.common import ratelimit

    submit(aduan, idempotency_key="k-1", account_key="key:1", client_ip="198.51.100.8")
    with pytest.raises(services.IdempotencyConflict):
        submit(aduan, idempotency_key="k-1", account_key="key:1", client_ip="198.51.100.8", description="Lain")
    assert Report.objects.count() == 1
    region = aduan["home"].pk
    assert ratelimit._cache().get(f"kc:rl:report:ip:{region}:198.51.100.8") == 1
