"""Every write through the back office is audited (bulk deletes, users, groups); read-only admins allow no
add, change or delete; the trail survives its region's deletion."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin
from kotacerdas.audit.models import AuditEvent
from kotacerdas.audit.services import record_event
from kotacerdas.ideas import services as idea_services
from kotacerdas.ideas.models import IdeaSupport
from kotacerdas.participation.models import Holiday
from kotacerdas.regions.models import Region
from tests.factories import RegionFactory, UserFactory
from tests.otp import force_login_verified


@pytest.fixture
def root(db, client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    force_login_verified(client, user)  # the back office needs the second factor
    return user


def test_every_admin_is_audited_or_read_only():
    loose = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, (AuditedAdmin, ReadOnlyAdmin))  # the libraries' models too
    ]
    assert loose == []


def test_delete_selected_is_audited(world, client, root):
    days = [Holiday.objects.create(region=world["home"], date=datetime.date(2024, 1, d), name=f"H{d}") for d in (1, 2)]
    response = client.post(
        "/admin/participation/holiday/",
        {"action": "delete_selected", "_selected_action": [d.pk for d in days], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Holiday.objects.exists()
    events = AuditEvent.objects.filter(action="holiday.delete", note="admin")
    assert sorted(e.before["name"] for e in events) == ["H1", "H2"]
    assert {e.actor for e in events} == {root}


def test_read_only_admin_refuses_delete(world, client, root):
    idea = idea_services.idea_create(
        actor=world["users"]["citizen"],
        region=world["home"],
        title="Layanan KTP keliling desa",
        description="Mobil layanan adminduk datang ke desa terpencil setiap bulan.",
        dimension=world["home_dims"]["governance"],
    )
    idea_services.idea_support(actor=world["users"]["tim_pelaksana"], idea=idea)
    support = IdeaSupport.objects.get()
    for url in ("/admin/ideas/ideasupport/", "/admin/surveys/surveyresponse/", "/admin/ideas/ideaflag/"):
        page = client.get(url)
        assert page.status_code == 200
        assert "delete_selected" not in page.content.decode()
    assert client.get(f"/admin/ideas/ideasupport/{support.pk}/delete/").status_code == 403
    assert client.post(f"/admin/ideas/ideasupport/{support.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        "/admin/ideas/ideasupport/", {"action": "delete_selected", "_selected_action": [support.pk], "post": "yes"}
    )
    assert IdeaSupport.objects.filter(pk=support.pk).exists()
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_granting_superuser_and_evaluator_is_audited(world, client, root):
    user = world["users"]["citizen"]
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name != "password"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(is_superuser="on", is_staff="on", is_national_evaluator="on", is_active="on")
    data["groups"] = [Group.objects.create(name="Operator").pk]
    data["user_permissions"] = []
    data.pop("last_login", None)
    data.pop("date_joined", None)
    data.update({"date_joined_0": "2024-01-01", "date_joined_1": "08:00:00"})
    response = client.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="user.update", note="admin")
    assert event.actor == root
    assert (event.before["is_superuser"], event.after["is_superuser"]) == (False, True)
    assert (event.before["is_national_evaluator"], event.after["is_national_evaluator"]) == (False, True)
    assert (event.before["is_staff"], event.after["is_staff"]) == (False, True)
    assert event.before["groups"] == [] and len(event.after["groups"]) == 1
    assert "password" not in event.after and "password" not in event.before


def test_group_changes_are_audited(client, root):
    response = client.post("/admin/auth/group/add/", {"name": "Operator", "permissions": []})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="group.create", note="admin", actor=root).exists()


def test_trail_survives_region_deletion(db):
    region = RegionFactory(name="Wilayah Uji", slug="uji", code="99.01")
    actor = UserFactory()
    record_event(actor=actor, action="region.update", obj=region)
    Region.objects.filter(pk=region.pk).delete()
    event = AuditEvent.objects.get(action="region.update")
    assert event.region_id is None
    assert (event.region_code, event.region_name) == ("99.01", "Wilayah Uji")


def test_removing_an_authenticator_in_the_back_office_is_audited(world, client, root):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    lost = TOTPDevice.objects.create(user=world["users"]["region_admin"], name="hilang", confirmed=True)
    response = client.post(f"/admin/otp_totp/totpdevice/{lost.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    event = AuditEvent.objects.get(action="totpdevice.delete", note="admin")
    assert event.actor == root and event.before["name"] == "hilang" and "key" not in event.before
