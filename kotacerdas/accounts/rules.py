"""Who may act on other people's accounts: a region's admin unlocks the members of that region; API tokens are
made and revoked by the person, a region admin of a region they belong to, or a superuser. Targets are users."""

import rules

from kotacerdas.regions.rules import Role, can_manage_region, is_superuser, roles_of

rules.add_perm("accounts.unlock_member", can_manage_region)


@rules.predicate
def is_self(user, target) -> bool:
    return bool(user.is_authenticated and target is not None and user.pk == target.pk)


@rules.predicate
def is_admin_of_their_region(user, target) -> bool:
    if target is None or not user.is_authenticated:
        return False
    administered = {region_id for region_id, roles in roles_of(user).items() if Role.REGION_ADMIN in roles}
    return bool(administered & set(roles_of(target)))


rules.add_perm("accounts.manage_api_tokens", is_self | is_admin_of_their_region | is_superuser)
# A region admin gives a citizen of the region who cannot receive e-mail a temporary password (passwords.py).
rules.add_perm("accounts.reset_citizen_password", can_manage_region)
