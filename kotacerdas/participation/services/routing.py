"""Categories and where their reports go: the category's agency, or a district's own route."""

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


def route_agency(*, category: ReportCategory, district: District | None) -> Agency:
    """The category's agency, unless the district has its own route for this category."""
    if district is not None:
        route = CategoryRoute.objects.filter(category=category, district=district).select_related("agency").first()
        if route is not None:
            return route.agency
    return category.agency


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
