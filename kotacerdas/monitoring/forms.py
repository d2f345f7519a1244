from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Evidence

NUMBER_HINT = _("e.g. 1.500.000 or 12,5")


class ReportForm(forms.Form):
    """The report's fields plus one `value_<indicator id>` field per indicator. Numbers are text, parsed by the
    service, so Indonesian formats work and every error comes back next to its field."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    progress_percent = forms.CharField(
        label=_("Progress (%)"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    milestone = forms.CharField(label=_("Milestone reached"), required=False, max_length=250)
    budget_realised = forms.CharField(
        label=_("Budget realised (Rp)"),
        required=False,
        help_text=NUMBER_HINT,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    narrative = forms.CharField(label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    obstacles = forms.CharField(label=_("Obstacles"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, indicator_rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_fields = []
        for row in indicator_rows:
            indicator = row["indicator"]
            name = f"value_{indicator.pk}"
            self.fields[name] = forms.CharField(
                label=indicator.name,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.indicator_fields.append((name, row))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "revision": data["revision"],
            "values": {name.removeprefix("value_"): data.get(name) for name, _row in self.indicator_fields},
            **{
                k: data.get(k)
                for k in ("progress_percent", "milestone", "budget_realised", "narrative", "obstacles", "follow_up")
            },
        }

    def bound_indicator_fields(self):
        return [(self[name], row) for name, row in self.indicator_fields]


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,.pdf,.docx,.xlsx,.pptx"}),
    )
    url = forms.CharField(label=_("Link"), required=False, max_length=200)
    caption = forms.CharField(label=_("Caption"), required=False, max_length=250)
    latitude = forms.CharField(label=_("Latitude"), required=False)
    longitude = forms.CharField(label=_("Longitude"), required=False)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("verify", _("Verify")), ("return", _("Return for revision"))])
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MonitoringSettingsForm(forms.Form):
    """The region admin's monitoring settings: the headline coverage threshold and the evidence rule."""

    headline_min_coverage = forms.IntegerField(
        label=_("Coverage for a recent period to lead the public figures (%)"),
        help_text=_(
            "Public and council figures show the latest closed period, or a more recent period once this share "
            "of its programmes has a verified report (0–100)."
        ),
        error_messages={
            "invalid": _("Enter a share between 0 and 100."),
            "min_value": _("Enter a share between 0 and 100."),
            "max_value": _("Enter a share between 0 and 100."),
        },
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    evidence_required = forms.BooleanField(
        label=_("Verification requires evidence"),
        help_text=_("A report without at least one piece of evidence cannot be verified."),
        required=False,
    )
