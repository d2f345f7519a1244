"""Masterplan authoring pages (/r/<slug>/rencana/...). Thin: parse, check the rule, call a service, render.

Split by page group; urls.py imports the views from here.
"""

from .adoption import adopt, quick_wins, revision_diff, revisions
from .programmes import programme_new, programme_plan, programmes
from .quality import quality
from .readiness import readiness, readiness_pillar, readiness_questions
from .roadmap import roadmap
from .rounds import (
    checklist_toggle,
    participant_add,
    participant_delete,
    round_complete,
    round_detail,
    start,
    workspace,
)
from .strategies import strategies, strategy_edit, vision

__all__ = [
    "adopt",
    "checklist_toggle",
    "participant_add",
    "participant_delete",
    "programme_new",
    "programme_plan",
    "programmes",
    "quality",
    "quick_wins",
    "readiness",
    "readiness_pillar",
    "readiness_questions",
    "revision_diff",
    "revisions",
    "roadmap",
    "round_complete",
    "round_detail",
    "start",
    "strategies",
    "strategy_edit",
    "vision",
    "workspace",
]
