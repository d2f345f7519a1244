"""Helpers the planning services share: validation, same-region checks, versioned updates."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.services import bump_version, check_version


def _validate(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        raise ApplicationError(_("Please correct the errors below."), fields=fields) from exc


def _same_region(obj, region_id: int, field: str) -> None:
    if obj is not None and obj.region_id != region_id:
        raise ApplicationError(
            _("Choose one of this region's own entries."),
            fields={field: [_("Choose one of this region's own entries.")]},
        )


def _update_versioned(*, obj, actor, action: str, expected_version: int | None, fields: dict):
    """Lock the row, refuse a stale form, set the fields, validate, save, audit before/after."""
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    check_version(locked=locked, expected_version=expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(locked)
    locked.save()
    after = snapshot(locked)
    if after != before:
        bump_version(locked)
        after["version"] = locked.version
        record_event(actor=actor, action=action, obj=locked, before=before, after=after)
    return locked
