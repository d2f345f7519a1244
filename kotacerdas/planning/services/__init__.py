"""Every write of the masterplan authoring workflow: validated, atomic, audited, version-checked.

Split by entity; every public name stays importable from `kotacerdas.planning.services`.
"""

from .adoption import QUICK_WIN_YEARS, adoption_blockers, masterplan_adopt, quick_win_select, quick_win_years
from .programmes import (
    milestone_add,
    milestone_delete,
    programme_origin_set,
    programme_plan_create,
    quick_win_step_add,
    quick_win_step_delete,
)
from .readiness import (
    pillar_analysis_update,
    readiness_item_add,
    readiness_item_delete,
    readiness_item_update,
    readiness_scores_set,
)
from .rounds import (
    checklist_item_set,
    participant_add,
    participant_delete,
    planning_start,
    round_complete,
    round_reopen,
    round_update,
)
from .strategies import strategy_create, strategy_delete, strategy_update

__all__ = [
    "QUICK_WIN_YEARS",
    "adoption_blockers",
    "checklist_item_set",
    "masterplan_adopt",
    "milestone_add",
    "milestone_delete",
    "participant_add",
    "participant_delete",
    "pillar_analysis_update",
    "planning_start",
    "programme_origin_set",
    "programme_plan_create",
    "quick_win_select",
    "quick_win_step_add",
    "quick_win_step_delete",
    "quick_win_years",
    "readiness_item_add",
    "readiness_item_delete",
    "readiness_item_update",
    "readiness_scores_set",
    "round_complete",
    "round_reopen",
    "round_update",
    "strategy_create",
    "strategy_delete",
    "strategy_update",
]
