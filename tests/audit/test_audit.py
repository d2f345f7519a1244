"""Every change records who, when, before and after — through services and through the back office."""

from decimal import Decimal

from kotacerdas.audit.models import AuditEvent
from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.masterplan.services import programme_update
from tests.factories import UserFactory
from tests.otp import force_login_verified


def test_snapshot_is_json_safe(world):
    data = snapshot(world["home_programme"])
    assert data["budget_estimate"] == "1500000" and data["dimension"] == world["home_dims"]["governance"].pk
    assert data["supporting_agencies"] == []
    assert "updated_at" not in data


def test_record_event_without_actor_is_system(world):
    event = record_event(actor=None, action="x.y", obj=world["home_programme"])
    assert event.actor_name == "system" and event.region == world["home"]


def test_region_log_shows_who_and_what_changed(world, client_for):
    admin = world["users"]["region_admin"]
    programme_update(actor=admin, programme=world["home_programme"], budget_estimate=Decimal("9000000"))
    html = client_for(admin).get("/r/luwu-utara/staf/audit/").content.decode()
    assert "programme.update" in html and "region_admin" in html and "9000000" in html and "1500000" in html


def test_region_log_filters_by_object_and_never_leaks_other_regions(world, client_for):
    programme_update(actor=world["users"]["other_admin"], programme=world["other_programme"], title="Maros secret")
    programme_update(actor=world["users"]["region_admin"], programme=world["home_programme"], title="Lutra change")
    client = client_for(world["users"]["region_admin"])
    html = client.get("/r/luwu-utara/staf/audit/").content.decode()
    assert "Lutra change" in html and "Maros secret" not in html
    pk = world["home_programme"].pk
    html = client.get(f"/r/luwu-utara/staf/audit/?type=masterplan.programme&id={pk}").content.decode()
    assert "Lutra change" in html
    assert client.get("/r/luwu-utara/staf/audit/?type=nonsense").status_code == 404


def test_back_office_changes_are_audited(world, client):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    force_login_verified(client, superuser)
    programme = world["home_programme"]
    page = client.get(f"/admin/masterplan/programme/{programme.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["supporting_agencies"] = []
    data["title"] = "Ubah lewat admin"
    data["is_quick_win"] = "on"
    response = client.post(f"/admin/masterplan/programme/{programme.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="programme.update", note="admin")
    assert event.actor == superuser
    assert event.after["title"] == "Ubah lewat admin" and event.before["title"] == programme.title


def test_back_office_rejects_element_of_other_dimension(world, client):
    force_login_verified(client, UserFactory(username="root", is_staff=True, is_superuser=True))
    programme = world["home_programme"]
    form = client.get(f"/admin/masterplan/programme/{programme.pk}/change/").context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in ((n, form[n].value()) for n in form.fields)}
    data["supporting_agencies"] = []
    data["is_quick_win"] = "on"
    data["element"] = world["home_dims"]["economy"].elements.first().pk
    response = client.post(f"/admin/masterplan/programme/{programme.pk}/change/", data)
    assert response.status_code == 200
    assert "element" in response.context["adminform"].form.errors
    assert not AuditEvent.objects.exists()
