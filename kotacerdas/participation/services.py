"""Every write to citizen reports: submit (idempotent, rate-limited), move through statuses with a public
update, categories and routing, region settings and Open311 keys. Each write is atomic and audited, and
keeps the per-agency statistics rows current in the same transaction."""

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common import ratelimit
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.text import strip_xml_illegal
from kotacerdas.common.uploads import reencode_image
from kotacerdas.regions.models import Agency, District, Region, Village

from . import idempotency, workdays
from .idempotency import IdempotencyConflict  # noqa: F401 -- callers catch it as services.IdempotencyConflict
from .models import (
    RESPONSE_HISTOGRAM_HOURS,
    AgencyReportStats,
    CategoryRoute,
    Holiday,
    Open311Key,
    Report,
    ReportCategory,
    ReportPhoto,
    ReportSettings,
    ReportUpdate,
)

MAX_DESCRIPTION = 2000
MAX_PHOTOS = 3
REPORT_WINDOW_SECONDS = 3600  # the per-hour limits of ReportSettings
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PUBLIC_FIELDS = [
    "tracking_code",
    "category",
    "agency",
    "description",
    "status",
    "lat",
    "lon",
    "district",
    "village",
    "address",
    "source",
    "first_response_due",
    "resolution_due",
    "first_response_at",
    "closed_at",
]

S = Report.Status
TRANSITIONS = {
    S.RECEIVED: (S.VERIFIED, S.IN_PROGRESS, S.REJECTED),
    S.VERIFIED: (S.IN_PROGRESS, S.RESOLVED, S.REJECTED),
    S.IN_PROGRESS: (S.RESOLVED, S.REJECTED),
    S.RESOLVED: (),
    S.REJECTED: (),
}


class RateLimited(ApplicationError):
    """Too many submissions from one address or account in the window."""


def settings_for(region: Region) -> ReportSettings:
    config, _created = ReportSettings.objects.get_or_create(region=region)
    return config


def due_dates(*, region: Region, config: ReportSettings, start: datetime.datetime, kind: str) -> tuple:
    """(first response due, resolution due) for a report of this kind arriving at `start`: working days
    (skipping weekends and the region's holidays) or calendar days, as the region's settings say."""
    first, resolve = config.first_response_days, config.days_for(kind)
    if not config.count_working_days:
        return start + datetime.timedelta(days=first), start + datetime.timedelta(days=resolve)
    local_start = timezone.localtime(start).date()
    holidays = set(
        Holiday.objects.filter(
            region=region, date__gt=local_start, date__lte=workdays.window_end(start, max(first, resolve))
        ).values_list("date", flat=True)
    )
    return workdays.add_working_days(start, first, holidays), workdays.add_working_days(start, resolve, holidays)


def route_agency(*, category: ReportCategory, district: District | None) -> Agency:
    """The category's agency, unless the district has its own route for this category."""
    if district is not None:
        route = CategoryRoute.objects.filter(category=category, district=district).select_related("agency").first()
        if route is not None:
            return route.agency
    return category.agency


def parse_coordinate(value, *, field: str, low: int, high: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ApplicationError(_("Enter a number."), fields={field: [_("Enter a number.")]}) from None
    if not number.is_finite() or not (low <= number <= high):
        message = _("Must be between %(low)s and %(high)s.") % {"low": low, "high": high}
        raise ApplicationError(message, fields={field: [message]})
    return number.quantize(Decimal("0.000001"))


@dataclass
class Submission:
    report: Report
    created: bool


def _stats_row(*, region_id: int, agency_id: int) -> AgencyReportStats:
    row, _created = AgencyReportStats.objects.select_for_update().get_or_create(
        region_id=region_id, agency_id=agency_id, defaults={"response_hours": []}
    )
    return row


def _clean_location(*, region, config, lat, lon, district, village, address) -> tuple:
    lat = parse_coordinate(lat, field="lat", low=-90, high=90)
    lon = parse_coordinate(lon, field="lon", low=-180, high=180)
    if (lat is None) != (lon is None):
        message = _("Give both latitude and longitude, or choose the kecamatan and desa.")
        raise ApplicationError(message, fields={"lat": [message]})
    if district is not None and district.region_id != region.pk:
        raise ApplicationError(_("Choose a kecamatan of this region."), fields={"district": [_("Unknown kecamatan.")]})
    if village is not None:
        if village.region_id != region.pk:
            raise ApplicationError(_("Choose a desa of this region."), fields={"village": [_("Unknown desa.")]})
        if district is not None and village.district_id != district.pk:
            message = _("This desa is not in the chosen kecamatan.")
            raise ApplicationError(message, fields={"village": [message]})
        district = village.district
    if lat is None and district is None and not address.strip():
        message = _("Pin the place on the map, or choose the kecamatan and desa.")
        raise ApplicationError(message, fields={"district": [message]})
    outside = (
        lat is not None
        and config.has_bbox
        and not (config.min_lat <= lat <= config.max_lat and config.min_lon <= lon <= config.max_lon)
    )
    if outside:
        message = _("This place is outside %(region)s. Pin a place inside the region.") % {
            "region": region.display_name
        }
        raise ApplicationError(message, fields={"lat": [message]})
    return lat, lon, district, village


def _check_text(value: str, *, field: str, required: bool, limit: int) -> str:
    value = strip_xml_illegal(value or "").strip()
    if required and not value:
        message = _("This field is required.")
        raise ApplicationError(message, fields={field: [message]})
    if len(value) > limit:
        message = _("At most %(limit)s characters (this has %(n)s).") % {"limit": limit, "n": len(value)}
        raise ApplicationError(message, fields={field: [message]})
    return value


def _clean_contact(name: str, email: str, phone: str, media_url: str) -> dict:
    """The reporter's contact and the media link, checked, as the report's fields."""
    name = _check_text(name, field="reporter_name", required=False, limit=120)
    phone = _check_text(phone, field="reporter_phone", required=False, limit=30)
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            message = _("Enter a valid e-mail address.")
            raise ApplicationError(message, fields={"reporter_email": [message]}) from None
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            message = _("Enter a valid http(s) address.")
            raise ApplicationError(message, fields={"media_url": [message]}) from None
        media_url = media_url[:500]
    return {
        "reporter_name": name,
        "reporter_email": email[:254],
        "reporter_phone": phone,
        "external_media_url": media_url,
    }


def _encode_photos(photos) -> list:
    photos = [p for p in photos if p]
    if len(photos) > MAX_PHOTOS:
        message = _("At most %(n)s photos.") % {"n": MAX_PHOTOS}
        raise ApplicationError(message, fields={"photo_1": [message]})
    encoded = []
    for index, upload in enumerate(photos, start=1):
        try:
            encoded.append(reencode_image(upload, max_bytes=MAX_PHOTO_BYTES, max_side=1600))
        except ValidationError as exc:
            raise ApplicationError(exc.messages[0], fields={f"photo_{index}": exc.messages}) from None
    return encoded


def _check_limits(*, region, config, client_ip: str, account: str) -> list:
    """The rate-limit buckets this submission counts against; RateLimited when one is full."""
    limits = []
    if client_ip:
        limits.append((f"report:ip:{region.pk}:{client_ip}", config.reports_per_ip_per_hour))
    if account:
        limits.append((f"report:account:{region.pk}:{account}", config.reports_per_account_per_hour))
    for bucket, limit in limits:
        if not ratelimit.key_allowed(bucket, limit):
            raise RateLimited(
                _("Too many reports from you in the last hour (the limit is %(n)s). Please try again later.")
                % {"n": limit}
            )
    return limits


def report_submit(
    *,
    region: Region,
    actor,
    category: ReportCategory | None,
    description: str,
    lat=None,
    lon=None,
    district: District | None = None,
    village: Village | None = None,
    address: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    photos: list | tuple = (),
    idempotency_key: str = "",
    form_token: str = "",
    client_ip: str = "",
    account_key: str = "",
    source: str = Report.Source.WEB,
    external_media_url: str = "",
) -> Submission:
    """Create a report, or return the one an earlier attempt of the same client with the same idempotency
    key created (the key is scoped to `account_key`, else the logged-in actor, else the form's `form_token`).

    Refuses (ApplicationError with field messages) empty or oversized text, an inactive or foreign category,
    a location outside the region, non-image or oversized photos, an idempotency key over its maximum, the
    key of an earlier different request (IdempotencyConflict), and more submissions than the region's
    per-IP and per-account limits (RateLimited). Nothing is stored unless everything is accepted.
    """
    scope = idempotency.scope_for(actor=actor, account_key=account_key, form_token=form_token)
    key = idempotency.key_digest(scope=scope, key=idempotency_key)
    text = (description, address, reporter_name, reporter_email, reporter_phone, external_media_url)
    body = idempotency.fingerprint(category, lat, lon, district, village, *text, photos=photos)
    existing = idempotency.earlier_report(region=region, digest=key, fingerprint=body)
    if existing is not None:
        return Submission(existing, False)
    config = settings_for(region)
    if category is None or category.region_id != region.pk or not category.is_active:
        message = _("Choose a category.")
        raise ApplicationError(message, fields={"category": [message]})
    description = _check_text(description, field="description", required=True, limit=MAX_DESCRIPTION)
    address = _check_text(address, field="address", required=False, limit=200)
    contact = _clean_contact(reporter_name, reporter_email, reporter_phone, external_media_url)
    lat, lon, district, village = _clean_location(
        region=region, config=config, lat=lat, lon=lon, district=district, village=village, address=address
    )
    encoded = _encode_photos(photos)
    authenticated = actor is not None and actor.is_authenticated
    account = account_key or (f"user:{actor.pk}" if authenticated else "")
    limits = _check_limits(region=region, config=config, client_ip=client_ip, account=account)
    try:
        with transaction.atomic():
            report = _create_report(
                region=region,
                actor=actor if authenticated else None,
                config=config,
                category=category,
                description=description,
                lat=lat,
                lon=lon,
                district=district,
                village=village,
                address=address,
                photos=encoded,
                key=key,
                fingerprint=body if key else "",
                source=source,
                **contact,
            )
    except IntegrityError:
        # A retry raced the first attempt past the lookup above: the first one won, hand it back.
        existing = idempotency.earlier_report(region=region, digest=key, fingerprint=body)
        if existing is None:
            raise
        return Submission(existing, False)
    for bucket, _limit in limits:
        ratelimit.key_hit(bucket, REPORT_WINDOW_SECONDS)
    return Submission(report, True)


def _create_report(*, region, actor, config, category, photos, key, fingerprint, **fields) -> Report:
    first_due, resolution_due = due_dates(region=region, config=config, start=timezone.now(), kind=category.kind)
    report = Report(
        region=region,
        category=category,
        agency=route_agency(category=category, district=fields["district"]),
        reporter=actor,
        idempotency_key=key,
        idempotency_fingerprint=fingerprint,
        first_response_due=first_due,
        resolution_due=resolution_due,
        **fields,
    )
    report.save()
    for image in photos:
        ReportPhoto.objects.create(region=region, report=report, image=image)
    update = ReportUpdate.objects.create(
        region=region,
        report=report,
        status=Report.Status.RECEIVED,
        text=_("Report received and routed to %(agency)s.") % {"agency": report.agency.name},
    )
    record_event(actor=actor, action="report.submit", obj=report, after=snapshot(report, PUBLIC_FIELDS))
    # Last, so the agency's counter row stays locked for as short a time as possible under concurrent intake.
    counters = AgencyReportStats.objects.filter(region_id=region.pk, agency_id=report.agency_id)
    if not counters.update(received=F("received") + 1, open=F("open") + 1):
        _stats_row(region_id=region.pk, agency_id=report.agency_id)
        counters.update(received=F("received") + 1, open=F("open") + 1)
    if report.reporter_id or report.reporter_email:
        from .notifications import notify_report_update

        # the receipt: the tracking code reaches an e-mail address, or the logged-in reporter's notices
        transaction.on_commit(lambda: notify_report_update(update_id=update.pk))
    return report


def allowed_transitions(report: Report) -> tuple:
    return TRANSITIONS[Report.Status(report.status)]


@transaction.atomic
def report_transition(*, report: Report, actor, status: str, text: str) -> ReportUpdate:
    """Move a report to `status` with a public update text; the first move is its first response."""
    report = Report.objects.select_for_update().select_related("agency").get(pk=report.pk)
    if status not in allowed_transitions(report):
        raise ApplicationError(
            _("A report that is %(from)s cannot become %(to)s.")
            % {"from": report.get_status_display(), "to": dict(Report.Status.choices).get(status, status)},
            fields={"status": [_("Not allowed from the current status.")]},
        )
    text = _check_text(text, field="text", required=True, limit=MAX_DESCRIPTION)
    before = snapshot(report, ["status", "first_response_at", "closed_at"])
    now = timezone.now()
    stats = _stats_row(region_id=report.region_id, agency_id=report.agency_id)
    changes = {}
    if report.first_response_at is None:
        report.first_response_at = now
        hours = min(int((now - report.created_at).total_seconds() // 3600), RESPONSE_HISTOGRAM_HOURS)
        histogram = list(stats.response_hours or [])
        histogram.extend([0] * (hours + 1 - len(histogram)))
        histogram[hours] += 1
        stats.response_hours = histogram
        changes["responded"] = F("responded") + 1
        if now <= report.first_response_due:
            changes["responded_in_time"] = F("responded_in_time") + 1
    previous = report.status
    report.status = status
    if status in Report.CLOSED_STATUSES:
        report.closed_at = now
        changes["open"] = F("open") - 1
        if status == Report.Status.RESOLVED:
            changes["resolved"] = F("resolved") + 1
            if now <= report.resolution_due:
                changes["resolved_in_time"] = F("resolved_in_time") + 1
        else:
            changes["rejected"] = F("rejected") + 1
    report.save(update_fields=["status", "first_response_at", "closed_at", "updated_at"])
    AgencyReportStats.objects.filter(pk=stats.pk).update(response_hours=stats.response_hours, **changes)
    update = ReportUpdate.objects.create(
        region_id=report.region_id, report=report, status=status, previous_status=previous, text=text, actor=actor
    )
    record_event(
        actor=actor,
        action="report.status",
        obj=report,
        before=before,
        after={**snapshot(report, ["status", "first_response_at", "closed_at"]), "text": text},
    )
    from .notifications import notify_report_update

    transaction.on_commit(lambda: notify_report_update(update_id=update.pk))
    return update


@transaction.atomic
def report_reroute(*, report: Report, actor, agency: Agency, reason: str, internal: bool = True) -> ReportUpdate:
    """Forward an open report to another agency of its region, with a reason (staff-only when `internal`).

    The report's status, deadlines and first response stay; its counts move from the old agency's statistics
    row to the new one's (received, open, and the first response if there was one), so the rows stay equal to
    what `stats_rebuild` would count. The new agency's officers are notified after commit.
    """
    report = Report.objects.select_for_update().select_related("agency").get(pk=report.pk)
    if not report.is_open:
        raise ApplicationError(
            _("A closed report cannot be forwarded."), fields={"agency": [_("The report is closed.")]}
        )
    if agency is None or agency.region_id != report.region_id:
        raise ApplicationError(_("Choose an agency of this region."), fields={"agency": [_("Unknown agency.")]})
    if agency.pk == report.agency_id:
        message = _("The report is already with %(agency)s.") % {"agency": agency.name}
        raise ApplicationError(message, fields={"agency": [message]})
    reason = _check_text(reason, field="reason", required=True, limit=MAX_DESCRIPTION)
    old_agency = report.agency
    # lock both rows in a fixed order (by agency id), so two forwards crossing each other cannot deadlock
    rows = {
        agency_id: _stats_row(region_id=report.region_id, agency_id=agency_id)
        for agency_id in sorted((old_agency.pk, agency.pk))
    }
    _move_counts(report, source=rows[old_agency.pk], target=rows[agency.pk])
    report.agency = agency
    report.save(update_fields=["agency", "updated_at"])
    update = ReportUpdate.objects.create(
        region_id=report.region_id,
        report=report,
        status=report.status,
        previous_status=report.status,
        text="" if internal else reason,
        internal_note=reason if internal else "",
        forwarded_to=agency,
        actor=actor,
    )
    record_event(
        actor=actor,
        action="report.reroute",
        obj=report,
        before={"agency": old_agency.pk, "agency_name": old_agency.name},
        after={"agency": agency.pk, "agency_name": agency.name, "reason": reason, "internal": internal},
    )
    from .notifications import notify_report_forwarded

    transaction.on_commit(lambda: notify_report_forwarded(update_id=update.pk))
    return update


def _move_counts(report: Report, *, source: AgencyReportStats, target: AgencyReportStats) -> None:
    """Move one report's contribution from one agency's counters to another's (both rows locked)."""
    sign_changes = {"received": 1, "open": 1}
    hours = None
    if report.first_response_at is not None:
        sign_changes["responded"] = 1
        if report.first_response_at <= report.first_response_due:
            sign_changes["responded_in_time"] = 1
        hours = min(
            int((report.first_response_at - report.created_at).total_seconds() // 3600), RESPONSE_HISTOGRAM_HOURS
        )
    for row, sign in ((source, -1), (target, 1)):
        histogram = list(row.response_hours or [])
        if hours is not None:
            histogram.extend([0] * (hours + 1 - len(histogram)))
            histogram[hours] = max(histogram[hours] + sign, 0)
        AgencyReportStats.objects.filter(pk=row.pk).update(
            response_hours=histogram, **{name: F(name) + sign * n for name, n in sign_changes.items()}
        )


@transaction.atomic
def stats_rebuild(*, region: Region) -> int:
    """Recount every agency's statistics from the reports (after a bulk import; a heavy query, run offline)."""
    AgencyReportStats.objects.filter(region=region).delete()
    rows: dict[int, AgencyReportStats] = {}
    reports = Report.objects.filter(region=region).values_list(
        "agency_id", "status", "created_at", "first_response_at", "first_response_due", "closed_at", "resolution_due"
    )
    for agency_id, status, created, responded_at, response_due, closed, resolution_due in reports.iterator(
        chunk_size=20000
    ):
        row = rows.get(agency_id)
        if row is None:
            row = rows[agency_id] = AgencyReportStats(region=region, agency_id=agency_id, response_hours=[])
        row.received += 1
        if status in Report.OPEN_STATUSES:
            row.open += 1
        if responded_at is not None:
            row.responded += 1
            row.responded_in_time += responded_at <= response_due
            hours = min(int((responded_at - created).total_seconds() // 3600), RESPONSE_HISTOGRAM_HOURS)
            row.response_hours.extend([0] * (hours + 1 - len(row.response_hours)))
            row.response_hours[hours] += 1
        if status == Report.Status.RESOLVED:
            row.resolved += 1
            row.resolved_in_time += bool(closed and closed <= resolution_due)
        elif status == Report.Status.REJECTED:
            row.rejected += 1
    AgencyReportStats.objects.bulk_create(rows.values())
    record_event(actor=None, action="report.stats_rebuild", obj=region, note=f"{len(rows)} agencies")
    return len(rows)


# --- categories, routes, settings, keys -------------------------------------------------------------------


def _validated(obj):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields=exc.message_dict) from None


@transaction.atomic
def category_save(*, region: Region, actor, category: ReportCategory | None = None, **fields) -> ReportCategory:
    """Create a category (category=None) or change one; the agency must belong to the region."""
    agency = fields.get("agency")
    if agency is not None and agency.region_id != region.pk:
        raise ApplicationError(_("Choose an agency of this region."), fields={"agency": [_("Unknown agency.")]})
    before = snapshot(category) if category else None
    category = category or ReportCategory(region=region)
    for name, value in fields.items():
        setattr(category, name, value)
    _validated(category)
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise ApplicationError(
            _("Another category already uses this code."), fields={"code": [_("Already used.")]}
        ) from None
    record_event(
        actor=actor,
        action="report_category.update" if before else "report_category.create",
        obj=category,
        before=before,
        after=snapshot(category),
    )
    return category


@transaction.atomic
def route_set(*, region: Region, actor, category: ReportCategory, district: District, agency: Agency | None) -> None:
    """Send this category's reports from this district to `agency`; None removes the override."""
    if category.region_id != region.pk or district.region_id != region.pk:
        raise ApplicationError(_("Unknown category or kecamatan."))
    if agency is not None and agency.region_id != region.pk:
        raise ApplicationError(_("Choose an agency of this region."), fields={"agency": [_("Unknown agency.")]})
    existing = CategoryRoute.objects.filter(category=category, district=district).first()
    before = snapshot(existing) if existing else None
    if agency is None:
        if existing:
            existing.delete()
            record_event(actor=actor, action="report_route.delete", obj=existing, before=before)
        return
    route, _created = CategoryRoute.objects.update_or_create(
        category=category, district=district, defaults={"region": region, "agency": agency}
    )
    record_event(actor=actor, action="report_route.set", obj=route, before=before, after=snapshot(route))


@transaction.atomic
def settings_update(*, region: Region, actor, **fields) -> ReportSettings:
    config = settings_for(region)
    before = snapshot(config)
    for name, value in fields.items():
        setattr(config, name, value)
    _validated(config)
    box = [config.min_lat, config.max_lat, config.min_lon, config.max_lon]
    if any(v is not None for v in box) and not config.has_bbox:
        raise ApplicationError(_("Give all four edges of the bounding box, or none."))
    if config.has_bbox and (config.min_lat >= config.max_lat or config.min_lon >= config.max_lon):
        raise ApplicationError(_("The southern and western edges must be below the northern and eastern ones."))
    config.save()
    record_event(actor=actor, action="report_settings.update", obj=config, before=before, after=snapshot(config))
    return config


@transaction.atomic
def api_key_create(*, region: Region, actor, name: str) -> tuple[Open311Key, str]:
    """A new Open311 key; the raw key is returned once and never stored."""
    name = _check_text(name, field="name", required=True, limit=120)
    raw = "kc311_" + secrets.token_urlsafe(24)
    key = Open311Key.objects.create(
        region=region, name=name, key_hash=Open311Key.hash(raw), prefix=raw[:8], created_by=actor
    )
    record_event(actor=actor, action="open311_key.create", obj=key, after=snapshot(key, ["name", "prefix"]))
    return key, raw


@transaction.atomic
def api_key_revoke(*, key: Open311Key, actor) -> Open311Key:
    key.is_active = False
    key.save(update_fields=["is_active", "updated_at"])
    record_event(actor=actor, action="open311_key.revoke", obj=key, after={"is_active": False})
    return key


def api_key_check(*, region: Region, raw: str) -> Open311Key | None:
    if not raw:
        return None
    return Open311Key.objects.filter(region=region, key_hash=Open311Key.hash(raw), is_active=True).first()


# --- holidays and deadlines ----------------------------------------------------------------------------------


@transaction.atomic
def holiday_save(*, region: Region, actor, date: datetime.date, name: str, kind: str) -> Holiday:
    """Add a day to the region's holiday calendar (one entry per date). Reports already received keep their
    deadlines (see `deadlines_recompute`)."""
    name = _check_text(name, field="name", required=True, limit=120)
    if kind not in Holiday.Kind.values:
        raise ApplicationError(_("Choose a kind."), fields={"kind": [_("Choose a kind.")]})
    if Holiday.objects.filter(region=region, date=date).exists():
        message = _("%(date)s is already in the calendar.") % {"date": date.strftime("%d/%m/%Y")}
        raise ApplicationError(message, fields={"date": [message]})
    holiday = Holiday.objects.create(region=region, date=date, name=name, kind=kind)
    record_event(actor=actor, action="holiday.create", obj=holiday, after=snapshot(holiday, ["date", "name", "kind"]))
    return holiday


@transaction.atomic
def holiday_delete(*, holiday: Holiday, actor) -> None:
    before = snapshot(holiday, ["date", "name", "kind"])
    holiday.delete()
    record_event(actor=actor, action="holiday.delete", obj=holiday, before=before)


@transaction.atomic
def holidays_load(*, region: Region, actor, year: int) -> int:
    """Add the year's national holidays and cuti bersama (`workdays.NATIONAL_HOLIDAYS`) that the region's
    calendar lacks; returns how many were added. A year without a verified list is refused."""
    rows = workdays.NATIONAL_HOLIDAYS.get(year)
    if not rows:
        years = ", ".join(str(y) for y in sorted(workdays.NATIONAL_HOLIDAYS))
        message = _("No verified national list for %(year)s (available: %(years)s). Add the days one by one.") % {
            "year": year,
            "years": years,
        }
        raise ApplicationError(message, fields={"year": [message]})
    existing = set(Holiday.objects.filter(region=region, date__year=year).values_list("date", flat=True))
    new = [
        Holiday(
            region=region,
            date=datetime.date.fromisoformat(day),
            name=name,
            kind=Holiday.Kind.CUTI_BERSAMA if cuti else Holiday.Kind.NATIONAL,
        )
        for day, name, cuti in rows
        if datetime.date.fromisoformat(day) not in existing
    ]
    if not new:
        return 0
    Holiday.objects.bulk_create(new)
    record_event(
        actor=actor,
        action="holiday.load",
        obj=region,
        after={"year": year, "added": [h.date.isoformat() for h in new]},
    )
    return len(new)


@transaction.atomic
def deadlines_recompute(*, region: Region, actor) -> int:
    """Recompute the deadlines of the region's open reports from their arrival time under today's settings
    and holiday calendar (after a late calendar correction), then recount the statistics. A deadline already
    met or missed (a first response given, a report closed) is history and is not touched."""
    config = settings_for(region)
    changed = 0
    reports = Report.objects.filter(region=region, status__in=Report.OPEN_STATUSES).select_related("category")
    for report in reports.select_for_update().iterator(chunk_size=2000):
        first_due, resolution_due = due_dates(
            region=region, config=config, start=report.created_at, kind=report.category.kind
        )
        fields = {"resolution_due": resolution_due}
        if report.first_response_at is None:
            fields["first_response_due"] = first_due
        if all(getattr(report, name) == value for name, value in fields.items()):
            continue
        Report.objects.filter(pk=report.pk).update(**fields)
        changed += 1
    stats_rebuild(region=region)
    record_event(actor=actor, action="report.deadlines_recompute", obj=region, after={"changed": changed})
    return changed
