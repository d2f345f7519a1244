"""Forms of the innovation pages: they parse input; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.masterplan.models import Dimension, Programme
from kotacerdas.regions.models import Agency, Region
from kotacerdas.regions.rules import agency_ids_of

from .models import Innovation, InnovationEvidence
from .services import INNOVATION_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InnovationForm(forms.ModelForm):
    class Meta:
        model = Innovation
        fields = list(INNOVATION_FIELDS)
        widgets = {
            "proposed_on": DATE,
            **{k + "_note": forms.Textarea(attrs={"rows": 2}) for k, _l in Innovation.CRITERIA},
        }

    def __init__(self, *args, region, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(region=region).order_by("acronym")
        if not user.has_perm("innovation.promote_idea", region):  # an agency officer: their own agencies
            agencies = agencies.filter(pk__in=agency_ids_of(user, region.pk))
        self.fields["agency"].queryset = agencies
        self.fields["dimension"].queryset = Dimension.objects.filter(region=region).order_by("order")
        self.fields["programme"].queryset = (
            Programme.objects.filter(region=region).select_related("dimension").order_by("code")
        )
        self.fields["programme"].label_from_instance = lambda p: f"{p.code} {p.title}" + (
            " (quick win)" if p.is_quick_win else ""
        )

    def _post_clean(self):
        # The service validates the whole object (region links, criteria, constraints).
        pass


class EvidenceForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Innovation.Stage.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=InnovationEvidence.Kind.choices)
    file = forms.FileField(label=_("File (PDF, Office document or photo)"), required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    caption = forms.CharField(label=_("Caption"), max_length=250, required=False)
    is_public = forms.BooleanField(label=_("Show on the public page"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ev_%s")  # unique ids next to the stage form on the same page
        super().__init__(*args, **kwargs)


class AdvanceForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=Innovation.Stage.choices)
    on = forms.DateField(label=_("Date reached"), widget=DATE)
    decree_number = forms.CharField(label=_("Decision (SK) number"), max_length=120, required=False)
    kind = forms.ChoiceField(
        label=_("Evidence kind"), choices=InnovationEvidence.Kind.choices, initial=InnovationEvidence.Kind.DOCUMENT
    )
    file = forms.FileField(label=_("Evidence file"), required=False)
    url = forms.URLField(label=_("or evidence link"), required=False, assume_scheme="https")
    caption = forms.CharField(label=_("Caption"), max_length=250, required=False)
    is_public = forms.BooleanField(label=_("Show the evidence on the public page"), required=False)

    def evidence(self) -> dict:
        d = self.cleaned_data
        return {k: d.get(k) for k in ("kind", "file", "url", "caption", "is_public")}


class ReplicationForm(forms.Form):
    other_region = forms.ModelChoiceField(
        label=_("Region on this site"), queryset=Region.objects.none(), required=False
    )
    region_name = forms.CharField(label=_("or region name"), max_length=150, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def __init__(self, *args, region, **kwargs):
        kwargs.setdefault("auto_id", "rep_%s")
        super().__init__(*args, **kwargs)
        self.fields["other_region"].queryset = Region.objects.filter(is_active=True).exclude(pk=region.pk)
