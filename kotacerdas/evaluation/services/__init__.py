"""Every write of the yearly evaluation. Keyword-only, atomic, checked, audited with before and after.

Split by entity: frameworks and items, rounds and the self-assessment, the assessors' scoring, corrections,
evidence files. Every public name stays importable from `kotacerdas.evaluation.services`.
"""

from ._common import DISAGREEMENT, LOCKING, RATING_FIELDS, Status
from .assessment import (
    assessment_record,
    disagree,
    interview_notes_save,
    item_moderate,
    items_moderate,
    mean_score,
    quick_wins_rate,
    round_mark_scored,
    round_publish,
    scores_save,
)
from .corrections import round_correct
from .evidence import (
    EVIDENCE_IMAGE_MAX_BYTES,
    EVIDENCE_MAX_BYTES,
    EVIDENCE_PER_ITEM,
    evidence_attach,
    evidence_remove,
)
from .frameworks import (
    ITEM_FIELDS,
    framework_create,
    framework_is_locked,
    framework_problems,
    framework_update,
    item_create,
    item_delete,
    item_update,
)
from .rounds import (
    national_evaluators,
    round_create,
    round_refresh_prefill,
    round_set_assessors,
    round_submit,
    self_assessment_record,
    self_assessment_save,
)

__all__ = [
    "DISAGREEMENT",
    "EVIDENCE_IMAGE_MAX_BYTES",
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_PER_ITEM",
    "ITEM_FIELDS",
    "LOCKING",
    "RATING_FIELDS",
    "Status",
    "assessment_record",
    "disagree",
    "evidence_attach",
    "evidence_remove",
    "framework_create",
    "framework_is_locked",
    "framework_problems",
    "framework_update",
    "interview_notes_save",
    "item_create",
    "item_delete",
    "item_moderate",
    "item_update",
    "items_moderate",
    "mean_score",
    "national_evaluators",
    "quick_wins_rate",
    "round_correct",
    "round_create",
    "round_mark_scored",
    "round_publish",
    "round_refresh_prefill",
    "round_set_assessors",
    "round_submit",
    "scores_save",
    "self_assessment_record",
    "self_assessment_save",
]
