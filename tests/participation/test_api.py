"""JSON API for citizen reports: public fields for outsiders, staff extras, private contact only for those who
handle a report, filters with JSON 400s, cursor paging, the staff transition, query counts."""

import pytest
from rest_framework.test import APIClient

from kotacerdas.audit.models import AuditEvent
from kotacerdas.participation import services
from kotacerdas.participation.models import Report
from tests.otp import force_login_verified
from tests.roles import ALL_USERS

from .conftest import submit

pytestmark = pytest.mark.django_db
HANDLERS = {"region_admin", "tim_pelaksana", "agency_officer"}
STAFF = HANDLERS | {"dewan"}
PRIVATE_KEYS = {"reporter_name", "reporter_email", "reporter_phone", "tracking_code", "idempotency_key"}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        force_login_verified(client, user)  # a session, like a browser (the page cache then skips the caller)
    return client


def base(region="luwu-utara") -> str:
    return f"/api/v1/regions/{region}/"


@pytest.mark.parametrize("who", ALL_USERS)
def test_list_and_detail_fields_per_role(aduan, who):
    user = aduan["users"][who]
    report = submit(aduan, reporter_name="Budi", reporter_email="budi@example.org", reporter_phone="0812")
    submit(aduan, key="other", description="Maros")
    client = api(user)
    listing = client.get(base() + "reports/")
    assert listing.status_code == 200
    rows = listing.json()["results"]
    assert [r["id"] for r in rows] == [report.pk]  # never the other region's
    row = rows[0]
    assert row["category"] == "jalan" and row["status"] == "received" and row["is_late"] is False
    assert ("tracking_code" in row) is (who in STAFF)
    assert not PRIVATE_KEYS - {"tracking_code"} & set(row)
    detail = client.get(base() + f"reports/{report.pk}/").json()
    assert detail["updates"][0]["status"] == "received"
    if who in STAFF:
        assert detail["reporter_email"] == ("budi@example.org" if who in HANDLERS else None)
        assert detail["tracking_code"] == report.tracking_code
    else:
        assert not PRIVATE_KEYS & set(detail)
        assert "budi@example.org" not in str(detail) and "Budi" not in str(detail)


def test_other_region_ids_404_and_unknown_region_404(aduan):
    home = submit(aduan)
    other = submit(aduan, key="other")
    client = api(aduan["users"]["other_admin"])
    assert client.get(base("maros") + f"reports/{home.pk}/").status_code == 404
    assert client.get(base() + f"reports/{other.pk}/").status_code == 404
    assert client.get(base("nowhere") + "reports/").status_code == 404
    # another region's admin reads this region's reports as the public does
    detail = client.get(base() + f"reports/{home.pk}/").json()
    assert "tracking_code" not in detail


def test_internal_forward_reason_only_for_staff(aduan):
    report = submit(aduan)
    services.report_reroute(
        report=report, actor=aduan["users"]["region_admin"], agency=aduan["home_second_agency"], reason="Rahasia"
    )
    public = api().get(base() + f"reports/{report.pk}/").json()
    assert public["updates"][-1] == {
        "created_at": public["updates"][-1]["created_at"],
        "status": "received",
        "text": "",
        "forwarded_to": aduan["home_second_agency"].name,
    }
    assert public["agency"] == aduan["home_second_agency"].name
    staff = api(aduan["users"]["dewan"]).get(base() + f"reports/{report.pk}/").json()
    assert staff["updates"][-1]["internal_note"] == "Rahasia"


def test_filters_and_json_400s(aduan):
    admin = aduan["users"]["region_admin"]
    road = submit(aduan)
    waste = submit(aduan, category=aduan["home_sampah"], lat=None, lon=None, village=aduan["home_far_village"])
    services.report_transition(report=waste, actor=admin, status="verified", text="Dicek")
    client = api()

    def ids(**params):
        response = client.get(base() + "reports/", params)
        assert response.status_code == 200, response.content
        return [r["id"] for r in response.json()["results"]]

    assert ids() == [waste.pk, road.pk]
    assert ids(status="verified") == [waste.pk]
    assert ids(category="jalan") == [road.pk]
    assert ids(district=aduan["home_far"].pk) == [waste.pk]
    assert ids(category="sampah", status="received") == []
    for params, field in [
        ({"status": "done"}, "status"),
        ({"category": "nope"}, "category"),
        ({"category": "bad code!"}, "category"),
        ({"district": "abc"}, "district"),
        ({"district": aduan["other_district"].pk}, "district"),
    ]:
        response = client.get(base() + "reports/", params)
        assert response.status_code == 400, params
        assert field in response.json()


def test_cursor_paging_newest_first(aduan):
    created = [submit(aduan, description=f"Laporan {n}").pk for n in range(5)]
    client = api()
    first = client.get(base() + "reports/", {"page_size": 2}).json()
    assert [r["id"] for r in first["results"]] == created[::-1][:2]
    assert "count" not in first and first["previous"] is None
    second = client.get(first["next"]).json()
    assert [r["id"] for r in second["results"]] == created[::-1][2:4]


def test_categories_active_of_the_region(aduan):
    aduan["home_sampah"].is_active = False
    aduan["home_sampah"].save()
    rows = api().get(base() + "report-categories/").json()
    assert rows == [
        {
            "id": aduan["home_jalan"].pk,
            "code": "jalan",
            "name": "Jalan rusak",
            "name_en": "Damaged road",
            "description": "",
            "kind": "field_check",
            "agency": aduan["home_agency"].acronym,
        }
    ]


@pytest.mark.parametrize("who", ALL_USERS)
def test_transition_permissions(aduan, who):
    report = submit(aduan)
    response = api(aduan["users"][who]).post(
        base() + f"reports/{report.pk}/transition/",
        {"status": "verified", "public_update": "Sudah dicek petugas"},
        format="json",
    )
    report.refresh_from_db()
    if who in HANDLERS:
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "verified" and body["updates"][-1]["text"] == "Sudah dicek petugas"
        assert body["reporter_email"] == ""
        assert AuditEvent.objects.filter(action="report.status", object_id=str(report.pk)).exists()
    else:
        assert response.status_code in (401, 403)
        assert report.status == "received"
        assert not AuditEvent.objects.filter(action="report.status").exists()


def test_transition_other_region_and_bad_input(aduan):
    report = submit(aduan)
    admin = api(aduan["users"]["region_admin"])
    url = base() + f"reports/{report.pk}/transition/"
    assert api(aduan["users"]["other_admin"]).post(url, {}, format="json").status_code == 403
    assert admin.post(base("maros") + f"reports/{report.pk}/transition/", {}, format="json").status_code == 404
    cases = [
        ({}, {"status", "public_update"}),
        ({"status": "done", "public_update": "x"}, {"status"}),
        ({"status": "verified", "public_update": "   "}, {"public_update"}),
        ({"status": "verified", "public_update": "x" * 2001}, {"public_update"}),
        ({"status": "received", "public_update": "x"}, {"status"}),  # not allowed from received
        ({"status": "resolved", "public_update": "x"}, {"status"}),
    ]
    for data, fields in cases:
        response = admin.post(url, data, format="json")
        assert response.status_code == 400, data
        assert set(response.json()) == fields, (data, response.json())
    report.refresh_from_db()
    assert report.status == "received" and report.updates.count() == 1
    assert not AuditEvent.objects.filter(action="report.status").exists()
    assert admin.post(base() + "reports/999999/transition/", {}, format="json").status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_api_query_counts_hold_as_data_grows(aduan, size, django_assert_max_num_queries):
    for n in range(size):
        report = submit(aduan, description=f"Laporan {n}", category=aduan["home_sampah" if n % 2 else "home_jalan"])
        if n % 3 == 0:
            services.report_transition(
                report=report, actor=aduan["users"]["region_admin"], status="verified", text="ok"
            )
    assert Report.objects.filter(region=aduan["home"]).count() == size
    anonymous, staff = api(), api(aduan["users"]["agency_officer"])
    with django_assert_max_num_queries(4):
        assert anonymous.get(base() + "reports/", {"category": "jalan", "status": "verified"}).status_code == 200
    with django_assert_max_num_queries(6):
        assert staff.get(base() + "reports/").status_code == 200
    with django_assert_max_num_queries(6):
        assert staff.get(base() + f"reports/{report.pk}/").status_code == 200
    with django_assert_max_num_queries(3):
        assert anonymous.get(base() + "report-categories/").status_code == 200
