"""Shared by the tests that a write service refuses an actor without the permission."""

import pytest
from django.utils.translation import gettext

from kotacerdas.common.exceptions import ApplicationError


def assert_refused(call, *args, label: str = "") -> None:
    """`call(*args)` raises the services' permission refusal, in the active language (Indonesian by default)."""
    with pytest.raises(ApplicationError) as refused:
        call(*args)
    assert str(refused.value.message) == gettext("You are not allowed to do this."), label
