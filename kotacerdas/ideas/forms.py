"""Forms of the idea pages. They parse; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.text import CleanForm
from kotacerdas.common.uploads import reencode_image
from kotacerdas.masterplan.models import Dimension, Programme

from .models import COMMENT_MAX, DESCRIPTION_MAX, TITLE_MAX, Idea

PHOTO_MAX_BYTES = 5 * 1024 * 1024


class HoneypotMixin(CleanForm):
    """A field people never see (hidden by CSS, skipped by screen readers); bots fill it in."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This submission looks automated and was not saved."))
        return ""


class IdeaForm(HoneypotMixin):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, min_length=5)
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What problem does it solve, for whom, and how? (20–5,000 characters)"),
    )
    dimension = forms.ModelChoiceField(label=_("Dimension"), queryset=Dimension.objects.none())
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    field_order = ["title", "dimension", "description", "photo", "website"]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.filter(region=region).order_by("order", "pk")

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        return reencode_image(photo, max_bytes=PHOTO_MAX_BYTES, max_side=1600)


class CommentForm(HoneypotMixin):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    official = forms.BooleanField(label=_("Post as official reply"), required=False)

    def __init__(self, *args, can_reply_officially: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_reply_officially:
            del self.fields["official"]


class FlagForm(CleanForm):
    reason = forms.CharField(label=_("What is wrong?"), max_length=300, required=False)
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class HideForm(CleanForm):
    reason = forms.CharField(label=_("Reason (shown publicly)"), max_length=300)


class StatusForm(CleanForm):
    status = forms.ChoiceField(label=_("New status"), choices=Idea.Status.choices)
    reason = forms.CharField(
        label=_("Reason or note (required when rejecting)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LinkForm(CleanForm):
    programme = forms.ModelChoiceField(
        label=_("Programme or quick win it became"),
        queryset=Programme.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "fit"}),  # long titles must not widen a phone screen
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            Programme.objects.filter(region=region).only("pk", "code", "title", "is_quick_win").order_by("code")
        )
        quick_win = gettext("quick win")
        self.fields["programme"].label_from_instance = lambda p: f"{p.code} · {p.title}" + (
            f" ({quick_win})" if p.is_quick_win else ""
        )


class SignupForm(HoneypotMixin):
    name = forms.CharField(label=_("Your name (shown with your ideas)"), max_length=150, required=False)
    identifier = forms.CharField(
        label=_("E-mail or phone number"),
        max_length=150,
        help_text=_("You log in with it. A phone number such as 0812 3456 7890 is saved as +62 812 3456 7890."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data
