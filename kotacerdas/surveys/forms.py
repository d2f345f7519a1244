"""Survey forms: the staff form and the answer sheet built from the regulation's questionnaire."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.text import CleanModelForm
from kotacerdas.ideas.forms import HoneypotMixin
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency

from .elements import ELEMENTS, IMPACT_OPTIONS, IMPACT_QUESTION
from .models import Survey, SurveyResponse


class SurveyForm(CleanModelForm):
    class Meta:
        model = Survey
        fields = [
            "kind",
            "title",
            "title_en",
            "description",
            "service_name",
            "agency",
            "programme",
            "opens_on",
            "closes_on",
            "results_public",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "agency": forms.Select(attrs={"class": "fit"}),
            "programme": forms.Select(attrs={"class": "fit"}),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(region=region)
        self.fields["programme"].queryset = Programme.objects.filter(region=region, is_quick_win=True).order_by("code")
        self.fields["programme"].help_text = _("Required for an impact survey: the quick win whose impact is asked.")
        self.fields["programme"].label_from_instance = lambda p: f"{p.code} · {p.title}"

    def _post_clean(self):
        # Model validation runs in the service (it knows the region); the form only parses.
        pass


class AnswerForm(HoneypotMixin):
    suggestion = forms.CharField(
        label=_("Suggestion (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", "–"), *SurveyResponse.Gender.choices])
    age_group = forms.ChoiceField(
        label=_("Age group"), required=False, choices=[("", "–"), *SurveyResponse.AgeGroup.choices]
    )
    education = forms.ChoiceField(
        label=_("Education"), required=False, choices=[("", "–"), *SurveyResponse.Education.choices]
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"), required=False, choices=[("", "–"), *SurveyResponse.Occupation.choices]
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        questions = {}
        if survey.kind == Survey.Kind.SKM:
            for number, element in enumerate(ELEMENTS, start=1):
                questions[element.key] = forms.TypedChoiceField(
                    label=f"{number}. {element.question}",
                    help_text=element.name,
                    choices=[(str(v), f"{chr(96 + v)}. {text}") for v, text in element.options],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose one of the four answers.")},
                )
        else:
            questions["impact"] = forms.TypedChoiceField(
                label=IMPACT_QUESTION,
                choices=[(str(v), f"{chr(96 + v)}. {text}") for v, text in IMPACT_OPTIONS],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the four answers.")},
            )
        self.fields = {**questions, **self.fields}
        self.question_names = list(questions)
