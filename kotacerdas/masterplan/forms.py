from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.regions.models import Agency

from .models import Dimension, Element, Programme


class ProgrammeForm(forms.ModelForm):
    """Edits a programme; choices are limited to the programme's own region."""

    class Meta:
        model = Programme
        fields = [
            "code",
            "title",
            "title_en",
            "description",
            "description_en",
            "dimension",
            "element",
            "owner_agency",
            "supporting_agencies",
            "horizon",
            "start_year",
            "end_year",
            "budget_estimate",
            "funding_source",
            "is_quick_win",
            "quick_win_year",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "supporting_agencies": forms.CheckboxSelectMultiple,
        }

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason for this revision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("The masterplan is adopted: every change is kept as a revision with its reason."),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if self.instance.pk and self.instance.masterplan.status == "adopted":
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]
        self.fields["dimension"].queryset = Dimension.objects.filter(region=region)
        self.fields["element"].queryset = Element.objects.filter(region=region).select_related("dimension")
        self.fields["element"].label_from_instance = lambda e: f"{e.dimension.name} › {e.name}"
        self.fields["owner_agency"].queryset = Agency.objects.filter(region=region)
        self.fields["supporting_agencies"].queryset = Agency.objects.filter(region=region)
        self.fields["budget_estimate"].help_text = _("In rupiah, without dots: 1500000")

    def _post_clean(self):
        # Model validation runs in the service, which reports field errors back to the form.
        pass


def _display(value) -> str:
    if value is None or value == "":
        return "–"
    if hasattr(value, "all") and not isinstance(value, str):
        value = list(value.all())
    if isinstance(value, (list, tuple, set)) or (hasattr(value, "__iter__") and not isinstance(value, str)):
        return ", ".join(sorted(str(v) for v in value)) or "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def _comparable(value):
    if hasattr(value, "all") and not isinstance(value, str):
        value = list(value.all())
    if isinstance(value, (list, tuple, set)) or (hasattr(value, "__iter__") and not isinstance(value, str)):
        return sorted(getattr(v, "pk", v) for v in value)
    if value == "":
        return None
    return getattr(value, "pk", value)


def conflict_rows(form, current, skip=("version", "reason")) -> list[tuple[str, str, str]]:
    """(label, your value, current value) for each field where the submitted form and the row differ."""
    rows = []
    for name, field in form.fields.items():
        if name in skip or name not in form.cleaned_data:
            continue
        yours, now = form.cleaned_data[name], getattr(current, name, None)
        if _comparable(yours) != _comparable(now):
            rows.append((str(field.label), _display(yours), _display(now)))
    return rows


def refresh_version(form, current) -> None:
    """Let the next submit of this form overwrite `current` deliberately: carry its version."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    form.data = data
