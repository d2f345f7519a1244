"""Every write of monitoring: validated, atomic, audited. Permission checks happen here too, because the
same services serve the pages, the API and the commands."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.numbers import NotANumber, parse_decimal
from kotacerdas.common.uploads import check_document, reencode_image
from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, Programme, Target
from kotacerdas.masterplan.selectors import masterplan_public_for_region
from kotacerdas.regions.access import require_rule

from .achievement import indicator_achievement, weighted_mean
from .models import (
    Achievement,
    Evidence,
    IndicatorValue,
    MonitoringSettings,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
)

Status = ProgressReport.Status
REPORT_FIELDS = ("progress_percent", "milestone", "budget_realised", "narrative", "obstacles", "follow_up")
PHOTO_MAX_BYTES = 8 * 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def monitoring_settings_for(region) -> MonitoringSettings:
    found = MonitoringSettings.objects.filter(region=region).first()
    return found or MonitoringSettings(region=region)


# --- periods -------------------------------------------------------------------------------------------


@transaction.atomic
def reporting_periods_create_year(*, actor, region, year: int) -> list[ReportingPeriod]:
    """Create the year's periods at the region's frequency (quarterly by default). Existing ones are kept."""
    require_rule(actor, "monitoring.manage_periods", region)
    if not 2000 <= year <= 2100:
        raise ApplicationError(
            _("Enter a year between 2000 and 2100."), fields={"year": [_("Enter a year between 2000 and 2100.")]}
        )
    config = monitoring_settings_for(region)
    n = config.frequency
    months = 12 // n
    created = []
    for number in range(1, n + 1):
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        starts = datetime.date(year, first_month, 1)
        ends = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
        period, was_created = ReportingPeriod.objects.get_or_create(
            region=region,
            year=year,
            number=number,
            defaults={
                "periods_in_year": n,
                "starts_on": starts,
                "ends_on": ends,
                "due_on": ends + datetime.timedelta(days=config.due_days_after_period),
            },
        )
        if was_created:
            record_event(actor=actor, action="reporting_period.create", obj=period, after=snapshot(period))
            created.append(period)
    return created


@transaction.atomic
def reporting_period_set_status(*, actor, period: ReportingPeriod, status: str) -> ReportingPeriod:
    """Open or close a period (or reopen a closed one)."""
    require_rule(actor, "monitoring.manage_periods", period)
    if status not in (ReportingPeriod.Status.OPEN, ReportingPeriod.Status.CLOSED):
        raise ApplicationError(_("A period can only be opened or closed."))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    before = {"status": period.status}
    period.status = status
    if status == ReportingPeriod.Status.OPEN:
        period.opened_at = timezone.now()
    else:
        period.closed_at = timezone.now()
    period.save(update_fields=["status", "opened_at", "closed_at", "updated_at"])
    record_event(actor=actor, action=f"reporting_period.{status}", obj=period, before=before, after={"status": status})
    return period


# --- reports -------------------------------------------------------------------------------------------


def _report_snapshot(report: ProgressReport) -> dict:
    data = snapshot(report, fields=["status", "achievement", "revision", *REPORT_FIELDS])
    data["values"] = {str(v.indicator_id): str(v.realised) for v in report.values.all()}
    return data


@transaction.atomic
def progress_report_start(*, actor, programme: Programme, period: ReportingPeriod) -> ProgressReport:
    """The report of the programme for the period, created as a draft if it does not exist yet."""
    require_rule(actor, "monitoring.start_report", programme)
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
    report = ProgressReport.objects.select_for_update().select_related("period", "programme").get(pk=report.pk)
    require_rule(actor, "monitoring.write_report", report)
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
    before = _report_snapshot(report)
    errors: dict[str, list] = {}
    if "progress_percent" in fields:
        fields["progress_percent"] = _decimal(fields["progress_percent"], "progress_percent", errors, places=2)
    if "budget_realised" in fields:
        fields["budget_realised"] = _decimal(fields["budget_realised"], "budget_realised", errors, places=0, exact=True)
    for name, value in fields.items():
        setattr(report, name, "" if value is None and name not in ("progress_percent", "budget_realised") else value)
    indicators = {i.pk: i for i in Indicator.objects.filter(programme=report.programme)}
    parsed: dict[int, Decimal | None] = {}
    for key, raw in (values or {}).items():
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
        )
        row = existing.get(indicator_id) or IndicatorValue(
            region_id=report.region_id, report=report, indicator=indicator
        )
        row.realised, row.target, row.achievement, row.note = realised, targets.get(indicator_id), achievement, note
        row.save()
        existing[indicator_id] = row
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
        return weighted_mean((values[i].achievement if i in values else None, indicators[i].weight) for i in indicators)
    return report.progress_percent


@transaction.atomic
def progress_report_submit(*, actor, report: ProgressReport) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("period", "programme").get(pk=report.pk)
    require_rule(actor, "monitoring.write_report", report)
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
    from .notifications import notify_report_submitted

    transaction.on_commit(lambda: notify_report_submitted(report_id=report.pk))
    return report


def _check_verifier(actor, report: ProgressReport) -> None:
    require_rule(actor, "monitoring.verify_report", report)
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
    from .notifications import notify_report_returned

    transaction.on_commit(lambda: notify_report_returned(report_id=report.pk))
    return report


@transaction.atomic
def progress_report_verify(*, actor, report: ProgressReport, comment: str = "") -> ProgressReport:
    """Accept a submitted report; its figures then count in the public roll-up."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _check_verifier(actor, report)
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
        after={"status": report.status, "achievement": str(report.achievement), "revision": report.revision},
    )
    achievements_recompute(region=report.region, period=report.period)
    return report


@transaction.atomic
def progress_report_acknowledge(*, actor, report: ProgressReport, comment: str = "") -> ProgressReport:
    """The Dewan Kota Cerdas acknowledges a verified report."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    require_rule(actor, "monitoring.acknowledge_report", report)
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


# --- evidence ------------------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *,
    actor,
    report: ProgressReport,
    kind: str,
    file=None,
    url: str = "",
    caption: str = "",
    latitude=None,
    longitude=None,
) -> Evidence:
    """Attach evidence. Files are checked by content (photos re-encoded without metadata)."""
    report = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    require_rule(actor, "monitoring.write_report", report)
    if not report.is_editable:
        raise ApplicationError(_("Evidence can only be added to a draft or returned report."))
    if not report.period.is_open:
        raise ApplicationError(_("The period %(period)s is closed.") % {"period": report.period.label})
    evidence = Evidence(region_id=report.region_id, report=report, kind=kind, caption=caption or "", uploaded_by=actor)
    errors: dict[str, list] = {}
    if kind == Evidence.Kind.LINK:
        evidence.url = (url or "").strip()
        if not evidence.url:
            errors["url"] = [_("This field is required.")]
    elif kind in (Evidence.Kind.PHOTO, Evidence.Kind.DOCUMENT):
        if not file:
            errors["file"] = [_("Choose a file.")]
        else:
            try:
                if kind == Evidence.Kind.PHOTO:
                    file = reencode_image(file, max_bytes=PHOTO_MAX_BYTES)
                    evidence.content_type = file.content_type
                else:
                    evidence.content_type = check_document(file, max_bytes=DOCUMENT_MAX_BYTES)
            except ValidationError as exc:
                errors["file"] = exc.messages
            else:
                evidence.file = file
                evidence.size = file.size
    else:
        errors["kind"] = [_("Choose document, photo or link.")]
    evidence.latitude = _decimal(latitude, "latitude", errors, plain=True)
    evidence.longitude = _decimal(longitude, "longitude", errors, plain=True)
    if not errors:
        try:
            evidence.full_clean(exclude=["file", "report", "region", "uploaded_by"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    evidence.save()
    record_event(
        actor=actor,
        action="evidence.add",
        obj=report,
        after={"evidence": evidence.pk, "kind": kind, "name": evidence.file.name or evidence.url},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    report = evidence.report
    require_rule(actor, "monitoring.write_report", report)
    if not report.is_editable:
        raise ApplicationError(_("Evidence can only be removed from a draft or returned report."))
    if not report.period.is_open:
        raise ApplicationError(_("The period %(period)s is closed.") % {"period": report.period.label})
    record_event(
        actor=actor,
        action="evidence.remove",
        obj=report,
        before={"evidence": evidence.pk, "kind": evidence.kind, "name": evidence.file.name or evidence.url},
    )
    stored = evidence.file.name
    evidence.delete()
    if stored:
        storage = evidence.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


# --- roll-up -------------------------------------------------------------------------------------------


def expected_programmes(*, region, year: int, until_year: int | None = None):
    """Programmes of the adopted masterplan that run in the year (and so should report) — or, with
    `until_year`, in any year of that range (callers match programmes to periods themselves). One query."""
    public_masterplan = Masterplan.objects.filter(region=region, status=Masterplan.Status.ADOPTED).order_by(
        "-period_start_year"
    )
    return Programme.objects.filter(
        region=region,
        masterplan=Subquery(public_masterplan.values("pk")[:1]),
        start_year__lte=until_year or year,
        end_year__gte=year,
    )


@transaction.atomic
def achievements_recompute(*, region, period: ReportingPeriod) -> int:
    """Rewrite the period's roll-up rows from its verified reports. Returns the number of rows written.

    Cost grows with the programmes of one region in one period (hundreds), never with history.
    """
    programmes = list(
        expected_programmes(region=region, year=period.year).values(
            "pk", "weight", "element_id", "dimension_id", "owner_agency_id"
        )
    )
    verified = dict(
        ProgressReport.objects.filter(period=period, status=Status.VERIFIED).values_list("programme_id", "achievement")
    )
    rows = []

    def add(level, object_id, value, reported, expected):
        rows.append(
            Achievement(
                region=region,
                period=period,
                level=level,
                object_id=object_id,
                value=value,
                reported=reported,
                expected=expected,
            )
        )

    groups: dict[tuple[str, int], list] = {}
    for p in programmes:
        value = verified.get(p["pk"])
        if p["pk"] in verified:
            add(Achievement.Level.PROGRAMME, p["pk"], value, 1, 1)
        for level, key in (
            (Achievement.Level.ELEMENT, p["element_id"]),
            (Achievement.Level.DIMENSION, p["dimension_id"]),
            (Achievement.Level.AGENCY, p["owner_agency_id"]),
        ):
            if key is not None:
                groups.setdefault((level, key), []).append((value, p["weight"], p["pk"] in verified))
    dimension_values = {}
    for (level, key), members in groups.items():
        value = weighted_mean((v, w) for v, w, _ in members)
        add(level, key, value, sum(1 for *_, r in members if r), len(members))
        if level == Achievement.Level.DIMENSION:
            dimension_values[key] = value
    weights = dict(Dimension.objects.filter(region=region).values_list("pk", "weight"))
    masterplan = masterplan_public_for_region(region=region)
    if masterplan is not None:
        add(
            Achievement.Level.MASTERPLAN,
            masterplan.pk,
            weighted_mean((v, weights.get(k, Decimal(1))) for k, v in dimension_values.items()),
            len(verified.keys() & {p["pk"] for p in programmes}),
            len(programmes),
        )
    Achievement.objects.filter(region=region, period=period).delete()
    Achievement.objects.bulk_create(rows)
    from kotacerdas.common.cache import invalidate_public_pages

    invalidate_public_pages(region.slug)
    return len(rows)
