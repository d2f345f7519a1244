"""The region's own sign-in page (/r/<slug>/masuk/): citizens land on "My account", staff on their pages, a
`next` is followed; the wrong password gets one clear message; lockout and the second factor still hold."""

import pytest
from django.utils import translation

from kotacerdas.ideas.signup import citizen_register
from tests.factories import MembershipFactory, UserFactory

LOGIN = "/r/luwu-utara/masuk/"
PASSWORD = "benar-sekali-123"


@pytest.fixture
def warga(world):
    return citizen_register(region=world["home"], identifier="0812 5555 6666", password=PASSWORD, welcome=False)


def _post(client, username, password=PASSWORD, next_url="", ip="10.0.0.9"):
    url = LOGIN + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_page_in_the_regions_branding_with_sign_up_and_reset_links(world, client):
    response = client.get(LOGIN + "?next=/r/luwu-utara/gagasan/baru/")
    html = response.content.decode()
    assert response.status_code == 200
    assert world["home"].display_name in html and 'data-testid="public-nav"' in html
    assert 'href="/r/luwu-utara/daftar/?next=/r/luwu-utara/gagasan/baru/"' in html
    assert 'href="/r/luwu-utara/masuk/lupa-sandi/"' in html
    with translation.override("id"):
        assert (
            translation.gettext(
                "Signed up with a phone number? Ask the region's admin (Diskominfo) for a new password."
            )
            in html
        )


def test_a_citizen_with_a_phone_in_any_spelling_lands_on_my_account(warga, client):
    response = _post(client, "0812-5555-6666")
    assert response.status_code == 302 and response["Location"] == "/r/luwu-utara/akun/"
    assert client.get("/r/luwu-utara/akun/").status_code == 200


def test_next_is_followed_and_a_foreign_one_is_not(warga, client):
    assert _post(client, "+6281255556666", next_url="/r/luwu-utara/gagasan/baru/")["Location"] == (
        "/r/luwu-utara/gagasan/baru/"
    )
    client.logout()
    assert _post(client, "+6281255556666", next_url="https://evil.example/")["Location"] == "/r/luwu-utara/akun/"


def test_the_staff_login_sends_a_citizen_to_my_account_too(warga, client):
    response = client.post("/akun/masuk/", {"username": "+6281255556666", "password": PASSWORD})
    assert response["Location"] == "/r/luwu-utara/akun/"


def test_staff_signing_in_here_land_on_their_pages(world, client):
    officer = world["users"]["agency_officer"]
    officer.set_password(PASSWORD)
    officer.save()
    assert _post(client, officer.username)["Location"] == "/staf/"


def test_wrong_password_gets_a_clear_message_and_no_session(warga, client):
    client.cookies["django_language"] = "en"
    response = _post(client, "0812 5555 6666", password="salah-sekali-1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "That e-mail address, phone number or password is not right. Please try again." in html
    assert "_auth_user_id" not in client.session
    # An unknown account gets the very same message.
    other = _post(client, "0899 1234 5678", password="salah-sekali-1").content.decode()
    assert "That e-mail address, phone number or password is not right." in other


def test_lockout_holds_on_this_page(warga, client, settings):
    answers = [_post(client, "0812 5555 6666", password=f"salah-{i}").status_code for i in range(8)]
    assert answers[settings.AXES_FAILURE_LIMIT :] == [429] * (8 - settings.AXES_FAILURE_LIMIT)
    response = _post(client, "0812 5555 6666")  # the right password, still refused
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert 'data-testid="locked-out"' in response.content.decode()


def test_second_factor_holds_for_a_region_admin_signing_in_here(world, client):
    admin = world["users"]["region_admin"]
    admin.set_password(PASSWORD)
    admin.save()
    response = _post(client, admin.username)
    assert response.status_code == 302 and response["Location"].startswith("/akun/keamanan/autentikator/")
    blocked = client.get("/r/luwu-utara/akun/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/akun/keamanan/autentikator/")


def test_propose_an_idea_leads_an_anonymous_visitor_here(world, client):
    response = client.get("/r/luwu-utara/gagasan/baru/")
    assert response.status_code == 302
    assert response["Location"] == "/r/luwu-utara/masuk/?next=%2Fr%2Fluwu-utara%2Fgagasan%2Fbaru%2F"


def test_the_header_shows_sign_in_to_visitors_and_my_account_to_the_signed_in(warga, world, client):
    anonymous = client.get("/r/luwu-utara/").content.decode()
    assert 'data-testid="login-link"' in anonymous and 'data-testid="my-account-link"' not in anonymous
    assert anonymous.index('data-testid="nav-report"') < anonymous.index('data-testid="nav-ideas"')
    _post(client, "0812 5555 6666")
    signed_in = client.get("/r/luwu-utara/").content.decode()
    assert 'data-testid="my-account-link"' in signed_in and 'data-testid="login-link"' not in signed_in
    assert 'data-testid="logout-button"' in signed_in


def test_a_partner_lands_on_their_pages(world, client):
    partner = MembershipFactory(region=world["home"], role="partner", user=UserFactory(username="mitra2")).user
    partner.set_password(PASSWORD)
    partner.save()
    # Not a citizen anywhere: the staff home lists their organisation's page.
    assert _post(client, "mitra2")["Location"] == "/staf/"


@pytest.mark.parametrize(
    "path, current",
    [("/r/luwu-utara/gagasan/", "nav-ideas"), ("/r/luwu-utara/dimensi/governance/", "nav-programmes")],
)
def test_the_menu_marks_the_current_section(world, client, path, current):
    html = client.get(path).content.decode()
    assert f'data-testid="{current}" aria-current="true"' in html
    assert html.count('aria-current="true"') == 1 + html.count('<strong aria-current="true">')
