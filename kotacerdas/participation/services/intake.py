"""Report intake: submit (idempotent, rate-limited) from the web, the API and Open311. Anonymous intake is
allowed (the web form, Open311 with a key); the region must be active."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common import ratelimit
from kotacerdas.common.cache import REPORTS
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_region_active
from kotacerdas.common.sql import insert
from kotacerdas.common.uploads import reencode_image
from kotacerdas.regions.models import District, Region, Village

from .. import idempotency
from ..models import (
    Report,
    ReportCategory,
    ReportPhoto,
)
from ._common import MAX_DESCRIPTION, _check_text
from .holidays import due_dates
from .intake_queue import report_intake_queue
from .lookups import IntakeRefs
from .routing import route_agency_id
from .settings import settings_for

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


class RateLimited(ApplicationError):
    """Too many submissions from one address or account in the window."""


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


def _limits(*, region, config, client_ip: str, account: str) -> dict[str, int]:
    """The rate-limit buckets this submission counts against, with their maximum per hour."""
    limits = {}
    if client_ip:
        limits[f"report:ip:{region.pk}:{client_ip}"] = config.reports_per_ip_per_hour
    if account:
        limits[f"report:account:{region.pk}:{account}"] = config.reports_per_account_per_hour
    return limits


def _take_limits(limits: dict[str, int]) -> None:
    """Count this submission against its buckets (one cache round trip), or refuse it (RateLimited) when one
    is full; a refused submission is not counted."""
    full = ratelimit.keys_take(limits, REPORT_WINDOW_SECONDS)
    if full:
        raise RateLimited(
            _("Too many reports from you in the last hour (the limit is %(n)s). Please try again later.")
            % {"n": limits[full[0]]}
        )


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
    refs: IntakeRefs | None = None,  # the region's cached settings and calendar (services.lookups)
) -> Submission:
    """Create a report, or return the one an earlier attempt of the same client with the same idempotency
    key created (the key is scoped to `account_key`, else the logged-in actor, else the form's `form_token`).

    Refuses (ApplicationError with field messages) empty or oversized text, an inactive or foreign category,
    a location outside the region, non-image or oversized photos, an idempotency key over its maximum, the
    key of an earlier different request (IdempotencyConflict), and more submissions than the region's
    per-IP and per-account limits (RateLimited). Nothing is stored unless everything is accepted.
    """
    ensure_region_active(region)
    scope = idempotency.scope_for(actor=actor, account_key=account_key, form_token=form_token)
    key = idempotency.key_digest(scope=scope, key=idempotency_key)
    text = (description, address, reporter_name, reporter_email, reporter_phone, external_media_url)
    body = idempotency.fingerprint(category, lat, lon, district, village, *text, photos=photos)
    # A first attempt is not looked up (the insert's unique key on (region, key) finds a retry). A refusal
    # looks first: a retry of an accepted report gets it even if now refused (limit reached, category closed).
    authenticated = actor is not None and actor.is_authenticated
    try:
        config, limits, fields = _accepted(
            region=region,
            config=refs.config if refs is not None else settings_for(region),
            category=category,
            description=description,
            location=(lat, lon, district, village),
            address=address,
            contact=(reporter_name, reporter_email, reporter_phone, external_media_url),
            photos=photos,
            client_ip=client_ip,
            account=account_key or (f"user:{actor.pk}" if authenticated else ""),
        )
    except ApplicationError:
        existing = idempotency.earlier_report(region=region, digest=key, fingerprint=body)
        if existing is not None:
            return Submission(existing, False)
        raise
    return _stored_once(
        region=region,
        key=key,
        body=body,
        limits=limits,
        create=lambda: _create_report(
            region=region,
            actor=actor if authenticated else None,
            calendar=(config, refs.holidays if refs is not None else None),
            category=category,
            key=key,
            fingerprint=body if key else "",
            source=source,
            **fields,
        ),
    )


def _stored_once(*, region, key: str, body: str, limits: dict, create) -> Submission:
    """`create()`'s report, stored in its own transaction; or, when its idempotency key was used before (a
    retry, or one racing the first attempt), the earlier report, or IdempotencyConflict for a different request
    under the same key. Where nothing was stored, the submission's rate-limit hits are given back."""
    try:
        with transaction.atomic():
            return Submission(create(), True)
    except IntegrityError:
        ratelimit.keys_give_back(list(limits))
        existing = idempotency.earlier_report(region=region, digest=key, fingerprint=body)
        if existing is None:
            raise
        return Submission(existing, False)
    except BaseException:
        ratelimit.keys_give_back(list(limits))
        raise


def _accepted(*, region, config, category, description, location, address, contact, photos, client_ip, account):
    """Every check of a submission, in order (ApplicationError with field messages on the first refusal):
    (the region's settings, the rate-limit buckets it was counted against, the cleaned fields to store)."""
    if category is None or category.region_id != region.pk or not category.is_active:
        message = _("Choose a category.")
        raise ApplicationError(message, fields={"category": [message]})
    description = _check_text(description, field="description", required=True, limit=MAX_DESCRIPTION)
    address = _check_text(address, field="address", required=False, limit=200)
    cleaned_contact = _clean_contact(*contact)
    lat, lon, district, village = location
    lat, lon, district, village = _clean_location(
        region=region, config=config, lat=lat, lon=lon, district=district, village=village, address=address
    )
    encoded = _encode_photos(photos)
    limits = _limits(region=region, config=config, client_ip=client_ip, account=account)
    _take_limits(limits)  # last: a submission refused for anything else is not counted
    fields = {"description": description, "lat": lat, "lon": lon, "district": district, "village": village}
    return config, limits, {**fields, "address": address, "photos": encoded, **cleaned_contact}


def _create_report(*, region, actor, calendar, category, photos, key, fingerprint, **fields) -> Report:
    """Store the report, its photos and its audit row, and queue the rest (services.intake_finish; how:
    services.intake_queue): the request path does no more than that. `calendar`: (settings, holidays or None)."""
    config, holidays = calendar
    first_due, resolution_due = due_dates(
        region=region, config=config, start=timezone.now(), kind=category.kind, holidays=holidays
    )
    report = Report(
        region=region,
        category=category,
        agency_id=route_agency_id(category=category, district=fields["district"]),
        reporter=actor,
        idempotency_key=key,
        idempotency_fingerprint=fingerprint,
        first_response_due=first_due,
        resolution_due=resolution_due,
        intake_pending=True,
        reporter_language=translation.get_language() or "",
        **fields,
    )
    insert(report)  # one plain statement: the ORM's INSERT building was ~10% of a report's CPU
    for image in photos:
        ReportPhoto.objects.create(region=region, report=report, image=image)
    # A new report shows on the report pages; the statistics change when the task counts it.
    record_event(
        actor=actor, action="report.submit", obj=report, after=snapshot(report, PUBLIC_FIELDS), retire=(REPORTS,)
    )
    report_intake_queue(report=report)
    return report
