"""A back-office save counts as a change: a staff page opened before it refuses a stale save."""

import pytest

from kotacerdas.masterplan.services import StaleEdit, programme_update
from tests.factories import UserFactory
from tests.otp import force_login_verified


def test_back_office_save_bumps_the_version(world, client):
    force_login_verified(client, UserFactory(username="root", is_staff=True, is_superuser=True))
    programme = world["home_programme"]
    url = f"/admin/masterplan/programme/{programme.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in ((n, form[n].value()) for n in form.fields)}
    data |= {"supporting_agencies": [], "is_quick_win": "on", "title": "Lewat admin"}
    assert client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.version == 2
    with pytest.raises(StaleEdit) as exc:
        programme_update(
            actor=world["users"]["region_admin"],
            programme=programme,
            title="Dari halaman lama",
            expected_version=1,
            reason="r",
        )
    assert exc.value.changed_by == "root"
    assert client.get("/admin/masterplan/masterplanversion/").status_code == 200
