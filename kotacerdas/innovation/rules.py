"""Who may do what with the innovation registry.

The region admin and the Tim Pelaksana manage every innovation; an agency officer registers and edits the
innovations of their own agency; the region's other staff and the national evaluators read everything.
Innovations at trial or applied are public; proposals and decided ones are staff-only (they may still
change or be dropped, and the national index only counts innovations being tried or applied).
"""

import rules

from kotacerdas.regions.rules import (
    agency_ids_of,
    can_read_internal,
    is_agency_officer,
    is_region_admin,
    is_superuser,
    is_tim_pelaksana,
)


@rules.predicate
def is_officer_of_owner(user, innovation) -> bool:
    if innovation is None or not getattr(innovation, "agency_id", None):
        return False
    return innovation.agency_id in agency_ids_of(user, innovation.region_id)


@rules.predicate
def innovation_is_public(user, innovation) -> bool:
    return bool(innovation is not None and innovation.is_public)


can_manage = is_region_admin | is_tim_pelaksana | is_superuser

rules.add_perm("innovation.view_internal", can_read_internal)
rules.add_perm("innovation.add_innovation", can_manage | is_agency_officer)
rules.add_perm("innovation.change_innovation", can_manage | is_officer_of_owner)
rules.add_perm("innovation.view_innovation", can_read_internal | innovation_is_public)
rules.add_perm("innovation.promote_idea", can_manage)
