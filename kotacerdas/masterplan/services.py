"""Every write to the masterplan goes through here: validated, atomic, audited."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed

from .models import Indicator, Masterplan, MasterplanVersion, Programme, Target
from .versions import freeze

MASTERPLAN_EDIT_FIELDS = (
    "title",
    "vision",
    "vision_en",
    "missions",
    "missions_en",
    "objectives",
    "objectives_en",
    "vision_keywords",
    "profile",
)


class StaleEdit(ApplicationError):
    """The row changed since the form was read: nothing was saved.

    `current` is the row as it is now, `changed_by` and `changed_at` come from its last audit event.
    """

    def __init__(self, *, current, changed_by: str, changed_at):
        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        when = date_format(localtime(changed_at), "DATETIME_FORMAT") if changed_at else "?"
        super().__init__(
            _(
                "This record was changed by %(who)s at %(when)s after you opened it. Nothing was saved: "
                "compare your values with the current ones below, then save again to keep yours."
            )
            % {"who": changed_by, "when": when}
        )
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at


def check_version(*, locked, expected_version: int | None) -> None:
    """Refuse a save made from a stale form (`locked` is the row read with select_for_update)."""
    if expected_version is None or int(expected_version) == locked.version:
        return
    from kotacerdas.audit.selectors import audit_events_for_object

    last = audit_events_for_object(obj=locked).order_by("-created_at", "-pk").first()
    raise StaleEdit(
        current=locked,
        changed_by=last.actor_name if last else _("someone"),
        changed_at=last.created_at if last else locked.updated_at,
    )


def bump_version(obj) -> None:
    """Count one more change on a versioned row (call inside the transaction that changed it)."""
    type(obj).objects.filter(pk=obj.pk).update(version=obj.version + 1)
    obj.version += 1


@transaction.atomic
def masterplan_version_adopted_ensure(*, masterplan: Masterplan, actor=None) -> MasterplanVersion | None:
    """The frozen adopted version (number 0); frozen now from the current rows if an adopted masterplan has none
    yet (one adopted before versions existed). None for a draft. No permission of its own: it records what is
    already adopted, for the services above (which check theirs) and the adoption."""
    if masterplan.status != Masterplan.Status.ADOPTED:
        return None
    existing = MasterplanVersion.objects.filter(masterplan=masterplan, number=0).first()
    if existing:
        return existing
    return MasterplanVersion.objects.create(
        region_id=masterplan.region_id,
        masterplan=masterplan,
        number=0,
        kind=MasterplanVersion.Kind.ADOPTED,
        summary=masterplan.adoption_decree_number[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=actor.get_username() if getattr(actor, "is_authenticated", False) else "system",
        data=freeze(masterplan),
    )


@transaction.atomic
def masterplan_revision_record(*, masterplan: Masterplan, actor, reason: str, summary: str = "") -> MasterplanVersion:
    """Freeze the adopted masterplan as it is now as the next revision, with the reason for the change.

    Callers that change many programmes at once (an import) call this once at the end. No permission of its
    own: its callers checked theirs (an owner agency's officer revises through `programme_update`, the
    workbook import checks `planio.import_workbook`).
    """
    if masterplan.status != Masterplan.Status.ADOPTED:
        raise ApplicationError(_("Only an adopted masterplan has revisions."))
    # Lock the masterplan so two revisions cannot take the same number.
    Masterplan.objects.select_for_update().filter(pk=masterplan.pk).first()
    last = MasterplanVersion.objects.filter(masterplan=masterplan).order_by("-number").first()
    authenticated = getattr(actor, "is_authenticated", False)
    version = MasterplanVersion.objects.create(
        region_id=masterplan.region_id,
        masterplan=masterplan,
        number=(last.number + 1) if last else 1,
        kind=MasterplanVersion.Kind.REVISION,
        reason=reason.strip(),
        summary=summary[:300],
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "system",
        data=freeze(masterplan),
    )
    # No audit event of its own: the change that caused it was audited (with the reason as its note), and the
    # version row itself records who, when and why.
    return version


@transaction.atomic
def masterplan_update(
    *, actor, masterplan: Masterplan, expected_version: int | None = None, reason: str = "", **fields
) -> Masterplan:
    """Change the masterplan's text (vision, missions, objectives, ...). On an adopted masterplan the change is
    a revision and needs a reason."""
    unknown = set(fields) - set(MASTERPLAN_EDIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown masterplan fields: {sorted(unknown)}")
    locked = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
    ensure_allowed(actor, "masterplan.change_masterplan", locked)
    check_version(locked=locked, expected_version=expected_version)
    adopted = locked.status == Masterplan.Status.ADOPTED
    if adopted and not reason.strip():
        raise ApplicationError(
            _("The masterplan is adopted: give the reason for this revision."),
            fields={"reason": [_("The masterplan is adopted: give the reason for this revision.")]},
        )
    if adopted:
        masterplan_version_adopted_ensure(masterplan=locked, actor=actor)
    before = snapshot(locked, list(fields))
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(locked)
    locked.save()
    after = snapshot(locked, list(fields))
    if after != before:
        bump_version(locked)
        record_event(actor=actor, action="masterplan.update", obj=locked, before=before, after=after, note=reason)
        if adopted:
            masterplan_revision_record(
                masterplan=locked, actor=actor, reason=reason, summary=_("Masterplan text changed")
            )
    return locked


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
def programme_create(
    *, actor, masterplan: Masterplan, supporting_agencies=(), reason: str = "", track_revision: bool = True, **fields
) -> Programme:
    """Create a programme in the masterplan. Fields are Programme's; see PROGRAMME_FIELDS.

    On an adopted masterplan the addition is frozen as a revision with `reason` (see programme_update)."""
    ensure_allowed(actor, "masterplan.add_programme", masterplan)
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    adopted = track_revision and masterplan.status == Masterplan.Status.ADOPTED
    if adopted:
        masterplan_version_adopted_ensure(masterplan=masterplan, actor=actor)
    programme = Programme(region_id=masterplan.region_id, masterplan=masterplan, **fields)
    _validate(programme)
    _check_agencies_in_region(region_id=masterplan.region_id, agencies=supporting_agencies)
    programme.save()
    programme.supporting_agencies.set(supporting_agencies)
    record_event(actor=actor, action="programme.create", obj=programme, after=snapshot(programme), note=reason)
    if adopted:
        masterplan_revision_record(
            masterplan=masterplan,
            actor=actor,
            reason=reason,
            summary=_("Programme %(code)s added") % {"code": programme.code},
        )
    return programme


@transaction.atomic
def programme_delete(*, actor, programme: Programme, reason: str = "", expected_version: int | None = None) -> None:
    """Remove a programme (with its indicators and targets). Refused when reports already refer to it."""
    from django.db.models import ProtectedError

    locked = Programme.objects.select_for_update().select_related("masterplan").get(pk=programme.pk)
    ensure_allowed(actor, "masterplan.change_masterplan", locked.masterplan)
    check_version(locked=locked, expected_version=expected_version)
    masterplan = locked.masterplan
    adopted = masterplan.status == Masterplan.Status.ADOPTED
    if adopted and not reason.strip():
        raise ApplicationError(
            _("The masterplan is adopted: give the reason for this revision."),
            fields={"reason": [_("The masterplan is adopted: give the reason for this revision.")]},
        )
    if adopted:
        masterplan_version_adopted_ensure(masterplan=masterplan, actor=actor)
    before = snapshot(locked)
    code = locked.code
    record_event(actor=actor, action="programme.delete", obj=locked, before=before, note=reason)
    try:
        with transaction.atomic():
            locked.delete()
    except ProtectedError as exc:
        raise ApplicationError(
            _("This programme already has progress reports or other records; it cannot be removed.")
        ) from exc
    if adopted:
        masterplan_revision_record(
            masterplan=masterplan, actor=actor, reason=reason, summary=_("Programme %(code)s removed") % {"code": code}
        )


@transaction.atomic
def programme_update(
    *,
    actor,
    programme: Programme,
    supporting_agencies=None,
    expected_version: int | None = None,
    reason: str = "",
    track_revision: bool = True,
    **fields,
) -> Programme:
    """Change a programme's fields (and supporting agencies when given); records before and after.

    `expected_version` is the `version` the editor's form was read at: a different current version raises
    StaleEdit and saves nothing. On an adopted masterplan a real change is frozen as a revision with
    `reason` (pages require one); a bulk caller passes track_revision=False and records one revision itself.
    """
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    # Lock the row so two editors cannot interleave their before/after snapshots.
    locked = Programme.objects.select_for_update().select_related("masterplan").get(pk=programme.pk)
    ensure_allowed(actor, "masterplan.change_programme", locked)
    check_version(locked=locked, expected_version=expected_version)
    adopted = track_revision and locked.masterplan.status == Masterplan.Status.ADOPTED
    if adopted:
        masterplan_version_adopted_ensure(masterplan=locked.masterplan, actor=actor)
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
        bump_version(locked)
        after["version"] = locked.version
        record_event(actor=actor, action="programme.update", obj=locked, before=before, after=after, note=reason)
        if adopted:
            masterplan_revision_record(
                masterplan=locked.masterplan,
                actor=actor,
                reason=reason,
                summary=_("Programme %(code)s changed") % {"code": locked.code},
            )
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
    unit_en: str = "",
    targets: dict[int, Decimal] | None = None,
) -> Indicator:
    """Add an indicator with its yearly targets ({year: value})."""
    ensure_allowed(actor, "masterplan.change_programme", programme)
    indicator = Indicator(
        region_id=programme.region_id,
        programme=programme,
        name=name,
        name_en=name_en,
        unit=unit,
        unit_en=unit_en,
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
    ensure_allowed(actor, "masterplan.change_programme", indicator.programme)
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
