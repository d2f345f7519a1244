"""Pruning export jobs: stalled jobs are marked failed; old finished files go, the newest per kind stays."""

import datetime

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from kotacerdas.monitoring.exports import export_jobs_prune
from kotacerdas.monitoring.models import ExportJob


def _job(q1, *, status, days_old, kind="xlsx", minutes_still=0):
    job = ExportJob.objects.create(
        region=q1["home"],
        period=q1["period"],
        kind=kind,
        status=status,
        requested_by=q1["users"]["region_admin"],
    )
    if status == ExportJob.Status.DONE:
        job.file.save(f"job-{job.pk}.{kind}", ContentFile(b"x"), save=True)
    stamp = timezone.now() - datetime.timedelta(days=days_old, minutes=minutes_still)
    ExportJob.objects.filter(pk=job.pk).update(created_at=stamp, updated_at=stamp)
    job.refresh_from_db()
    return job


def test_stalled_jobs_are_marked_failed_and_fresh_ones_left_alone(q1):
    stalled = _job(q1, status=ExportJob.Status.RUNNING, days_old=0, minutes_still=20)
    fresh = _job(q1, status=ExportJob.Status.QUEUED, days_old=0, minutes_still=1)

    result = export_jobs_prune()

    assert result["marked_failed"] == 1
    stalled.refresh_from_db()
    fresh.refresh_from_db()
    assert stalled.status == ExportJob.Status.FAILED and stalled.error
    assert fresh.status == ExportJob.Status.QUEUED


def test_old_files_are_deleted_but_the_newest_of_each_kind_stays(q1):
    oldest = _job(q1, status=ExportJob.Status.DONE, days_old=90)
    newest_old = _job(q1, status=ExportJob.Status.DONE, days_old=60)
    pdf = _job(q1, status=ExportJob.Status.DONE, days_old=60, kind="pdf")
    recent_failure = _job(q1, status=ExportJob.Status.FAILED, days_old=1)
    old_path = oldest.file.path

    result = export_jobs_prune(keep_days=30)

    assert result == {"marked_failed": 0, "deleted": 1}
    remaining = set(ExportJob.objects.values_list("pk", flat=True))
    assert remaining == {newest_old.pk, pdf.pk, recent_failure.pk}
    assert not oldest.file.storage.exists(old_path)


def test_command_prints_what_it_did(q1, capsys):
    _job(q1, status=ExportJob.Status.DONE, days_old=90)
    _job(q1, status=ExportJob.Status.DONE, days_old=40)

    call_command("prune_exports", "--days", "30")

    assert "1 deleted" in capsys.readouterr().out
