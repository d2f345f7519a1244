"""The CKAN Action API's shapes and bad input: CKAN's envelope, 404 Not Found Error, 409 Validation Error for a
malformed fq, sort, rows or facet.field, rows capped at ROWS_MAX, never a 500."""

import json

import pytest

from kotacerdas.opendata.datasets import DATASETS
from kotacerdas.opendata.search import ROWS_MAX

pytestmark = pytest.mark.django_db
API = "/api/3/action/"


def call(client, action, **params):
    return client.get(API + action, params)


def test_envelope_and_lists(world, client):
    r = call(client, "package_list")
    body = r.json()
    assert r.status_code == 200 and body["success"] is True
    assert body["help"].endswith("/api/3/action/help_show?name=package_list")
    # both regions are active, so both publish: every dataset once per region
    assert len(body["result"]) == 2 * len(DATASETS)
    assert call(client, "organization_list").json()["result"] == ["luwu-utara", "maros"]
    orgs = call(client, "organization_list", all_fields="true").json()["result"]
    assert {o["name"]: o["package_count"] for o in orgs} == {"luwu-utara": len(DATASETS), "maros": len(DATASETS)}
    group = call(client, "group_show", id="society").json()["result"]
    assert group["package_count"] == 2 * sum("society" in d.groups for d in DATASETS)
    assert call(client, "help_show", name="package_search").json()["success"] is True


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("package_show", {"id": "luwu-utara-unknown"}),
        ("package_show", {}),
        ("organization_show", {"id": "atlantis"}),
        ("group_show", {"id": "smart-weather"}),
        ("resource_show", {"id": "luwu-utara-masterplan-programmes-pdf"}),
    ],
)
def test_unknown_objects_give_ckans_not_found(world, client, name, params):
    r = call(client, name, **params)
    assert r.status_code == 404
    assert r.json()["success"] is False
    assert r.json()["error"] == {"__type": "Not Found Error", "message": "Not found"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"fq": "colour:red"}, "fq"),
        ({"fq": "organization"}, "fq"),
        ({"fq": 'organization:"luwu-utara'}, "fq"),
        ({"sort": "name sideways"}, "sort"),
        ({"sort": "budget desc"}, "sort"),
        ({"sort": "name"}, "sort"),
        ({"rows": "many"}, "rows"),
        ({"rows": "-1"}, "rows"),
        ({"start": "x"}, "start"),
        ({"facet.field": "organization"}, "facet.field"),
        ({"facet.field": '["colour"]'}, "facet.field"),
    ],
)
def test_malformed_search_gives_ckans_validation_error(world, client, params, field):
    r = call(client, "package_search", **params)
    assert r.status_code == 409
    body = r.json()
    assert body["success"] is False and body["error"]["__type"] == "Validation Error"
    assert field in body["error"]


def test_rows_above_the_maximum_are_capped(world, client):
    body = call(client, "package_search", rows=str(ROWS_MAX * 10)).json()["result"]
    assert body["count"] == 2 * len(DATASETS) == len(body["results"])  # fewer than the cap here
    from kotacerdas.opendata import search

    assert search.parse({"rows": ROWS_MAX * 10}).rows == ROWS_MAX


def test_search_filters_sorts_and_facets(world, client):
    r = call(
        client,
        "package_search",
        q="masterplan",
        fq='organization:"luwu-utara" AND tags:masterplan',
        sort="name desc",
        **{"facet.field": json.dumps(["tags", "res_format"])},
    )
    body = r.json()["result"]
    names = [p["name"] for p in body["results"]]
    assert names == ["luwu-utara-masterplan-targets", "luwu-utara-masterplan-programmes"]
    assert body["facets"]["res_format"] == {"CSV": 2, "JSON": 2, "XLSX": 2}
    assert body["search_facets"]["tags"]["items"][0]["count"] == 2
    assert call(client, "package_search", q="organization:maros").json()["result"]["count"] == len(DATASETS)
    assert call(client, "package_search", q="zzzz-nothing").json()["result"]["count"] == 0


def test_post_with_a_json_body_as_ckanapi_sends_it(world, client):
    r = client.post(API + "package_show", json.dumps({"id": "maros-news"}), content_type="application/json")
    assert r.status_code == 200
    assert [res["format"] for res in r.json()["result"]["resources"]] == ["CSV", "XLSX", "JSON", "RSS"]
    bad = client.post(API + "package_show", b"{not json", content_type="application/json")
    assert bad.status_code == 400 and bad.json()["success"] is False
    also = client.post("/api/action/package_search", json.dumps({"rows": 1}), content_type="application/json")
    assert also.status_code == 200 and len(also.json()["result"]["results"]) == 1


def test_unknown_action_and_method(world, client):
    r = call(client, "package_create")
    assert r.status_code == 400 and "Action name not known" in r.json()["error"]["message"]
    assert client.put(API + "package_list").status_code == 405


def test_inactive_region_is_not_published(world, client):
    world["other"].is_active = False
    world["other"].save()
    names = call(client, "package_list").json()["result"]
    assert names and all(n.startswith("luwu-utara-") for n in names)
    assert call(client, "organization_show", id="maros").status_code == 404


def test_the_queries_ckanext_harvest_sends(world, client):
    """ckanext-harvest's CKAN harvester: `+organization:(a OR b)`, a metadata_modified range for the next
    run, `sort=id asc`, paging with rows and start."""
    both = call(client, "package_search", fq="+organization:(luwu-utara OR maros)", sort="id asc", rows="5")
    body = both.json()["result"]
    assert both.status_code == 200 and body["count"] == 2 * len(DATASETS) and len(body["results"]) == 5
    assert [p["name"] for p in body["results"]] == sorted(p["name"] for p in body["results"])
    later = call(client, "package_search", fq="+organization:(maros) metadata_modified:[2999-01-01T00:00:00Z TO *]")
    assert later.json()["result"]["count"] == 0
    since = call(client, "package_search", fq="metadata_modified:[2000-01-01T00:00:00Z TO *]")
    assert since.json()["result"]["count"] == 2 * len(DATASETS)
    bad = call(client, "package_search", fq="organization:[a TO b]")
    assert bad.status_code == 409


def test_a_search_answer_is_kept_until_the_catalogue_changes(world, client, django_assert_max_num_queries):
    query = {"q": "organization:maros", "rows": "3"}
    first = call(client, "package_search", **query).json()["result"]
    with django_assert_max_num_queries(1):  # the catalogue's stamp; the answer itself comes from the cache
        assert call(client, "package_search", **query).json()["result"] == first
    world["other"].is_active = False  # a change the catalogue follows: the kept answer is not served again
    world["other"].save()
    assert call(client, "package_search", **query).json()["result"]["count"] == 0
