"""Surveys of a region: the public satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) of a
service, and the impact survey of a quick win whose result feeds the yearly evaluation."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel

from .elements import ELEMENT_KEYS

RATING = [MinValueValidator(1), MaxValueValidator(4)]


class Survey(RegionOwnedModel):
    class Kind(models.TextChoices):
        SKM = "skm", _("Public satisfaction survey (SKM)")
        IMPACT = "impact", _("Quick-win impact survey")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SKM)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    service_name = models.CharField(
        _("service (jenis layanan)"), max_length=200, blank=True, help_text=_("The service whose users are asked.")
    )
    agency = models.ForeignKey(
        "regions.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("service unit (agency)"),
    )
    programme = models.ForeignKey(
        "masterplan.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("quick win"),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    results_public = models.BooleanField(
        _("results public while open"), default=False, help_text=_("Results are always public once closed.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        indexes = [models.Index(fields=["region", "-opens_on"], name="survey_region_open_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="survey_closes_after_opening",
                violation_error_message=_("A survey closes on or after the day it opens."),
            ),
            models.CheckConstraint(
                condition=Q(kind="skm") | Q(programme__isnull=False),
                name="survey_impact_has_programme",
                violation_error_message=_("An impact survey belongs to a quick win."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def is_closed(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closed_at is not None or today > self.closes_on

    def results_visible(self, today=None) -> bool:
        return self.results_public or self.is_closed(today)


class SurveyResponse(RegionOwnedModel):
    """One anonymous answer sheet. No user is stored: `respondent_key` is a keyed hash of the user or browser
    session, enough to refuse a second answer and useless to find out who answered."""

    class Gender(models.TextChoices):
        MALE = "m", _("Male")
        FEMALE = "f", _("Female")

    class AgeGroup(models.TextChoices):
        UNDER_20 = "lt20", _("Under 20")
        A20_29 = "20_29", _("20–29")
        A30_39 = "30_39", _("30–39")
        A40_49 = "40_49", _("40–49")
        A50_PLUS = "50plus", _("50 and over")

    class Education(models.TextChoices):
        SD = "sd", _("Primary school (SD) or below")
        SMP = "smp", _("Junior high school (SMP)")
        SMA = "sma", _("Senior high school (SMA/SMK)")
        DIPLOMA = "diploma", _("Diploma (D1–D4)")
        S1 = "s1", _("Bachelor (S1)")
        S2 = "s2", _("Master (S2)")
        S3 = "s3", _("Doctorate (S3)")

    class Occupation(models.TextChoices):
        CIVIL_SERVANT = "pns", _("Civil servant (PNS)")
        MILITARY = "tni", _("Military (TNI)")
        POLICE = "polri", _("Police (POLRI)")
        PRIVATE = "swasta", _("Private employee")
        ENTREPRENEUR = "wirausaha", _("Self-employed")
        OTHER = "lainnya", _("Other")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64, editable=False)
    u1 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    impact = models.PositiveSmallIntegerField(_("impact rating"), null=True, blank=True, validators=RATING)
    suggestion = models.TextField(_("suggestion"), blank=True, max_length=2000)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)
    education = models.CharField(_("education"), max_length=8, choices=Education.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=10, choices=Occupation.choices, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["survey", "created_at"], name="survey_response_time_idx")]
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent_key"], name="survey_response_once"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{key}__isnull": True}) | Q(**{f"{key}__gte": 1, f"{key}__lte": 4}),
                    name=f"survey_response_{key}_1_4",
                )
                for key in (*ELEMENT_KEYS, "impact")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} · {self.pk}"
