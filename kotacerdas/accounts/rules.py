"""Who may act on other people's sign-in: a region's admin for the members of that region."""

import rules

from kotacerdas.regions.rules import can_manage_region

rules.add_perm("accounts.unlock_member", can_manage_region)
