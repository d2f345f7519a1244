"""Who may request, watch and download exports (monitoring.view_dashboard), bad input, and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.monitoring import exports, services
from kotacerdas.monitoring.models import ExportJob, ReportingPeriod
from tests.monitoring_api.helpers import HOME_READERS, open_period
from tests.roles import ALL_USERS

EXPORTS = "/r/luwu-utara/monev/ekspor/"


@pytest.fixture
def done_job(q1, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = exports.export_job_request(actor=q1["users"]["region_admin"], period=q1["period"], kind="xlsx")
    job.refresh_from_db()
    assert job.status == "done"
    return job


def _denied(response, who) -> bool:
    if who == "anonymous":
        return response.status_code == 302 and "/akun/" in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("who", ALL_USERS)
def test_export_pages_by_role(q1, done_job, client_for, who, django_capture_on_commit_callbacks):
    client = client_for(q1["users"][who])
    job_url = f"{EXPORTS}{done_job.pk}/"
    responses = {
        "list": client.get(EXPORTS),
        "job": client.get(job_url),
        "fragment": client.get(job_url, headers={"HX-Request": "true"}),
        "download": client.get(job_url + "unduh/"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        responses["request"] = client.post(EXPORTS, {"period": q1["period"].pk, "kind": "pdf"})
    if who in HOME_READERS:
        assert {k: r.status_code for k, r in responses.items()} == {
            "list": 200,
            "job": 200,
            "fragment": 200,
            "download": 200,
            "request": 302,
        }
        assert ExportJob.objects.filter(kind="pdf").count() == 1
    else:
        assert all(_denied(r, who) for r in responses.values()), {k: r.status_code for k, r in responses.items()}
        assert not ExportJob.objects.filter(kind="pdf").exists()


@pytest.mark.parametrize("who", ["other_admin", "evaluator"])
def test_another_regions_job_is_not_found_through_ones_own_region(q1, done_job, client_for, who):
    client = client_for(q1["users"][who])
    maros = "/r/maros/monev/ekspor/"
    assert client.get(maros).status_code == 200
    assert client.get(f"{maros}{done_job.pk}/").status_code == 404
    assert client.get(f"{maros}{done_job.pk}/unduh/").status_code == 404
    assert client.post(maros, {"period": q1["period"].pk, "kind": "xlsx"}).status_code == 404


def test_bad_requests(q1, client_for, django_capture_on_commit_callbacks):
    client = client_for(q1["users"]["tim_pelaksana"])
    maros_period = open_period(q1, region_key="other")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(EXPORTS, {"period": 999999, "kind": "xlsx"}).status_code == 404
        assert client.post(EXPORTS, {"period": maros_period.pk, "kind": "xlsx"}).status_code == 404
        assert client.post(EXPORTS, {"period": "Q1", "kind": "xlsx"}).status_code == 404
        assert client.post(EXPORTS, {"kind": "xlsx"}).status_code == 404
        wrong = client.post(EXPORTS, {"period": q1["period"].pk, "kind": "docx"})
        empty = client.post(EXPORTS, {"period": q1["period"].pk})
    assert wrong.status_code == 400 and empty.status_code == 400
    assert 'data-testid="export-error"' in wrong.content.decode()
    assert not ExportJob.objects.exists()
    assert client.get(f"{EXPORTS}999999/").status_code == 404
    assert client.get(f"{EXPORTS}999999/unduh/").status_code == 404


def test_no_download_before_the_file_is_ready(q1, client_for, django_capture_on_commit_callbacks):
    client = client_for(q1["users"]["tim_pelaksana"])
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(EXPORTS, {"period": q1["period"].pk, "kind": "xlsx"})
    job = ExportJob.objects.get()
    assert response["Location"].endswith(f"/ekspor/{job.pk}/")
    assert client.get(f"{EXPORTS}{job.pk}/unduh/").status_code == 404


def test_dashboard_and_nav_link_to_exports(q1, client_for):
    page = client_for(q1["users"]["tim_pelaksana"]).get("/r/luwu-utara/monev/").content.decode()
    assert 'data-testid="exports-link"' in page and f'href="{EXPORTS}"' in page


def test_export_list_queries_do_not_grow(q1, client_for, django_capture_on_commit_callbacks):
    client = client_for(q1["users"]["tim_pelaksana"])
    client.get(EXPORTS)  # warm the session and the user's roles
    with CaptureQueriesContext(connection) as small:
        assert client.get(EXPORTS).status_code == 200
    admin = q1["users"]["region_admin"]
    services.reporting_periods_create_year(actor=admin, region=q1["home"], year=2025)
    with django_capture_on_commit_callbacks(execute=False):  # queued jobs are enough for the list
        for period in ReportingPeriod.objects.filter(region=q1["home"]):
            for kind in ("xlsx", "pdf"):
                exports.export_job_request(actor=q1["users"]["dewan"], period=period, kind=kind)
    assert ExportJob.objects.count() == 16
    with CaptureQueriesContext(connection) as large:
        page = client.get(EXPORTS)
    assert page.content.decode().count('name="kind" value="pdf"') == 8
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
