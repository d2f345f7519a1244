"""What the monitoring services share: the permission check, number parsing, the region's settings."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.numbers import NotANumber, parse_decimal

from ..models import (
    MonitoringSettings,
    ProgressReport,
)

Status = ProgressReport.Status
REPORT_FIELDS = ("progress_percent", "milestone", "budget_realised", "narrative", "obstacles", "follow_up")


def monitoring_settings_for(region) -> MonitoringSettings:
    found = MonitoringSettings.objects.filter(region=region).first()
    return found or MonitoringSettings(region=region)


VALUE_LIMIT = Decimal("1e14")  # what the database's decimal(18, 4) columns hold


def _decimal(
    value, field: str, errors: dict, *, plain: bool = False, places: int | None = None, exact: bool = False
) -> Decimal | None:
    """Parse a typed number, collecting errors per field. With `places`, round to the column's decimal places
    — or, when `exact`, refuse more places (rupiah have no sen: rounding would change the figure)."""
    try:
        number = parse_decimal(value, plain=plain)
    except NotANumber:
        errors.setdefault(field, []).append(_("Enter a number, e.g. 1.500.000 or 12,5."))
        return None
    if number is not None and abs(number) >= VALUE_LIMIT:
        errors.setdefault(field, []).append(_("This number is too large."))
        return None
    if number is not None and places is not None:
        if exact and -number.normalize().as_tuple().exponent > places:
            errors.setdefault(field, []).append(_("Enter a whole number of rupiah, without sen."))
            return None
        # Stored with the column's places, so comparing before and after sees no false change.
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number
