"""Every write to the masterplan goes through here: validated, atomic, audited."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError

from .models import Indicator, Masterplan, Programme, Target

PROGRAMME_FIELDS = (
    "code",
    "title",
    "title_en",
    "description",
    "description_en",
    "dimension",
    "element",
    "owner_agency",
    "horizon",
    "start_year",
    "end_year",
    "budget_estimate",
    "funding_source",
    "is_quick_win",
    "quick_win_year",
)


def _validate(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        raise ApplicationError(_("Please correct the errors below."), fields=fields) from exc


def _check_agencies_in_region(*, region_id: int, agencies) -> None:
    foreign = [a for a in agencies if a.region_id != region_id]
    if foreign:
        raise ApplicationError(
            _("Choose one of this region's own entries."),
            fields={"supporting_agencies": [_("Choose one of this region's own entries.")]},
        )


@transaction.atomic
def programme_create(*, actor, masterplan: Masterplan, supporting_agencies=(), **fields) -> Programme:
    """Create a programme in the masterplan. Fields are Programme's; see PROGRAMME_FIELDS."""
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    programme = Programme(region_id=masterplan.region_id, masterplan=masterplan, **fields)
    _validate(programme)
    _check_agencies_in_region(region_id=masterplan.region_id, agencies=supporting_agencies)
    programme.save()
    programme.supporting_agencies.set(supporting_agencies)
    record_event(actor=actor, action="programme.create", obj=programme, after=snapshot(programme))
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, supporting_agencies=None, **fields) -> Programme:
    """Change a programme's fields (and supporting agencies when given); records before and after."""
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    # Lock the row so two editors cannot interleave their before/after snapshots.
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(locked)
    if supporting_agencies is not None:
        _check_agencies_in_region(region_id=locked.region_id, agencies=supporting_agencies)
    locked.save()
    if supporting_agencies is not None:
        locked.supporting_agencies.set(supporting_agencies)
    after = snapshot(locked)
    if after != before:
        record_event(actor=actor, action="programme.update", obj=locked, before=before, after=after)
    return locked


@transaction.atomic
def indicator_create(
    *,
    actor,
    programme: Programme,
    name: str,
    unit: str,
    direction: str = "higher",
    baseline_value: Decimal | None = None,
    baseline_year: int | None = None,
    name_en: str = "",
    targets: dict[int, Decimal] | None = None,
) -> Indicator:
    """Add an indicator with its yearly targets ({year: value})."""
    indicator = Indicator(
        region_id=programme.region_id,
        programme=programme,
        name=name,
        name_en=name_en,
        unit=unit,
        direction=direction,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        order=programme.indicators.count(),
    )
    _validate(indicator)
    indicator.save()
    for year, value in (targets or {}).items():
        target = Target(region_id=programme.region_id, indicator=indicator, year=year, value=value)
        _validate(target)
        target.save()
    after = snapshot(indicator)
    after["targets"] = {str(y): str(v) for y, v in sorted((targets or {}).items())}
    record_event(actor=actor, action="indicator.create", obj=indicator, after=after)
    return indicator


@transaction.atomic
def target_set(*, actor, indicator: Indicator, year: int, value: Decimal) -> Target:
    """Set (create or change) the indicator's target for a year."""
    target = Target.objects.select_for_update().filter(indicator=indicator, year=year).first()
    before = {"year": year, "value": str(target.value)} if target else None
    if target is None:
        target = Target(region_id=indicator.region_id, indicator=indicator, year=year)
    target.value = value
    _validate(target)
    target.save()
    record_event(
        actor=actor, action="target.set", obj=indicator, before=before, after={"year": year, "value": str(value)}
    )
    return target
