"""Forms parse input only (numbers the Indonesian way: 2,5); the services check weights, scale and status."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.numbers import NotANumber, parse_decimal
from kotacerdas.masterplan.models import Dimension
from kotacerdas.regions.models import Region

from .models import EvaluationDimension, Framework, Item
from .services.rounds import national_evaluators


class NumberField(forms.CharField):
    """A decimal typed as people type it (2,5 or 2.5); empty is None."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "size": 5, "maxlength": 20})

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_decimal(value)
        except NotANumber:
            raise forms.ValidationError(_("Enter a number.")) from None


class FrameworkCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    copy_from = forms.ModelChoiceField(
        label=_("Copy from"),
        queryset=Framework.objects.all(),
        required=False,
        empty_label=_("— the default framework —"),
        help_text=_("Dimensions, weights, scale and items are copied; edit them afterwards."),
    )


class FrameworkForm(forms.Form):
    scale_min = NumberField(label=_("Lowest score"), required=True)
    scale_max = NumberField(label=_("Highest score"), required=True)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension_fields = []
        for dim in framework.dimensions.all():
            name = f"weight_{dim.key}"
            self.fields[name] = NumberField(
                label=_("Weight of %(name)s (%%)") % {"name": dim.name}, required=True, initial=dim.weight
            )
            self.dimension_fields.append(name)

    def weights(self) -> dict:
        return {name.removeprefix("weight_"): self.cleaned_data[name] for name in self.dimension_fields}


class ItemForm(forms.Form):
    dimension = forms.ModelChoiceField(label=_("Evaluation dimension"), queryset=EvaluationDimension.objects.none())
    smart_dimension = forms.ChoiceField(
        label=_("Smart city dimension"),
        choices=[("", _("— whole programme —")), *Dimension.Key.choices],
        required=False,
    )
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Question"), max_length=300)
    title_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    evidence_needed = forms.CharField(
        label=_("Evidence needed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_needed_en = forms.CharField(
        label=_("Evidence needed (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = NumberField(label=_("Weight within the evaluation dimension (%)"), required=True)
    source = forms.ChoiceField(label=_("Prefilled from"), choices=Item.Source.choices, required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=0)

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = framework.dimensions.exclude(key=EvaluationDimension.Key.QUICK_WIN)


class RoundCreateForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.filter(is_active=True).order_by("name"))
    framework = forms.ModelChoiceField(label=_("Framework (year)"), queryset=Framework.objects.all())
    assessors = forms.ModelMultipleChoiceField(
        label=_("Assessors"), queryset=national_evaluators(), required=False, widget=forms.CheckboxSelectMultiple
    )


class AssessorsForm(forms.Form):
    assessors = forms.ModelMultipleChoiceField(
        label=_("Assessors"), queryset=national_evaluators(), required=False, widget=forms.CheckboxSelectMultiple
    )
    lead = forms.ModelChoiceField(
        label=_("Lead assessor"),
        queryset=national_evaluators(),
        required=False,
        empty_label=_("— the current lead, else the first assessor —"),
        help_text=_("Sets the agreed score where the assessors are more than one point apart."),
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the published result corrected?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=True,
        error_messages={"required": _("Choose a file.")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf,.docx,.xlsx,.pptx"}),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=250)


class NotesForm(forms.Form):
    interview_notes = forms.CharField(
        label=_("Interview notes"), required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )


def parse_rows(data, *, prefix_value: str, prefix_text: str, ids) -> tuple[dict, dict]:
    """Read `<prefix_value><id>` numbers and `<prefix_text><id>` texts for the given ids from POST data.

    Returns ({id: (Decimal or None, text)}, {field name: [error]}) — a number that cannot be read is an error.
    """
    rows, errors = {}, {}
    for pk in ids:
        raw = data.get(f"{prefix_value}{pk}", "")
        try:
            value = parse_decimal(raw)
        except NotANumber:
            errors[f"{prefix_value}{pk}"] = [_("Enter a number.")]
            continue
        rows[pk] = (value, (data.get(f"{prefix_text}{pk}", "") or "").strip()[:5000])
    return rows, errors
