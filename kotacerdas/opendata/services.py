"""Writes of the open data app: the region's settings (audited) and the download counters."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Agency, Region

from .models import DownloadCount, OpenDataSettings

SETTINGS_FIELDS = ["licence", "custodian", "small_count_threshold"]


def settings_of(*, region: Region) -> OpenDataSettings:
    """The region's settings, or an unsaved row with the defaults."""
    return OpenDataSettings.objects.filter(region=region).first() or OpenDataSettings(region=region)


@transaction.atomic
def open_data_settings_update(
    *, region: Region, actor, licence: str, custodian: Agency | None, small_count_threshold: int
) -> OpenDataSettings:
    """Change the licence, the data custodian (an agency of the region, or none: Diskominfo) and the smallest
    published count. Audited with before and after; every dataset of the region is rebuilt (its licence and
    suppressed counts change)."""
    ensure_allowed(actor, "opendata.manage_settings", region)
    if custodian is not None and custodian.region_id != region.pk:
        message = _("Choose an agency of this region.")
        raise ApplicationError(message, fields={"custodian": [message]})
    config = OpenDataSettings.objects.select_for_update().filter(region=region).first()
    created = config is None
    config = config or OpenDataSettings(region=region)
    before = None if created else snapshot(config, SETTINGS_FIELDS)
    config.licence, config.custodian, config.small_count_threshold = licence, custodian, small_count_threshold
    try:
        config.full_clean(exclude=["region"])
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields=exc.message_dict) from None
    config.save()
    record_event(
        actor=actor,
        action="opendata_settings.create" if created else "opendata_settings.update",
        obj=config,
        before=before,
        after=snapshot(config, SETTINGS_FIELDS),
    )
    return config


def count_download(*, region: Region, dataset: str, fmt: str) -> None:
    """Add one to the counter (an UPDATE, or an INSERT the first time). Not audited: no plan or person changes."""
    updated = DownloadCount.objects.filter(region=region, dataset=dataset, fmt=fmt).update(count=F("count") + 1)
    if not updated:
        _row, created = DownloadCount.objects.get_or_create(
            region=region, dataset=dataset, fmt=fmt, defaults={"count": 1}
        )
        if not created:
            DownloadCount.objects.filter(pk=_row.pk).update(count=F("count") + 1)
