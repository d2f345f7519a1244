"""The region's audit trail page (region admins). It lives with the region's administration, above `audit`,
which only records and reads events."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import render

from kotacerdas.audit.models import AuditEvent

from .access import require_perm, with_region


@login_required
@with_region
def region_audit_log(request, *, region):
    """The region's audit trail, newest first, filterable by object; region admins only."""
    require_perm(request, "regions.view_audit", region)
    events = AuditEvent.objects.filter(region=region).select_related("actor", "content_type")
    content_type = request.GET.get("type", "")
    object_id = request.GET.get("id", "")
    if content_type:
        try:
            app_label, model = content_type.split(".", 1)
            events = events.filter(content_type=ContentType.objects.get_by_natural_key(app_label, model))
        except (ValueError, ContentType.DoesNotExist):
            raise Http404 from None
    if object_id:
        events = events.filter(object_id=object_id)
    return render(request, "audit/region_log.html", {"region": region, "events": events[:200]})
