from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the key is for, e.g. the dashboard's sync."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CitizenPasswordForm(forms.Form):
    identifier = forms.CharField(
        label=_("The citizen's e-mail address or phone number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of your e-mails and notices"),
        choices=settings.LANGUAGES,
        error_messages={"invalid_choice": _("Choose one of the languages offered.")},
    )
