"""Applying a checked import: all or nothing, in one transaction with bulk inserts and updates, audited."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import Indicator, Masterplan, Programme, Target

from ._common import INDICATOR_FIELDS, PROGRAMME_FIELDS, Progress
from .audit_trail import audit_programmes, remove_marked
from .insert import insert_rows
from .preview import ImportPlan, ProgrammeOp


def reason_required(masterplan: Masterplan) -> bool:
    """An adopted masterplan changes only by revisions, each with its reason (docs/planning.md)."""
    return masterplan.status == Masterplan.Status.ADOPTED


def import_apply(
    *,
    plan: ImportPlan,
    actor,
    filename: str = "",
    expected: str | None = None,
    reason: str = "",
    progress: Progress | None = None,
) -> dict:
    """Write a checked plan, all or nothing. `expected` is the fingerprint the user confirmed: when the
    masterplan changed since (someone else edited or imported), nothing is written and the user is told.
    On an adopted masterplan the import is one revision, frozen with `reason` (required)."""
    from kotacerdas.masterplan.services import masterplan_version_adopted_ensure

    progress = progress or (lambda percent: None)
    _check_applicable(plan, expected=expected, reason=reason)
    masterplan = plan.masterplan
    now = timezone.now()
    with transaction.atomic():
        list(Masterplan.objects.select_for_update().filter(pk=masterplan.pk).values_list("pk"))
        if plan.has_changes:
            masterplan_version_adopted_ensure(masterplan=masterplan, actor=actor)
        code_pk, changed_ops = _write_programmes(plan, now=now)
        created_codes = {op.code for op in plan.programmes if op.pk is None}
        progress(40)
        indicator_pk = _write_indicators(plan, code_pk, created_codes, now=now)
        progress(60)
        _write_targets(plan, indicator_pk, now=now)
        progress(80)
        # Forms opened before the import see that their programme changed (optimistic concurrency).
        touched = sorted(
            ({op.pk for op in changed_ops} | {code_pk[op.programme_code] for op in plan.indicators})
            | {code_pk[d.programme_code] for d in plan.deletions if d.kind == "indicator"}
            | {code_pk[t.programme_code] for t in plan.dropped} - {code_pk[code] for code in created_codes}
        )
        for start in range(0, len(touched), 1000):
            Programme.objects.filter(pk__in=touched[start : start + 1000]).update(version=F("version") + 1)
        if plan.has_changes:
            Masterplan.objects.filter(pk=masterplan.pk).update(version=F("version") + 1)
        audit_programmes(plan=plan, actor=actor, code_pk=code_pk, filename=filename)
        remove_marked(plan=plan, actor=actor, filename=filename)
        _record(plan, actor=actor, filename=filename, reason=reason)
    progress(95)
    return plan.counts


def _check_applicable(plan: ImportPlan, *, expected: str | None, reason: str) -> None:
    """Refuse (ApplicationError) an import without its revision's reason, with rejected cells, or whose
    masterplan changed since the preview the user confirmed."""
    if reason_required(plan.masterplan) and not reason.strip() and plan.has_changes:
        message = _("The masterplan is adopted: give the reason for this revision.")
        raise ApplicationError(message, fields={"reason": [message]})
    if not plan.ok:
        raise ApplicationError(_("The workbook has %(n)s rejected cells: nothing was saved.") % {"n": len(plan.errors)})
    if expected is not None and expected != plan.fingerprint():
        raise ApplicationError(
            _(
                "The masterplan changed since the preview (someone else edited or imported it): nothing was "
                "saved. Preview the workbook again to see what it would change now."
            )
        )


def _write_programmes(plan: ImportPlan, *, now) -> tuple[dict[str, int], list[ProgrammeOp]]:
    """New programmes written without model instances, changed ones updated in bulk, supporting agencies
    replaced; returns every code's key (read back in one query) and the changed programmes' ops."""
    masterplan = plan.masterplan
    insert_rows(
        Programme,
        [
            {"region_id": masterplan.region_id, "masterplan_id": masterplan.pk, "code": op.code, **op.values}
            for op in plan.programmes
            if op.pk is None
        ],
        now=now,
    )
    changed_ops = [op for op in plan.programmes if op.pk is not None]
    if changed_ops:
        objs = [Programme(pk=op.pk, updated_at=now, **op.values) for op in changed_ops]
        Programme.objects.bulk_update(objs, [*PROGRAMME_FIELDS, "updated_at"], batch_size=500)
    code_pk = dict(Programme.objects.filter(masterplan=masterplan).values_list("code", "pk"))
    through = Programme.supporting_agencies.through
    with_support = [op for op in plan.programmes if op.supporting is not None]
    if with_support:
        through.objects.filter(programme_id__in=[op.pk for op in with_support if op.pk]).delete()
        insert_rows(
            through,
            [
                {"programme_id": code_pk[op.code], "agency_id": agency_id}
                for op in with_support
                for agency_id in sorted(op.supporting)
            ],
            now=now,
        )
    return code_pk, changed_ops


def _write_indicators(plan: ImportPlan, code_pk: dict[str, int], created_codes: set[str], *, now) -> dict[int, int]:
    """New and changed indicators; returns each op's (by its index in the plan) indicator key.

    Those of programmes created just now are written without model instances and their keys read back by
    (programme, order): the check gave each a distinct position in its programme. Those added to existing
    programmes go through bulk_create (an existing indicator may share their order)."""
    region_id = plan.masterplan.region_id
    fresh = [
        (index, op) for index, op in enumerate(plan.indicators) if op.pk is None and op.programme_code in created_codes
    ]
    insert_rows(
        Indicator,
        [{"region_id": region_id, "programme_id": code_pk[op.programme_code], **op.values} for _i, op in fresh],
        now=now,
    )
    indicator_pk: dict[int, int] = {index: op.pk for index, op in enumerate(plan.indicators) if op.pk}
    if fresh:
        created_pks = sorted({code_pk[code] for code in created_codes})
        by_position = {}
        for start in range(0, len(created_pks), 1000):
            by_position.update(
                {
                    (programme_id, order): pk
                    for programme_id, order, pk in Indicator.objects.filter(
                        programme_id__in=created_pks[start : start + 1000]
                    ).values_list("programme_id", "order", "pk")
                }
            )
        for index, op in fresh:
            indicator_pk[index] = by_position[(code_pk[op.programme_code], op.values["order"])]
    added = [
        (index, Indicator(region_id=region_id, programme_id=code_pk[op.programme_code], **op.values))
        for index, op in enumerate(plan.indicators)
        if op.pk is None and op.programme_code not in created_codes
    ]
    Indicator.objects.bulk_create([obj for _i, obj in added], batch_size=1000)
    indicator_pk.update({index: obj.pk for index, obj in added})
    changed_indicators = [
        Indicator(pk=op.pk, updated_at=now, **{f: op.values[f] for f in INDICATOR_FIELDS})
        for op in plan.indicators
        if op.pk is not None and op.changes
    ]
    Indicator.objects.bulk_update(changed_indicators, [*INDICATOR_FIELDS, "updated_at"], batch_size=1000)
    return indicator_pk


def _write_targets(plan: ImportPlan, indicator_pk: dict[int, int], *, now) -> None:
    region_id = plan.masterplan.region_id
    insert_rows(
        Target,
        [
            {"region_id": region_id, "indicator_id": indicator_pk[index], "year": t.year, "value": t.new}
            for index, op in enumerate(plan.indicators)
            for t in op.targets
            if t.pk is None
        ],
        now=now,
    )
    Target.objects.bulk_update(
        [Target(pk=t.pk, value=t.new, updated_at=now) for op in plan.indicators for t in op.targets if t.pk],
        ["value", "updated_at"],
        batch_size=2000,
    )


def _record(plan: ImportPlan, *, actor, filename: str, reason: str) -> None:
    """The summary audit row on the masterplan and, on an adopted one, the revision with its reason."""
    from kotacerdas.masterplan.services import masterplan_revision_record

    masterplan = plan.masterplan
    summary = {**plan.counts, "file": filename}
    record_event(actor=actor, action="masterplan.import", obj=masterplan, after=summary, note=reason or filename)
    if plan.has_changes and reason_required(masterplan):
        masterplan_revision_record(
            masterplan=masterplan,
            actor=actor,
            reason=reason,
            summary=_("Workbook import %(file)s: %(created)s programmes created, %(changed)s changed")
            % {
                "file": filename,
                "created": plan.counts["programmes_created"],
                "changed": plan.counts["programmes_changed"],
            },
        )
