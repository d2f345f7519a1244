"""Who may change a region's open data settings (licence, custodian, small-count threshold): its admin."""

import rules

from kotacerdas.regions.rules import can_manage_region

rules.add_perm("opendata.manage_settings", can_manage_region)
