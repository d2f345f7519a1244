"""Who may start a region: the national administrator, that is a superuser (the platform operator, the same
person who imports region codes; docs/national.md). A permission of its own so it can be widened later."""

import rules

from kotacerdas.regions.rules import is_superuser

rules.add_perm("national.start_region", is_superuser)
