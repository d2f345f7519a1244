"""Collaboration pages. Thin: parse, check the rule, call a service or selector, render.

Staff pages live under /r/<region>/kolaborasi/; the public ones (partners, a published commitment and its
verification, the one-time signing link) outside it. Every object is looked up through the URL's region.
Split by entity; urls.py imports the views from here.
"""

from ._common import qr_svg
from .agreements import agreement_create, agreement_detail, agreement_document, agreement_list
from .bodies import body_detail, body_list, body_member_end
from .commitments import (
    commitment_create,
    commitment_detail,
    commitment_edit_text,
    commitment_list,
    commitment_pdf,
    commitment_public,
    commitment_publish,
    commitment_sign,
    commitment_verify,
    sign_link,
    signatory_add,
    signing_link_send,
)
from .contributions import contribution_evidence, contribution_list, contribution_status
from .dashboard import dashboard
from .partners import (
    contact_add,
    contact_remove,
    my_organisation,
    partner_create,
    partner_detail,
    partner_edit,
    partner_list,
    partners_public,
)

__all__ = [
    "agreement_create",
    "agreement_detail",
    "agreement_document",
    "agreement_list",
    "body_detail",
    "body_list",
    "body_member_end",
    "commitment_create",
    "commitment_detail",
    "commitment_edit_text",
    "commitment_list",
    "commitment_pdf",
    "commitment_public",
    "commitment_publish",
    "commitment_sign",
    "commitment_verify",
    "contact_add",
    "contact_remove",
    "contribution_evidence",
    "contribution_list",
    "contribution_status",
    "dashboard",
    "my_organisation",
    "partner_create",
    "partner_detail",
    "partner_edit",
    "partner_list",
    "partners_public",
    "qr_svg",
    "sign_link",
    "signatory_add",
    "signing_link_send",
]
