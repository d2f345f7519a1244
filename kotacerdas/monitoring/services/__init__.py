"""Every write of monitoring: validated, atomic, audited. Permission checks happen here too, because the
same services serve the pages, the API and the commands.

Split by entity: periods, progress reports, evidence and the achievement roll-up. Every public name stays
importable from `kotacerdas.monitoring.services`.
"""

from ._common import REPORT_FIELDS, VALUE_LIMIT, Status, monitoring_settings_for
from .evidence import (
    DOCUMENT_MAX_BYTES,
    PHOTO_MAX_BYTES,
    EvidenceRefused,
    evidence_add,
    evidence_remove,
    progress_report_save_with_evidence,
)
from .offline import Delivery, progress_report_deliver
from .periods import reporting_period_set_status, reporting_periods_create_year
from .plan import PlanOfPeriod, period_plan_ensure, period_plan_freeze, plan_of_period
from .reports import (
    progress_report_acknowledge,
    progress_report_return,
    progress_report_save,
    progress_report_start,
    progress_report_submit,
    progress_report_verify,
)
from .rollup import achievements_recompute, expected_programmes
from .rollup_update import achievements_update
from .settings import monitoring_settings_update

__all__ = [
    "DOCUMENT_MAX_BYTES",
    "PHOTO_MAX_BYTES",
    "REPORT_FIELDS",
    "VALUE_LIMIT",
    "Delivery",
    "EvidenceRefused",
    "PlanOfPeriod",
    "Status",
    "achievements_recompute",
    "achievements_update",
    "evidence_add",
    "evidence_remove",
    "expected_programmes",
    "monitoring_settings_for",
    "monitoring_settings_update",
    "period_plan_ensure",
    "period_plan_freeze",
    "plan_of_period",
    "progress_report_acknowledge",
    "progress_report_deliver",
    "progress_report_return",
    "progress_report_save",
    "progress_report_save_with_evidence",
    "progress_report_start",
    "progress_report_submit",
    "progress_report_verify",
    "reporting_period_set_status",
    "reporting_periods_create_year",
]
