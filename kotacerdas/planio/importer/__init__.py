"""Checking an imported workbook against the masterplan, and applying it.

`import_plan` reads the rows (workbook.read_workbook), checks every cell and compares them with what is
stored, in a fixed number of queries: the result says what would be created, changed (field: old → new) and
rejected (sheet, row, column). Nothing is written. `import_apply` writes a plan without errors in one
transaction with bulk inserts and updates, and one audit row per programme it touched (before and after,
including its indicators' targets) plus a summary row on the masterplan.

The parts: `validate` (import_plan, the Programmes sheet) and `indicators` (the Indicators sheet) check;
`preview` holds what they found and its report; `write`, `insert` and `audit_trail` apply it.
"""

from ._common import (
    FIELD_LABELS,
    INDICATOR_FIELDS,
    PROGRAMME_COLUMN_OF,
    PROGRAMME_FIELDS,
    PROGRAMME_FIELDS_OF,
    Progress,
)
from .indicators import cell_year_or_int
from .preview import REPORT_LIMIT, ImportPlan, IndicatorOp, ProgrammeOp, TargetOp, report_text
from .validate import import_plan
from .write import import_apply, reason_required

__all__ = [
    "FIELD_LABELS",
    "INDICATOR_FIELDS",
    "PROGRAMME_COLUMN_OF",
    "PROGRAMME_FIELDS",
    "PROGRAMME_FIELDS_OF",
    "REPORT_LIMIT",
    "ImportPlan",
    "IndicatorOp",
    "ProgrammeOp",
    "Progress",
    "TargetOp",
    "cell_year_or_int",
    "import_apply",
    "import_plan",
    "reason_required",
    "report_text",
]
