"""Forms parse input only; the services validate the rules (region, dates, signatures)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.numbers import NotANumber, parse_decimal
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency, Membership
from kotacerdas.regions.rules import STAFF_ROLES

from .models import Agreement, Body, Contribution, Partner


class DateInput(forms.DateInput):
    input_type = "date"


def _region_users(region, roles=(*STAFF_ROLES, Membership.Role.PARTNER)):
    """People who may be linked to a contact, signatory or body member: the region's staff and partners —
    never its citizens at large."""
    return (
        get_user_model()
        .objects.filter(memberships__region=region, memberships__role__in=roles)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    """Names people by their name, never by the e-mail or phone they log in with."""

    def label_from_instance(self, obj) -> str:
        return obj.display_label


class RegionForm(forms.Form):
    """A form whose choices are the region's own rows: another region's id is not a valid choice."""

    user_roles = (*STAFF_ROLES, Membership.Role.PARTNER)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        querysets = {
            "programmes": Programme.objects.filter(region=region).order_by("code"),
            "programme": Programme.objects.filter(region=region).order_by("code"),
            "agency": Agency.objects.filter(region=region),
            "agencies": Agency.objects.filter(region=region),
            "partner": Partner.objects.filter(region=region),
            "partners": Partner.objects.filter(region=region),
            "user": _region_users(region, self.user_roles),
        }
        for name, qs in querysets.items():
            if name in self.fields:
                self.fields[name].queryset = qs


class PartnerForm(RegionForm):
    name = forms.CharField(label=_("Organisation"), max_length=200)
    acronym = forms.CharField(label=_("Short name"), max_length=40, required=False)
    category = forms.ChoiceField(label=_("Pentahelix category"), choices=Partner.Category.choices)
    subkind = forms.ChoiceField(
        label=_("Sub-kind"),
        choices=Partner.SubKind.choices,
        required=False,
        help_text=_("Business: bank, BUMN/BUMD or private firm. Media: print or online. Others: none."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    public_consent = forms.BooleanField(label=_("Consents to be listed publicly"), required=False)
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes"),
        queryset=Programme.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class ContactForm(RegionForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    user = UserChoiceField(label=_("User account (partner role)"), queryset=None, required=False)

    user_roles = (Membership.Role.PARTNER,)


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    event_date = forms.DateField(label=_("Signing date"), widget=DateInput)
    event_place = forms.CharField(label=_("Signing place"), max_length=150)


class CommitmentTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Changing the text invalidates every signature given so far."),
    )


class SignatoryForm(RegionForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    position = forms.CharField(label=_("Position"), max_length=150)
    email = forms.EmailField(label=_("E-mail (for the signing link)"), required=False)
    agency = forms.ModelChoiceField(label=_("On behalf of the agency"), queryset=None, required=False)
    partner = forms.ModelChoiceField(label=_("or on behalf of the partner"), queryset=None, required=False)
    user = UserChoiceField(label=_("User account (signs while logged in)"), queryset=None, required=False)


class SignForm(forms.Form):
    text_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(label=_("I have read the text and sign it."))


class AgreementForm(RegionForm):
    number = forms.CharField(label=_("Number"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    scope = forms.CharField(label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)
    alert_days_before = forms.IntegerField(label=_("Alert days before expiry"), min_value=1, max_value=365, initial=60)
    agencies = forms.ModelMultipleChoiceField(label=_("Agencies"), queryset=None, required=False)
    partners = forms.ModelMultipleChoiceField(label=_("Partners"), queryset=None, required=False)
    programmes = forms.ModelMultipleChoiceField(label=_("Programmes"), queryset=None, required=False)
    document = forms.FileField(
        label=_("Signed document (PDF)"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )


class ContributionForm(RegionForm):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = forms.CharField(
        label=_("Amount (Rp, funding only)"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), choices=Contribution.Status.choices)
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def clean_amount(self):
        raw = self.cleaned_data.get("amount")
        try:
            value = parse_decimal(raw)
        except NotANumber as exc:
            raise forms.ValidationError(_("Enter an amount such as 150.000.000.")) from exc
        if value is not None and (value <= 0 or value != value.to_integral_value() or value >= 10**18):
            raise forms.ValidationError(_("Enter a whole, positive amount in rupiah."))
        return value


class BodyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices)
    decree_number = forms.CharField(label=_("Decree (SK) number"), max_length=150)
    term_starts = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_ends = forms.DateField(label=_("Term ends"), widget=DateInput, required=False)


class BodyMemberForm(RegionForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role in the body"), max_length=120)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None, required=False)
    user = UserChoiceField(label=_("User account"), queryset=None, required=False)
    starts_on = forms.DateField(label=_("Member from"), widget=DateInput)


class MemberEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Member until"), widget=DateInput)
