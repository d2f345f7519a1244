"""Who may do what with citizen reports.

Everybody reads the public side (list, map, report page, statistics, tracking by code) and may submit.
The region's staff read the back-office list; the reporter's contact is shown, and a report moved, only by
the region admin, the Tim Pelaksana and the officers of the agency the report is routed to. Categories,
deadlines and Open311 keys are managed by the region admin. The same people who may move a report may forward
it to another agency of the region.
"""

import rules

from kotacerdas.regions.rules import (
    agency_ids_of,
    is_region_admin,
    is_region_staff,
    is_superuser,
    is_tim_pelaksana,
)


@rules.predicate
def is_routed_agency_officer(user, report) -> bool:
    if report is None or not user.is_authenticated or not hasattr(report, "agency_id"):
        return False
    return report.agency_id in agency_ids_of(user, report.region_id)


can_handle = is_region_admin | is_tim_pelaksana | is_superuser | is_routed_agency_officer

rules.add_perm("participation.view_staff", is_region_staff | is_superuser)
rules.add_perm("participation.view_private", can_handle)
rules.add_perm("participation.handle_report", can_handle)
rules.add_perm("participation.reroute_report", can_handle)
rules.add_perm("participation.manage", is_region_admin | is_superuser)
