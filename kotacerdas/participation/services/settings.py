"""The region's report settings: deadlines, limits, the map's bounding box."""

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Region

from ..models import (
    ReportSettings,
)
from ._common import _validated

# Every submission reads the settings and the holiday calendar: they are cached briefly (a change deletes
# the entry; another process's local-memory copy lives at most this long).
CONFIG_CACHE_SECONDS = 60


def _settings_key(region_id: int) -> str:
    return f"kc:report-settings:{region_id}"


def forget_cached(key: str) -> None:
    """Drop a cached entry now and again when the transaction commits (a reader in between may have put
    the old value back)."""
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def settings_for(region: Region, *, fresh: bool = False) -> ReportSettings:
    """The region's settings (created with the defaults when missing); from the cache unless `fresh`."""
    key = _settings_key(region.pk)
    config = None if fresh else cache.get(key)
    if config is None:
        config, _created = ReportSettings.objects.get_or_create(region=region)
        cache.set(key, config, CONFIG_CACHE_SECONDS)
    return config


@transaction.atomic
def settings_update(*, region: Region, actor, **fields) -> ReportSettings:
    ensure_allowed(actor, "participation.manage", region)
    config = settings_for(region, fresh=True)
    forget_cached(_settings_key(region.pk))
    before = snapshot(config)
    for name, value in fields.items():
        setattr(config, name, value)
    _validated(config)
    box = [config.min_lat, config.max_lat, config.min_lon, config.max_lon]
    if any(v is not None for v in box) and not config.has_bbox:
        raise ApplicationError(_("Give all four edges of the bounding box, or none."))
    if config.has_bbox and (config.min_lat >= config.max_lat or config.min_lon >= config.max_lon):
        raise ApplicationError(_("The southern and western edges must be below the northern and eastern ones."))
    config.save()
    record_event(actor=actor, action="report_settings.update", obj=config, before=before, after=snapshot(config))
    return config
