"""A region's open data settings (licence, custodian, small-count threshold) and the download counters."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel

# Licences a region may choose: (id as CKAN names it, title, URL).
LICENCES = {
    "cc-by-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "cc-by-sa-4.0": ("Creative Commons Attribution Share-Alike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "cc-zero": ("Creative Commons CCZero", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "odc-by": ("Open Data Commons Attribution License", "https://opendatacommons.org/licenses/by/1-0/"),
}
DEFAULT_LICENCE = "cc-by-4.0"
DEFAULT_THRESHOLD = 5


class OpenDataSettings(RegionOwnedModel):
    """One row per region; a region without one publishes under CC BY 4.0 with a threshold of 5."""

    licence = models.CharField(
        _("licence"), max_length=20, choices=[(k, v[0]) for k, v in LICENCES.items()], default=DEFAULT_LICENCE
    )
    custodian = models.ForeignKey(
        "regions.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("data custodian (walidata)"),
        help_text=_("Usually Diskominfo. Empty: the agency whose short name starts with Diskominfo."),
    )
    small_count_threshold = models.PositiveSmallIntegerField(
        _("smallest published count by village"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(1)],
        help_text=_("Counts of citizen reports per village below this are suppressed."),
    )

    class Meta:
        verbose_name = _("open data settings")
        verbose_name_plural = _("open data settings")
        constraints = [models.UniqueConstraint(fields=["region"], name="opendata_settings_one_per_region")]

    def __str__(self) -> str:
        return str(_("Open data settings"))


class DownloadCount(RegionOwnedModel):
    """How often a dataset's resource was downloaded, per format (no visitor is recorded)."""

    dataset = models.SlugField(_("dataset"), max_length=60)
    fmt = models.CharField(_("format"), max_length=8)
    count = models.PositiveBigIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        constraints = [
            models.UniqueConstraint(fields=["region", "dataset", "fmt"], name="opendata_download_unique"),
        ]


class DatasetBuild(RegionOwnedModel):
    """The generated resources of one region's dataset, and whether they are current.

    Each change of the dataset's sources adds one to `wanted` (in the change's transaction); a build reads
    `wanted`, writes new files and records it as `built`, so the files are current while `built == wanted`.
    Requests serve the files of the last build meanwhile (docs/opendata.md)."""

    dataset = models.SlugField(_("dataset"), max_length=60)
    wanted = models.PositiveIntegerField(_("changes announced"), default=0)
    built = models.PositiveIntegerField(_("changes built"), null=True, blank=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    builds = models.PositiveIntegerField(_("builds"), default=0)
    files = models.JSONField(_("files"), default=dict, blank=True)  # {format: name in the private storage}

    class Meta:
        verbose_name = _("dataset build")
        verbose_name_plural = _("dataset builds")
        constraints = [models.UniqueConstraint(fields=["region", "dataset"], name="opendata_build_unique")]

    @property
    def current(self) -> bool:
        return bool(self.files) and self.built is not None and self.built >= self.wanted
