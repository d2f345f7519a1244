"""Who may do what with literacy activities.

The region admin and the Tim Pelaksana record every activity; an agency officer records those their agency
organises. Activities carry counts only (no names), so they are public; materials are public when marked so.
District map positions are reference data: the region admin edits them.
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
def is_officer_of_organiser(user, activity) -> bool:
    if activity is None or not getattr(activity, "organiser_id", None):
        return False
    return activity.organiser_id in agency_ids_of(user, activity.region_id)


can_manage = is_region_admin | is_tim_pelaksana | is_superuser

rules.add_perm("literacy.view_internal", can_read_internal)
rules.add_perm("literacy.add_activity", can_manage | is_agency_officer)
rules.add_perm("literacy.change_activity", can_manage | is_officer_of_organiser)
rules.add_perm("literacy.manage_locations", is_region_admin | is_superuser)
