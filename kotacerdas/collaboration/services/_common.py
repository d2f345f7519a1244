"""Helpers the collaboration services share: validation with every error at once, same-region checks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def _clean(obj, *, exclude=(), errors: dict | None = None) -> None:
    """Run the model's validation (fields and constraints) and raise one ApplicationError with every error."""
    errors = dict(errors or {})
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)


def _same_region(region, rows, field: str, errors: dict, *, label) -> list:
    rows = list(rows or [])
    if any(r.region_id != region.pk for r in rows):
        errors.setdefault(field, []).append(label)
    return rows


def _foreign_programmes(region, programmes, errors: dict) -> list:
    return _same_region(
        region, programmes, "programmes", errors, label=_("A programme of another region cannot be linked.")
    )
