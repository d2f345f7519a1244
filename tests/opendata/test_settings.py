"""A region's open data settings — licence, custodian, smallest published count — are the region admin's, in
the staff area (and the audited back office): every change audited with who, when, before and after; every
other role, another region's admin and an anonymous visitor refused; bad input answered on the form; the
new settings show in every output at once and in the resources once they are rebuilt."""

import json

import pytest
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.opendata import services
from kotacerdas.opendata.models import OpenDataSettings
from tests.factories import AgencyFactory, UserFactory
from tests.otp import force_login_verified
from tests.refusals import assert_refused_unchanged
from tests.roles import ALL_USERS

pytestmark = pytest.mark.django_db
PAGE = "/r/luwu-utara/data/staf/pengaturan/"
SHOW = "/api/3/action/package_show"


def test_licence_custodian_and_threshold_from_the_back_office(world, client, django_capture_on_commit_callbacks):
    before = client.get(SHOW, {"id": "luwu-utara-citizen-reports-by-village"}).json()["result"]
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
    after = client.get(SHOW, {"id": "luwu-utara-citizen-reports-by-village"}).json()["result"]
    assert after["license_id"] == "cc-zero"
    assert after["maintainer"] == "Dinas Kominfo (Diskominfo SP)"
    assert "di bawah 3 aduan" in after["notes_translated"]["id"] and "below 3" in after["notes_translated"]["en"]
    ttl = client.get("/r/luwu-utara/data/partners/dataset.ttl").content.decode()
    assert "<https://creativecommons.org/publicdomain/zero/1.0/>" in ttl
    other = client.get(SHOW, {"id": "maros-partners"}).json()["result"]
    assert other["license_id"] == "cc-by-4.0"  # another region keeps the default


@pytest.mark.parametrize("who", ALL_USERS)
def test_only_the_region_admin_opens_and_saves_the_settings(world, client_for, who):
    client = client_for(world["users"][who])
    page = client.get(PAGE)
    post = client.post(PAGE, {"licence": "cc-zero", "custodian": "", "small_count_threshold": 3})
    if who == "region_admin":
        assert page.status_code == 200 and 'data-testid="opendata-settings-form"' in page.content.decode()
        assert post.status_code == 302
        assert OpenDataSettings.objects.get(region=world["home"]).licence == "cc-zero"
        catalogue = client.get("/r/luwu-utara/data/").content.decode()
        assert 'data-testid="opendata-settings-link"' in catalogue
        return
    if who == "anonymous":
        assert page.status_code == 302 and "/masuk/" in page["Location"]
    else:
        assert page.status_code == 403
        assert 'data-testid="opendata-settings-link"' not in client.get("/r/luwu-utara/data/").content.decode()
    assert post.status_code in (302, 403) and not OpenDataSettings.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="opendata_settings").exists()


def test_changes_are_audited_with_before_and_after(world, client_for):
    admin = world["users"]["region_admin"]
    kominfo = AgencyFactory(region=world["home"], acronym="Diskominfo", name="Dinas Kominfo")
    client = client_for(admin)
    client.post(PAGE, {"licence": "cc-zero", "custodian": "", "small_count_threshold": 3})
    client.post(PAGE, {"licence": "odc-by", "custodian": kominfo.pk, "small_count_threshold": 10})
    created, updated = AuditEvent.objects.filter(action__startswith="opendata_settings").order_by("pk")
    assert created.action == "opendata_settings.create" and created.before is None
    assert created.after == {"licence": "cc-zero", "custodian": None, "small_count_threshold": 3}
    assert updated.action == "opendata_settings.update" and updated.actor == admin
    assert updated.before == created.after
    assert updated.after == {"licence": "odc-by", "custodian": kominfo.pk, "small_count_threshold": 10}
    assert updated.created_at is not None
    trail = client.get("/r/luwu-utara/staf/audit/?type=opendata.opendatasettings").content.decode()
    assert "opendata_settings.update" in trail or "odc-by" in trail


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"licence": "gpl", "small_count_threshold": 5}, "licence"),
        ({"licence": "cc-by-4.0", "small_count_threshold": 0}, "small_count_threshold"),
        ({"licence": "cc-by-4.0", "small_count_threshold": 101}, "small_count_threshold"),
        ({"licence": "cc-by-4.0", "small_count_threshold": "lima"}, "small_count_threshold"),
        ({"licence": "cc-by-4.0"}, "small_count_threshold"),
        ({"licence": "cc-by-4.0", "small_count_threshold": 5, "custodian": "other"}, "custodian"),
        ({"licence": "cc-by-4.0", "small_count_threshold": 5, "custodian": "x'; drop"}, "custodian"),
    ],
)
def test_bad_input_is_answered_on_the_form(world, client_for, data, field):
    if data.get("custodian") == "other":
        data = {**data, "custodian": world["other_agency"].pk}  # another region's agency
    client = client_for(world["users"]["region_admin"])
    response = client.post(PAGE, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert (
        not OpenDataSettings.objects.exists() and not AuditEvent.objects.filter(action__startswith="opendata").exists()
    )


def test_the_service_refuses_whoever_may_not_and_another_regions_agency(world):
    calls = {
        "update": lambda actor: services.open_data_settings_update(
            region=world["home"], actor=actor, licence="cc-zero", custodian=None, small_count_threshold=3
        )
    }
    for who in ALL_USERS:
        if who != "region_admin":
            assert_refused_unchanged(world["users"][who], calls, [OpenDataSettings])
    with translation.override("en"), pytest.raises(ApplicationError, match="agency of this region"):
        services.open_data_settings_update(
            region=world["home"],
            actor=world["users"]["region_admin"],
            licence="cc-zero",
            custodian=world["other_agency"],
            small_count_threshold=3,
        )


def test_a_new_threshold_rebuilds_the_resources(world, client, client_for):
    from tests.innovation.factories import activity, attendance

    activity(world, **attendance(total=4, male=2, female=2))
    records = json.loads(client.get("/r/luwu-utara/data/literacy-attendance/resource.json").content)["records"]
    assert records[0]["total"] is None and records[0]["suppressed"] is True
    admin = client_for(world["users"]["region_admin"])
    admin.post(PAGE, {"licence": "cc-zero", "custodian": "", "small_count_threshold": 3})
    admin.logout()
    document = json.loads(client.get("/r/luwu-utara/data/literacy-attendance/resource.json").content)
    assert document["records"][0]["total"] == 4 and document["records"][0]["suppressed"] is False
    assert document["license"] == "cc-zero"
