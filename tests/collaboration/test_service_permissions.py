"""Every collaboration write service checks `collaboration.manage` itself: users without it (the region's
readers, partners and citizens, another region's staff, an anonymous caller) are refused and nothing changes.
Signing is the signatory's own (test_services.py)."""

import datetime

import pytest

from kotacerdas.collaboration import services
from kotacerdas.collaboration.models import (
    Agreement,
    Body,
    BodyMember,
    Commitment,
    Contribution,
    Partner,
    PartnerContact,
    Signatory,
    Signature,
    SigningLink,
)
from tests.refusals import assert_refused_unchanged

NON_MANAGERS = [
    "dewan",
    "agency_officer",
    "partner",
    "citizen",
    "other_admin",
    "other_officer",
    "evaluator",
    "anonymous",
]
WRITTEN = (
    Partner,
    Partner.programmes.through,
    PartnerContact,
    Commitment,
    Signatory,
    Signature,
    SigningLink,
    Agreement,
    Contribution,
    Body,
    BodyMember,
)
DAY = datetime.date(2024, 1, 1)
YEAR_LATER = datetime.date(2025, 1, 1)


@pytest.fixture
def rows(collab):
    """On top of `collab`: an agreement, a contribution and a body with a member, written by the admin."""
    admin, home = collab["users"]["region_admin"], collab["home"]
    body = services.body_create(actor=admin, region=home, kind="dewan", decree_number="SK 1", term_starts=DAY)
    return {
        **collab,
        "agreement": services.agreement_create(
            actor=admin,
            region=home,
            number="A-1",
            kind="pks",
            title="PKS",
            signed_on=DAY,
            starts_on=DAY,
            ends_on=YEAR_LATER,
            partners=[collab["uni"]],
        ),
        "contribution": services.contribution_create(
            actor=admin,
            partner=collab["uni"],
            programme=collab["home_programme"],
            kind="expertise",
            description="Pendampingan",
            year=2024,
        ),
        "body": body,
        "member": services.body_member_add(actor=admin, body=body, name="Ketua", role="Ketua", starts_on=DAY),
    }


def _refused(rows, who, calls):
    assert_refused_unchanged(rows["users"][who], calls, WRITTEN)


@pytest.mark.parametrize("who", NON_MANAGERS)
def test_partner_services_refuse_non_managers(rows, who):
    uni = rows["uni"]
    _refused(
        rows,
        who,
        {
            "partner_create": lambda a: services.partner_create(
                actor=a, region=rows["home"], name="Baru", category="media"
            ),
            "partner_update": lambda a: services.partner_update(actor=a, partner=uni, name="Diubah"),
            "partner_contact_add": lambda a: services.partner_contact_add(actor=a, partner=uni, name="Baru"),
            "partner_contact_remove": lambda a: services.partner_contact_remove(actor=a, contact=uni.contacts.get()),
        },
    )


@pytest.mark.parametrize("who", NON_MANAGERS)
def test_commitment_services_refuse_non_managers(rows, who):
    commitment = rows["commitment"]
    _refused(
        rows,
        who,
        {
            "commitment_create": lambda a: services.commitment_create(
                actor=a, region=rows["home"], title="Baru", text="Teks", event_date=DAY, event_place="Masamba"
            ),
            "commitment_update_text": lambda a: services.commitment_update_text(
                actor=a, commitment=commitment, text="Diubah"
            ),
            "commitment_set_published": lambda a: services.commitment_set_published(
                actor=a, commitment=commitment, published=False
            ),
            "signatory_add": lambda a: services.signatory_add(
                actor=a, commitment=commitment, name="Baru", position="Direktur", partner=rows["bank"]
            ),
            "signing_link_create": lambda a: services.signing_link_create(actor=a, signatory=rows["banker"]),
        },
    )


@pytest.mark.parametrize("who", NON_MANAGERS)
def test_agreement_services_refuse_non_managers(rows, who):
    _refused(
        rows,
        who,
        {
            "agreement_create": lambda a: services.agreement_create(
                actor=a, region=rows["home"], number="A-2", kind="mou", title="MoU", signed_on=DAY, partners=[]
            ),
            "agreement_update": lambda a: services.agreement_update(
                actor=a, agreement=rows["agreement"], title="Diubah"
            ),
        },
    )


@pytest.mark.parametrize("who", NON_MANAGERS)
def test_contribution_services_refuse_non_managers(rows, who):
    _refused(
        rows,
        who,
        {
            "contribution_create": lambda a: services.contribution_create(
                actor=a,
                partner=rows["bank"],
                programme=rows["home_programme"],
                kind="in_kind",
                description="Baru",
                year=2024,
            ),
            "contribution_set_status": lambda a: services.contribution_set_status(
                actor=a, contribution=rows["contribution"], status="realised"
            ),
        },
    )


@pytest.mark.parametrize("who", NON_MANAGERS)
def test_body_services_refuse_non_managers(rows, who):
    _refused(
        rows,
        who,
        {
            "body_create": lambda a: services.body_create(
                actor=a, region=rows["home"], kind="tim_pelaksana", decree_number="SK 2", term_starts=DAY
            ),
            "body_member_add": lambda a: services.body_member_add(
                actor=a, body=rows["body"], name="Baru", role="Anggota", starts_on=DAY
            ),
            "body_member_end": lambda a: services.body_member_end(
                actor=a, member=rows["member"], ends_on=datetime.date(2024, 6, 30)
            ),
        },
    )
