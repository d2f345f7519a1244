"""The import's audit trail: one row per programme it created or changed, written in bulk."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.models import Programme

from ._common import show_value
from .insert import insert_rows
from .preview import ImportPlan


def audit_programmes(*, plan: ImportPlan, actor, code_pk: dict[str, int], filename: str) -> None:
    """One audit row per programme the import created or changed, with its indicators' and targets' changes:
    an auditor sees who changed which number. Written in bulk (thousands of rows in a large import)."""
    before: dict[str, dict] = {}
    after: dict[str, dict] = {}
    created = {op.code for op in plan.programmes if op.pk is None}
    for op in plan.programmes:
        if op.pk is None:
            after[op.code] = {k: show_value(v) for k, v in op.values.items()}
        else:
            before[op.code] = {f: o for f, o, _n in op.changes}
            after[op.code] = {f: n for f, _o, n in op.changes}
    for op in plan.indicators:
        prefix = f"indicator {op.number}"
        b = before.setdefault(op.programme_code, {}) if op.programme_code not in created else {}
        a = after.setdefault(op.programme_code, {})
        if op.pk is None:
            a[f"{prefix} ({op.values['name']})"] = {
                "new": True,
                "unit": op.values["unit"],
                "targets": {str(t.year): show_value(t.new) for t in op.targets},
            }
            continue
        for f, o, n in op.changes:
            b[f"{prefix}.{f}"], a[f"{prefix}.{f}"] = o, n
        for t in op.targets:
            b[f"{prefix}.target {t.year}"], a[f"{prefix}.target {t.year}"] = show_value(t.old), show_value(t.new)
    content_type = ContentType.objects.get_for_model(Programme)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    note = _("Imported from %(file)s") % {"file": filename} if filename else ""
    insert_rows(
        AuditEvent,
        [
            {
                "region_id": plan.masterplan.region_id,
                "actor_id": actor.pk if authenticated else None,
                "actor_name": (actor.get_username() if authenticated else "system")[:150],
                "action": "programme.import_create" if code in created else "programme.import_update",
                "content_type_id": content_type.pk,
                "object_id": str(code_pk[code]),
                "object_repr": code[:200],
                "before": before.get(code) or None,
                "after": after[code],
                "note": note,
            }
            for code in after
        ],
        now=timezone.now(),
    )


def remove_marked(*, plan: ImportPlan, actor, filename: str) -> None:
    """Delete the programmes and indicators marked "Hapus" and the targets the programmes' new years leave
    behind, each audited (what was removed, by whom). A programme other records still refer to (progress
    reports, contributions) cannot go: ApplicationError, and the whole import is rolled back."""
    from django.db.models import ProtectedError

    from kotacerdas.audit.services import record_event, snapshot
    from kotacerdas.common.exceptions import ApplicationError
    from kotacerdas.masterplan.models import Indicator, Target

    note = _("Imported from %(file)s") % {"file": filename} if filename else ""
    dropped_by_programme: dict[str, list] = {}
    for t in plan.dropped:
        dropped_by_programme.setdefault(t.programme_code, []).append(t)
    indicators = [d for d in plan.deletions if d.kind == "indicator"]
    programmes = {p.pk: p for p in Programme.objects.filter(pk__in=[d.pk for d in plan.deletions])}
    for code in sorted({d.programme_code for d in indicators} | set(dropped_by_programme)):
        before = {f"indicator {d.number}": d.label for d in indicators if d.programme_code == code}
        before |= {
            f"indicator {t.number}.target {t.year}": show_value(t.value) for t in dropped_by_programme.get(code, [])
        }
        programme = Programme.objects.get(masterplan=plan.masterplan, code=code)
        record_event(actor=actor, action="programme.import_remove", obj=programme, before=before, after={}, note=note)
    Target.objects.filter(pk__in=[t.pk for t in plan.dropped]).delete()
    Indicator.objects.filter(pk__in=[d.pk for d in indicators]).delete()
    for d in plan.deletions:
        if d.kind != "programme":
            continue
        programme = programmes[d.pk]
        record_event(
            actor=actor, action="programme.import_delete", obj=programme, before=snapshot(programme), note=note
        )
        try:
            with transaction.atomic():
                programme.delete()
        except ProtectedError as exc:
            raise ApplicationError(
                _("The programme %(code)s already has progress reports or other records; it cannot be removed.")
                % {"code": d.programme_code}
            ) from exc
