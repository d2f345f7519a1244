from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import BaseModel, RegionOwnedModel

region_code_validator = RegexValidator(r"^\d{2}\.\d{2}$", _("Use the Kemendagri code, e.g. 73.22."))


class Region(BaseModel):
    """A kabupaten or kota: the tenant. Everything else hangs off one."""

    class Kind(models.TextChoices):
        REGENCY = "kabupaten", _("Regency (Kabupaten)")
        CITY = "kota", _("City (Kota)")

    code = models.CharField(_("Kemendagri code"), max_length=5, unique=True, validators=[region_code_validator])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGENCY)
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Luwu Utara"))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    province = models.CharField(_("province"), max_length=120, blank=True)
    logo = models.ImageField(_("logo"), upload_to="regions/logos/", blank=True)
    slogan = models.CharField(_("slogan"), max_length=60, blank=True, help_text=_("e.g. BISA"))
    slogan_expansion = models.CharField(
        _("slogan expansion"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated words, e.g. Berdaya Saing, Inovatif, Sinergi, Adaptif"),
    )
    slogan_expansion_en = models.CharField(_("slogan expansion (English)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("Shows a banner that the content is illustrative.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        prefix = _("Kabupaten") if self.kind == self.Kind.REGENCY else _("Kota")
        return f"{prefix} {self.name}"

    @property
    def slogan_words(self) -> list[str]:
        return [w.strip() for w in self.slogan_expansion.split(",") if w.strip()]

    @property
    def slogan_words_en(self) -> list[str]:
        return [w.strip() for w in self.slogan_expansion_en.split(",") if w.strip()]


class District(RegionOwnedModel):
    """Kecamatan."""

    code = models.CharField(_("Kemendagri code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district (kecamatan)")
        verbose_name_plural = _("districts (kecamatan)")

    def __str__(self) -> str:
        return self.name


class Village(RegionOwnedModel):
    """Desa or kelurahan. In the Kemendagri code, a fourth part starting with 1 is a kelurahan."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Village (desa)")
        KELURAHAN = "kelurahan", _("Urban village (kelurahan)")

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="villages")
    code = models.CharField(_("Kemendagri code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DESA)

    class Meta:
        ordering = ["code"]
        verbose_name = _("village (desa/kelurahan)")
        verbose_name_plural = _("villages (desa/kelurahan)")

    def __str__(self) -> str:
        return self.name


class Agency(RegionOwnedModel):
    """Perangkat Daerah: a dinas, badan or bagian of the regional government."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Office (dinas)")
        BADAN = "badan", _("Agency (badan)")
        SECRETARIAT = "sekretariat", _("Secretariat / bagian")
        INSPECTORATE = "inspektorat", _("Inspectorate")
        DISTRICT = "kecamatan", _("District office (kecamatan)")
        OTHER = "lainnya", _("Other")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DINAS)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("agency (Perangkat Daerah)")
        verbose_name_plural = _("agencies (Perangkat Daerah)")
        constraints = [models.UniqueConstraint(fields=["region", "acronym"], name="agency_acronym_unique_per_region")]

    def __str__(self) -> str:
        return self.acronym


class Membership(RegionOwnedModel):
    """What a user is in one region. A person may hold several roles in a region."""

    class Role(models.TextChoices):
        REGION_ADMIN = "region_admin", _("Region admin (Diskominfo)")
        TIM_PELAKSANA = "tim_pelaksana", _("Tim Pelaksana member")
        DEWAN = "dewan", _("Dewan Kota Cerdas member")
        AGENCY_OFFICER = "agency_officer", _("Agency officer")
        PARTNER = "partner", _("Partner")
        CITIZEN = "citizen", _("Citizen")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="officers", verbose_name=_("agency")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "region", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                condition=Q(role="agency_officer", agency__isnull=False)
                | (~Q(role="agency_officer") & Q(agency__isnull=True)),
                name="membership_agency_iff_officer",
                violation_error_message=_("An agency officer is bound to exactly one agency; other roles to none."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.region_id}"
