"""Export jobs: built after commit in the background, polled with a progress bar, reused while data is unchanged."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.monitoring import exports, services
from kotacerdas.monitoring.models import ExportJob, ReportingPeriod
from tests.monitoring_api.helpers import verified_report

EXPORTS = "/r/luwu-utara/monev/ekspor/"


def _job_from(response) -> ExportJob:
    assert response.status_code == 302, response.content[:500]
    return ExportJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def test_request_enqueues_after_commit_and_never_builds_in_the_request(
    q1, client_for, django_capture_on_commit_callbacks
):
    client = client_for(q1["users"]["tim_pelaksana"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "xlsx"}))
    # The response came back with the job still queued: the build waits for the commit (and a worker).
    assert (job.status, job.progress, job.file.name) == ("queued", 0, "")
    assert job.requested_by == q1["users"]["tim_pelaksana"] and job.region == q1["home"]
    assert AuditEvent.objects.filter(action="export_job.request", object_id=str(job.pk)).count() == 1
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)


def test_unchanged_export_is_reused_and_a_change_makes_a_new_one(q1, client_for, django_capture_on_commit_callbacks):
    client = client_for(q1["users"]["tim_pelaksana"])
    with django_capture_on_commit_callbacks(execute=True):
        first = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "xlsx"}))
    first.refresh_from_db()
    assert first.status == "done"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "xlsx"}))
    assert again.pk == first.pk and callbacks == []  # nothing queued: the same file at once
    with django_capture_on_commit_callbacks(execute=True):
        pdf = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "pdf"}))
    assert pdf.pk != first.pk  # another format is another file

    # The period reopened: its status on the cover changed, so a new export.
    admin = q1["users"]["region_admin"]
    period = services.reporting_period_set_status(actor=admin, period=q1["period"], status="open")
    with django_capture_on_commit_callbacks(execute=True):
        reopened = _job_from(client.post(EXPORTS, {"period": period.pk, "kind": "xlsx"}))
    assert reopened.pk != first.pk
    # A report of the period changes (ECO-01 submitted and verified): a new export again.
    report = q1["eco"].reports.get()
    services.evidence_add(actor=q1["users"]["agency_officer"], report=report, kind="link", url="https://example.org/b")
    services.progress_report_submit(actor=q1["users"]["agency_officer"], report=report)
    services.progress_report_verify(actor=q1["users"]["tim_pelaksana"], report=report)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = _job_from(client.post(EXPORTS, {"period": period.pk, "kind": "xlsx"}))
    fresh.refresh_from_db()
    assert fresh.pk not in (first.pk, reopened.pk) and fresh.status == "done"
    assert ExportJob.objects.filter(period=period, kind="xlsx").count() == 3


def test_a_queued_job_is_shared_by_a_second_request(q1, client_for, django_capture_on_commit_callbacks):
    client = client_for(q1["users"]["tim_pelaksana"])
    with django_capture_on_commit_callbacks(execute=False):
        first = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "pdf"}))
    client = client_for(q1["users"]["dewan"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        second = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "pdf"}))
    assert second.pk == first.pk and callbacks == []


def test_progress_page_and_fragment_while_running_and_when_done(
    q1, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    client = client_for(q1["users"]["tim_pelaksana"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "xlsx"}))
    url = f"{EXPORTS}{job.pk}/"

    page = client.get(url).content.decode()
    assert '<progress id="export-bar-' in page and 'value="0"' in page
    assert 'hx-get="' + url + '"' in page and 'hx-trigger="every 1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page

    # Poll the way the page does, from inside the build, as the worker commits its progress.
    seen = []
    real_build = exports.build_xlsx

    def build_and_poll(data, *, progress):
        def spy(percent):
            progress(percent)
            fragment = client.get(url, headers={"HX-Request": "true"})
            seen.append((percent, fragment))

        return real_build(data, progress=spy)

    monkeypatch.setattr(exports, "build_xlsx", build_and_poll)
    for callback in callbacks:
        callback()
    assert len(seen) >= 3
    percent, fragment = seen[len(seen) // 2]
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body and "<nav" not in body
    assert body.startswith('<div id="export-progress"') and 'data-status="running"' in body
    assert f'value="{percent}"' in body and 'hx-trigger="every 1s"' in body
    assert "HX-Request" in fragment["Vary"] and "no-store" in fragment["Cache-Control"]
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)

    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="done"' in done and 'value="100"' in done
    assert "hx-trigger" not in done  # polling stops
    assert f'href="{url}unduh/"' in done
    page = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in page and "monev-luwu-utara-2024-Q1.xlsx" in page


def test_a_failed_build_says_so_and_offers_no_file(q1, client_for, django_capture_on_commit_callbacks, monkeypatch):
    def broken(data, *, progress):
        progress(40)
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "build_pdf", broken)
    client = client_for(q1["users"]["region_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        job = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "pdf"}))
    job.refresh_from_db()
    assert job.status == "failed" and job.error == "RuntimeError: disk full" and job.finished_at
    assert not job.file
    fragment = client.get(f"{EXPORTS}{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="failed"' in fragment and 'role="alert"' in fragment and "hx-trigger" not in fragment
    assert client.get(f"{EXPORTS}{job.pk}/unduh/").status_code == 404
    # A failed job is never reused: asking again builds anew.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retry = _job_from(client.post(EXPORTS, {"period": q1["period"].pk, "kind": "pdf"}))
    retry.refresh_from_db()
    assert retry.pk != job.pk and retry.status == "done"


def test_a_job_run_twice_is_built_once(q1, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = exports.export_job_request(actor=q1["users"]["tim_pelaksana"], period=q1["period"], kind="xlsx")
    job.refresh_from_db()
    name = job.file.name
    assert exports.export_job_run(job_id=job.pk).file.name == name


@pytest.mark.parametrize("grow", [0, 12])
def test_export_data_is_read_in_a_fixed_number_of_queries(q1, grow, django_assert_num_queries):
    from tests.factories import IndicatorFactory, ProgrammeFactory, TargetFactory

    for n in range(grow):
        programme = ProgrammeFactory(
            masterplan=q1["home_plan"], dimension=q1["home_dims"]["living"], owner_agency=q1["home_agency"]
        )
        TargetFactory(indicator=IndicatorFactory(programme=programme), year=2024)
        if n % 2:
            verified_report(q1, _reopen(q1), programme=programme)
    period = ReportingPeriod.objects.get(pk=q1["period"].pk)
    if period.status != ReportingPeriod.Status.CLOSED:  # closed again: its plan is frozen with the new rows
        period = services.reporting_period_set_status(actor=q1["users"]["region_admin"], period=period, status="closed")
        period = ReportingPeriod.objects.get(pk=period.pk)
    with django_assert_num_queries(9):
        data = exports.period_export_data(period=period)
        assert len(data.programmes) == 3 + grow


def _reopen(world) -> ReportingPeriod:
    period = ReportingPeriod.objects.get(pk=world["period"].pk)
    if period.status != ReportingPeriod.Status.OPEN:
        period = services.reporting_period_set_status(
            actor=world["users"]["region_admin"], period=period, status="open"
        )
    return period
