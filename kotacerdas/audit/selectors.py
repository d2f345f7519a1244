from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import AuditEvent


def audit_events_for_object(*, obj: Model) -> QuerySet[AuditEvent]:
    """The object's history, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=str(obj.pk)
    ).select_related("actor")
