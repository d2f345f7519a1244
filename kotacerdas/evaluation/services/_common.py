"""What the evaluation services share: status groups, permission and input checks, the round lock."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError

from ..models import Framework, Round
from ..scoring import q2

Status = Round.Status
LOCKING = (Status.SCORED, Status.PUBLISHED)
# Assessors whose own scores of an item are further apart than this (in points of the framework's scale)
# must agree: the lead assessor sets the agreed score with a reason.
DISAGREEMENT = Decimal(1)
RATING_FIELDS = ("innovativeness", "implementation", "benefit")


def _clean(obj, *, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields=exc.message_dict) from None


def _decimal(value, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter a number."), fields={field: [_("Enter a number.")]}) from None


def _in_scale(value: Decimal | None, framework: Framework, field: str) -> Decimal | None:
    if value is None:
        return None
    if not (framework.scale_min <= value <= framework.scale_max):
        message = _("A score must be between %(min)s and %(max)s.") % {
            "min": q2(framework.scale_min),
            "max": q2(framework.scale_max),
        }
        raise ApplicationError(message, fields={field: [message]})
    return value


def _notify_on_commit(round_: Round, event: str) -> None:
    from ..notifications import notify_round

    round_id = round_.pk
    transaction.on_commit(lambda: notify_round(round_id=round_id, event=event))


def _text(value: Decimal | None) -> str | None:
    """A score as the audit trail shows it: two decimals, so before and after compare as text."""
    return None if value is None else str(q2(value))


def _locked_round(round_: Round) -> Round:
    return Round.objects.select_for_update().select_related("framework").get(pk=round_.pk)
