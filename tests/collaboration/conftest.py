import datetime

import pytest
from django.utils import translation

from kotacerdas.collaboration import services
from kotacerdas.collaboration.models import PartnerContact
from kotacerdas.regions.models import Membership

from ..factories import MembershipFactory, UserFactory

SECRET_EMAIL = "rahasia.kontak@example.org"
SECRET_PHONE = "0811-4242-4242"


@pytest.fixture(autouse=True)
def _english():
    """Service messages are matched in English; pages are requested in the site's default language."""
    with translation.override("en"):
        yield


@pytest.fixture
def collab(world):
    """On top of `world`: partners in both regions (one home partner hidden from the public, with a contact
    person whose e-mail and phone must never be public), a published commitment with three signatories
    (an agency head with an account, a university rector with an account, a bank director by link only),
    and the `partner` user linked to the university."""
    home, other = world["home"], world["other"]
    admin, other_admin = world["users"]["region_admin"], world["users"]["other_admin"]
    programme = world["home_programme"]
    uni = services.partner_create(
        actor=admin,
        region=home,
        name="Universitas Contoh",
        acronym="UC",
        category="academia",
        public_consent=True,
        programmes=[programme],
    )
    bank = services.partner_create(
        actor=admin,
        region=home,
        name="Bank Contoh",
        category="business",
        subkind="bank",
        public_consent=True,
    )
    hidden = services.partner_create(
        actor=admin,
        region=home,
        name="Komunitas Tersembunyi",
        category="community",
        public_consent=False,
        programmes=[programme],
    )
    services.partner_contact_add(
        actor=admin,
        partner=uni,
        name="Dr. Kontak Rahasia",
        position="Rektor",
        email=SECRET_EMAIL,
        phone=SECRET_PHONE,
        user=world["users"]["partner"],
    )
    foreign = services.partner_create(
        actor=other_admin, region=other, name="Mitra Maros", category="media", subkind="online"
    )
    rector_user = UserFactory(username="rector")
    MembershipFactory(region=home, role=Membership.Role.PARTNER, user=rector_user)
    commitment = services.commitment_create(
        actor=admin,
        region=home,
        title="Komitmen Bersama Bimtek IV",
        text="Kami berkomitmen\r\nmembangun bersama. ",
        event_date=datetime.date(2022, 9, 22),
        event_place="Makassar",
    )
    head = services.signatory_add(
        actor=admin,
        commitment=commitment,
        name="Kepala DLH",
        position="Kepala Dinas",
        agency=world["home_agency"],
        user=world["users"]["agency_officer"],
    )
    rector = services.signatory_add(
        actor=admin,
        commitment=commitment,
        name="Rektor UC",
        position="Rektor",
        partner=uni,
        user=rector_user,
    )
    banker = services.signatory_add(
        actor=admin,
        commitment=commitment,
        name="Direktur Bank",
        position="Direktur",
        partner=bank,
        email="direktur@bank.example.org",
    )
    services.commitment_set_published(actor=admin, commitment=commitment, published=True)
    assert PartnerContact.objects.count() == 1
    return {
        **world,
        "uni": uni,
        "bank": bank,
        "hidden": hidden,
        "foreign": foreign,
        "commitment": commitment,
        "head": head,
        "rector": rector,
        "banker": banker,
        "rector_user": rector_user,
    }
