"""Progress reports: start, save (fields, realised values, achievement), submit, return, verify,
acknowledge."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.masterplan.models import Indicator, Programme, Target

from ..achievement import indicator_achievement, weighted_mean
from ..models import (
    IndicatorValue,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
)
from ._common import REPORT_FIELDS, Status, _decimal, monitoring_settings_for
from .rollup_update import achievements_update


def _report_snapshot(report: ProgressReport) -> dict:
    data = snapshot(report, fields=["status", "achievement", "revision", *REPORT_FIELDS])
    data["values"] = {str(v.indicator_id): str(v.realised) for v in report.values.all()}
    data["achievement"] = _exact_text(report.achievement)
    return data


def _exact_text(value) -> str | None:
    """The full-precision achievement for the audit trail: two decimals or more when needed (75.00, 58.333333)."""
    if value is None:
        return None
    value = Decimal(value).normalize()
    return format(value if value.as_tuple().exponent < -2 else value.quantize(Decimal("0.01")), "f")


@transaction.atomic
def progress_report_start(*, actor, programme: Programme, period: ReportingPeriod) -> ProgressReport:
    """The report of the programme for the period, created as a draft if it does not exist yet."""
    ensure_allowed(actor, "monitoring.start_report", programme)
    if period.region_id != programme.region_id:
        raise ApplicationError(_("This period belongs to another region."))
    if not programme.start_year <= period.year <= programme.end_year:
        raise ApplicationError(_("The programme does not run in %(year)s.") % {"year": period.year})
    report, created = ProgressReport.objects.get_or_create(
        programme=programme, period=period, defaults={"region_id": programme.region_id, "created_by": actor}
    )
    if created:
        if not period.is_open:
            raise ApplicationError(_("The period %(period)s is not open for reports.") % {"period": period.label})
        record_event(actor=actor, action="progress_report.create", obj=report, after={"status": report.status})
    return report


def _changed_only_by(report: ProgressReport, *, since_revision: int, actor) -> bool:
    """True when every change after `since_revision` was the actor's own (their autosave racing their own
    submit is no conflict; anybody else's change in between is)."""
    from kotacerdas.audit.selectors import audit_events_for_object

    for actor_id, after in audit_events_for_object(obj=report).values_list("actor_id", "after"):
        revision = (after or {}).get("revision")
        if revision is None or revision <= since_revision:
            continue
        if actor_id != actor.pk:
            return False
    return True


def _lock_for_writing(actor, report: ProgressReport, revision: int | None) -> ProgressReport:
    """The report locked for the write, once the actor may write it, it is editable in an open period and
    nobody else changed it since `revision`."""
    report = ProgressReport.objects.select_for_update().select_related("period", "programme").get(pk=report.pk)
    ensure_allowed(actor, "monitoring.write_report", report)
    if not report.is_editable:
        raise ApplicationError(
            _("This report is %(status)s and can no longer be changed.")
            % {"status": report.get_status_display().lower()}
        )
    if not report.period.is_open:
        raise ApplicationError(_("The period %(period)s is closed.") % {"period": report.period.label})
    if (
        revision is not None
        and int(revision) != report.revision
        and not _changed_only_by(report, since_revision=int(revision), actor=actor)
    ):
        raise ApplicationError(
            _("Someone else saved this report after you opened it. Reload the page to see their changes.")
        )
    return report


def _apply_input(report: ProgressReport, fields: dict, values: dict, indicators: dict) -> dict[int, Decimal | None]:
    """Set the typed fields on the report and parse the realised values ({indicator id: value}); refuse the
    whole input, field by field, when anything is wrong."""
    errors: dict[str, list] = {}
    if "progress_percent" in fields:
        fields["progress_percent"] = _decimal(fields["progress_percent"], "progress_percent", errors, places=2)
    if "budget_realised" in fields:
        fields["budget_realised"] = _decimal(fields["budget_realised"], "budget_realised", errors, places=0, exact=True)
    for name, value in fields.items():
        setattr(report, name, "" if value is None and name not in ("progress_percent", "budget_realised") else value)
    parsed: dict[int, Decimal | None] = {}
    for key, raw in values.items():
        try:
            indicator = indicators[int(key)]
        except (KeyError, ValueError):
            errors.setdefault("values", []).append(_("Unknown indicator %(id)s.") % {"id": key})
            continue
        parsed[indicator.pk] = _decimal(raw, f"value_{indicator.pk}", errors, places=4)
    try:
        report.full_clean(exclude=["programme", "period", "region", "created_by"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    return parsed


def _write_values(report: ProgressReport, indicators: dict, parsed: dict) -> dict[int, IndicatorValue]:
    """Write the realised values with their target and achievement; an emptied value is deleted. Returns
    the report's values by indicator id."""
    cap = monitoring_settings_for(report.region).achievement_cap
    targets = dict(
        Target.objects.filter(indicator__in=indicators.keys(), year=report.period.year).values_list(
            "indicator_id", "value"
        )
    )
    existing = {v.indicator_id: v for v in report.values.all()}
    for indicator_id, realised in parsed.items():
        if realised is None:
            if indicator_id in existing:
                existing.pop(indicator_id).delete()
            continue
        indicator = indicators[indicator_id]
        achievement, note = indicator_achievement(
            realised=realised,
            target=targets.get(indicator_id),
            lower_is_better=indicator.direction == Indicator.Direction.LOWER,
            cap=cap,
            exact=True,
        )
        row = existing.get(indicator_id) or IndicatorValue(
            region_id=report.region_id, report=report, indicator=indicator
        )
        row.realised, row.target, row.achievement, row.note = realised, targets.get(indicator_id), achievement, note
        row.save()
        existing[indicator_id] = row
    return existing


@transaction.atomic
def progress_report_save(
    *, actor, report: ProgressReport, revision: int | None = None, values: dict | None = None, **fields
) -> ProgressReport:
    """Save a draft or returned report: fields, realised values ({indicator_id: value}) and the achievement.

    `revision` is the revision the editor started from; a report changed since is refused rather than
    overwritten. Values arrive as text or Decimal; Indonesian number formats are understood.
    """
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"unknown report fields: {sorted(unknown)}")
    report = _lock_for_writing(actor, report, revision)
    before = _report_snapshot(report)
    indicators = {i.pk: i for i in Indicator.objects.filter(programme=report.programme)}
    parsed = _apply_input(report, fields, values or {}, indicators)
    existing = _write_values(report, indicators, parsed)
    report.achievement = _programme_achievement(report, indicators, existing)
    unchanged = {**_report_snapshot(report), "revision": None} == {**before, "revision": None}
    if not unchanged:
        report.revision += 1
        report.save()
        record_event(
            actor=actor, action="progress_report.save", obj=report, before=before, after=_report_snapshot(report)
        )
    return report


def _programme_achievement(report, indicators: dict, values: dict) -> Decimal | None:
    if indicators:
        return weighted_mean(
            ((values[i].achievement if i in values else None, indicators[i].weight) for i in indicators), exact=True
        )
    return report.progress_percent


@transaction.atomic
def progress_report_submit(*, actor, report: ProgressReport) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("period", "programme").get(pk=report.pk)
    ensure_allowed(actor, "monitoring.write_report", report)
    if not report.is_editable:
        raise ApplicationError(_("Only a draft or returned report can be submitted."))
    if not report.period.is_open:
        raise ApplicationError(_("The period %(period)s is closed.") % {"period": report.period.label})
    indicator_ids = set(Indicator.objects.filter(programme=report.programme).values_list("pk", flat=True))
    missing = indicator_ids - set(report.values.values_list("indicator_id", flat=True))
    if missing:
        raise ApplicationError(
            _("Fill in the realised value of every indicator before submitting."),
            fields={"values": [_("%(n)s indicator(s) have no value.") % {"n": len(missing)}]},
        )
    if not indicator_ids and report.progress_percent is None:
        raise ApplicationError(
            _("State the progress % before submitting."), fields={"progress_percent": [_("This field is required.")]}
        )
    before = {"status": report.status}
    report.status = Status.SUBMITTED
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.revision += 1
    report.save(update_fields=["status", "submitted_by", "submitted_at", "revision", "updated_at"])
    ReportEvent.objects.create(region_id=report.region_id, report=report, kind=ReportEvent.Kind.SUBMITTED, actor=actor)
    record_event(
        actor=actor,
        action="progress_report.submit",
        obj=report,
        before=before,
        after={"status": report.status, "revision": report.revision},
    )
    from ..notifications import notify_report_submitted

    transaction.on_commit(lambda: notify_report_submitted(report_id=report.pk))
    return report


def _check_verifier(actor, report: ProgressReport) -> None:
    ensure_allowed(actor, "monitoring.verify_report", report)
    if actor.pk in (report.submitted_by_id, report.created_by_id):
        raise ApplicationError(_("You cannot verify or return a report you wrote yourself."))
    if report.status != Status.SUBMITTED:
        raise ApplicationError(_("Only a submitted report can be verified or returned."))


@transaction.atomic
def progress_report_return(*, actor, report: ProgressReport, comment: str) -> ProgressReport:
    """Send a submitted report back to its agency with a comment saying what to fix."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _check_verifier(actor, report)
    if not (comment or "").strip():
        raise ApplicationError(_("Say what must be fixed."), fields={"comment": [_("This field is required.")]})
    report.status = Status.RETURNED
    report.revision += 1
    report.save(update_fields=["status", "revision", "updated_at"])
    ReportEvent.objects.create(
        region_id=report.region_id, report=report, kind=ReportEvent.Kind.RETURNED, actor=actor, comment=comment.strip()
    )
    record_event(
        actor=actor,
        action="progress_report.return",
        obj=report,
        before={"status": Status.SUBMITTED},
        after={"status": report.status, "revision": report.revision},
        note=comment.strip(),
    )
    from ..notifications import notify_report_returned

    transaction.on_commit(lambda: notify_report_returned(report_id=report.pk))
    return report


@transaction.atomic
def progress_report_verify(*, actor, report: ProgressReport, comment: str = "") -> ProgressReport:
    """Accept a submitted report; its figures then count in the public roll-up. Refused without evidence
    unless the region turned `evidence_required` off."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _check_verifier(actor, report)
    if monitoring_settings_for(report.region).evidence_required and not report.evidence.exists():
        message = _(
            "This report has no evidence. Return it and ask the agency to add at least one document, photo "
            "or link before it can be verified."
        )
        raise ApplicationError(message, fields={"evidence": [message]})
    report.status = Status.VERIFIED
    report.verified_by = actor
    report.verified_at = timezone.now()
    report.revision += 1
    report.save(update_fields=["status", "verified_by", "verified_at", "revision", "updated_at"])
    ReportEvent.objects.create(
        region_id=report.region_id,
        report=report,
        kind=ReportEvent.Kind.VERIFIED,
        actor=actor,
        comment=(comment or "").strip(),
    )
    record_event(
        actor=actor,
        action="progress_report.verify",
        obj=report,
        before={"status": Status.SUBMITTED},
        after={"status": report.status, "achievement": _exact_text(report.achievement), "revision": report.revision},
    )
    achievements_update(region=report.region, period=report.period, programme_id=report.programme_id)
    return report


@transaction.atomic
def progress_report_acknowledge(*, actor, report: ProgressReport, comment: str = "") -> ProgressReport:
    """The Dewan Kota Cerdas acknowledges a verified report."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    ensure_allowed(actor, "monitoring.acknowledge_report", report)
    if report.status != Status.VERIFIED:
        raise ApplicationError(_("Only a verified report can be acknowledged."))
    if report.acknowledged_at:
        raise ApplicationError(_("This report was already acknowledged."))
    report.acknowledged_by = actor
    report.acknowledged_at = timezone.now()
    report.save(update_fields=["acknowledged_by", "acknowledged_at", "updated_at"])
    ReportEvent.objects.create(
        region_id=report.region_id,
        report=report,
        kind=ReportEvent.Kind.ACKNOWLEDGED,
        actor=actor,
        comment=(comment or "").strip(),
    )
    record_event(
        actor=actor,
        action="progress_report.acknowledge",
        obj=report,
        before={"acknowledged_at": None, "acknowledged_by": None},
        after={"acknowledged_at": report.acknowledged_at.isoformat(), "acknowledged_by": actor.pk},
    )
    return report
