"""Literacy and capacity building: digital literacy classes, trainings, workshops and the Bimtek rounds, with
attendance by gender and group, materials and evaluation; and approximate district centroids for the map."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel
from kotacerdas.common.storage import private_storage


def material_path(instance, filename: str) -> str:
    return f"literacy/{instance.region_id}/{instance.activity_id}/{filename}"


# Attendance groups: (field, label). Each activity records a count per group; their sum is the total.
GROUPS = [
    ("civil_servants", _("Civil servants (ASN)")),
    ("students", _("Students")),
    ("teachers", _("Teachers")),
    ("msme_owners", _("MSME owners")),
    ("village_officials", _("Village officials")),
    ("general_public", _("General public")),
]


class Activity(RegionOwnedModel):
    """One literacy or capacity-building activity and who came."""

    class Kind(models.TextChoices):
        DIGITAL_LITERACY = "digital_literacy", _("Digital literacy class")
        TRAINING = "training", _("Training")
        WORKSHOP = "workshop", _("Workshop")
        BIMTEK = "bimtek", _("Bimtek (technical guidance)")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("General public")
        CIVIL_SERVANTS = "civil_servants", _("Civil servants")
        SCHOOLS = "schools", _("Schools (students and teachers)")
        MSME = "msme", _("MSMEs")
        VILLAGES = "villages", _("Village governments")
        MIXED = "mixed", _("Mixed")

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        "regions.Agency", on_delete=models.PROTECT, related_name="literacy_activities", verbose_name=_("organiser")
    )
    partner = models.ForeignKey(
        "collaboration.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="literacy_activities",
        verbose_name=_("partner"),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="literacy_activities",
        verbose_name=_("district (kecamatan)"),
        help_text=_("Leave empty for an activity held outside the region (e.g. a Bimtek in Makassar)."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    programme = models.ForeignKey(
        "masterplan.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="literacy_activities",
        verbose_name=_("programme"),
    )

    total = models.PositiveIntegerField(_("participants (total)"), default=0)
    male = models.PositiveIntegerField(_("male"), default=0)
    female = models.PositiveIntegerField(_("female"), default=0)
    civil_servants = models.PositiveIntegerField(_("civil servants (ASN)"), default=0)
    students = models.PositiveIntegerField(_("students"), default=0)
    teachers = models.PositiveIntegerField(_("teachers"), default=0)
    msme_owners = models.PositiveIntegerField(_("MSME owners"), default=0)
    village_officials = models.PositiveIntegerField(_("village officials"), default=0)
    general_public = models.PositiveIntegerField(_("general public"), default=0)
    with_disabilities = models.PositiveIntegerField(
        _("of whom persons with disabilities"),
        default=0,
        help_text=_("Counted inside the groups above as well; at most the total."),
    )

    pre_test_mean = models.DecimalField(
        _("pre-test mean (0–100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    post_test_mean = models.DecimalField(
        _("post-test mean (0–100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    satisfaction = models.DecimalField(
        _("satisfaction (1–5)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    evaluation_notes = models.TextField(_("evaluation notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("literacy activity")
        verbose_name_plural = _("literacy activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(total=models.F("male") + models.F("female")),
                name="activity_gender_adds_up",
                violation_error_message=_("Male and female participants must add up to the total."),
            ),
            models.CheckConstraint(
                condition=Q(
                    total=models.F("civil_servants")
                    + models.F("students")
                    + models.F("teachers")
                    + models.F("msme_owners")
                    + models.F("village_officials")
                    + models.F("general_public")
                ),
                name="activity_groups_add_up",
                violation_error_message=_("The groups must add up to the total."),
            ),
            models.CheckConstraint(
                condition=Q(with_disabilities__lte=models.F("total")),
                name="activity_disabilities_within_total",
                violation_error_message=_("Persons with disabilities cannot outnumber the participants."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def learning_gain(self):
        if self.pre_test_mean is None or self.post_test_mean is None:
            return None
        return self.post_test_mean - self.pre_test_mean

    def group_rows(self):
        return [(label, getattr(self, field)) for field, label in GROUPS]


class Material(RegionOwnedModel):
    """A document handed out or presented at an activity (slides, module, report)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path, storage=private_storage)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    is_public = models.BooleanField(_("downloadable by everyone"), default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


class DistrictLocation(RegionOwnedModel):
    """Approximate centre of a district, to place it on the activities map. Editable by the region admin."""

    district = models.OneToOneField("regions.District", on_delete=models.CASCADE, related_name="literacy_location")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    class Meta:
        verbose_name = _("district location")
        verbose_name_plural = _("district locations")

    def __str__(self) -> str:
        return f"{self.district} ({self.latitude}, {self.longitude})"
