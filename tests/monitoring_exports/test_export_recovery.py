"""An export whose worker died: the polled page gives it up after its second run, says why and offers
"Try again", which requests a fresh export; another region's user cannot."""

import datetime

import pytest
from django.utils import translation
from freezegun import freeze_time

from kotacerdas.monitoring.models import ExportJob
from tests.monitoring_api.helpers import HOME_READERS
from tests.roles import ALL_USERS

EXPORTS = "/r/luwu-utara/monev/ekspor/"
T0 = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)


def _dead(q1, *, attempts=2):
    return ExportJob.objects.create(
        region=q1["home"],
        period=q1["period"],
        kind="xlsx",
        language="en",
        status="running",
        attempts=attempts,
        heartbeat_at=T0,
        started_at=T0,
        requested_by=q1["users"]["region_admin"],
    )


def test_the_page_says_the_worker_stopped_and_try_again_builds_a_fresh_file(
    q1, client_for, django_capture_on_commit_callbacks
):
    client = client_for(q1["users"]["region_admin"])
    job = _dead(q1)
    with freeze_time(T0 + datetime.timedelta(minutes=2)), translation.override("en"):
        html = client.get(f"{EXPORTS}{job.pk}/", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-status="failed"' in html and "The worker stopped while running" in html
    assert 'data-testid="export-retry"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{EXPORTS}{job.pk}/ulang/")
    fresh = ExportJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == f"{EXPORTS}{fresh.pk}/" and fresh.status == "done" and fresh.file


def test_a_fresh_heartbeat_is_left_running(q1, client_for):
    job = _dead(q1)
    with freeze_time(T0 + datetime.timedelta(seconds=60)):
        client_for(q1["users"]["region_admin"]).get(f"{EXPORTS}{job.pk}/")
    job.refresh_from_db()
    assert job.status == "running"


@pytest.mark.parametrize("user", ALL_USERS)
def test_try_again_per_role(q1, client_for, user, django_capture_on_commit_callbacks):
    job = _dead(q1)
    ExportJob.objects.filter(pk=job.pk).update(status="failed")
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(q1["users"][user]).post(f"{EXPORTS}{job.pk}/ulang/")
    if user in HOME_READERS:
        assert response.status_code == 302 and ExportJob.objects.count() == 2
    else:
        assert response.status_code == (302 if user == "anonymous" else 403) and ExportJob.objects.count() == 1
    if user in ("other_admin", "evaluator"):  # through their own region: not found
        assert client_for(q1["users"][user]).post(f"/r/maros/monev/ekspor/{job.pk}/ulang/").status_code == 404
