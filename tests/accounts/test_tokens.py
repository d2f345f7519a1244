"""API tokens: who may make and revoke them, what is stored, what is audited."""

import hashlib

import pytest

from kotacerdas.accounts.models import ApiToken
from kotacerdas.accounts.services import api_token_create, api_token_revoke
from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

# Whose token (a member of `home`): the person themself, a region admin of `home`; nobody else.
ALLOWED = {"region_admin"}


@pytest.mark.parametrize("actor_key", [*ROLES, "other_admin", "other_officer", "evaluator"])
def test_who_may_make_and_revoke_another_members_token(world, actor_key):
    owner = world["users"]["agency_officer"]
    actor = world["users"][actor_key]
    allowed = actor_key in ALLOWED or actor == owner
    if allowed:
        token, _ = api_token_create(user=owner, name="sync", actor=actor)
        assert api_token_revoke(token=token, actor=actor).revoked_at is not None
    else:
        with pytest.raises(ApplicationError):
            api_token_create(user=owner, name="sync", actor=actor)
        token, _ = api_token_create(user=owner, name="sync", actor=owner)
        with pytest.raises(ApplicationError):
            api_token_revoke(token=token, actor=actor)
        assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_only_the_hash_is_stored_and_both_changes_are_audited(world):
    user = world["users"]["tim_pelaksana"]
    token, key = api_token_create(user=user, name="  dashboard ", actor=user)
    assert key.startswith("kc_") and len(key) > 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.name == "dashboard" and token.prefix == key[:10]
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    api_token_revoke(token=token, actor=user)
    events = list(AuditEvent.objects.filter(object_id=str(token.pk)).order_by("id"))
    assert [e.action for e in events] == ["api_token.create", "api_token.revoke"]
    assert events[0].actor == user and events[0].after["name"] == "dashboard"
    assert events[1].before["revoked_at"] is None and events[1].after["revoked_at"]
    with pytest.raises(ApplicationError):
        api_token_revoke(token=token, actor=user)


@pytest.mark.parametrize("name", ["", "   ", "a\x00b"])
def test_a_token_needs_a_name(world, name):
    user = world["users"]["tim_pelaksana"]
    with pytest.raises(ApplicationError):
        api_token_create(user=user, name=name, actor=user)
    assert not ApiToken.objects.exists()
