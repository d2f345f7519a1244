"""The staff programme edit page: who may open and save it, bad input, and the visible history."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.models import Programme
from tests.factories import AgencyFactory, MembershipFactory
from tests.roles import ALL_USERS

CAN_EDIT = {"region_admin", "tim_pelaksana", "agency_officer"}


def _form(programme, **overrides):
    data = {
        "code": programme.code,
        "title": programme.title,
        "title_en": "",
        "description": "",
        "description_en": "",
        "dimension": programme.dimension_id,
        "element": "",
        "owner_agency": programme.owner_agency_id,
        "horizon": programme.horizon,
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "budget_estimate": str(programme.budget_estimate),
        "funding_source": programme.funding_source,
        "is_quick_win": "on" if programme.is_quick_win else "",
        "quick_win_year": programme.quick_win_year or "",
        "version": programme.version,
        # The world's home masterplan is adopted: every change is a revision with a reason.
        "reason": "Penyesuaian anggaran",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ALL_USERS)
def test_edit_permission_table(world, client_for, who):
    programme = world["home_programme"]
    client = client_for(world["users"][who])
    url = f"/r/luwu-utara/staf/program/{programme.pk}/ubah/"
    get = client.get(url)
    post = client.post(url, _form(programme, title="Diubah"))
    programme.refresh_from_db()
    if who == "anonymous":
        assert get.status_code == post.status_code == 302
    elif who in CAN_EDIT:
        assert get.status_code == 200 and post.status_code == 302
        assert programme.title == "Diubah"
        return
    else:
        assert get.status_code == post.status_code == 403
    assert programme.title != "Diubah"
    assert not AuditEvent.objects.filter(action="programme.update").exists()


def test_officer_of_another_agency_cannot_edit(world, client_for):
    other_agency = AgencyFactory(region=world["home"])
    officer = MembershipFactory(region=world["home"], role="agency_officer", agency=other_agency).user
    url = f"/r/luwu-utara/staf/program/{world['home_programme'].pk}/ubah/"
    assert client_for(officer).get(url).status_code == 403


def test_programme_of_other_region_is_404_through_this_region(world, client_for):
    url = f"/r/luwu-utara/staf/program/{world['other_programme'].pk}/ubah/"
    assert client_for(world["users"]["region_admin"]).get(url).status_code == 404


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"end_year": 2020}, "2020"),
        ({"budget_estimate": "-10"}, "budget_estimate"),
        ({"budget_estimate": "banyak"}, "budget_estimate"),
        ({"start_year": 2030, "end_year": 2025}, "end_year"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_saves_nothing(world, client_for, overrides, message):
    programme = world["home_programme"]
    client = client_for(world["users"]["region_admin"])
    response = client.post(f"/r/luwu-utara/staf/program/{programme.pk}/ubah/", _form(programme, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors
    assert Programme.objects.get(pk=programme.pk).end_year == programme.end_year
    assert not AuditEvent.objects.filter(action="programme.update").exists()


def test_element_from_another_dimension_is_refused(world, client_for):
    programme = world["home_programme"]
    foreign_element = world["home_dims"]["economy"].elements.first()
    client = client_for(world["users"]["region_admin"])
    response = client.post(
        f"/r/luwu-utara/staf/program/{programme.pk}/ubah/", _form(programme, element=foreign_element.pk)
    )
    assert response.status_code == 400
    assert "element" in response.context["form"].errors


def test_history_is_visible_to_admins_only(world, client_for):
    programme = world["home_programme"]
    url = f"/r/luwu-utara/staf/program/{programme.pk}/ubah/"
    client_for(world["users"]["tim_pelaksana"]).post(url, _form(programme, budget_estimate="2000000"))
    admin_page = client_for(world["users"]["region_admin"]).get(url).content.decode()
    assert 'data-testid="audit-events"' in admin_page and "2000000" in admin_page and "tim_pelaksana" in admin_page
    officer_page = client_for(world["users"]["agency_officer"]).get(url).content.decode()
    assert 'data-testid="audit-events"' not in officer_page
