# ruff: noqa: S310, S314 -- a plain client parsing our own test server's answers with the stdlib
"""Open311 GeoReport v2: a plain client (urllib, form-encoded POST, stdlib JSON and XML) against the live
server, and the spec's errors through the test client."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from xml.etree import ElementTree as ET

import pytest

from kotacerdas.participation import services
from kotacerdas.participation.models import Report

from .conftest import submit

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$")


def fetch(url, data=None, headers=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


@pytest.mark.django_db(transaction=True)
def test_plain_open311_client_creates_and_reads_a_request(aduan, live_server):
    _key, api_key = services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name="Test app")
    base = live_server.url + "/open311/v2/"
    j = "jurisdiction_id=luwu-utara"

    status, ctype, body = fetch(base + "discovery.json")
    assert status == 200 and ctype.startswith("application/json")
    assert json.loads(body)["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    status, ctype, body = fetch(base + "discovery.xml")
    assert ET.fromstring(body).tag == "discovery" and body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')

    status, _, body = fetch(base + f"services.json?{j}")
    services_json = json.loads(body)
    assert {s["service_code"] for s in services_json} == {"jalan", "sampah"}
    assert set(services_json[0]) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    assert services_json[0]["metadata"] is False and services_json[0]["type"] == "realtime"
    root = ET.fromstring(fetch(base + f"services.xml?{j}")[2])
    assert root.tag == "services" and root.find("service/service_code").text in {"jalan", "sampah"}
    definition = json.loads(fetch(base + f"services/jalan.json?{j}")[2])
    assert definition == {"service_code": "jalan", "attributes": []}

    form = {
        "api_key": api_key,
        "jurisdiction_id": "luwu-utara",
        "service_code": "jalan",
        "lat": "-2.555",
        "long": "120.328",
        "description": "Jalan berlubang di depan SD",
        "email": "warga@example.org",
        "first_name": "Siti",
    }
    status, ctype, body = fetch(base + "requests.json", form, {"Idempotency-Key": "app-1"})
    assert status == 200, body
    created = json.loads(body)
    request_id = created[0]["service_request_id"]
    assert Report.objects.get(pk=int(request_id)).source == "open311"
    # the app's retry after a dropped connection: same request id, no duplicate
    assert json.loads(fetch(base + "requests.json", form, {"Idempotency-Key": "app-1"})[2]) == created
    status, ctype, body = fetch(base + "requests.xml", {**form, "description": "Lampu mati"})
    assert status == 200 and ET.fromstring(body).tag == "service_requests"
    assert ET.fromstring(body).find("request/service_request_id").text.isdigit()
    assert Report.objects.count() == 2

    status, _, body = fetch(base + f"requests/{request_id}.json?{j}")
    row = json.loads(body)[0]
    assert row["service_request_id"] == request_id and row["status"] == "open"
    assert row["service_code"] == "jalan" and row["lat"] == -2.555 and row["long"] == 120.328
    assert ISO.match(row["requested_datetime"]) and ISO.match(row["expected_datetime"])
    assert "warga@example.org" not in body.decode() and "Siti" not in body.decode()
    xml_row = ET.fromstring(fetch(base + f"requests/{request_id}.xml?{j}")[2])
    assert xml_row.tag == "service_requests" and xml_row.find("request/status").text == "open"

    services.report_transition(
        report=Report.objects.get(pk=int(request_id)),
        actor=aduan["users"]["region_admin"],
        status="rejected",
        text="Di luar kewenangan",
    )
    closed = json.loads(fetch(base + f"requests.json?{j}&status=closed")[2])
    assert [r["service_request_id"] for r in closed] == [request_id]
    assert closed[0]["status_notes"] == "Di luar kewenangan"
    assert len(json.loads(fetch(base + f"requests.json?{j}&status=open")[2])) == 1
    both = json.loads(fetch(base + f"requests.json?{j}&service_request_id={request_id}")[2])
    assert len(both) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, status",
    [
        ("services.json", 400),  # two regions: jurisdiction_id is required
        ("services.json?jurisdiction_id=nowhere", 404),
        ("services/nothing.json?jurisdiction_id=luwu-utara", 404),
        ("requests/999999.json?jurisdiction_id=luwu-utara", 404),
        ("requests.json?jurisdiction_id=luwu-utara&start_date=yesterday", 400),
        ("requests.json?jurisdiction_id=luwu-utara&status=pending", 400),
        ("requests.json?jurisdiction_id=luwu-utara&service_request_id=1,x", 400),
    ],
)
def test_errors_use_the_spec_format(aduan, client, path, status):
    response = client.get("/open311/v2/" + path)
    assert response.status_code == status
    body = response.json()
    assert body[0]["code"] == status and body[0]["description"]
    xml = client.get("/open311/v2/" + path.replace(".json", ".xml", 1))
    root = ET.fromstring(xml.content)
    assert root.tag == "errors" and root.find("error/code").text == str(status)


@pytest.mark.django_db
def test_post_errors(aduan, client, django_capture_on_commit_callbacks):
    _key, api_key = services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name="App")
    base = {
        "jurisdiction_id": "luwu-utara",
        "service_code": "jalan",
        "lat": "-2.5",
        "long": "120.3",
        "description": "x",
    }
    cases = [
        ({**base}, 403),
        ({**base, "api_key": "wrong"}, 403),
        ({**base, "api_key": api_key, "service_code": "nope"}, 404),
        ({**base, "api_key": api_key, "service_code": ""}, 400),
        ({**base, "api_key": api_key, "lat": "", "long": ""}, 400),
        ({**base, "api_key": api_key, "description": ""}, 400),
        ({**base, "api_key": api_key, "lat": "-6.2", "long": "106.8"}, 400),  # outside the region
        ({**base, "api_key": api_key, "jurisdiction_id": "maros"}, 403),  # the key belongs to another region
    ]
    for data, status in cases:
        response = client.post("/open311/v2/requests.json", data)
        assert response.status_code == status, (data, response.content)
        assert response.json()[0]["code"] == status
    assert not Report.objects.exists()
    # the change retires the region's cached intake references when it commits
    with django_capture_on_commit_callbacks(execute=True):
        services.settings_update(
            region=aduan["home"], actor=aduan["users"]["region_admin"], reports_per_account_per_hour=1
        )
    assert client.post("/open311/v2/requests.json", {**base, "api_key": api_key}).status_code == 200
    limited = client.post("/open311/v2/requests.json", {**base, "api_key": api_key})
    assert limited.status_code == 429 and limited.json()[0]["code"] == 429
    assert client.delete("/open311/v2/requests.json?jurisdiction_id=luwu-utara").status_code == 405


@pytest.mark.django_db
def test_a_revoked_key_and_a_closed_category_are_refused_at_once(aduan, client, django_capture_on_commit_callbacks):
    """The region, its keys and categories are cached for intake (services.lookups) under the region's
    version: the audited change that revokes a key or closes a category retires them when it commits."""
    admin = aduan["users"]["region_admin"]
    key, api_key = services.api_key_create(region=aduan["home"], actor=admin, name="App")
    base = {"jurisdiction_id": "luwu-utara", "api_key": api_key, "lat": "-2.5", "long": "120.3", "description": "x"}
    post = lambda code: client.post("/open311/v2/requests.json", {**base, "service_code": code})  # noqa: E731
    assert post("jalan").status_code == post("sampah").status_code == 200  # both cached now
    with django_capture_on_commit_callbacks(execute=True):
        services.category_save(region=aduan["home"], actor=admin, category=aduan["home_sampah"], is_active=False)
    assert post("sampah").status_code == 404
    assert post("jalan").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.api_key_revoke(key=key, actor=admin)
    assert post("jalan").status_code == 403
    assert Report.objects.count() == 3


@pytest.mark.django_db
def test_requests_default_window_and_service_filter(aduan, client):
    submit(aduan)
    submit(aduan, category=aduan["home_sampah"])
    rows = client.get("/open311/v2/requests.json", {"jurisdiction_id": "luwu-utara", "service_code": "sampah"}).json()
    assert [r["service_code"] for r in rows] == ["sampah"]
    assert client.get("/open311/v2/requests.json", {"jurisdiction_id": "maros"}).json() == []
