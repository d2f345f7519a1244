"""Who may do what in the yearly evaluation.

National evaluators (Tim Ahli) configure frameworks, open rounds (naming their first assessors) and see the
ranking; only the assessors assigned to a round score it, and only the round's lead assessor or a superuser (the
national administrator) changes its assessors afterwards, so no evaluator can make himself a round's assessor.
The region admin fills and submits the self-assessment; the region's staff read it, and read the assessors'
scores once the round is published. The published index and per-dimension scores are public; item comments stay
with staff.
"""

import rules

from kotacerdas.regions.rules import (
    can_read_internal,
    is_national_evaluator,
    is_region_admin,
    is_region_staff,
    is_superuser,
    is_tim_pelaksana,
)


@rules.predicate
def is_assigned_assessor(user, round_) -> bool:
    if round_ is None or not user.is_authenticated or not user.is_national_evaluator:
        return False
    cached = getattr(round_, "_kc_assessor_ids", None)
    if cached is None:
        cached = round_._kc_assessor_ids = set(round_.assessors.values_list("pk", flat=True))
    return user.pk in cached


@rules.predicate
def is_lead_assessor(user, round_) -> bool:
    return bool(
        round_ is not None
        and user.is_authenticated
        and user.is_national_evaluator
        and round_.lead_assessor_id is not None
        and round_.lead_assessor_id == user.pk
    )


@rules.predicate
def round_is_published(user, round_) -> bool:
    return bool(round_ is not None and round_.status == "published")


can_configure = is_national_evaluator | is_superuser

rules.add_perm("evaluation.manage_frameworks", can_configure)
rules.add_perm("evaluation.manage_rounds", can_configure)
rules.add_perm("evaluation.view_ranking", can_configure)
rules.add_perm("evaluation.view_portfolio", can_configure)
rules.add_perm("evaluation.view_round", can_read_internal)
rules.add_perm("evaluation.appoint_assessors", is_lead_assessor | is_superuser)
rules.add_perm("evaluation.fill_self_assessment", is_region_admin | is_superuser)
# "What raises our score most": the people who act on it in the region.
rules.add_perm("evaluation.view_advice", is_region_admin | is_tim_pelaksana | is_superuser)
rules.add_perm("evaluation.score_round", is_assigned_assessor)
rules.add_perm(
    "evaluation.view_scores", is_national_evaluator | is_superuser | (can_read_internal & round_is_published)
)
# Evidence files of the self-assessment: the region's staff and the round's assessors (not every evaluator).
rules.add_perm("evaluation.view_evidence", is_region_staff | is_assigned_assessor | is_superuser)
