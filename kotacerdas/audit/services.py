from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from kotacerdas.common.cache import invalidate_national_config, invalidate_public_pages
from kotacerdas.common.sql import insert

from .models import AuditEvent


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set)):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The object's concrete fields (and many-to-many ids) as JSON-safe values, for before/after."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in ("created_at", "updated_at"):
            continue
        data[field.name] = _jsonable(field.value_from_object(obj))
    if obj.pk:
        for field in obj._meta.many_to_many:
            if fields is None or field.name in fields:
                data[field.name] = sorted(o.pk for o in getattr(obj, field.name).all())
    return data


def _region_of(obj: models.Model, region_id: int | None) -> tuple[str, str, str]:
    """The region's code, name and slug: code and name are kept on the event so the trail still names the
    region after it is deleted; the slug retires its cached pages. Asked of the object's own `region`
    relation, so audit needs no import of the regions app."""
    if region_id is None:
        return "", "", ""
    region = obj if obj._meta.label == "regions.Region" else obj._state.fields_cache.get("region")
    if region is None:
        region_model = obj._meta.get_field("region").related_model
        row = region_model.objects.filter(pk=region_id).values_list("code", "name", "slug").first()
        return row or ("", "", "")
    return region.code, region.name, region.slug


def record_event(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    retire: tuple[str, ...] | None = None,
) -> AuditEvent:
    """Write one audit row. Call it inside the same transaction as the change it records.

    Every audited change may alter what the public sees, so it also retires the region's cached public
    pages when the transaction commits: all of them, or, with `retire`, only the page-cache sections
    (`common.cache.SECTIONS`) the change can alter (a new citizen report: the report pages). A change outside
    any region retires what is keyed on the national configuration (`common.cache.national_config_version`).
    """
    region_id = obj.pk if obj._meta.label == "regions.Region" else getattr(obj, "region_id", None)
    region_code, region_name, region_slug = _region_of(obj, region_id)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    if region_id is None:  # a national change (a framework): pages showing the national configuration
        invalidate_national_config()
    else:
        invalidate_public_pages(region_slug, sections=retire, source=obj._meta.label)
    event = AuditEvent(
        region_id=region_id,
        region_code=region_code,
        region_name=region_name,
        actor=actor if authenticated else None,
        actor_name=(actor.get_username() if authenticated else "system")[:150],
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
        note=note,
    )
    insert(event)  # one plain statement (every citizen report writes one: issue 18)
    return event
