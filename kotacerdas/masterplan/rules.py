import rules

from kotacerdas.regions.rules import (
    agency_ids_of,
    can_read_internal,
    is_region_admin,
    is_superuser,
    is_tim_pelaksana,
)


@rules.predicate
def masterplan_is_public(user, obj) -> bool:
    """Adopted masterplans and their programmes are public; drafts are not."""
    masterplan = obj if obj._meta.model_name == "masterplan" else obj.masterplan
    return masterplan.status == "adopted"


@rules.predicate
def owns_programme(user, programme) -> bool:
    return programme.owner_agency_id in agency_ids_of(user, programme.region_id)


can_plan = is_region_admin | is_tim_pelaksana | is_superuser

rules.add_perm("masterplan.view_masterplan", masterplan_is_public | can_read_internal)
rules.add_perm("masterplan.view_programme", masterplan_is_public | can_read_internal)
rules.add_perm("masterplan.change_masterplan", can_plan)
rules.add_perm("masterplan.add_programme", can_plan)
rules.add_perm("masterplan.change_programme", can_plan | owns_programme)
