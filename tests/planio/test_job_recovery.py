"""Jobs whose worker died: the lease (heartbeat), recovery (one more run, then failed with a message),
"try again", the daily prune; and a progress bar that moves through the import's phases."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from freezegun import freeze_time

from kotacerdas.common import jobs
from kotacerdas.planio import importer, services, workbook
from kotacerdas.planio.models import PlanJob
from tests.factories import ProgrammeFactory
from tests.planio.test_views import BASE, STAFF, expected, exported_file, make_job
from tests.roles import ALL_USERS

T0 = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)


def _running(world, *, attempts, beat=T0, kind="export", **fields) -> PlanJob:
    return make_job(
        world, kind, status="running", attempts=attempts, heartbeat_at=beat, started_at=beat, language="en", **fields
    )


def test_a_stale_job_is_run_again_once_then_marked_failed(world, django_capture_on_commit_callbacks):
    job = _running(world, attempts=1)
    with freeze_time(T0 + datetime.timedelta(seconds=91)), django_capture_on_commit_callbacks(execute=True):
        assert jobs.recover_all() == {"requeued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == "done" and job.file and job.attempts == 2  # the re-enqueued task ran

    PlanJob.objects.filter(pk=job.pk).update(status="running", heartbeat_at=T0, file="")
    with freeze_time(T0 + datetime.timedelta(seconds=91)), django_capture_on_commit_callbacks() as callbacks:
        assert jobs.recover_all() == {"requeued": 0, "failed": 1}
    assert callbacks == []
    job.refresh_from_db()
    assert job.status == "failed" and job.attempts == 2
    assert job.error == "The worker stopped while running “Workbook export (XLSX)”; try again."
    assert job.worker_lost


def test_the_message_is_in_the_language_of_the_request(world):
    job = _running(world, attempts=2)
    PlanJob.objects.filter(pk=job.pk).update(language="id")
    with freeze_time(T0 + datetime.timedelta(minutes=2)):
        jobs.recover_all()
    job.refresh_from_db()
    assert job.error.startswith("Pekerja latar berhenti") and "coba lagi" in job.error


def test_a_job_with_a_fresh_heartbeat_is_left_alone(world, django_capture_on_commit_callbacks):
    job = _running(world, attempts=2)
    with freeze_time(T0 + datetime.timedelta(seconds=89)), django_capture_on_commit_callbacks() as callbacks:
        assert jobs.recover_all() == {"requeued": 0, "failed": 0}
        call_command("recover_jobs")
    assert callbacks == []
    job.refresh_from_db()
    assert job.status == "running" and job.heartbeat_at == T0


def test_each_progress_step_and_a_quiet_15_seconds_refresh_the_heartbeat(world):
    job = _running(world, attempts=1)
    lease = jobs.Lease(PlanJob, job.pk)
    with freeze_time(T0 + datetime.timedelta(seconds=5)) as clock:
        lease(30)
        job.refresh_from_db()
        assert (job.progress, job.heartbeat_at) == (30, T0 + datetime.timedelta(seconds=5))
        clock.tick(10)
        lease(30)  # same step, 10 s later: nothing written
        job.refresh_from_db()
        assert job.heartbeat_at == T0 + datetime.timedelta(seconds=5)
        clock.tick(6)
        lease(30)
        job.refresh_from_db()
        assert job.heartbeat_at == T0 + datetime.timedelta(seconds=21)


def test_the_polled_page_recovers_its_job_and_try_again_starts_a_fresh_one(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world["users"]["region_admin"])
    job = _running(world, attempts=2)
    with freeze_time(T0 + datetime.timedelta(minutes=2)), translation.override("en"):
        html = client.get(f"{BASE}tugas/{job.pk}/", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-status="failed"' in html and "The worker stopped while running" in html
    assert 'data-testid="planio-retry"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}tugas/{job.pk}/ulang/")
    fresh = PlanJob.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}tugas/{fresh.pk}/"
    assert fresh.kind == "export" and fresh.status == "done"
    assert 'data-testid="planio-download"' in client.get(response["Location"]).content.decode()
    assert client.post(f"{BASE}tugas/{fresh.pk}/ulang/").status_code == 400  # only a failed job


@pytest.mark.parametrize("user", ALL_USERS)
def test_try_again_per_role(world, client_for, user, django_capture_on_commit_callbacks):
    job = make_job(world, "pdf", status="failed")
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(world["users"][user]).post(f"{BASE}tugas/{job.pk}/ulang/")
    assert response.status_code == (302 if user in STAFF else expected(user, STAFF))
    assert PlanJob.objects.count() == (2 if user in STAFF else 1)


def test_confirming_again_does_not_attach_to_a_dead_import(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world["users"]["region_admin"])
    upload = exported_file(
        world,
        edit=lambda b: workbook.sheet_of(b, workbook.SHEET_PROGRAMMES).cell(row=2, column=2, value="Judul baru"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(BASE + "impor/", {"file": upload})
    preview = PlanJob.objects.get(kind="preview")
    dead = _running(world, attempts=1, kind="import", preview=preview, upload=preview.upload.name, reason="R")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}tugas/{preview.pk}/konfirmasi/", {"reason": "Hasil Bimtek IV"})
    fresh = PlanJob.objects.get(kind="import", status="done")
    assert fresh.pk != dead.pk and response["Location"] == f"{BASE}tugas/{fresh.pk}/"
    dead.refresh_from_db()
    assert dead.status == "failed" and dead.worker_lost
    assert fresh.report["applied"] is True


def test_prune_exports_marks_stale_running_jobs_of_every_kind_failed(world):
    stale = _running(world, attempts=1, kind="pdf")
    fresh = _running(world, attempts=1, kind="docx", beat=T0 + datetime.timedelta(minutes=1))
    with freeze_time(T0 + datetime.timedelta(seconds=120)):
        call_command("prune_exports")
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == "failed" and stale.worker_lost
    assert fresh.status == "running"


def _several_programmes(world, n=40):
    for i in range(n):
        ProgrammeFactory(masterplan=world["home_plan"], code=f"P-{i:03d}", owner_agency=world["home_agency"])


def test_reading_checking_and_writing_each_move_the_bar(world):
    _several_programmes(world)
    upload = exported_file(
        world,
        edit=lambda b: workbook.sheet_of(b, workbook.SHEET_PROGRAMMES).cell(row=2, column=2, value="Judul baru"),
    )
    read_steps, check_steps, write_steps = [], [], []
    read = services.read_file(source=upload, progress=read_steps.append)
    plan = importer.import_plan(masterplan=world["home_plan"], read=read, progress=check_steps.append)
    importer.import_apply(plan=plan, actor=world["users"]["region_admin"], reason="R", progress=write_steps.append)
    for steps in (read_steps, check_steps, write_steps):
        assert steps == sorted(steps) and len(set(steps)) > 2


def test_a_preview_job_commits_many_progress_values(world, django_capture_on_commit_callbacks):
    """The values the job row is given while the preview runs, as the page would read them."""
    _several_programmes(world)
    data = exported_file(world)
    client_upload = SimpleUploadedFile("plan.xlsx", data.getvalue())
    with django_capture_on_commit_callbacks(execute=False):
        job = services.job_request_preview(
            actor=world["users"]["region_admin"], masterplan=world["home_plan"], upload=client_upload
        )
    with CaptureQueriesContext(connection) as queries:
        services.job_run(job_id=job.pk)
    values = [
        int(m.group(1)) for q in queries for m in re.finditer(r'"progress" = (\d+)', q["sql"]) if "planjob" in q["sql"]
    ]
    assert values == sorted(values) and len(set(values)) > 5
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100 and job.heartbeat_at <= timezone.now()
