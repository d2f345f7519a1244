"""Every write of collaboration: validated, atomic, audited. Permission checks happen here too, because the
same services serve the pages, the API and the commands.

Split by entity; every public name stays importable from `kotacerdas.collaboration.services`.
"""

from ._common import DOCUMENT_MAX_BYTES
from .agreements import AGREEMENT_FIELDS, agreement_create, agreement_update
from .bodies import body_create, body_member_add, body_member_end
from .commitments import (
    SIGNING_LINK_DAYS,
    commitment_create,
    commitment_set_published,
    commitment_sign,
    commitment_sign_with_link,
    commitment_update_text,
    signatory_add,
    signing_link_create,
    signing_link_for_token,
)
from .contributions import contribution_create, contribution_set_status
from .partners import PARTNER_FIELDS, partner_contact_add, partner_contact_remove, partner_create, partner_update

__all__ = [
    "AGREEMENT_FIELDS",
    "DOCUMENT_MAX_BYTES",
    "PARTNER_FIELDS",
    "SIGNING_LINK_DAYS",
    "agreement_create",
    "agreement_update",
    "body_create",
    "body_member_add",
    "body_member_end",
    "commitment_create",
    "commitment_set_published",
    "commitment_sign",
    "commitment_sign_with_link",
    "commitment_update_text",
    "contribution_create",
    "contribution_set_status",
    "partner_contact_add",
    "partner_contact_remove",
    "partner_create",
    "partner_update",
    "signatory_add",
    "signing_link_create",
    "signing_link_for_token",
]
