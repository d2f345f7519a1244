from django import forms
from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """`obj.<field>_en` when the active language is English and it is filled, else `obj.<field>`."""
    if (get_language() or "id").startswith("en"):
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    return getattr(obj, field)


class LocalizedModelChoiceField(forms.ModelChoiceField):
    """A model choice whose options read `<label_field>_en` in English (e.g. a report category's name)."""

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return localized(obj, self.label_field)
