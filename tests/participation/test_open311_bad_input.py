# ruff: noqa: S314 -- parsing our own test server's answers
"""Open311 under malformed requests: always the spec's error format, never a 500; HEAD without a body; the
api_key and jurisdiction_id of a POST read from the query string too."""

from xml.etree import ElementTree as ET

import pytest

from kotacerdas.participation import services
from kotacerdas.participation.models import Report

pytestmark = pytest.mark.django_db

BASE = {"jurisdiction_id": "luwu-utara", "service_code": "jalan", "lat": "-2.5", "long": "120.3", "description": "x"}


def assert_spec_error(response, status: int) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert body[0]["code"] == status and body[0]["description"]


@pytest.fixture
def api_key(aduan):
    return services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name="App")[1]


@pytest.mark.parametrize("field", ["service_code", "description", "address_string", "first_name", "email", "api_key"])
def test_nul_in_a_post_field_answers_400(aduan, client, api_key, field):
    data = {**BASE, "api_key": api_key, field: "a\x00b"}
    assert_spec_error(client.post("/open311/v2/requests.json", data), 400)
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "service_code=%00",
        "status=open%00",
        "service_request_id=1%00",
        "start_date=2026-01-01T00:00:00%00",
        "jurisdiction_id=luwu-utara%00",
        "start_date=2026-13-45",
        "start_date=2026-02-30T10:00:00",
        "end_date=9999-12-31T23:59:59-12:00",
        "start_date=0001-01-01T00:00:00%2B08:00",
        "service_request_id=%C2%B2",
        "service_request_id=99999999999999999999999",
    ],
)
def test_bad_get_filters_answer_400_in_json_and_xml(aduan, client, query):
    url = "/open311/v2/requests.json?jurisdiction_id=luwu-utara&" + query
    assert_spec_error(client.get(url), 400)
    xml = client.get(url.replace(".json", ".xml"))
    assert xml.status_code == 400
    assert ET.fromstring(xml.content).find("error/code").text == "400"


@pytest.mark.parametrize("pk", ["%C2%B2", "99999999999999999999999", "-1", "1e3"])
def test_an_impossible_request_id_answers_404(aduan, client, pk):
    assert_spec_error(client.get(f"/open311/v2/requests/{pk}.json?jurisdiction_id=luwu-utara"), 404)


@pytest.mark.parametrize("path", ["nothing.json", "requests.csv", "services/a/b.json", "requests/1/x.xml", ""])
def test_unknown_paths_answer_404_in_the_spec_format(aduan, client, path):
    response = client.get("/open311/v2/" + path)
    assert response.status_code == 404
    if path.endswith(".xml"):
        assert ET.fromstring(response.content).find("error/code").text == "404"
    else:
        assert response.json()[0]["code"] == 404


def test_a_broken_multipart_body_answers_400(aduan, client):
    response = client.generic(
        "POST",
        "/open311/v2/requests.json?jurisdiction_id=luwu-utara",
        b"--x\r\nContent-Disposition: form-data\r\n\r\nbroken",
        content_type="multipart/form-data; boundary=",
    )
    assert_spec_error(response, 400)


def test_api_key_and_jurisdiction_in_the_query_string_of_a_post(aduan, client, api_key):
    data = {k: v for k, v in BASE.items() if k != "jurisdiction_id"}
    response = client.post(f"/open311/v2/requests.json?jurisdiction_id=luwu-utara&api_key={api_key}", data)
    assert response.status_code == 200, response.content
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    assert report.region == aduan["home"]


def test_the_body_wins_over_the_query_string(aduan, client, api_key):
    response = client.post("/open311/v2/requests.json?api_key=wrong", {**BASE, "api_key": api_key})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["discovery.json", "services.xml?jurisdiction_id=luwu-utara"])
def test_head_has_no_body(aduan, client, path):
    response = client.head("/open311/v2/" + path)
    assert response.status_code == 200
    assert response.content == b""
