"""`common.sql.insert`: a new row stored with one plain statement reads back exactly as `save()` would have
stored it (defaults, `auto_now_add`, JSON, foreign keys), on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from freezegun import freeze_time

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.sql import insert
from kotacerdas.participation.models import Report, ReportCategory
from tests.factories import AgencyFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 7, 1, 3, 0, tzinfo=datetime.UTC)


def _event(region, actor, **fields):
    return AuditEvent(
        region=region,
        region_code=region.code,
        actor=actor,
        actor_name=actor.username,
        action="contoh.ubah",
        content_type=ContentType.objects.get_for_model(region),
        object_id=str(region.pk),
        object_repr=str(region),
        **fields,
    )


@freeze_time(NOW)
def test_an_audit_row_reads_back_as_save_stores_it(django_assert_num_queries):
    region, actor = RegionFactory(), UserFactory()
    before = {"target": "12.5", "names": ["Dinas", "Kominfo"], "none": None}
    plain = _event(region, actor, before=before, after={"target": "15"}, note="catatan")
    with django_assert_num_queries(1):
        insert(plain)
    saved = _event(region, actor, before=before, after={"target": "15"}, note="catatan")
    saved.save()
    assert plain.pk and plain.pk != saved.pk and not plain._state.adding
    fields = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname != "id"]
    stored = AuditEvent.objects.filter(pk__in=[plain.pk, saved.pk]).values(*fields)
    first, second = stored
    assert first == second
    assert first["created_at"] == NOW and first["before"] == before and first["actor_id"] == actor.pk


@freeze_time(NOW)
def test_a_report_gets_its_defaults_and_timestamps():
    region = RegionFactory()
    agency = AgencyFactory(region=region)
    category = ReportCategory.objects.create(region=region, code="jalan", name="Jalan", agency=agency)
    due = NOW + datetime.timedelta(days=3)
    report = Report(
        region=region,
        category=category,
        agency=agency,
        description="Jalan berlubang",
        first_response_due=due,
        resolution_due=due,
        intake_pending=True,
    )
    insert(report)
    stored = Report.objects.get(pk=report.pk)
    assert stored.tracking_code == report.tracking_code and len(stored.tracking_code) >= 8
    assert stored.created_at == stored.updated_at == timezone.now()
    assert stored.status == Report.Status.RECEIVED and stored.intake_pending
    assert stored.lat is None and stored.address == ""
