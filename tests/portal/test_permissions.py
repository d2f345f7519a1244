"""Role × page × own region / other region. Staff pages are closed to other regions and to citizens."""

import pytest

from tests.roles import ALL_USERS

ALLOWED_INTERNAL = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "evaluator"}


@pytest.mark.parametrize("who", ALL_USERS)
def test_public_pages_open_to_everyone(world, client_for, who):
    client = client_for(world["users"][who])
    for url in ("/r/luwu-utara/", "/r/luwu-utara/dimensi/governance/", "/r/luwu-utara/program/GOV-01/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ALL_USERS)
def test_workspace_of_home_region(world, client_for, who):
    response = client_for(world["users"][who]).get("/r/luwu-utara/staf/")
    if who == "anonymous":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    elif who in ALLOWED_INTERNAL:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", ALL_USERS)
def test_draft_of_other_region_only_for_its_staff_and_evaluator(world, client_for, who):
    """The Maros masterplan is a draft: only Maros staff and the Tim Ahli may read it."""
    response = client_for(world["users"][who]).get("/r/maros/staf/")
    if who == "anonymous":
        assert response.status_code == 302
    elif who in {"other_admin", "other_officer", "evaluator"}:
        assert response.status_code == 200
        assert world["other_plan"].title in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", ALL_USERS)
def test_audit_log_only_for_region_admin(world, client_for, who):
    response = client_for(world["users"][who]).get("/r/luwu-utara/staf/audit/")
    expected = {"region_admin": 200, "anonymous": 302}.get(who, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("who", ALL_USERS)
def test_staff_home(world, client_for, who):
    response = client_for(world["users"][who]).get("/staf/")
    assert response.status_code == (302 if who == "anonymous" else 200)


def test_workspace_pages_and_filters_programmes(world, client_for):
    from tests.factories import ProgrammeFactory

    for _ in range(55):
        ProgrammeFactory(
            masterplan=world["home_plan"], dimension=world["home_dims"]["economy"], owner_agency=world["home_agency"]
        )
    client = client_for(world["users"]["tim_pelaksana"])
    first = client.get("/r/luwu-utara/staf/").content.decode()
    assert first.count("/ubah/") == 50 and "halaman=2" in first
    assert client.get("/r/luwu-utara/staf/?halaman=2").content.decode().count("/ubah/") == 6
    economy = client.get("/r/luwu-utara/staf/?dimensi=economy&halaman=2").content.decode()
    assert economy.count("/ubah/") == 5
    assert client.get("/r/luwu-utara/staf/?halaman=abc").status_code == 200
