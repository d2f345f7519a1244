"""Open311 keys: created with the raw key shown once, revoked, checked."""

import secrets

from django.db import transaction

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Region

from ..models import (
    Open311Key,
)
from ._common import _check_text


@transaction.atomic
def api_key_create(*, region: Region, actor, name: str) -> tuple[Open311Key, str]:
    """A new Open311 key; the raw key is returned once and never stored."""
    ensure_allowed(actor, "participation.manage", region)
    name = _check_text(name, field="name", required=True, limit=120)
    raw = "kc311_" + secrets.token_urlsafe(24)
    key = Open311Key.objects.create(
        region=region, name=name, key_hash=Open311Key.hash(raw), prefix=raw[:8], created_by=actor
    )
    record_event(actor=actor, action="open311_key.create", obj=key, after=snapshot(key, ["name", "prefix"]))
    return key, raw


@transaction.atomic
def api_key_revoke(*, key: Open311Key, actor) -> Open311Key:
    ensure_allowed(actor, "participation.manage", key)
    key.is_active = False
    key.save(update_fields=["is_active", "updated_at"])
    record_event(actor=actor, action="open311_key.revoke", obj=key, after={"is_active": False})
    return key


def api_key_check(*, region: Region, raw: str) -> Open311Key | None:
    if not raw:
        return None
    return Open311Key.objects.filter(region=region, key_hash=Open311Key.hash(raw), is_active=True).first()
