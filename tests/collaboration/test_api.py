import datetime

import pytest

from kotacerdas.collaboration import services

from .conftest import SECRET_EMAIL

pytestmark = pytest.mark.django_db


def _url(c, what):
    return f"/api/v1/regions/{c['home'].slug}/collaboration/{what}/"


def test_public_partners_api_lists_consenting_only(collab, client_for):
    data = client_for(None).get(_url(collab, "partners")).json()
    names = [p["name"] for p in data["results"]]
    assert names == ["Universitas Contoh", "Bank Contoh"] or sorted(names) == ["Bank Contoh", "Universitas Contoh"]
    assert all("contacts" not in p for p in data["results"])


def test_staff_see_all_partners_with_contacts(collab, client_for):
    data = client_for(collab["users"]["tim_pelaksana"]).get(_url(collab, "partners")).json()
    assert len(data["results"]) == 3
    assert SECRET_EMAIL in str(data)
    other = client_for(collab["users"]["other_admin"]).get(_url(collab, "partners")).json()
    assert len(other["results"]) == 2 and SECRET_EMAIL not in str(other)


def test_commitment_api_reports_verification(collab, client_for):
    c = collab
    services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    data = client_for(None).get(_url(c, "commitments")).json()["results"][0]
    assert data["valid_signatures"] == 1 and data["signatures"][0]["valid"] is True
    services.commitment_update_text(actor=c["users"]["region_admin"], commitment=c["commitment"], text="Diubah")
    detail = client_for(None).get(_url(c, "commitments") + f"{c['commitment'].pk}/").json()
    assert detail["valid_signatures"] == 0 and detail["signatures"][0]["valid"] is False


def test_unpublished_commitment_hidden_from_public_api(collab, client_for):
    c = collab
    services.commitment_set_published(actor=c["users"]["region_admin"], commitment=c["commitment"], published=False)
    assert client_for(None).get(_url(c, "commitments")).json()["results"] == []
    assert client_for(None).get(_url(c, "commitments") + f"{c['commitment'].pk}/").status_code == 404
    assert len(client_for(c["users"]["dewan"]).get(_url(c, "commitments")).json()["results"]) == 1


@pytest.mark.parametrize(
    "who,status",
    [
        ("region_admin", 200),
        ("dewan", 200),
        ("agency_officer", 200),
        ("evaluator", 200),
        ("partner", 403),
        ("citizen", 403),
        ("other_admin", 403),
        ("anonymous", 403),
    ],
)
def test_agreements_api_is_staff_only(collab, client_for, who, status):
    c = collab
    services.agreement_create(
        actor=c["users"]["region_admin"],
        region=c["home"],
        number="MOU-1",
        kind="mou",
        title="MoU",
        signed_on=datetime.date(2024, 1, 1),
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2026, 1, 1),
        partners=[c["uni"]],
    )
    response = client_for(c["users"][who]).get(_url(c, "agreements"))
    assert response.status_code == status
    if status == 200:
        assert response.json()["results"][0]["number"] == "MOU-1"
