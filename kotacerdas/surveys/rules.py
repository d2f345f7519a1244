"""Who may do what with surveys.

Anyone (no account needed) answers an open survey. The region admin and the Tim Pelaksana create, edit and
close surveys and see results before they are public; the region's other staff and the national evaluators
read results early too. Results are public once the survey closes, or earlier when the admin says so.
"""

import rules

from kotacerdas.regions.rules import can_read_internal, is_region_admin, is_superuser, is_tim_pelaksana


@rules.predicate
def results_are_public(user, survey) -> bool:
    return bool(survey is not None and survey.results_visible())


can_manage = is_region_admin | is_tim_pelaksana | is_superuser

rules.add_perm("surveys.manage", can_manage)
rules.add_perm("surveys.view_results", results_are_public | can_manage | can_read_internal)
