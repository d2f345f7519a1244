"""The region's monitoring settings page: what leads the public figures, whether verification needs evidence."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed

from ..models import MonitoringSettings

EDITABLE = ("headline_min_coverage", "evidence_required")


@transaction.atomic
def monitoring_settings_update(*, actor, region, **fields) -> MonitoringSettings:
    """Change the region's headline coverage threshold (0–100) and evidence rule; audited. Refuses the
    whole change when a value is out of range."""
    ensure_allowed(actor, "monitoring.manage_periods", region)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown monitoring settings: {sorted(unknown)}")
    config, _created = MonitoringSettings.objects.select_for_update().get_or_create(region=region)
    before = snapshot(config, fields=list(EDITABLE))
    coverage = fields.get("headline_min_coverage", config.headline_min_coverage)
    if not isinstance(coverage, int) or isinstance(coverage, bool) or not 0 <= coverage <= 100:
        message = _("Enter a share between 0 and 100.")
        raise ApplicationError(message, fields={"headline_min_coverage": [message]})
    for name, value in fields.items():
        setattr(config, name, value)
    try:
        config.full_clean(exclude=["region"])
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields=exc.message_dict) from None
    config.save()
    after = snapshot(config, fields=list(EDITABLE))
    if after != before:
        record_event(actor=actor, action="monitoring_settings.update", obj=config, before=before, after=after)
    return config
