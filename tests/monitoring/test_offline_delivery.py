"""An officer's progress report sent from the phone's offline drafts (docs/offline.md): fields, values, evidence
photos and the submission in one request, applied once per idempotency key; a refusal keeps nothing and says
why; who may send."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Evidence, OfflineDelivery, ProgressReport, ReportingPeriod

from .helpers import db_state, photo_upload

Status = ProgressReport.Status


@pytest.fixture
def draft(mon):
    officer = mon["users"]["agency_officer"]
    return services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])


def _url(report):
    return f"/r/luwu-utara/monev/laporan/{report.pk}/luring/"


def _body(mon, report, *, value="30", then="submit", photos=1, caption="Lokasi"):
    data = {
        "revision": report.revision,
        f"value_{mon['indicator'].pk}": value,
        "narrative": "Sosialisasi di Seko",
        "then": then,
        "photo": [photo_upload(f"bukti-{i}.jpg") for i in range(photos)],
        "caption": [f"{caption} {i}" for i in range(photos)],
    }
    return data


def _send(client, mon, report, key="draft-1", **kwargs):
    return client.post(_url(report), _body(mon, report, **kwargs), HTTP_IDEMPOTENCY_KEY=key)


def test_a_draft_is_saved_with_its_photos_and_submitted(mon, draft, client_for):
    client = client_for(mon["users"]["agency_officer"])
    audit = AuditEvent.objects.count()
    response = _send(client, mon, draft, photos=2)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Status.SUBMITTED and body["replayed"] is False
    assert body["url"] == f"/r/luwu-utara/monev/laporan/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.narrative == "Sosialisasi di Seko"
    assert str(draft.values.get().realised) == "30.0000"
    assert sorted(Evidence.objects.filter(report=draft).values_list("kind", "caption")) == [
        ("photo", "Lokasi 0"),
        ("photo", "Lokasi 1"),
    ]
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)[audit:])
    assert actions == ["progress_report.save", "evidence.add", "evidence.add", "progress_report.submit"]


def test_a_retry_with_the_same_key_changes_nothing(mon, draft, client_for):
    client = client_for(mon["users"]["agency_officer"])
    assert _send(client, mon, draft).status_code == 200
    before = db_state()
    again = _send(client, mon, draft)
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert again.json()["status"] == Status.SUBMITTED
    assert db_state() == before
    assert Evidence.objects.filter(report=draft).count() == 1 and OfflineDelivery.objects.count() == 1


def test_the_same_key_for_another_draft_is_refused(mon, draft, client_for):
    client = client_for(mon["users"]["agency_officer"])
    assert _send(client, mon, draft, then="save").status_code == 200
    before = db_state()
    other = _send(client, mon, draft, value="31", then="save")
    assert other.status_code == 400 and "sudah dipakai" in other.json()["error"]
    assert db_state() == before


def test_a_new_key_is_a_new_delivery(mon, draft, client_for):
    client = client_for(mon["users"]["agency_officer"])
    assert _send(client, mon, draft, then="save").status_code == 200
    draft.refresh_from_db()
    second = _send(client, mon, draft, key="draft-2", value="35", then="save")
    assert second.status_code == 200 and second.json()["replayed"] is False
    assert Evidence.objects.filter(report=draft).count() == 2 and OfflineDelivery.objects.count() == 2


def test_a_closed_period_refuses_the_whole_draft_with_the_reason(mon, draft, client_for):
    ReportingPeriod.objects.filter(pk=mon["home_period"].pk).update(status=ReportingPeriod.Status.CLOSED)
    client = client_for(mon["users"]["agency_officer"])
    before = db_state()
    response = _send(client, mon, draft)
    assert response.status_code == 400
    assert "2024" in response.json()["error"] and "ditutup" in response.json()["error"]
    assert db_state() == before and not OfflineDelivery.objects.exists()


def test_a_bad_value_refuses_everything_with_the_field_message(mon, draft, client_for):
    client = client_for(mon["users"]["agency_officer"])
    before = db_state()
    response = _send(client, mon, draft, value="tiga puluh", photos=2)
    assert response.status_code == 400
    assert response.json()["fields"][f"value_{mon['indicator'].pk}"]
    assert db_state() == before and not OfflineDelivery.objects.exists()


def test_a_submission_missing_a_value_keeps_nothing_half_way(mon, draft, client_for):
    client = client_for(mon["users"]["agency_officer"])
    before = db_state()
    response = _send(client, mon, draft, value="")
    assert response.status_code == 400 and "indikator" in response.json()["error"].lower()
    assert db_state() == before


@pytest.mark.parametrize("key", ["", "x" * 256])
def test_a_missing_or_oversized_key_is_refused(mon, draft, client_for, key):
    client = client_for(mon["users"]["agency_officer"])
    before = db_state()
    response = _send(client, mon, draft, key=key)
    assert response.status_code == 400 and response.json()["error"]
    assert db_state() == before


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("agency_officer", 200),
        ("region_admin", 200),
        ("tim_pelaksana", 403),
        ("dewan", 403),
        ("partner", 403),
        ("citizen", 403),
        ("other_officer", 403),
        ("other_admin", 403),
        (None, 302),
    ],
)
def test_who_may_send_an_offline_draft(mon, draft, client_for, who, status):
    client = client_for(mon["users"][who] if who else None)
    before = db_state()
    response = _send(client, mon, draft)
    assert response.status_code == status
    if status == 302:
        assert "/akun/masuk/" in response["Location"]
    if status != 200:
        assert db_state() == before
