"""Forms of the literacy pages: they parse input; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.collaboration.models import Partner
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency, District
from kotacerdas.regions.rules import agency_ids_of

from .models import Activity
from .services import ACTIVITY_FIELDS


class ActivityForm(forms.ModelForm):
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
        self.fields["partner"].queryset = Partner.objects.filter(region=region).order_by("name")
        self.fields["district"].queryset = District.objects.filter(region=region).order_by("name")
        self.fields["programme"].queryset = Programme.objects.filter(region=region).order_by("code")
        self.fields["programme"].label_from_instance = lambda p: f"{p.code} {p.title}"
        for name in ("total", "male", "female"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

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
