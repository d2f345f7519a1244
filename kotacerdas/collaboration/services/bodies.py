"""Decree-based bodies (Tim Pelaksana, Dewan Kota Cerdas) and their members over time."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Agency

from ..models import Body, BodyMember, Partner
from ._common import _clean


@transaction.atomic
def body_create(*, actor, region, kind: str, decree_number: str, term_starts, term_ends=None) -> Body:
    ensure_allowed(actor, "collaboration.manage", region)
    body = Body(
        region=region,
        kind=kind,
        decree_number=(decree_number or "").strip(),
        term_starts=term_starts,
        term_ends=term_ends,
    )
    _clean(body)
    body.save()
    record_event(actor=actor, action="body.create", obj=body, after=snapshot(body))
    return body


@transaction.atomic
def body_member_add(
    *,
    actor,
    body: Body,
    name: str,
    role: str,
    starts_on,
    agency: Agency | None = None,
    partner: Partner | None = None,
    user=None,
    ends_on=None,
) -> BodyMember:
    ensure_allowed(actor, "collaboration.manage", body)
    errors: dict = {}
    if agency is not None and agency.region_id != body.region_id:
        errors["agency"] = [_("An agency of another region cannot be a member.")]
    if partner is not None and partner.region_id != body.region_id:
        errors["partner"] = [_("A partner of another region cannot be a member.")]
    if agency is not None and partner is not None:
        # The table's constraint would refuse it too, but only as an IntegrityError (a 500).
        errors.setdefault("__all__", []).append(_("Choose an agency or a partner, not both."))
    member = BodyMember(
        region_id=body.region_id,
        body=body,
        name=(name or "").strip(),
        role=(role or "").strip(),
        agency=agency,
        partner=partner,
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        order=body.members.count(),
    )
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    _clean(member, exclude=["body", "region", "agency", "partner", "user"])
    member.save()
    record_event(actor=actor, action="body_member.add", obj=body, after=snapshot(member))
    return member


@transaction.atomic
def body_member_end(*, actor, member: BodyMember, ends_on: datetime.date) -> BodyMember:
    """End a membership on a date. The row stays: the body's history shows who sat when."""
    ensure_allowed(actor, "collaboration.manage", member)
    member = BodyMember.objects.select_for_update().get(pk=member.pk)
    if member.ends_on is not None:
        raise ApplicationError(_("This membership has already ended."))
    if ends_on is None or ends_on < member.starts_on:
        raise ApplicationError(
            _("A membership cannot end before it starts."), fields={"ends_on": [_("Enter a later date.")]}
        )
    member.ends_on = ends_on
    member.save(update_fields=["ends_on", "updated_at"])
    record_event(
        actor=actor,
        action="body_member.end",
        obj=member.body,
        before={"member": member.pk, "ends_on": None},
        after={"member": member.pk, "ends_on": ends_on.isoformat()},
    )
    return member
