"""Shared by the tests that a write service refuses an actor without the permission."""

import pytest

from kotacerdas.common.exceptions import ApplicationError

NOT_ALLOWED = "Anda tidak diizinkan melakukan tindakan ini."  # "You are not allowed to do this." in Indonesian


def assert_refused(call, *args, label: str = "") -> None:
    """`call(*args)` raises the services' permission refusal, in the user's language (Indonesian by default)."""
    with pytest.raises(ApplicationError) as refused:
        call(*args)
    assert str(refused.value.message) == NOT_ALLOWED, label
