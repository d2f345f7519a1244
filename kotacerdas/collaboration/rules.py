"""Who may do what with partners, commitments, agreements and bodies.

Region admins and the Tim Pelaksana manage; the region's other staff (agency officers, the Dewan) and the
national evaluators read; a user with the partner role reads their own organisation; everybody else sees
the public pages only.
"""

import rules

from kotacerdas.regions.models import Membership
from kotacerdas.regions.rules import (
    can_read_internal,
    is_region_admin,
    is_superuser,
    is_tim_pelaksana,
    roles_of,
)


@rules.predicate
def is_own_partner(user, partner) -> bool:
    """A partner-role user linked as a contact person of this partner."""
    if partner is None or not user.is_authenticated:
        return False
    if Membership.Role.PARTNER not in roles_of(user).get(partner.region_id, set()):
        return False
    return partner.contacts.filter(user=user).exists()


@rules.predicate
def is_the_signatory(user, signatory) -> bool:
    return bool(signatory is not None and user.is_authenticated and signatory.user_id == user.pk)


@rules.predicate
def commitment_is_published(user, commitment) -> bool:
    return bool(commitment is not None and commitment.is_published)


can_manage = is_region_admin | is_tim_pelaksana | is_superuser

rules.add_perm("collaboration.manage", can_manage)
rules.add_perm("collaboration.view_internal", can_read_internal)
rules.add_perm("collaboration.view_partner", can_read_internal | is_own_partner)
rules.add_perm("collaboration.view_commitment", can_read_internal | commitment_is_published)
rules.add_perm("collaboration.sign", is_the_signatory)
