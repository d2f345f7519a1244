"""A programme's plan: its origin (rounds II and III), milestones (round III) and quick-win steps (round IV)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.masterplan.models import Masterplan, Programme
from kotacerdas.masterplan.services import programme_create

from ..models import Milestone, ProgrammeOrigin, QuickWinStep
from ._common import _update_versioned, _validate


@transaction.atomic
def programme_origin_set(
    *,
    programme: Programme,
    actor,
    source: str,
    source_document: str = "",
    source_reference: str = "",
    innovation_kind: str = "",
    expected_version: int | None = None,
) -> ProgrammeOrigin:
    """Record where a programme comes from (RPJMD, an agency's Renstra with its page, or new)."""
    ensure_allowed(actor, "planning.change_programme_plan", programme)
    fields = {
        "source": source,
        "source_document": source_document.strip(),
        "source_reference": source_reference.strip(),
        "innovation_kind": innovation_kind or "",
    }
    if source != ProgrammeOrigin.Source.NEW and not fields["source_document"]:
        raise ApplicationError(
            _("An existing programme needs the name of its source document."),
            fields={"source_document": [_("An existing programme needs the name of its source document.")]},
        )
    origin = ProgrammeOrigin.objects.filter(programme=programme).first()
    if origin is None:
        origin = ProgrammeOrigin(region_id=programme.region_id, programme=programme, **fields)
        _validate(origin)
        origin.save()
        record_event(actor=actor, action="planning.origin.set", obj=origin, after=snapshot(origin))
        return origin
    return _update_versioned(
        obj=origin, actor=actor, action="planning.origin.set", expected_version=expected_version, fields=fields
    )


@transaction.atomic
def programme_plan_create(
    *,
    masterplan: Masterplan,
    actor,
    source: str = ProgrammeOrigin.Source.NEW,
    source_document: str = "",
    source_reference: str = "",
    innovation_kind: str = "",
    reason: str = "",
    supporting_agencies=(),
    **fields,
) -> Programme:
    """Add a programme (existing from RPJMD/Renstra in round II, or new in round III) with its origin."""
    ensure_allowed(actor, "planning.manage", masterplan)
    if masterplan.status == Masterplan.Status.ADOPTED and not reason.strip():
        raise ApplicationError(
            _("The masterplan is adopted: give the reason for this revision."),
            fields={"reason": [_("The masterplan is adopted: give the reason for this revision.")]},
        )
    programme = programme_create(
        actor=actor, masterplan=masterplan, supporting_agencies=supporting_agencies, reason=reason, **fields
    )
    programme_origin_set(
        programme=programme,
        actor=actor,
        source=source,
        source_document=source_document,
        source_reference=source_reference,
        innovation_kind=innovation_kind,
    )
    return programme


# --- Round III: action plan -------------------------------------------------------------------------------


@transaction.atomic
def milestone_add(*, programme: Programme, actor, year: int, title: str, title_en: str = "") -> Milestone:
    """Add a milestone to a programme's action plan, in a year of the masterplan period."""
    ensure_allowed(actor, "planning.change_programme_plan", programme)
    masterplan = programme.masterplan
    if not (masterplan.period_start_year <= year <= masterplan.period_end_year):
        message = _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.") % {
            "year": year,
            "start": masterplan.period_start_year,
            "end": masterplan.period_end_year,
        }
        raise ApplicationError(message, fields={"year": [message]})
    milestone = Milestone(
        region_id=programme.region_id, programme=programme, year=year, title=title.strip(), title_en=title_en.strip()
    )
    _validate(milestone)
    milestone.save()
    record_event(actor=actor, action="planning.milestone.add", obj=milestone, after=snapshot(milestone))
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor) -> None:
    ensure_allowed(actor, "planning.change_programme_plan", milestone.programme)
    record_event(actor=actor, action="planning.milestone.delete", obj=milestone, before=snapshot(milestone))
    milestone.delete()


@transaction.atomic
def quick_win_step_add(
    *, programme: Programme, actor, description: str, responsible: str = "", due_on: date | None = None
) -> QuickWinStep:
    ensure_allowed(actor, "planning.change_programme_plan", programme)
    if not programme.is_quick_win:
        raise ApplicationError(_("Select the programme as a quick win first."))
    step = QuickWinStep(
        region_id=programme.region_id,
        programme=programme,
        order=QuickWinStep.objects.filter(programme=programme).count(),
        description=description.strip(),
        responsible=responsible.strip(),
        due_on=due_on,
    )
    _validate(step)
    step.save()
    record_event(actor=actor, action="planning.quick_win_step.add", obj=step, after=snapshot(step))
    return step


@transaction.atomic
def quick_win_step_delete(*, step: QuickWinStep, actor) -> None:
    ensure_allowed(actor, "planning.change_programme_plan", step.programme)
    record_event(actor=actor, action="planning.quick_win_step.delete", obj=step, before=snapshot(step))
    step.delete()
