"""Show that write services refuse an actor without the permission and change nothing (used by the apps'
service-permission tests)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError

NOT_ALLOWED = "You are not allowed to do this."


def state(models) -> list:
    """Every row of the given models, and the size of the audit trail."""
    return [AuditEvent.objects.count()] + [list(model.objects.order_by("pk").values()) for model in models]


def refusal(call, actor) -> str | None:
    """The message `call(actor)` is refused with (in English), or None when it is not refused."""
    try:
        with translation.override("en"):
            call(actor)
    except ApplicationError as exc:
        return str(exc.message)
    return None


def assert_refused_unchanged(actor, calls: dict, models) -> None:
    """Each call (name → function of the actor) is refused with the permission error; no row of `models`
    changes and nothing is audited."""
    before = state(models)
    for name, call in calls.items():
        assert refusal(call, actor) == NOT_ALLOWED, name
    assert state(models) == before


def assert_refused(call, *args, label: str = "") -> None:
    """`call(*args)` raises the services' permission refusal, in the active language (Indonesian by default)."""
    with pytest.raises(ApplicationError) as refused:
        call(*args)
    assert str(refused.value.message) == gettext("You are not allowed to do this."), label
