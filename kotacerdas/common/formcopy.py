"""Every form made copies its class's fields (`BaseForm.__init__`: `copy.deepcopy(self.base_fields)`), so that
one request's changes to a field never reach another's. Django's own `__deepcopy__` of a field and of a widget
copies a few attributes; what costs is `copy.copy` and `copy.deepcopy` around them (a reduce and a reconstruct
for each object): ~0.45 ms for the report form's sixteen fields, an eighth of a web submission's time in Django
(docs/bench.md, "Intake, sixth pass").

`QuickCopyFields` makes the same copies as Django's `__deepcopy__` of `Field`, `ChoiceField`,
`ModelChoiceField`, `Widget` and `ChoiceWidget`, with a plain copy of each object's attributes; any other
field or widget (one with its own `__deepcopy__`: a MultiValueField, a MultiWidget) is deep-copied as Django
would. `CleanForm` and `CleanModelForm` (common/text.py) use it.
"""

import copy

from django import forms
from django.forms.models import ModelChoiceField
from django.forms.widgets import ChoiceWidget

_FIELD = forms.Field.__deepcopy__
_CHOICE_FIELD = forms.ChoiceField.__deepcopy__
_MODEL_CHOICE_FIELD = ModelChoiceField.__deepcopy__
_WIDGET = forms.Widget.__deepcopy__
_CHOICE_WIDGET = ChoiceWidget.__deepcopy__


def _attributes_copy(obj):
    """What `copy.copy` gives for a plain object (no `__copy__`, `__reduce__` or slots of its own)."""
    new = type(obj).__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


def widget_copy(widget, memo: dict):
    """As `copy.deepcopy(widget, memo)`."""
    kind = type(widget).__deepcopy__
    if kind is not _WIDGET and kind is not _CHOICE_WIDGET:
        return copy.deepcopy(widget, memo)
    new = _attributes_copy(widget)
    new.attrs = widget.attrs.copy()
    if kind is _CHOICE_WIDGET:
        new.choices = copy.copy(widget.choices)
    memo[id(widget)] = new
    return new


def field_copy(field, memo: dict):
    """As `copy.deepcopy(field, memo)`."""
    kind = type(field).__deepcopy__
    if kind is not _FIELD and kind is not _CHOICE_FIELD and kind is not _MODEL_CHOICE_FIELD:
        return copy.deepcopy(field, memo)
    new = _attributes_copy(field)
    memo[id(field)] = new
    new.widget = widget_copy(field.widget, memo)
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    if kind is _CHOICE_FIELD:
        new._choices = copy.deepcopy(field._choices, memo)
    elif kind is _MODEL_CHOICE_FIELD and field.queryset is not None:
        new.queryset = field.queryset.all()  # a new ModelChoiceIterator, as Django's (its bug #11183)
    return new


class QuickCopyFields(dict):
    """A form class's `base_fields` whose deep copy is `field_copy` of each field."""

    def __deepcopy__(self, memo):
        return {name: field_copy(field, memo) for name, field in self.items()}


def quick_copy_fields(form_class) -> None:
    """Give `form_class` (once) base fields that copy quickly; its subclasses get their own when first used."""
    fields = form_class.__dict__.get("base_fields")
    if fields is not None and not isinstance(fields, QuickCopyFields):
        form_class.base_fields = QuickCopyFields(fields)
