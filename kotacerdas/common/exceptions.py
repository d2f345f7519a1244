"""Refusals the user should read, and showing them on forms."""

from django.contrib import messages
from django.utils.translation import gettext as _


class ApplicationError(Exception):
    """A refusal the user should read: the message is already translated.

    `fields` maps a field name to its messages, so forms and the API can show them next to the input.
    """

    def __init__(self, message, *, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


def add_to_form(form, exc: ApplicationError) -> None:
    """Show a refusal on a form: field messages next to their fields (others on top), else the message."""
    for field, errors in exc.fields.items():
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, error)
    if not exc.fields:
        form.add_error(None, exc.message)


def save_form(request, form, save) -> bool:
    """A settings-like form posted: True when it was valid and `save(**cleaned_data)` (an audited service)
    accepted it, with "The settings were saved." for the person; else False, the refusal shown on the form."""
    if not form.is_valid():
        return False
    try:
        save(**form.cleaned_data)
    except ApplicationError as exc:
        add_to_form(form, exc)
        return False
    messages.success(request, _("The settings were saved."))
    return True
