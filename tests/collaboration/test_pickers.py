"""User pickers name people, never their login e-mail or phone, and list the region's staff and partners only;
a body member cannot be both an agency and a partner (a form error, not a 500)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kotacerdas.collaboration import services
from kotacerdas.collaboration.models import BodyMember
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.models import Membership

from ..factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(collab):
    """A citizen who signed up with a phone, one with an e-mail, a named partner without a full name but an
    e-mail as username, and another region's officer."""
    home = collab["home"]
    phone_citizen = UserFactory(username="+6281277778888", email="", first_name="")
    mail_citizen = UserFactory(username="warga.rahasia@example.org", email="warga.rahasia@example.org")
    for user in (phone_citizen, mail_citizen):
        MembershipFactory(region=home, role=Membership.Role.CITIZEN, user=user)
    mail_partner = UserFactory(username="mitra.login@example.org", email="mitra.login@example.org")
    MembershipFactory(region=home, role=Membership.Role.PARTNER, user=mail_partner)
    named = collab["users"]["tim_pelaksana"]
    named.first_name, named.last_name = "Andi", "Pratama"
    named.save()
    body = services.body_create(
        actor=collab["users"]["region_admin"],
        region=home,
        kind="dewan",
        decree_number="SK 2/2024",
        term_starts=datetime.date(2024, 1, 1),
    )
    return {**collab, "mail_partner": mail_partner, "body": body}


def _choices(form_field) -> dict:
    return {str(value): label for value, label in form_field.field.choices if value}


def test_pickers_show_names_and_only_staff_and_partners(people, client_for):
    kw = {"region_slug": people["home"].slug}
    client = client_for(people["users"]["tim_pelaksana"])
    pages = {
        "signatory": reverse("collaboration:commitment", kwargs={**kw, "pk": people["commitment"].pk}),
        "member": reverse("collaboration:body", kwargs={**kw, "pk": people["body"].pk}),
        "contact": reverse("collaboration:partner", kwargs={**kw, "pk": people["uni"].pk}),
    }
    for name, url in pages.items():
        response = client.get(url)
        html = response.content.decode()
        for secret in ("+6281277778888", "warga.rahasia", "mitra.login@example.org", "other_officer"):
            assert secret not in html, (name, secret)
    form = client.get(pages["member"]).context["form"]
    with translation.override("en"):
        labels = _choices(form["user"])
    tim = people["users"]["tim_pelaksana"]
    assert labels[str(tim.pk)] == "Andi Pratama"
    assert labels[str(people["users"]["dewan"].pk)] == "dewan"  # no full name: the username
    partner_pk = str(people["mail_partner"].pk)
    assert labels[partner_pk] == f"Account no. {partner_pk} (no name given)"  # e-mail username: never shown
    citizen = people["users"]["citizen"]
    assert str(citizen.pk) not in labels and str(people["users"]["other_officer"].pk) not in labels
    # A citizen's id posted anyway is not a valid choice.
    response = client.post(
        pages["member"],
        {"name": "X", "role": "Anggota", "starts_on": "2024-01-01", "user": citizen.pk},
    )
    assert response.status_code == 400 and "user" in response.context["form"].errors


def test_body_member_with_agency_and_partner_is_a_form_error(people, client_for):
    url = reverse("collaboration:body", kwargs={"region_slug": people["home"].slug, "pk": people["body"].pk})
    data = {
        "name": "Dua Topi",
        "role": "Anggota",
        "starts_on": "2024-01-01",
        "agency": people["home_agency"].pk,
        "partner": people["uni"].pk,
    }
    response = client_for(people["users"]["tim_pelaksana"]).post(url, data)
    assert response.status_code == 400
    assert "Pilih Perangkat Daerah atau mitra, bukan keduanya." in response.content.decode()
    assert not BodyMember.objects.filter(name="Dua Topi").exists()
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        services.body_member_add(
            actor=people["users"]["tim_pelaksana"],
            body=people["body"],
            name="Dua Topi",
            role="Anggota",
            starts_on=datetime.date(2024, 1, 1),
            agency=people["home_agency"],
            partner=people["uni"],
        )
    assert exc.value.fields["__all__"] == ["Choose an agency or a partner, not both."]
    assert not BodyMember.objects.filter(name="Dua Topi").exists()
