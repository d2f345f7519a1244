"""Both languages complete (issue #16): the main public pages of the demo rendered in English show none of the
platform's own Indonesian strings (citizens' own words stay as they wrote them), and in Indonesian a citizen
report is an "Aduan", not the verb "Laporkan"."""

import pytest
from django.test import Client

from kotacerdas.demo.loader import load_demo
from kotacerdas.masterplan.models import Indicator
from kotacerdas.participation.models import Report

# Platform text that once stayed Indonesian in English mode: a category, an impact survey's title, the noun
# "report" translated as the verb, role codes.
INDONESIAN_ONLY = [
    "Bencana dan kedaruratan",
    "Sekolah dan pendidikan",
    "Survei dampak quick win",
    "Laporkan #",
    "Aduan #",
    "agency_officer",
    "region_admin",
    "Aduan diterima dan diteruskan",
    "(orang,",
    "(desa,",
    " jam<",
    " hari<",
    "Putaran evaluasi",
]


@pytest.fixture
def demo(db):
    load_demo()
    return Report.objects.filter(region__slug="luwu-utara").order_by("pk").first()


def test_english_pages_show_no_indonesian_only_platform_text(demo):
    client = Client()
    client.get("/bahasa/en/")
    paths = ["/r/luwu-utara/", "/r/luwu-utara/aduan/", "/r/luwu-utara/aduan/baru/", f"/r/luwu-utara/aduan/{demo.pk}/"]
    paths += ["/r/luwu-utara/survei/", "/r/luwu-utara/hasil-evaluasi/", "/r/luwu-utara/gagasan/"]
    paths += [_programme_path("orang"), _programme_path("desa"), "/r/luwu-utara/aduan/statistik/"]
    paths += ["/r/luwu-utara/dimensi/governance/"]
    found = []
    for path in paths:
        html = client.get(path).content.decode()
        found += [f"{path}: {text}" for text in INDONESIAN_ONLY if text in html]
    assert found == []
    page = client.get(f"/r/luwu-utara/aduan/{demo.pk}/").content.decode()
    assert "Disasters and emergencies" in client.get("/r/luwu-utara/aduan/baru/").content.decode()
    assert f"Report #{demo.pk}" in page
    assert "Report received and routed to" in page


def test_an_indonesian_report_is_an_aduan(demo):
    page = Client().get(f"/r/luwu-utara/aduan/{demo.pk}/").content.decode()
    assert f"Aduan #{demo.pk}" in page and "Laporkan #" not in page
    assert "Aduan diterima dan diteruskan ke" in page


def _programme_path(unit: str) -> str:
    indicator = Indicator.objects.filter(region__slug="luwu-utara", unit=unit).select_related("programme").first()
    return f"/r/luwu-utara/program/{indicator.programme.code}/"


def test_indicator_units_in_the_reader_language(demo):
    client = Client()
    assert "(orang," in client.get(_programme_path("orang")).content.decode()
    client.get("/bahasa/en/")
    assert "(people," in client.get(_programme_path("orang")).content.decode()
