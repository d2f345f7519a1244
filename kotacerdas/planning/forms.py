from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.masterplan.forms import ProgrammeForm
from kotacerdas.masterplan.models import Dimension, Element
from kotacerdas.regions.models import Agency

from .models import SCORE_LABELS, ProgrammeOrigin


class VersionedForm(forms.Form):
    """Carries the version the page was read at, so a stale save is refused (see masterplan.StaleEdit)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RoundForm(VersionedForm):
    held_on = forms.DateField(
        label=_("Held on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    held_until = forms.DateField(
        label=_("Until (last day)"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    present = forms.BooleanField(label=_("Present"), required=False, initial=True)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(region=region)


class ReadinessScoresForm(forms.Form):
    """One score (0–4, or not scored) and evidence note per question of a pillar."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        choices = [("", _("not scored"))] + [(str(k), v) for k, v in SCORE_LABELS.items()]
        for item in self.items:
            self.fields[f"score_{item.pk}"] = forms.TypedChoiceField(
                label=item.question,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial="" if item.score is None else str(item.score),
            )
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=4000,
                initial=item.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"version_{item.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=item.version
            )

    def rows(self):
        for item in self.items:
            yield item, self[f"score_{item.pk}"], self[f"evidence_{item.pk}"], self[f"version_{item.pk}"]

    def answers(self) -> dict[int, dict]:
        return {
            item.pk: {
                "score": self.cleaned_data[f"score_{item.pk}"],
                "evidence": self.cleaned_data[f"evidence_{item.pk}"],
                "version": self.cleaned_data[f"version_{item.pk}"],
            }
            for item in self.items
        }


class PillarAnalysisForm(VersionedForm):
    strengths = forms.CharField(label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    weaknesses = forms.CharField(label=_("Weaknesses"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    opportunities = forms.CharField(label=_("Opportunities"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    threats = forms.CharField(label=_("Threats"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    gap_summary = forms.CharField(label=_("Gap summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("strengths", "weaknesses", "opportunities", "threats"):
            self.fields[name].help_text = _("One per line.")


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300)
    question_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)


class VisionForm(VersionedForm):
    vision = forms.CharField(label=_("Vision"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    vision_en = forms.CharField(label=_("Vision (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    vision_keywords = forms.CharField(label=_("Vision keywords (from Bimtek I)"), required=False, max_length=300)
    missions = forms.CharField(
        label=_("Missions"), required=False, help_text=_("One per line."), widget=forms.Textarea(attrs={"rows": 4})
    )
    missions_en = forms.CharField(
        label=_("Missions (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    objectives = forms.CharField(
        label=_("Objectives"), required=False, help_text=_("One per line."), widget=forms.Textarea(attrs={"rows": 4})
    )
    objectives_en = forms.CharField(
        label=_("Objectives (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    profile = forms.CharField(
        label=_("Regional profile"),
        required=False,
        help_text=_("Area, population, districts and economy, for the masterplan document."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reason = forms.CharField(
        label=_("Reason for this revision"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, adopted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if adopted:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]


class StrategyForm(VersionedForm):
    dimension = forms.ModelChoiceField(label=_("Dimension"), queryset=Dimension.objects.none())
    element = forms.ModelChoiceField(label=_("Element"), queryset=Element.objects.none(), required=False)
    text = forms.CharField(label=_("Strategy"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    text_en = forms.CharField(
        label=_("Strategy (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.filter(region=region)
        self.fields["element"].queryset = Element.objects.filter(region=region).select_related("dimension")
        self.fields["element"].label_from_instance = lambda e: f"{e.dimension.name} › {e.name}"


class OriginForm(VersionedForm):
    source = forms.ChoiceField(label=_("Source"), choices=ProgrammeOrigin.Source.choices)
    source_document = forms.CharField(
        label=_("Source document"), required=False, max_length=250, help_text=_("e.g. RPJMD Luwu Utara 2021–2026")
    )
    source_reference = forms.CharField(
        label=_("Page or section"), required=False, max_length=120, help_text=_("e.g. Bab IV, hlm. 112")
    )
    innovation_kind = forms.ChoiceField(
        label=_("Innovation"), choices=ProgrammeOrigin.InnovationKind.choices, required=False
    )


class NewProgrammeForm(ProgrammeForm):
    """A programme with its origin, for round II (existing) and round III (new)."""

    source = forms.ChoiceField(label=_("Source"), choices=ProgrammeOrigin.Source.choices, initial="new")
    source_document = forms.CharField(label=_("Source document"), required=False, max_length=250)
    source_reference = forms.CharField(label=_("Page or section"), required=False, max_length=120)
    innovation_kind = forms.ChoiceField(
        label=_("Innovation"), choices=ProgrammeOrigin.InnovationKind.choices, required=False
    )

    def __init__(self, *args, masterplan, **kwargs):
        from kotacerdas.masterplan.models import Programme

        kwargs.setdefault("instance", Programme(masterplan=masterplan, region_id=masterplan.region_id))
        super().__init__(*args, region=masterplan.region, **kwargs)
        del self.fields["version"]
        if masterplan.status == "adopted":
            self.fields["reason"] = forms.CharField(
                label=_("Reason for this revision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )


class MilestoneForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Milestone"), max_length=250)
    title_en = forms.CharField(label=_("Milestone (English)"), max_length=250, required=False)


class QuickWinForm(forms.Form):
    """Select or drop a quick win, with the year it runs in."""

    selected = forms.BooleanField(label=_("Quick win"), required=False)
    quick_win_year = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Reason for this revision"), required=False, max_length=2000)

    def __init__(self, *args, masterplan, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import quick_win_years

        self.fields["quick_win_year"].choices = [("", "–")] + [(y, str(y)) for y in quick_win_years(masterplan)]
        if masterplan.status == "adopted":
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]


class QuickWinStepForm(forms.Form):
    description = forms.CharField(label=_("Step"), max_length=300)
    responsible = forms.CharField(label=_("Responsible"), max_length=150, required=False)
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class AdoptionForm(forms.Form):
    decree_number = forms.CharField(label=_("Decree number (SK / Perbup)"), max_length=120)
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
