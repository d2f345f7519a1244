"""The one spelling of a login identifier: citizens type their e-mail or phone however they like."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError

PHONE_CHARS = re.compile(r"[\s\-\.\(\)]")


def normalise_identifier(raw: str) -> str:
    """'Budi@Example.ORG ' → 'budi@example.org'; '0812-3456-7890', '62812…', '+62 812…' → '+6281234567890'.

    Raises ApplicationError (field `identifier`) when it is neither a valid e-mail nor an Indonesian phone.
    """
    value = (raw or "").strip()
    if not value:
        raise ApplicationError(_("Enter your e-mail address or phone number."), fields={"identifier": [_("Required.")]})
    if "@" in value:
        value = value.lower()
        try:
            validate_email(value)
        except ValidationError:
            message = _("This is not a valid e-mail address.")
            raise ApplicationError(message, fields={"identifier": [message]}) from None
        if len(value) > 150:
            message = _("The e-mail address is too long.")
            raise ApplicationError(message, fields={"identifier": [message]})
        return value
    digits = PHONE_CHARS.sub("", value)
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not (digits.isdigit() and digits.startswith("62") and 10 <= len(digits) <= 15):
        message = _("Enter an e-mail address or an Indonesian phone number such as 0812 3456 7890.")
        raise ApplicationError(message, fields={"identifier": [message]})
    return "+" + digits
