"""Forms of the literacy pages: they parse input; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.collaboration.selectors import partner_choices
from kotacerdas.common.numbers import NotANumber, format_decimal_for_input, parse_decimal
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency, District
from kotacerdas.regions.rules import agency_ids_of

from .models import Activity
from .services import ACTIVITY_FIELDS


class LocalDecimalField(forms.CharField):
    """A decimal typed as people type it (55,5 or 55.5); empty is None. The model checks the range."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "size": 6, "maxlength": 20})

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_decimal(value)
        except NotANumber:
            raise forms.ValidationError(_("Enter a number.")) from None


class ActivityForm(forms.ModelForm):
    pre_test_mean = LocalDecimalField(label=_("pre-test mean (0–100)"))
    post_test_mean = LocalDecimalField(label=_("post-test mean (0–100)"))
    satisfaction = LocalDecimalField(label=_("satisfaction (1–5)"))

    class Meta:
        model = Activity
        fields = list(ACTIVITY_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "evaluation_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, region, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(region=region).order_by("acronym")
        if not user.has_perm("literacy.change_activity", region):  # an agency officer: their own agencies
            agencies = agencies.filter(pk__in=agency_ids_of(user, region.pk))
        self.fields["organiser"].queryset = agencies
        self.fields["partner"].queryset = partner_choices(region=region)
        self.fields["district"].queryset = District.objects.filter(region=region).order_by("name")
        self.fields["programme"].queryset = Programme.objects.filter(region=region).order_by("code")
        self.fields["programme"].label_from_instance = lambda p: f"{p.code} {p.title}"
        for name in ("total", "male", "female"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        if self.instance.pk:  # decimals back in the user's notation (55,5), so a resave reads the same number
            for name in ("pre_test_mean", "post_test_mean", "satisfaction"):
                self.initial[name] = format_decimal_for_input(getattr(self.instance, name))

    def _post_clean(self):
        pass  # the service checks the whole activity (counts adding up, region links)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF or Office document)"))
    is_public = forms.BooleanField(label=_("Downloadable by everyone"), required=False, initial=True)


class LocationForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none())
    latitude = forms.DecimalField(label=_("Latitude"), max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), max_digits=9, decimal_places=6)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(region=region).order_by("name")
