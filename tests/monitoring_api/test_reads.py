"""What the read endpoints answer, that their query counts stay flat as data grows, and the schema."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.monitoring import services
from tests.factories import IndicatorFactory, ProgrammeFactory, TargetFactory

from .helpers import draft_report, open_period, submitted_report, verified_report

API = "/api/v1/regions/luwu-utara/monitoring/"


def test_achievements_are_public_and_verified_only(world, client, django_capture_on_commit_callbacks):
    empty = client.get(API + "achievements/").json()
    assert empty == {"period": None, "overall": None, "dimensions": []}

    # The answer is cached for anonymous callers until a change commits: let the commit hooks run.
    with django_capture_on_commit_callbacks(execute=True):
        period = open_period(world)
        verified_report(world, period, realised="30")  # 30 of a target of 40
    data = client.get(API + "achievements/").json()
    assert data["period"]["label"] and data["period"]["id"] == period.pk and data["period"]["status"] == "open"
    assert data["overall"] == {"value": "75.00", "reported": 1, "expected": 1}
    governance, *others = data["dimensions"]
    assert governance == {
        "key": "governance",
        "name": governance["name"],
        "name_en": governance["name_en"],
        "value": "75.00",
        "reported": 1,
        "expected": 1,
    }
    assert len(others) == 5 and all(d["value"] is None for d in others)

    # A submitted but unverified report in a later period does not show.
    with django_capture_on_commit_callbacks(execute=True):
        later = open_period(world, number=2)
        submitted_report(world, later, realised="40")
    assert client.get(API + "achievements/").json()["period"]["id"] == period.pk
    # Maros has no adopted masterplan: nothing to show.
    assert client.get("/api/v1/regions/maros/monitoring/achievements/").json()["period"] is None


def test_report_detail_and_list_filters(world, client_for):
    period = open_period(world)
    report = draft_report(world, period, realised="30", progress="60", budget="1.500.000")
    client = client_for(world["users"]["tim_pelaksana"])
    detail = client.get(f"{API}reports/{report.pk}/").json()
    assert detail["programme"]["owner_agency"]["acronym"] == "DLH"
    assert detail["period"]["label"] == period.label
    assert (detail["progress_percent"], detail["budget_realised"], detail["achievement"]) == (
        "60.00",
        "1500000",
        "75.00",
    )
    (value,) = detail["values"]
    assert (value["target"], value["realised"], value["achievement"]) == ("40.0000", "30.0000", "75.00")
    assert detail["evidence"] == [] and detail["events"] == []

    assert client.get(f"{API}reports/?status=draft").json()["count"] == 1
    assert client.get(f"{API}reports/?status=submitted").json()["count"] == 0
    assert client.get(f"{API}reports/?period={period.pk}").json()["count"] == 1
    assert client.get(f"{API}reports/?period={period.pk + 1000}").json()["count"] == 0
    assert client.get(f"{API}reports/999999/").status_code == 404


def test_due_list_groups(world, client_for):
    period = open_period(world)
    officer = client_for(world["users"]["agency_officer"])
    (row,) = officer.get(API + "due/").json()
    assert row["group"] in ("due", "late") and row["state"] == "missing" and row["report_id"] is None
    assert row["period"]["id"] == period.pk
    report = submitted_report(world, period)
    services.progress_report_return(actor=world["users"]["tim_pelaksana"], report=report, comment="Perbaiki.")
    (row,) = officer.get(API + "due/").json()
    assert (row["group"], row["state"], row["report_id"]) == ("returned", "returned", report.pk)


def _grow(world, period, n):
    """n more programmes with an indicator and a target, each with a started report (and one submitted)."""
    admin = world["users"]["region_admin"]
    for i in range(n):
        programme = ProgrammeFactory(
            masterplan=world["home_plan"], dimension=world["home_dims"]["economy"], owner_agency=world["home_agency"]
        )
        TargetFactory(indicator=IndicatorFactory(programme=programme), year=period.year)
        if i % 2:
            draft_report(world, period, programme=programme, by=admin)
        else:
            services.progress_report_start(actor=admin, programme=programme, period=period)


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("tim_pelaksana", "reports/"),
        ("tim_pelaksana", "reports/?status=draft"),
        ("agency_officer", "due/"),
        ("region_admin", "due/"),
        ("anonymous", "achievements/"),
    ],
)
def test_list_queries_do_not_grow_with_data(world, client_for, who, path):
    period = open_period(world)
    verified_report(world, period)
    _grow(world, period, 2)  # so every filter has a row from the start
    client = client_for(world["users"][who])
    client.get(API + path)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as small:
        first = client.get(API + path)
    _grow(world, period, 12)
    with CaptureQueriesContext(connection) as large:
        second = client.get(API + path)
    assert first.status_code == second.status_code == 200
    assert len(second.content) > len(first.content) or path == "achievements/"
    assert len(large) == len(small), [q["sql"][:100] for q in large.captured_queries]


def test_schema_generates_without_warnings(db, tmp_path, client):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    for path in ("due/", "reports/", "reports/{id}/", "reports/{id}/evidence/", "achievements/"):
        assert f"/api/v1/regions/{{region_slug}}/monitoring/{path}:" in schema
    assert client.get("/api/schema/").status_code == 200
