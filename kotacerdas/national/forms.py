from django import forms
from django.utils.translation import gettext_lazy as _


class RegionStartForm(forms.Form):
    code = forms.CharField(
        label=_("Kemendagri code"), max_length=5, help_text=_("The official region code, e.g. 73.22 for Luwu Utara.")
    )
    slug = forms.SlugField(
        label=_("Address"), max_length=80, required=False, help_text=_("/r/<address>/; empty: from the name.")
    )
    admin_name = forms.CharField(label=_("First admin's name"), max_length=150, required=False)
    admin_email = forms.EmailField(label=_("First admin's e-mail"), max_length=254)


class InvitationAcceptForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, max_length=128)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data
