"""Helpers the report services share: checked text, validation, the locked statistics row."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.text import strip_xml_illegal

from ..models import (
    AgencyReportStats,
)

MAX_DESCRIPTION = 2000


def _stats_row(*, region_id: int, agency_id: int) -> AgencyReportStats:
    row, _created = AgencyReportStats.objects.select_for_update().get_or_create(
        region_id=region_id, agency_id=agency_id, defaults={"response_hours": []}
    )
    return row


def _check_text(value: str, *, field: str, required: bool, limit: int) -> str:
    value = strip_xml_illegal(value or "").strip()
    if required and not value:
        message = _("This field is required.")
        raise ApplicationError(message, fields={field: [message]})
    if len(value) > limit:
        message = _("At most %(limit)s characters (this has %(n)s).") % {"limit": limit, "n": len(value)}
        raise ApplicationError(message, fields={field: [message]})
    return value


def _validated(obj):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields=exc.message_dict) from None
