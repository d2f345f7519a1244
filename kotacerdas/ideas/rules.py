"""Who may do what with citizen ideas.

Anyone reads the public list and pages. Any member of the region (citizens sign up at /r/<slug>/daftar/)
proposes, supports, comments and flags (reports to the moderators): not another region's people, nor the
Tim Ahli, who read every region but take no part in its participation. The region admin and the Tim Pelaksana moderate:
hide with a reason, change the status, reply officially, link an idea to the programme it became.
"""

import rules

from kotacerdas.regions.rules import is_region_admin, is_region_member, is_superuser, is_tim_pelaksana

can_moderate = is_region_admin | is_tim_pelaksana | is_superuser

rules.add_perm("ideas.participate", is_region_member | is_superuser)
rules.add_perm("ideas.flag", is_region_member | is_superuser)
rules.add_perm("ideas.moderate", can_moderate)
