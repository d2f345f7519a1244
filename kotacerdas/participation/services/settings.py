"""The region's report settings: deadlines, limits, the map's bounding box."""

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


def settings_for(region: Region) -> ReportSettings:
    config, _created = ReportSettings.objects.get_or_create(region=region)
    return config


@transaction.atomic
def settings_update(*, region: Region, actor, **fields) -> ReportSettings:
    ensure_allowed(actor, "participation.manage", region)
    config = settings_for(region)
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
