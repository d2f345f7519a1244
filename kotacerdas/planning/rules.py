"""Who may do what while the masterplan is written (docs/planning.md)."""

import rules

from kotacerdas.masterplan.rules import can_plan, owns_programme
from kotacerdas.regions.rules import can_read_internal, is_region_admin, is_superuser

# Reading the workspace: the region's staff (Dewan and agency officers read only), the Tim Ahli.
rules.add_perm("planning.view_workspace", can_read_internal)
# Rounds, attendance, checklists, readiness, strategies, vision, new programmes, quick-win selection.
rules.add_perm("planning.manage", can_plan)
# The questionnaire itself and the adoption: the region admin.
rules.add_perm("planning.edit_questionnaire", is_region_admin | is_superuser)
rules.add_perm("planning.adopt", is_region_admin | is_superuser)
# A programme's origin, milestones and quick-win steps: planners and officers of the owner agency.
rules.add_perm("planning.change_programme_plan", can_plan | owns_programme)
