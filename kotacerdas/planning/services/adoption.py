"""Round IV: quick-win selection and the adoption of the masterplan."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.masterplan.models import Masterplan, MasterplanVersion, Programme
from kotacerdas.masterplan.services import bump_version, programme_update
from kotacerdas.masterplan.versions import freeze

from ..models import Round

QUICK_WIN_YEARS = 3


def quick_win_years(masterplan: Masterplan) -> list[int]:
    """The years a quick win may run in: the first QUICK_WIN_YEARS years of the period."""
    return [masterplan.period_start_year + i for i in range(QUICK_WIN_YEARS)]


@transaction.atomic
def quick_win_select(
    *,
    programme: Programme,
    actor,
    selected: bool,
    year: int | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Programme:
    """Make a programme a quick win run in `year`, or not.

    Quick wins run in years 1–2 of implementation. The first year of the period is usually spent writing and
    adopting the masterplan, so any of the first three years of the period is accepted (QUICK_WIN_YEARS).
    """
    ensure_allowed(actor, "planning.manage", programme)
    masterplan = programme.masterplan
    if selected:
        allowed_years = quick_win_years(masterplan)
        if year not in allowed_years:
            message = _("A quick win runs in the first years of the masterplan: %(years)s.") % {
                "years": ", ".join(str(y) for y in allowed_years)
            }
            raise ApplicationError(message, fields={"quick_win_year": [message]})
    if masterplan.status == Masterplan.Status.ADOPTED and not reason.strip():
        raise ApplicationError(
            _("The masterplan is adopted: give the reason for this revision."),
            fields={"reason": [_("The masterplan is adopted: give the reason for this revision.")]},
        )
    return programme_update(
        actor=actor,
        programme=programme,
        expected_version=expected_version,
        reason=reason,
        is_quick_win=selected,
        quick_win_year=year if selected else None,
    )


def adoption_blockers(*, masterplan: Masterplan) -> list[str]:
    """Why the masterplan cannot be adopted yet (empty when it can).

    Rules: it is a draft; all four rounds are marked complete; it has a vision; at least one quick win.
    """
    blockers = []
    if masterplan.status != Masterplan.Status.DRAFT:
        blockers.append(_("The masterplan is already adopted."))
        return blockers
    complete = set(
        Round.objects.filter(masterplan=masterplan, completed_at__isnull=False).values_list("number", flat=True)
    )
    missing = [r for r in (1, 2, 3, 4) if r not in complete]
    if missing:
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        blockers.append(
            _("Rounds not complete yet: %(rounds)s.") % {"rounds": ", ".join(f"Bimtek {roman[r]}" for r in missing)}
        )
    if not masterplan.vision.strip():
        blockers.append(_("The masterplan has no vision yet."))
    if not Programme.objects.filter(masterplan=masterplan, is_quick_win=True).exists():
        blockers.append(_("Select at least one quick win."))
    return blockers


@transaction.atomic
def masterplan_adopt(*, masterplan: Masterplan, actor, decree_number: str, adopted_on: date) -> Masterplan:
    """Adopt the masterplan by decree and freeze the adopted version (number 0) for later comparison."""
    ensure_allowed(actor, "planning.adopt", masterplan)
    locked = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
    errors = {}
    if not decree_number.strip():
        errors["decree_number"] = [_("This field is required.")]
    if adopted_on is None:
        errors["adopted_on"] = [_("This field is required.")]
    elif adopted_on > timezone.localdate():
        errors["adopted_on"] = [_("The adoption date cannot be in the future.")]
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    blockers = adoption_blockers(masterplan=locked)
    if blockers:
        raise ApplicationError(" ".join(str(b) for b in blockers))
    before = snapshot(locked, ["status", "adoption_decree_number", "adopted_on"])
    locked.status = Masterplan.Status.ADOPTED
    locked.adoption_decree_number = decree_number.strip()
    locked.adopted_on = adopted_on
    locked.save()
    bump_version(locked)
    # A masterplan adopted a second time (not possible today) would replace its frozen version.
    MasterplanVersion.objects.filter(masterplan=locked).delete()
    authenticated = getattr(actor, "is_authenticated", False)
    MasterplanVersion.objects.create(
        region_id=locked.region_id,
        masterplan=locked,
        number=0,
        kind=MasterplanVersion.Kind.ADOPTED,
        summary=locked.adoption_decree_number[:300],
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "system",
        data=freeze(locked),
    )
    record_event(
        actor=actor,
        action="masterplan.adopt",
        obj=locked,
        before=before,
        after=snapshot(locked, ["status", "adoption_decree_number", "adopted_on"]),
    )
    return locked
