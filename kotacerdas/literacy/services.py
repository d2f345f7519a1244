"""Every write of literacy activities: validated, atomic, audited (permission checks included)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.common.uploads import check_document

from .models import GROUPS, Activity, DistrictLocation, Material

MATERIAL_MAX_BYTES = 20 * 1024 * 1024
COUNT_FIELDS = ("total", "male", "female", *[f for f, _l in GROUPS], "with_disabilities")
ACTIVITY_FIELDS = (
    "title",
    "title_en",
    "kind",
    "description",
    "organiser",
    "partner",
    "audience",
    "district",
    "venue",
    "date",
    "programme",
    *COUNT_FIELDS,
    "pre_test_mean",
    "post_test_mean",
    "satisfaction",
    "evaluation_notes",
)


def attendance_errors(activity: Activity) -> dict:
    """The counts must agree: male + female == total == sum of the groups. Messages say by how much."""
    errors: dict = {}
    for f in COUNT_FIELDS:
        if getattr(activity, f) is None:
            setattr(activity, f, 0)
    by_gender = activity.male + activity.female
    by_group = sum(getattr(activity, f) for f, _l in GROUPS)
    if by_gender != activity.total:
        errors["male"] = [
            _("Male (%(male)s) and female (%(female)s) add up to %(sum)s, not the total of %(total)s.")
            % {"male": activity.male, "female": activity.female, "sum": by_gender, "total": activity.total}
        ]
    if by_group != activity.total:
        errors["civil_servants"] = [
            _("The groups add up to %(sum)s, not the total of %(total)s. Count every participant in one group.")
            % {"sum": by_group, "total": activity.total}
        ]
    if activity.with_disabilities > activity.total:
        errors["with_disabilities"] = [_("Persons with disabilities cannot outnumber the participants.")]
    return errors


def _validate(activity: Activity) -> None:
    errors = attendance_errors(activity)
    for field, label in (
        ("organiser", _("Choose an agency of this region.")),
        ("partner", _("Choose a partner of this region.")),
        ("district", _("Choose a district of this region.")),
        ("programme", _("Choose a programme of this region.")),
    ):
        obj = getattr(activity, field)
        if obj is not None and obj.region_id != activity.region_id:
            errors.setdefault(field, []).append(label)
    try:
        # The attendance constraints are checked above with clearer messages.
        activity.full_clean(exclude=["created_by", "region", *errors.keys()], validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        message = _("Please correct the errors below.")
        if "male" in errors or "civil_servants" in errors:
            message = _("The attendance counts do not add up.")
        raise ApplicationError(message, fields=errors)


@transaction.atomic
def activity_create(*, actor, region, **fields) -> Activity:
    ensure_allowed(actor, "literacy.add_activity", region)
    activity = Activity(region=region, created_by=actor, **{k: v for k, v in fields.items() if k in ACTIVITY_FIELDS})
    if activity.organiser_id and not actor.has_perm("literacy.change_activity", activity):
        raise ApplicationError(
            _("You can only record activities your own agency organises."),
            fields={"organiser": [_("You can only record activities your own agency organises.")]},
        )
    _validate(activity)
    activity.save()
    record_event(actor=actor, action="literacy.activity_create", obj=activity, after=snapshot(activity))
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, **fields) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    ensure_allowed(actor, "literacy.change_activity", activity)
    before = snapshot(activity)
    for key, value in fields.items():
        if key in ACTIVITY_FIELDS:
            setattr(activity, key, value)
    if not actor.has_perm("literacy.change_activity", activity):
        raise ApplicationError(
            _("You can only record activities your own agency organises."),
            fields={"organiser": [_("You can only record activities your own agency organises.")]},
        )
    _validate(activity)
    activity.save()
    after = snapshot(activity)
    if after != before:
        record_event(actor=actor, action="literacy.activity_update", obj=activity, before=before, after=after)
    return activity


@transaction.atomic
def material_add(*, actor, activity: Activity, title: str, file, is_public: bool = True) -> Material:
    ensure_allowed(actor, "literacy.change_activity", activity)
    errors: dict = {}
    material = Material(
        region_id=activity.region_id,
        activity=activity,
        title=(title or "").strip(),
        is_public=bool(is_public),
        uploaded_by=actor,
    )
    if not material.title:
        errors["title"] = [_("Give the material a title.")]
    if not file:
        errors["file"] = [_("Choose a file.")]
    else:
        try:
            material.content_type = check_document(file, max_bytes=MATERIAL_MAX_BYTES)
        except ValidationError as exc:
            errors["file"] = exc.messages
        else:
            material.file, material.size = file, file.size
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    material.save()
    record_event(actor=actor, action="literacy.material_add", obj=material, after=snapshot(material))
    return material


@transaction.atomic
def material_remove(*, actor, material: Material) -> None:
    ensure_allowed(actor, "literacy.change_activity", material.activity)
    record_event(actor=actor, action="literacy.material_remove", obj=material, before=snapshot(material))
    if material.file:  # the file goes only once the row is gone for good
        storage, name = material.file.storage, material.file.name
        transaction.on_commit(lambda: storage.delete(name))
    material.delete()


@transaction.atomic
def district_location_set(*, actor, district, latitude, longitude) -> DistrictLocation:
    """Set (or move) a district's map position."""
    ensure_allowed(actor, "literacy.manage_locations", district)
    location = DistrictLocation.objects.filter(district=district).first()
    before = snapshot(location) if location else None
    location = location or DistrictLocation(region_id=district.region_id, district=district)
    location.latitude, location.longitude = Decimal(str(latitude)), Decimal(str(longitude))
    try:
        location.full_clean(exclude=["region", "district"])
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields=exc.message_dict) from None
    location.save()
    record_event(actor=actor, action="literacy.location_set", obj=location, before=before, after=snapshot(location))
    return location
