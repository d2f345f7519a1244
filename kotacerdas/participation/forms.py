import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.i18n import LocalizedModelChoiceField
from kotacerdas.common.text import CleanForm, CleanModelForm
from kotacerdas.regions.models import Agency, District, Village

from . import selectors
from .idempotency import MAX_KEY_LENGTH
from .models import Holiday, Report, ReportCategory, ReportSettings
from .services import MAX_DESCRIPTION, allowed_transitions


class CategoryField(LocalizedModelChoiceField):
    """A category choice that asks `known(pk)` (the region's cached active categories, services.lookups)
    before its queryset: a valid choice costs no query; anything else is refused by the queryset as before."""

    known = None

    def to_python(self, value):
        if self.known is not None and value not in self.empty_values:
            found = self.known(value)
            if found is not None:
                return found
        return super().to_python(value)


class ReportForm(CleanForm):
    """The citizen's report. Location: a map pin (lat/lon, filled by the map or typed) or kecamatan + desa."""

    category = CategoryField(label=_("What is the problem about?"), queryset=ReportCategory.objects.none())
    description = forms.CharField(
        label=_("Describe the problem"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_DESCRIPTION}),
    )
    lat = forms.CharField(
        label=_("Latitude"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12})
    )
    lon = forms.CharField(
        label=_("Longitude"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12})
    )
    district = forms.ModelChoiceField(label=_("Kecamatan"), queryset=District.objects.none(), required=False)
    village = forms.TypedChoiceField(label=_("Desa / kelurahan"), required=False, coerce=int, empty_value=None)
    address = forms.CharField(label=_("Street, landmark"), max_length=200, required=False)
    photo_1 = forms.FileField(label=_("Photo"), required=False)
    photo_2 = forms.FileField(label=_("Second photo"), required=False)
    photo_3 = forms.FileField(label=_("Third photo"), required=False)
    reporter_name = forms.CharField(label=_("Your name (not shown publicly)"), max_length=120, required=False)
    reporter_email = forms.EmailField(
        label=_("E-mail for updates (not shown publicly)"),
        required=False,
        help_text=_("Optional. We write to you when the report moves."),
    )
    reporter_phone = forms.CharField(label=_("Phone (not shown publicly)"), max_length=30, required=False)
    # A field people never see (hidden by CSS, skipped by screen readers): bots fill it in.
    website = forms.CharField(label=_("Leave this empty"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_KEY_LENGTH)

    def __init__(self, *args, region, district: str | None = None, categories=None, key: str | None = None, **kwargs):
        """`district` (a pk, e.g. from ?district=) narrows the desa list like a posted kecamatan does;
        `categories(pk)`, if given, finds a posted active category of the region without a query; `key`: the
        idempotency key a new form starts with (default: a fresh one)."""
        super().__init__(*args, **kwargs)
        self.fields["category"].known = categories
        self.region, self._district_param = region, district
        if self.is_bound:
            # A submission builds only the querysets a posted value needs (a category not in `categories`,
            # a kecamatan); a form shown again gets them all (offer_choices).
            if categories is None:
                self.fields["category"].queryset = selectors.categories(region=region)
            if str(self.data.get(self.add_prefix("district")) or "").strip():
                self.fields["district"].queryset = selectors.districts(region=region).order_by("name")
            self._posted_village(region)  # the whole list only if the form is shown again (offer_choices)
        else:
            self._querysets()
            self._village_choices(region, district)
        for name in ("photo_1", "photo_2", "photo_3"):
            self.fields[name].widget.attrs.update({"accept": "image/jpeg,image/png,image/webp", "data-resize": "1"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.is_bound:
            self.initial["idempotency_key"] = key or uuid.uuid4().hex

    def _posted_village(self, region) -> None:
        """A submission needs only the desa it names (with its kecamatan), not the region's list: one query
        or none, where the list costs two and a few hundred rows."""
        posted = str(self.data.get("village") or "").strip()
        rows = []
        if posted.isdigit():
            rows = list(selectors.villages(region=region).filter(pk=int(posted)).select_related("district"))
        self.fields["village"].choices = [("", "—")] + [(v.pk, v.name) for v in rows]
        self._village_rows = {v.pk: v for v in rows}
        self.village_map = {}

    def _querysets(self) -> None:
        self.fields["category"].queryset = selectors.categories(region=self.region)
        self.fields["district"].queryset = selectors.districts(region=self.region).order_by("name")

    def offer_choices(self) -> None:
        """Load the region's categories, kecamatan and whole desa list into a submitted form about to be shown
        again (with errors)."""
        if self.is_bound:
            self._querysets()
            self._village_choices(self.region, self._district_param)

    def _village_choices(self, region, district):
        """Every desa of the region is valid (a desa outside the kecamatan gets a clear error in clean); the
        list offers those of the chosen kecamatan (posted, or given) only, grouped by kecamatan."""
        chosen = self.data.get("district") if self.is_bound else district
        districts = {d.pk: d for d in self.fields["district"].queryset}
        names = {pk: d.name for pk, d in districts.items()}
        villages = list(selectors.villages(region=region).order_by("name"))
        for village in villages:  # the submission reads the desa's kecamatan: no query for it
            village.district = districts.get(village.district_id)
        self.fields["village"].choices = self._grouped(villages, names)
        self.villages = {village.pk for village in villages}
        # For reports.js, which narrows the desa list without a reload: {kecamatan pk: [[desa pk, name], ...]}.
        self.village_map: dict[int, list] = {}
        for village in villages:
            self.village_map.setdefault(village.district_id, []).append([village.pk, village.name])
        self._village_rows = {village.pk: village for village in villages}
        if str(chosen or "").isdigit() and int(chosen) in names:
            shown = [village for village in villages if village.district_id == int(chosen)]
            self.fields["village"].widget.choices = self._grouped(shown, names)
            self.initial.setdefault("district", int(chosen))

    @staticmethod
    def _grouped(villages, names) -> list:
        groups: dict[int, list] = {}
        for village in villages:
            groups.setdefault(village.district_id, []).append((village.pk, village.name))
        return [("", "—")] + [
            (names.get(pk, "?"), groups[pk]) for pk in sorted(groups, key=lambda pk: names.get(pk, ""))
        ]

    def clean_village(self):
        value = self.cleaned_data.get("village")
        if value is None:
            return None
        return self._village_rows.get(value) or Village.objects.filter(pk=value).first()

    def clean(self):
        data = super().clean()
        district, village = data.get("district"), data.get("village")
        if district and village and village.district_id != district.pk:
            self.add_error("village", _("This desa is not in the chosen kecamatan."))
        return data


class TransitionForm(CleanForm):
    status = forms.ChoiceField(label=_("New status"))
    text = forms.CharField(
        label=_("Public update (shown to everyone)"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Report.Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in allowed_transitions(report)]


class RerouteForm(CleanForm):
    agency = forms.ModelChoiceField(label=_("Forward to"), queryset=Agency.objects.none())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_DESCRIPTION}),
    )
    internal = forms.BooleanField(
        label=_("Keep the reason internal"),
        required=False,
        initial=True,
        help_text=_("The public timeline then shows only “forwarded to” and the agency."),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(region_id=report.region_id).exclude(pk=report.agency_id)


class CategoryForm(CleanModelForm):
    class Meta:
        model = ReportCategory
        fields = ["code", "name", "name_en", "description", "kind", "agency", "order", "is_active"]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(region=region)

    def validate_unique(self):  # the service reports a duplicate code
        pass


class RouteForm(CleanForm):
    category = LocalizedModelChoiceField(label=_("Category"), queryset=ReportCategory.objects.none())
    district = forms.ModelChoiceField(label=_("Kecamatan"), queryset=District.objects.none())
    agency = forms.ModelChoiceField(
        label=_("Agency (empty: back to the category's agency)"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ReportCategory.objects.filter(region=region)
        self.fields["district"].queryset = District.objects.filter(region=region)
        self.fields["agency"].queryset = Agency.objects.filter(region=region)


class SettingsForm(CleanModelForm):
    class Meta:
        model = ReportSettings
        fields = [
            "first_response_days",
            "days_information",
            "days_standard",
            "days_field_check",
            "min_lat",
            "max_lat",
            "min_lon",
            "max_lon",
            "reports_per_ip_per_hour",
            "reports_per_account_per_hour",
            "count_working_days",
        ]

    def validate_unique(self):
        pass


class ApiKeyForm(CleanForm):
    name = forms.CharField(label=_("Application name"), max_length=120)


class HolidayForm(CleanForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=Holiday.Kind.choices, initial=Holiday.Kind.REGIONAL)


class HolidayLoadForm(CleanForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
