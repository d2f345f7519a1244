import pytest

PAGES = [
    "",
    "bimtek/1/",
    "bimtek/4/",
    "kesiapan/",
    "kesiapan/struktur/",
    "kesiapan/struktur/pertanyaan/",
    "visi/",
    "strategi/",
    "program/",
    "program/baru/",
    "peta-jalan/",
    "quick-win/",
    "adopsi/",
    "revisi/",
]


@pytest.mark.parametrize("page", PAGES)
def test_admin_opens_every_page(planned, client_for, page):
    client = client_for(planned["users"]["region_admin"])
    response = client.get(f"/r/luwu-utara/rencana/{page}")
    assert response.status_code == 200, response.content[:2000]
    response = client_for(planned["users"]["other_admin"]).get(f"/r/maros/rencana/{page}")
    assert response.status_code == 200
