"""The request path of a submission does the minimum: validate, store the report and its audit row, queue
the intake task. Its queries are few and do not grow with the reports already stored; the task's work (the
"received" update, the counters, the receipt) happens in the task. The queries counted include the work done
after the commit (with a shared cache, the region's task is queued then)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kotacerdas.participation import services
from kotacerdas.participation.models import AgencyReportStats, Report, ReportUpdate

from .conftest import INSIDE, submit

pytestmark = pytest.mark.django_db
QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # production's queue: a task is a row
# report, audit row: the region, its keys, categories, settings and holidays cached (services.lookups); a first
# attempt is not looked up
OPEN311_QUERIES = 2
# the posted desa with its kecamatan (not the region's list), report, audit row
FORM_QUERIES = 3
# the intake task's row: with each report where the cache is per process; with a shared cache (Redis) only
# for the report that finds no task of its region waiting (services.intake_queue)
TASK_ROW = 1


def open311_data(api_key, n) -> dict:
    return {
        "jurisdiction_id": "luwu-utara",
        "api_key": api_key,
        "service_code": "jalan",
        "lat": INSIDE[0],
        "long": INSIDE[1],
        "description": f"Lubang {n}",
        "email": "warga@example.org",
    }


def open311_post(client, api_key, n):
    data = open311_data(api_key, n)
    with CaptureQueriesContext(connection) as ctx, TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/open311/v2/requests.json", data, HTTP_IDEMPOTENCY_KEY=f"k{n}")
    assert response.status_code == 200, response.content
    return [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def form_post(client, aduan, n):
    path = reverse("participation:report_new", kwargs={"region_slug": "luwu-utara"})
    page = client.get(path).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page).group(1)
    data = {
        "category": aduan["home_jalan"].pk,
        "description": f"Jalan berlubang {n}",
        "lat": "",
        "lon": "",
        "district": "",
        "village": aduan["home_village"].pk,
        "idempotency_key": key,
    }
    with CaptureQueriesContext(connection) as ctx, TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(path, data).status_code == 302
    return [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def submission_queries(aduan, client) -> tuple[list, list, list, list]:
    """The queries of two Open311 POSTs and two web form POSTs, with 20 more reports stored in between."""
    _key, api_key = services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name="App")
    open311_post(client, api_key, 0)  # the settings and the calendar into the cache
    first = open311_post(client, api_key, 1)
    for n in range(20):
        submit(aduan, description=f"Lubang lama {n}")
    second = open311_post(client, api_key, 2)
    form_post(client, aduan, 0)
    return first, second, form_post(client, aduan, 1), form_post(client, aduan, 2)


def task_rows(queries) -> int:
    return sum('INSERT INTO "django_tasks_database_dbtaskresult"' in sql for sql in queries)


@override_settings(TASKS=DB_QUEUE)
def test_submission_queries_are_few_and_constant(aduan, client):
    open311_a, open311_b, form_a, form_b = submission_queries(aduan, client)
    # a per-process cache (the tests' local memory): each report queues its own task, in its transaction
    assert len(open311_a) == len(open311_b) == OPEN311_QUERIES + TASK_ROW, open311_a
    assert len(form_a) == len(form_b) == FORM_QUERIES + TASK_ROW, form_a
    assert task_rows(open311_a + open311_b + form_a + form_b) == 4
    assert DBTaskResult.objects.count() == 3 + 20 + 3
    # nothing of the task's work happened in the request
    pending = Report.objects.filter(intake_pending=True)
    assert pending.count() == 3 + 20 + 3
    assert not ReportUpdate.objects.exists() and not AgencyReportStats.objects.exists()


@override_settings(TASKS=DB_QUEUE)
def test_with_a_shared_cache_a_post_queues_no_task_while_the_regions_task_waits(aduan, client, shared_cache):
    open311_a, open311_b, form_a, form_b = submission_queries(aduan, client)
    # the first report of the region queued its task (a row, after the commit); the task waits in the queue
    assert len(open311_a) == len(open311_b) == OPEN311_QUERIES, open311_a
    assert len(form_a) == len(form_b) == FORM_QUERIES, form_a
    assert task_rows(open311_a + open311_b + form_a + form_b) == 0
    assert DBTaskResult.objects.count() == 1  # for 26 reports
    assert Report.objects.filter(intake_pending=True).count() == 3 + 20 + 3
    assert not ReportUpdate.objects.exists() and not AgencyReportStats.objects.exists()


@override_settings(TASKS=QUEUED)
def test_with_a_shared_cache_a_retried_post_stores_nothing_twice(aduan, client, shared_cache):
    from kotacerdas.participation.tasks import report_intake_region

    _key, api_key = services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name="App")
    answers = []
    for _attempt in range(2):  # a retry with the same idempotency key gets the same report
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post("/open311/v2/requests.json", open311_data(api_key, 7), HTTP_IDEMPOTENCY_KEY="k7")
        assert response.status_code == 200, response.content
        answers.append(response.json()[0]["service_request_id"])
    assert answers[0] == answers[1]
    assert Report.objects.count() == 1
    assert [r.kwargs for r in report_intake_region.get_backend().results] == [{"region_id": aduan["home"].pk}]


@override_settings(TASKS=QUEUED)
def test_the_intake_task_is_idempotent_and_handling_finishes_it_first(aduan, django_capture_on_commit_callbacks):
    report = submit(aduan, reporter_email="warga@example.org")
    services.report_intake_finish(report_id=report.pk)
    services.report_intake_finish(report_id=report.pk)
    assert ReportUpdate.objects.filter(report=report).count() == 1
    stats = AgencyReportStats.objects.get(agency=report.agency)
    assert (stats.received, stats.open) == (1, 1)

    second = submit(aduan, description="Sampah menumpuk")
    services.report_transition(report=second, actor=aduan["users"]["region_admin"], status="verified", text="Dicek")
    assert list(second.updates.order_by("id").values_list("status", flat=True)) == ["received", "verified"]
    assert services.report_intake_finish(report_id=second.pk) is False
    stats.refresh_from_db()
    assert (stats.received, stats.open) == (2, 2)


@override_settings(TASKS=QUEUED)
def test_stats_rebuild_counts_pending_reports_once(aduan):
    reports = [submit(aduan, description=f"Lubang {n}") for n in range(3)]
    services.stats_rebuild(region=aduan["home"])
    assert not Report.objects.filter(intake_pending=True).exists()
    assert services.report_intake_finish_pending() == 0
    for report in reports:
        assert services.report_intake_finish(report_id=report.pk) is False
    assert AgencyReportStats.objects.get(agency=reports[0].agency).received == 3


@override_settings(TASKS=QUEUED)
def test_the_sweep_command_finishes_reports_whose_task_was_lost(aduan):
    reports = [submit(aduan, description=f"Lubang {n}") for n in range(2)]
    out = io.StringIO()
    call_command("finish_report_intake", stdout=out)
    assert out.getvalue().strip() == "2 reports finished."
    assert not Report.objects.filter(intake_pending=True).exists()
    assert ReportUpdate.objects.filter(report__in=reports, status="received").count() == 2
    call_command("finish_report_intake", stdout=out)
    assert AgencyReportStats.objects.get(agency=reports[0].agency).received == 2


@override_settings(TASKS=QUEUED)
def test_one_task_finishes_the_regions_pending_reports_and_theirs_then_do_nothing(aduan):
    elsewhere = submit(aduan, key="other")
    reports = [submit(aduan, description=f"Lubang {n}") for n in range(3)]
    reports.append(submit(aduan, category=aduan["home_sampah"], description="Sampah"))
    assert services.report_intake_finish(report_id=reports[2].pk) is True
    assert not Report.objects.filter(region=aduan["home"], intake_pending=True).exists()
    for report in reports:
        assert services.report_intake_finish(report_id=report.pk) is False
    received = ReportUpdate.objects.filter(report__in=reports, status="received")
    assert received.count() == 4
    # each update dated when its report arrived, not when the task ran
    assert all(u.created_at == u.report.created_at for u in received.select_related("report"))
    counts = dict(AgencyReportStats.objects.filter(region=aduan["home"]).values_list("agency__acronym", "received"))
    assert counts == {reports[0].agency.acronym: 3, "DPU": 1}
    # another region's pending report is left to its own task
    assert Report.objects.get(pk=elsewhere.pk).intake_pending
