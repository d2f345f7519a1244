"""Every write to citizen reports: submit (idempotent, rate-limited), move through statuses with a public
update, categories and routing, region settings and Open311 keys. Each write is atomic and audited, checks
the actor's permission itself, and keeps the per-agency statistics rows current (in the same transaction, or
for a new report in its intake task).

Split by entity: `intake` (submission), `intake_finish` (what a submission leaves to its task), `intake_queue`
(how that task is queued), `handling` (statuses, forwarding), `routing` (categories, routes), `settings`,
`holidays` (calendar and deadlines), `stats`, `api_keys`, `lookups` (what intake reads, cached). Every public
name stays importable from `kotacerdas.participation.services`.
"""

from kotacerdas.common.exceptions import ApplicationError

from ..idempotency import IdempotencyConflict
from ._common import MAX_DESCRIPTION
from .api_keys import api_key_check, api_key_create, api_key_revoke
from .handling import TRANSITIONS, allowed_transitions, report_reroute, report_transition
from .holidays import deadlines_recompute, due_dates, holiday_delete, holiday_save, holidays_load
from .intake import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    PUBLIC_FIELDS,
    REPORT_WINDOW_SECONDS,
    RateLimited,
    Submission,
    parse_coordinate,
    report_submit,
)
from .intake_finish import report_intake_finish, report_intake_finish_pending
from .intake_queue import report_intake_finish_region
from .lookups import IntakeRefs, intake_refs
from .routing import category_save, route_agency, route_set
from .settings import settings_for, settings_update
from .stats import stats_rebuild

__all__ = [
    "MAX_DESCRIPTION",
    "MAX_PHOTOS",
    "MAX_PHOTO_BYTES",
    "PUBLIC_FIELDS",
    "REPORT_WINDOW_SECONDS",
    "TRANSITIONS",
    "ApplicationError",
    "IdempotencyConflict",
    "IntakeRefs",
    "RateLimited",
    "Submission",
    "allowed_transitions",
    "api_key_check",
    "api_key_create",
    "api_key_revoke",
    "category_save",
    "deadlines_recompute",
    "due_dates",
    "holiday_delete",
    "holiday_save",
    "holidays_load",
    "intake_refs",
    "parse_coordinate",
    "report_intake_finish",
    "report_intake_finish_pending",
    "report_intake_finish_region",
    "report_reroute",
    "report_submit",
    "report_transition",
    "route_agency",
    "route_set",
    "settings_for",
    "settings_update",
    "stats_rebuild",
]
