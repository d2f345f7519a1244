"""How long a sign-in lasts: a working day of inactivity for staff, a month for citizens."""

import pytest
from freezegun import freeze_time

from tests.otp import confirmed_device, current_code

PASSWORD = "benar-sekali-123"


@pytest.mark.parametrize(
    ("who", "hours"),
    [
        ("agency_officer", 8),
        ("tim_pelaksana", 8),
        ("dewan", 8),
        ("region_admin", 8),
        ("evaluator", 8),
        ("citizen", 30 * 24),
        ("partner", 30 * 24),
    ],
)
@freeze_time("2025-03-04 09:00:00")
def test_session_expiry_by_role(world, client, who, hours):
    user = world["users"][who]
    user.set_password(PASSWORD)
    user.save()
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    if who in ("region_admin", "evaluator"):
        client.post("/akun/verifikasi/", {"code": current_code(confirmed_device(user))})
    assert client.session.get_expiry_age() == hours * 3600


def test_a_staff_session_slides_while_active_and_ends_after_a_day_of_inactivity(world, client):
    officer = world["users"]["agency_officer"]
    officer.set_password(PASSWORD)
    officer.save()
    with freeze_time("2025-03-04 08:00:00") as clock:
        client.post("/akun/masuk/", {"username": officer.username, "password": PASSWORD})
        for _hour in range(10):  # a long day, a page every hour
            clock.tick(3600)
            assert client.get("/r/luwu-utara/staf/").status_code == 200
        clock.tick(8 * 3600 + 60)
        response = client.get("/r/luwu-utara/staf/")
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_citizen_signup_gets_the_long_session(world, client):
    response = client.post(
        "/r/luwu-utara/daftar/",
        {
            "identifier": "warga.baru@example.org",
            "password1": "kopi-seko-99",
            "password2": "kopi-seko-99",
            "name": "Warga Baru",
        },
    )
    assert response.status_code == 302
    # Sign-up does not log in (it answers a known address the same way); the first login gives the session.
    response = client.post("/akun/masuk/", {"username": "warga.baru@example.org", "password": "kopi-seko-99"})
    assert response.status_code == 302
    assert client.session.get_expiry_age() == 30 * 24 * 3600
