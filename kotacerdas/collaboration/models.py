"""Pentahelix collaboration: partners, joint commitments and their signatures, agreements (MoU/PKS),
contributions to programmes, and the bodies (Tim Pelaksana, Dewan Kota Cerdas) with their members."""

import hashlib
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.common.models import RegionOwnedModel
from kotacerdas.common.storage import private_storage


def normalise_text(text: str) -> str:
    """The canonical form of a commitment text: Unicode NFC, Unix line ends, no surrounding blanks."""
    return unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def text_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: what a signature binds to."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


class Partner(RegionOwnedModel):
    """An organisation taking part in the region's smart city programme (a pentahelix partner)."""

    class Category(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        ACADEMIA = "academia", _("Academia")
        BUSINESS = "business", _("Business")
        COMMUNITY = "community", _("Community / NGO")
        MEDIA = "media", _("Media")

    class SubKind(models.TextChoices):
        NONE = "", _("—")
        BANK = "bank", _("Bank")
        BUMN_BUMD = "bumn_bumd", _("BUMN / BUMD")
        PRIVATE = "private", _("Private firm")
        PRINT = "print", _("Print media")
        ONLINE = "online", _("Online media")

    # Which sub-kinds belong to which category; the others take none.
    SUBKINDS = {
        Category.BUSINESS: {SubKind.BANK, SubKind.BUMN_BUMD, SubKind.PRIVATE},
        Category.MEDIA: {SubKind.PRINT, SubKind.ONLINE},
    }

    name = models.CharField(_("organisation"), max_length=200)
    acronym = models.CharField(_("short name"), max_length=40, blank=True)
    category = models.CharField(_("pentahelix category"), max_length=12, choices=Category.choices)
    subkind = models.CharField(_("sub-kind"), max_length=12, choices=SubKind.choices, blank=True, default="")
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    public_consent = models.BooleanField(
        _("consents to be listed publicly"),
        default=False,
        help_text=_("Only partners who agreed appear on public pages; their contact people never do."),
    )
    programmes = models.ManyToManyField(
        "masterplan.Programme", blank=True, related_name="partners", verbose_name=_("programmes")
    )

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="partner_name_unique_per_region"),
            models.CheckConstraint(
                condition=(Q(category="business") & Q(subkind__in=["bank", "bumn_bumd", "private"]))
                | (Q(category="media") & Q(subkind__in=["print", "online"]))
                | (~Q(category__in=["business", "media"]) & Q(subkind="")),
                name="partner_subkind_fits_category",
                violation_error_message=_("Choose a sub-kind that fits the category."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def category_label(self) -> str:
        if self.subkind:
            return f"{self.get_category_display()} · {self.get_subkind_display()}"
        return str(self.get_category_display())


class PartnerContact(RegionOwnedModel):
    """A person at a partner. Personal data: never shown on public pages or in the public API."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_contacts",
        verbose_name=_("user account"),
        help_text=_("A user with the partner role linked here may read this organisation's pages."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.name


class Commitment(RegionOwnedModel):
    """A joint commitment (Komitmen Bersama) and its signing event."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    event_date = models.DateField(_("signing date"))
    event_place = models.CharField(_("signing place"), max_length=150)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-event_date", "title"]
        verbose_name = _("joint commitment")
        verbose_name_plural = _("joint commitments")

    def __str__(self) -> str:
        return self.title

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)


class Signatory(RegionOwnedModel):
    """A person expected to sign on behalf of an agency or a partner."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Where a one-time signing link is sent."))
    agency = models.ForeignKey(
        "regions.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="signatories", verbose_name=_("partner")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user account"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, partner__isnull=True) | Q(agency__isnull=True, partner__isnull=False),
                name="signatory_for_agency_xor_partner",
                violation_error_message=_("A signatory signs on behalf of exactly one agency or one partner."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.on_behalf_of})"

    @property
    def on_behalf_of(self) -> str:
        return str(self.agency.name if self.agency_id else self.partner.name)


class Signature(RegionOwnedModel):
    """A signatory's signature over one exact text, kept for ever: an edit of the text leaves it invalid."""

    class Method(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LINK = "link", _("One-time link")

    signatory = models.ForeignKey(Signatory, on_delete=models.PROTECT, related_name="signatures")
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64)
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["signatory", "text_hash"], name="signature_once_per_text"),
        ]

    def __str__(self) -> str:
        return f"{self.signatory.name} · {self.signed_at:%Y-%m-%d %H:%M}"

    def is_valid_for(self, commitment: Commitment) -> bool:
        return self.text_hash == commitment.text_hash


class SigningLink(RegionOwnedModel):
    """A one-time signing link. Only the SHA-256 of its random token is stored."""

    signatory = models.ForeignKey(Signatory, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signing link")
        verbose_name_plural = _("signing links")


def agreement_path(instance, filename: str) -> str:
    return f"agreements/{instance.region_id}/{filename}"


class Agreement(RegionOwnedModel):
    """A memorandum of understanding (MoU) or cooperation agreement (PKS) between parties."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding (MoU)")
        PKS = "pks", _("Cooperation agreement (PKS)")

    number = models.CharField(_("number"), max_length=120)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.MOU)
    title = models.CharField(_("title"), max_length=250)
    scope = models.TextField(_("scope"), blank=True)
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    agencies = models.ManyToManyField("regions.Agency", blank=True, related_name="+", verbose_name=_("agencies"))
    partners = models.ManyToManyField(Partner, blank=True, related_name="agreements", verbose_name=_("partners"))
    programmes = models.ManyToManyField(
        "masterplan.Programme", blank=True, related_name="agreements", verbose_name=_("programmes")
    )
    document = models.FileField(_("signed document"), upload_to=agreement_path, storage=private_storage, blank=True)
    alert_days_before = models.PositiveSmallIntegerField(
        _("alert days before expiry"), default=60, help_text=_("Region admins are notified this many days before.")
    )

    class Meta:
        ordering = ["ends_on", "number"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="agreement_number_unique_per_region"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.title}"

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


def evidence_path(instance, filename: str) -> str:
    return f"contributions/{instance.region_id}/{filename}"


class Contribution(RegionOwnedModel):
    """What a partner brings to a programme."""

    class Kind(models.TextChoices):
        FUNDING = "funding", _("Funding")
        IN_KIND = "in_kind", _("In kind")
        EXPERTISE = "expertise", _("Expertise")
        MEDIA = "media", _("Media coverage")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        REALISED = "realised", pgettext_lazy("contribution status", "Realised")
        CANCELLED = "cancelled", _("Cancelled")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="contributions")
    programme = models.ForeignKey("masterplan.Programme", on_delete=models.PROTECT, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True, help_text=_("Funding only.")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLEDGED)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, storage=private_storage, blank=True)

    class Meta:
        ordering = ["-year", "programme_id", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="funding") & Q(amount__gt=0)) | (~Q(kind="funding") & Q(amount__isnull=True)),
                name="contribution_amount_iff_funding",
                violation_error_message=_("Funding needs an amount in rupiah; other kinds take none."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} → {self.programme_id}: {self.get_kind_display()}"


class Body(RegionOwnedModel):
    """The Tim Pelaksana or the Dewan Kota Cerdas as appointed by one decree (SK) for one term."""

    class Kind(models.TextChoices):
        TIM_PELAKSANA = "tim_pelaksana", _("Tim Pelaksana (implementation team)")
        DEWAN = "dewan", _("Dewan Kota Cerdas (smart city council)")

    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    decree_number = models.CharField(_("decree (SK) number"), max_length=150)
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "-term_starts"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(fields=["region", "kind", "decree_number"], name="body_decree_unique"),
            models.CheckConstraint(
                condition=Q(term_ends__isnull=True) | Q(term_ends__gte=models.F("term_starts")),
                name="body_term_ends_after_start",
                violation_error_message=_("The term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.decree_number}"


class BodyMember(RegionOwnedModel):
    """A seat in a body for a span of time. Ending a membership sets `ends_on`; rows are never deleted."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role in the body"), max_length=120, help_text=_("e.g. Ketua, Sekretaris, Anggota"))
    agency = models.ForeignKey(
        "regions.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(_("member from"))
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "starts_on", "pk"]
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="body_member_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(agency__isnull=True) | Q(partner__isnull=True),
                name="body_member_agency_or_partner",
                violation_error_message=_("Choose an agency or a partner, not both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.role}"

    @property
    def is_current(self) -> bool:
        return self.ends_on is None or self.ends_on >= timezone.localdate()
