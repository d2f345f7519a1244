"""Writes of the open data app: only the download counters (settings change in the audited back office)."""

from django.db.models import F

from kotacerdas.regions.models import Region

from .models import DownloadCount


def count_download(*, region: Region, dataset: str, fmt: str) -> None:
    """Add one to the counter (an UPDATE, or an INSERT the first time). Not audited: no plan or person changes."""
    updated = DownloadCount.objects.filter(region=region, dataset=dataset, fmt=fmt).update(count=F("count") + 1)
    if not updated:
        _row, created = DownloadCount.objects.get_or_create(
            region=region, dataset=dataset, fmt=fmt, defaults={"count": 1}
        )
        if not created:
            DownloadCount.objects.filter(pk=_row.pk).update(count=F("count") + 1)
