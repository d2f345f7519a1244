"""Who may use the masterplan workbook and document.

Any staff member of the region (admin, Tim Pelaksana, council, agency officers) may download the template,
export the workbook and build or download the document; only the region admin and the Tim Pelaksana import.
"""

import rules

from kotacerdas.masterplan.rules import can_plan
from kotacerdas.regions.rules import is_region_staff, is_superuser

can_read_workbook = is_region_staff | is_superuser

rules.add_perm("planio.view_workbook", can_read_workbook)
rules.add_perm("planio.export_workbook", can_read_workbook)
rules.add_perm("planio.build_document", can_read_workbook)
rules.add_perm("planio.import_workbook", can_plan)
