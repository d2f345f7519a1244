"""Categories and where their reports go: the category's agency, or a district's own route."""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Agency, District, Region

from ..models import (
    CategoryRoute,
    ReportCategory,
)
from ._common import _validated
from .settings import CONFIG_CACHE_SECONDS, forget_cached


def _routes_key(region_id: int) -> str:
    return f"kc:report-routes:{region_id}"


def _routes(region_id: int) -> dict:
    """{(category id, district id): agency id} of the region's district routes, cached like the settings."""
    key = _routes_key(region_id)
    routes = cache.get(key)
    if routes is None:
        rows = CategoryRoute.objects.filter(region_id=region_id).values_list("category_id", "district_id", "agency_id")
        routes = {(category, district): agency for category, district, agency in rows}
        cache.set(key, routes, CONFIG_CACHE_SECONDS)
    return routes


def route_agency_id(*, category: ReportCategory, district: District | None) -> int:
    """The id of the category's agency, unless the district has its own route for this category."""
    if district is not None:
        routed = _routes(category.region_id).get((category.pk, district.pk))
        if routed is not None:
            return routed
    return category.agency_id


def route_agency(*, category: ReportCategory, district: District | None) -> Agency:
    """The category's agency, unless the district has its own route for this category."""
    return Agency.objects.get(pk=route_agency_id(category=category, district=district))


@transaction.atomic
def category_save(*, region: Region, actor, category: ReportCategory | None = None, **fields) -> ReportCategory:
    """Create a category (category=None) or change one; the agency must belong to the region."""
    ensure_allowed(actor, "participation.manage", category or region)
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
    ensure_allowed(actor, "participation.manage", region)
    if category.region_id != region.pk or district.region_id != region.pk:
        raise ApplicationError(_("Unknown category or kecamatan."))
    if agency is not None and agency.region_id != region.pk:
        raise ApplicationError(_("Choose an agency of this region."), fields={"agency": [_("Unknown agency.")]})
    existing = CategoryRoute.objects.filter(category=category, district=district).first()
    forget_cached(_routes_key(region.pk))
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
