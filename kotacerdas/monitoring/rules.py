import rules

from kotacerdas.masterplan.rules import owns_programme
from kotacerdas.regions.rules import (
    can_read_internal,
    is_dewan,
    is_national_evaluator,
    is_region_admin,
    is_region_member,
    is_superuser,
    is_tim_pelaksana,
)


@rules.predicate
def owns_reported_programme(user, report) -> bool:
    return owns_programme(user, report.programme)


can_verify = is_tim_pelaksana | is_region_admin

rules.add_perm("monitoring.manage_periods", is_region_admin | is_superuser)
rules.add_perm("monitoring.view_dashboard", can_read_internal)
rules.add_perm("monitoring.view_report", can_read_internal)
# Writing a report: officers of the owner agency, and the region admin on an agency's behalf.
rules.add_perm("monitoring.write_report", owns_reported_programme | is_region_admin)
rules.add_perm("monitoring.start_report", owns_programme | is_region_admin)
rules.add_perm("monitoring.verify_report", can_verify)
rules.add_perm("monitoring.acknowledge_report", is_dewan)
rules.add_perm("monitoring.view_notifications", is_region_member | is_national_evaluator | is_superuser)
