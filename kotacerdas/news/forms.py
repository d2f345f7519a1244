"""Forms of the news pages: they parse input; the services sanitise, validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.text import CleanForm
from kotacerdas.innovation.selectors import innovation_choices
from kotacerdas.literacy.selectors import activity_choices
from kotacerdas.masterplan.models import Dimension, Programme

from .services import ARTICLE_FIELDS


class ArticleForm(CleanForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=300, required=False, help_text=_("Empty: the start of the body is used.")
    )
    summary_en = forms.CharField(label=_("Summary (English)"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Plain text (blank lines separate paragraphs) or simple HTML; anything unsafe is removed."),
    )
    body_en = forms.CharField(label=_("Body (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    cover = forms.FileField(label=_("Cover image (JPEG, PNG or WebP)"), required=False)
    cover_alt = forms.CharField(label=_("Cover description"), max_length=200, required=False)
    source_name = forms.CharField(label=_("Source"), max_length=150, required=False)
    source_url = forms.URLField(label=_("Source link"), required=False, assume_scheme="https")
    tags = forms.CharField(label=_("Tags"), max_length=400, required=False, help_text=_("Separated by commas."))
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Dimensions"), queryset=Dimension.objects.none(), required=False
    )
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes"), queryset=Programme.objects.none(), required=False
    )
    innovations = forms.ModelMultipleChoiceField(label=_("Innovations"), queryset=None, required=False)
    activities = forms.ModelMultipleChoiceField(label=_("Literacy activities"), queryset=None, required=False)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].queryset = Dimension.objects.filter(region=region).order_by("order")
        self.fields["programmes"].queryset = Programme.objects.filter(region=region).order_by("code")
        self.fields["programmes"].label_from_instance = lambda p: f"{p.code} {p.title}"
        self.fields["innovations"].queryset = innovation_choices(region=region)
        self.fields["activities"].queryset = activity_choices(region=region)
        self.fields["activities"].label_from_instance = lambda a: f"{a.date:%Y-%m-%d} {a.title}"

    @staticmethod
    def initial_for(article) -> dict:
        data = {k: getattr(article, k) for k in ARTICLE_FIELDS}
        data["tags"] = ", ".join(t.name for t in article.tags.all())
        for key in ("dimensions", "programmes", "innovations", "activities"):
            data[key] = list(getattr(article, key).values_list("pk", flat=True))
        return data


class ImageForm(CleanForm):
    image = forms.FileField(label=_("Image (JPEG, PNG or WebP)"))
    alt = forms.CharField(label=_("Description (alt text)"), max_length=200, required=False)
