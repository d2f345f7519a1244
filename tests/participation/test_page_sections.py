"""The page cache retires by section: a new report retires the report pages (and, once its intake task ran,
the statistics), never the region's other pages; a change of the whole region retires everything; another
region's report retires nothing here. Each page is read through the real cache and the real views: a page
answered with 0 queries came from the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from kotacerdas.participation import services
from kotacerdas.participation.models import Report

from .conftest import submit

pytestmark = pytest.mark.django_db

HOME = "/r/luwu-utara/"
OPEN311 = "/open311/v2/requests.json?jurisdiction_id=luwu-utara"


def url(name, region="luwu-utara", **kwargs):
    return reverse(f"participation:{name}", kwargs={"region_slug": region, **kwargs})


def queries(client, path) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries), response.content


def warm(client, *paths) -> None:
    for path in paths:
        queries(client, path)
        assert queries(client, path)[0] == 0, f"{path} is not served from the cache"


def cached(client, path) -> bool:
    return queries(client, path)[0] == 0


def test_a_new_report_retires_the_report_pages_and_statistics_only(aduan, client, django_capture_on_commit_callbacks):
    first = submit(aduan)
    pages = {
        "list": url("reports"),
        "detail": url("report", pk=first.pk),
        "stats": url("stats"),
        "api": "/api/v1/regions/luwu-utara/reports/",
        "open311": OPEN311,
    }
    warm(client, HOME, *pages.values())
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(aduan, description="Lampu jalan padam di Jalan Andi Djemma")
    seen = {}
    for name, path in pages.items():
        count, seen[name] = queries(client, path)
        assert count > 0, f"{name} still shows the page from before the report"
    assert cached(client, HOME), "the region home was retired by a report"
    assert "Lampu jalan padam" in seen["list"].decode()
    assert f'"{report.pk}"'.encode() in seen["open311"]


def test_the_request_retires_the_list_and_the_task_the_statistics(aduan, client, django_capture_on_commit_callbacks):
    """With the queue not run yet (dummy backend), the report pages change at once, the statistics when the
    intake task runs; running it twice counts once."""
    from django.test import override_settings

    warm(client, url("reports"), url("stats"))
    tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=tasks), django_capture_on_commit_callbacks(execute=True):
        report = submit(aduan)
    assert Report.objects.get(pk=report.pk).intake_pending
    assert not cached(client, url("reports"))
    assert cached(client, url("stats"))  # nothing counted yet: the statistics page is still right
    assert not report.updates.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_intake_finish(report_id=report.pk) is True
    assert client.get(url("stats")).context["totals"]["received"] == 1  # rendered afresh
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_intake_finish(report_id=report.pk) is False  # a retried task: nothing more
    assert cached(client, url("stats"))
    assert list(report.updates.values_list("status", flat=True)) == ["received"]


def test_a_region_wide_change_retires_the_report_pages_too(aduan, client, django_capture_on_commit_callbacks):
    submit(aduan)
    warm(client, HOME, url("reports"), url("stats"), OPEN311)
    with django_capture_on_commit_callbacks(execute=True):
        services.category_save(
            region=aduan["home"], actor=aduan["users"]["region_admin"], category=aduan["home_jalan"], name="Jalan"
        )
    for path in (HOME, url("reports"), url("stats"), OPEN311):
        assert not cached(client, path), path


def test_another_regions_report_retires_nothing_here(aduan, client, django_capture_on_commit_callbacks):
    submit(aduan)
    warm(client, HOME, url("reports"), url("stats"), OPEN311)
    with django_capture_on_commit_callbacks(execute=True):
        submit(aduan, key="other")
    for path in (HOME, url("reports"), url("stats"), OPEN311):
        assert cached(client, path), path


def test_handling_a_report_retires_the_report_pages_and_statistics(aduan, client, django_capture_on_commit_callbacks):
    report = submit(aduan)
    warm(client, HOME, url("reports"), url("report", pk=report.pk), url("stats"))
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(
            report=report, actor=aduan["users"]["region_admin"], status="verified", text="Sudah dicek"
        )
    for path in (url("reports"), url("report", pk=report.pk), url("stats")):
        assert not cached(client, path), path
    assert cached(client, HOME)


def test_open311_reads_are_cached_per_normalised_query(aduan, client):
    submit(aduan)
    base = "/open311/v2/requests.json?jurisdiction_id=luwu-utara"
    warm(client, base + "&status=open,closed")
    assert cached(client, base + "&status=closed,open&api_key=ignored")
    assert not cached(client, base + "&status=open")
    warm(client, "/open311/v2/services.json?jurisdiction_id=luwu-utara")
    # an unknown jurisdiction is a 404 in the spec's format, never cached
    assert client.get("/open311/v2/services.json?jurisdiction_id=nowhere").status_code == 404


def test_open311_requests_answer_a_default_page(aduan, client, monkeypatch):
    from kotacerdas.participation import open311

    monkeypatch.setattr(open311, "DEFAULT_PAGE_SIZE", 2)
    reports = [submit(aduan, description=f"Lubang {i}") for i in range(3)]
    rows = client.get(OPEN311).json()
    assert [r["service_request_id"] for r in rows] == [str(reports[2].pk), str(reports[1].pk)]
    rows = client.get(OPEN311 + "&page=2").json()
    assert [r["service_request_id"] for r in rows] == [str(reports[0].pk)]
    assert len(client.get(OPEN311 + "&page_size=3").json()) == 3
    for bad in ("page=0", "page=x", "page_size=1001", "page_size=-1"):
        response = client.get(f"{OPEN311}&{bad}")
        assert response.status_code == 400 and "must be a whole number" in response.json()[0]["description"]


@freeze_time("2026-11-20 10:00:00")
def test_staff_list_table_is_cached_per_filter_and_retired_by_a_report(
    aduan, client_for, django_capture_on_commit_callbacks
):
    client = client_for(aduan["users"]["region_admin"])
    first = submit(aduan)
    path = url("staff_reports")
    cold, page = queries(client, path)
    warm, again = queries(client, path)
    assert warm == cold - 1  # the page of reports is not read
    assert again.count(b"staff-report-row") == page.count(b"staff-report-row") == 1
    assert queries(client, path + "?status=resolved")[0] == cold  # other filters: their own entry
    with django_capture_on_commit_callbacks(execute=True):
        second = submit(aduan, description="Lampu padam")
    count, page = queries(client, path)
    assert count == cold
    assert f">{second.pk}</a>".encode() in page and f">{first.pk}</a>".encode() in page
