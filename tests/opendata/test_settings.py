"""A region's open data settings, changed in the audited back office, show in every output at once: the licence
in CKAN and DCAT, the custodian, the village threshold in the dataset's notes."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.opendata.models import OpenDataSettings
from tests.factories import AgencyFactory, UserFactory
from tests.otp import force_login_verified

pytestmark = pytest.mark.django_db


def test_licence_custodian_and_threshold_from_the_back_office(world, client, django_capture_on_commit_callbacks):
    show = "/api/3/action/package_show"
    before = client.get(show, {"id": "luwu-utara-citizen-reports-by-village"}).json()["result"]
    assert before["license_id"] == "cc-by-4.0" and "5" in before["notes"]
    kominfo = AgencyFactory(region=world["home"], acronym="Diskominfo SP", name="Dinas Kominfo")
    force_login_verified(client, UserFactory(username="root", is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):  # the audit event retires the cached catalogue
        response = client.post(
            "/admin/opendata/opendatasettings/add/",
            {"region": world["home"].pk, "licence": "cc-zero", "custodian": kominfo.pk, "small_count_threshold": 3},
        )
    assert response.status_code == 302, response.content[:2000]
    settings = OpenDataSettings.objects.get(region=world["home"])
    assert AuditEvent.objects.filter(action="opendatasettings.create", object_id=settings.pk).exists()
    client.logout()
    after = client.get(show, {"id": "luwu-utara-citizen-reports-by-village"}).json()["result"]
    assert after["license_id"] == "cc-zero"
    assert after["maintainer"] == "Dinas Kominfo (Diskominfo SP)"
    assert "di bawah 3 aduan" in after["notes_translated"]["id"] and "below 3" in after["notes_translated"]["en"]
    ttl = client.get("/r/luwu-utara/data/partners/dataset.ttl").content.decode()
    assert "<https://creativecommons.org/publicdomain/zero/1.0/>" in ttl
    other = client.get(show, {"id": "maros-partners"}).json()["result"]
    assert other["license_id"] == "cc-by-4.0"  # another region keeps the default
