"""The region admin's open data settings form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.text import CleanModelForm
from kotacerdas.regions.models import Agency

from .models import OpenDataSettings

MAX_THRESHOLD = 100


class SettingsForm(CleanModelForm):
    small_count_threshold = forms.IntegerField(
        label=_("Smallest published count"),
        min_value=1,
        max_value=MAX_THRESHOLD,
        help_text=_(
            "Counts of citizen reports per village, and of literacy participants per kecamatan, below this are "
            "suppressed."
        ),
    )

    class Meta:
        model = OpenDataSettings
        fields = ["licence", "custodian", "small_count_threshold"]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["custodian"].queryset = Agency.objects.filter(region=region).order_by("acronym", "name")
        self.fields["custodian"].empty_label = _("The agency whose short name starts with Diskominfo")

    def validate_unique(self):
        pass
