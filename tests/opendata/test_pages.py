"""The region's open data pages and resources: catalogue and dataset page in both languages and without
JavaScript, downloads counted, constant queries as data grows, small village counts suppressed at the
region's threshold, formulas neutralised, another region's or an unknown dataset a 404."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from openpyxl import load_workbook

from kotacerdas.opendata import services
from kotacerdas.opendata.datasets import DATASETS
from kotacerdas.opendata.models import DownloadCount
from tests.factories import ProgrammeFactory
from tests.participation.conftest import aduan, submit  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
BASE = "/r/luwu-utara/data/"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_catalogue_lists_every_dataset_in_both_languages(world, client):
    page = client.get(BASE)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-testid="dataset-item"') == len(DATASETS)
    assert "Data terbuka" in html and "<script>" not in html
    client.get("/bahasa/en/")
    english = client.get(BASE).content.decode()
    assert "Open data" in english and "Smart city masterplan: programmes" in english


def test_dataset_page_shows_metadata_preview_dictionary_and_downloads(world, client):
    ProgrammeFactory(
        masterplan=world["home_plan"], code="ENV-09", title="Bank sampah", dimension=world["home_dims"]["environment"]
    )
    client.get(BASE + "masterplan-programmes/resource.csv")
    client.get(BASE + "masterplan-programmes/resource.csv")
    client.get(BASE + "masterplan-programmes/resource.json")
    page = client.get(BASE + "masterplan-programmes/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="preview"' in html and "ENV-09" in html and "GOV-01" in html
    assert 'data-testid="dictionary"' in html and "budget_estimate" in html
    assert "3 unduhan" in html  # "3 downloads in all", in Indonesian by default
    assert "CC" not in html or "Creative Commons Attribution 4.0" in html
    assert 'class="chart"' in html and "<svg" in html
    counts = dict(DownloadCount.objects.filter(region=world["home"]).values_list("fmt", "count"))
    assert counts == {"csv": 2, "json": 1}


def test_every_resource_of_every_dataset_downloads(world, client):
    for d in DATASETS:
        for fmt in ("csv", "xlsx", "json"):
            r = client.get(f"{BASE}{d.key}/resource.{fmt}")
            assert r.status_code == 200, (d.key, fmt)
            content = body(r)
            if fmt == "csv":
                assert r.streaming
                assert next(csv.reader(io.StringIO(content.decode()))) == [c.name for c in d.columns]
            elif fmt == "json":
                doc = json.loads(content)
                assert [f["name"] for f in doc["fields"]] == [c.name for c in d.columns]
                assert all(f["description"]["id"] and f["description"]["en"] for f in doc["fields"])
            else:
                book = load_workbook(io.BytesIO(content))
                assert [c.value for c in next(book["data"].iter_rows())] == [c.name for c in d.columns]


def test_formulas_are_neutralised_in_csv_and_xlsx(world, client):
    ProgrammeFactory(
        masterplan=world["home_plan"],
        code="GOV-66",
        title='=HYPERLINK("http://evil.example","x")',
        dimension=world["home_dims"]["governance"],
    )
    rows = list(csv.reader(io.StringIO(body(client.get(BASE + "masterplan-programmes/resource.csv")).decode())))
    assert '\'=HYPERLINK("http://evil.example","x")' in [r[1] for r in rows]
    book = load_workbook(io.BytesIO(client.get(BASE + "masterplan-programmes/resource.xlsx").content))
    titles = [row[1].value for row in book["data"].iter_rows(min_row=2)]
    assert all(not str(t).startswith("=") for t in titles)


def test_unknown_dataset_format_or_region(world, client):
    assert client.get(BASE + "nothing/").status_code == 404
    assert client.get(BASE + "masterplan-programmes/resource.pdf").status_code == 404
    assert client.get("/r/atlantis/data/").status_code == 404
    assert not DownloadCount.objects.exists()


def test_draft_masterplan_is_not_published(world, client):
    """Maros's masterplan is a draft: its programme dataset has no rows."""
    rows = body(client.get("/r/maros/data/masterplan-programmes/resource.csv")).decode().splitlines()
    assert len(rows) == 1


@freeze_time("2026-03-10 10:00:00")
def test_village_counts_below_the_threshold_are_suppressed(
    aduan,  # noqa: F811
    client,
    django_capture_on_commit_callbacks,
):
    for _ in range(3):
        submit(aduan, village=aduan["home_village"], district=aduan["home_district"])
    for _ in range(5):
        submit(aduan, village=aduan["home_far_village"], district=aduan["home_far"])
    records = json.loads(client.get(BASE + "citizen-reports-by-village/resource.json").content)["records"]
    by_village = {r["village"]: (r["reports"], r["suppressed"]) for r in records}
    assert by_village == {"Kappuna home": (None, True), "Eno home": (5, False)}
    with django_capture_on_commit_callbacks(execute=True):  # the catalogue's notes follow on commit
        services.open_data_settings_update(
            region=aduan["home"],
            actor=aduan["users"]["region_admin"],
            licence="cc-by-4.0",
            custodian=None,
            small_count_threshold=3,
        )  # the task of the tests' backend rebuilds the region's datasets at once
    records = json.loads(client.get(BASE + "citizen-reports-by-village/resource.json").content)["records"]
    assert {r["village"]: r["reports"] for r in records} == {"Kappuna home": 3, "Eno home": 5}
    page = client.get(BASE + "citizen-reports-by-village/").content.decode()
    assert "di bawah 3" in page or "below 3" in page
    stats = json.loads(client.get(BASE + "citizen-report-statistics/resource.json").content)["records"]
    assert {(r["month"], r["category_code"], r["kecamatan"], r["reports"]) for r in stats} == {
        ("2026-03", "jalan", "Masamba home", 3),
        ("2026-03", "jalan", "Seko home", 5),
    }


@pytest.mark.parametrize("n", [1, 12])
def test_pages_queries_hold_as_data_grows(world, client, n):
    for i in range(n):
        ProgrammeFactory(masterplan=world["home_plan"], code=f"ECO-{i:02}", dimension=world["home_dims"]["economy"])
    for path in (BASE, BASE + "masterplan-programmes/", BASE + "masterplan-targets/"):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        # the first visit of a dataset page also builds its files (the rows read with a fixed number of queries)
        assert len(ctx.captured_queries) <= 40, (path, len(ctx.captured_queries))
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        assert len(ctx.captured_queries) <= 20, (path, len(ctx.captured_queries))
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/3/action/package_search", {"rows": 100})
    assert len(ctx.captured_queries) <= 20  # built for every region at once
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/3/action/package_search", {"rows": 100})
    assert len(ctx.captured_queries) <= 1  # then cached: the region list only


def test_attendance_by_kecamatan_suppresses_small_counts(world, client):
    from kotacerdas.regions.models import District
    from tests.innovation.factories import activity, attendance

    seko = District.objects.create(region=world["home"], code="73.22.09", name="Seko")
    activity(world, **{**attendance(total=30, male=12, female=18), "with_disabilities": 2})
    activity(world, date=datetime.date(2024, 2, 1), **attendance(total=20, male=10, female=10))
    activity(world, district=seko, **{**attendance(total=3, male=1, female=2), "with_disabilities": 1})
    doc = json.loads(client.get(BASE + "literacy-attendance/resource.json").content)
    rows = {(r["year"], r["kecamatan"]): r for r in doc["records"]}
    masamba = rows[(2023, "Masamba")]
    # 2 participants with disabilities is below 5: a specific kind of personal data, suppressed on its own
    assert (masamba["activities"], masamba["total"], masamba["male"]) == (1, 30, 12)
    assert masamba["with_disabilities"] is None and masamba["suppressed"] is True
    assert rows[(2024, "Masamba")]["with_disabilities"] == 0 and rows[(2024, "Masamba")]["suppressed"] is False
    seko_row = rows[(2023, "Seko")]  # 3 people: every count of people suppressed, the activity still counted
    assert seko_row["activities"] == 1 and seko_row["suppressed"] is True
    assert {seko_row[k] for k in ("total", "male", "female", "general_public", "with_disabilities")} == {None}
    assert [f["name"] for f in doc["fields"]][-1] == "suppressed"
    page = client.get(BASE + "literacy-attendance/").content.decode()
    assert "kurang dari 5 orang" in page
