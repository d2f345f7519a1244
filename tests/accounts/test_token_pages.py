"""The API token pages: a person's own (list, make with the key shown once, revoke after confirming), the
region admin's list of the members' tokens, and the read-only back office with its audited revoke action."""

import pytest
from django.conf import settings
from django.urls import reverse

from kotacerdas.accounts.models import ApiToken
from kotacerdas.accounts.services import api_token_create
from kotacerdas.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["region_admin", "tim_pelaksana", "dewan", "agency_officer", "partner", "citizen"]
EVERYONE += ["other_admin", "other_officer", "evaluator"]
OWN = reverse("accounts:api_tokens")


def _revoke_url(token) -> str:
    return reverse("accounts:api_token_revoke", kwargs={"pk": token.pk})


def _region_url(world) -> str:
    return reverse("accounts_region:api_tokens", kwargs={"region_slug": world["home"].slug})


def test_anonymous_is_sent_to_log_in(world, client_for):
    token, _key = api_token_create(user=world["users"]["dewan"], name="sync", actor=world["users"]["dewan"])
    client = client_for(None)
    for url in (OWN, _revoke_url(token), _region_url(world)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url
    assert client.post(OWN, {"name": "x"}).status_code == 302 and ApiToken.objects.count() == 1


@pytest.mark.parametrize("who", EVERYONE)
def test_each_person_sees_only_their_own_tokens(world, client_for, who):
    user = world["users"][who]
    mine, _k = api_token_create(user=user, name="punyaku", actor=user)
    other_user = world["users"]["dewan" if who != "dewan" else "citizen"]
    theirs, _k = api_token_create(user=other_user, name="punya-orang-lain", actor=other_user)
    client = client_for(user)
    page = client.get(OWN)
    assert page.status_code == 200
    assert f'data-testid="token-{mine.pk}"'.encode() in page.content and b"punya-orang-lain" not in page.content
    # Someone else's token: 404 to look at and to revoke, and it stays live.
    assert client.get(_revoke_url(theirs)).status_code == 404
    assert client.post(_revoke_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_make_shows_the_key_once_and_revoke_is_confirmed_and_audited(world, client_for):
    user = world["users"]["agency_officer"]
    client = client_for(user)
    made = client.post(OWN, {"name": "Dasbor Diskominfo"})
    assert made.status_code == 200 and "no-store" in made["Cache-Control"]
    token = ApiToken.objects.get(user=user)
    key = made.context["new_key"]
    assert key.startswith(token.prefix) and f'value="{key}"'.encode() in made.content
    assert token.key_hash != key and key not in client.get(OWN).content.decode()  # shown this once
    confirm = client.get(_revoke_url(token))
    assert confirm.status_code == 200 and b'data-testid="revoke-form"' in confirm.content
    token.refresh_from_db()
    assert token.revoked_at is None  # a GET only asks
    done = client.post(_revoke_url(token), follow=True)
    token.refresh_from_db()
    assert token.revoked_at is not None and done.redirect_chain[-1][0] == OWN
    event = AuditEvent.objects.get(action="api_token.revoke", object_id=str(token.pk))
    assert event.actor == user and event.before["revoked_at"] is None and event.after["revoked_at"]
    assert AuditEvent.objects.filter(action="api_token.create", actor=user).count() == 1
    # Revoking again is refused with a message, not a 500.
    again = client.post(_revoke_url(token), follow=True)
    assert again.status_code == 200 and "Token ini sudah dicabut." in again.content.decode()


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_bad_name_is_refused_in_indonesian(world, client_for, name):
    response = client_for(world["users"]["tim_pelaksana"]).post(OWN, {"name": name})
    assert response.status_code == 400 and b'data-testid="error-name"' in response.content
    assert response.context["new_key"] is None and not ApiToken.objects.exists()


def test_page_in_english(world, client_for):
    client = client_for(world["users"]["tim_pelaksana"])
    assert "Token API" in client.get(OWN).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "API tokens" in client.get(OWN).content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_region_admin_lists_and_revokes_the_members_tokens(world, client_for, who):
    member = world["users"]["agency_officer"]
    token, _k = api_token_create(user=member, name="sinkron", actor=member)
    outsider = world["users"]["other_officer"]
    foreign, _k = api_token_create(user=outsider, name="asing", actor=outsider)
    client = client_for(world["users"][who])
    page = client.get(_region_url(world))
    revoke = reverse("accounts_region:api_token_revoke", kwargs={"region_slug": world["home"].slug, "pk": token.pk})
    if who != "region_admin":
        assert page.status_code in (403, 404)
        assert client.post(revoke).status_code in (403, 404)
        token.refresh_from_db()
        assert token.revoked_at is None
        return
    assert page.status_code == 200 and b"sinkron" in page.content and b"asing" not in page.content
    foreign_url = reverse(
        "accounts_region:api_token_revoke", kwargs={"region_slug": world["home"].slug, "pk": foreign.pk}
    )
    assert client.post(foreign_url).status_code == 404  # another region's member
    assert client.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.get(action="api_token.revoke").actor == world["users"]["region_admin"]


def test_back_office_is_read_only_with_an_audited_revoke_action(world, client_for):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = client_for(root)
    owner = world["users"]["dewan"]
    token, _k = api_token_create(user=owner, name="sync", actor=owner)
    listing = client.get("/admin/accounts/apitoken/")
    assert listing.status_code == 200 and "delete_selected" not in listing.content.decode()
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403
    assert client.post(f"/admin/accounts/apitoken/{token.pk}/change/", {"name": "x"}).status_code == 403
    client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None and token.name == "sync"
    assert AuditEvent.objects.get(action="api_token.revoke").actor == root
