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

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.filter(region=region)
        self.fields["element"].queryset = Element.objects.filter(region=region).select_related("dimension")
        self.fields["element"].label_from_instance = lambda e: f"{e.dimension.name} › {e.name}"
        self.fields["owner_agency"].queryset = Agency.objects.filter(region=region)
        self.fields["supporting_agencies"].queryset = Agency.objects.filter(region=region)
        self.fields["budget_estimate"].help_text = _("In rupiah, without dots: 1500000")

    def _post_clean(self):
        # Model validation runs in the service, which reports field errors back to the form.
        pass
