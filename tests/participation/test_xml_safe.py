# ruff: noqa: S314 -- parsing our own answers with the stdlib, to prove them well-formed
"""A control character pasted into a report (a vertical tab from Word) never breaks a feed: input is cleaned
where it enters, rows stored before are cleaned by a data migration, and the XML writer cleans on output."""

import importlib
from xml.etree import ElementTree as ET

import pytest
from django.apps import apps

from kotacerdas.participation import services
from kotacerdas.participation.models import Report, ReportUpdate

from .conftest import INSIDE, submit

pytestmark = pytest.mark.django_db
WORD = "Jalan berlubang\x0bdi depan SD"  # Word's manual line break is a vertical tab


def test_web_form_stores_the_description_without_the_control_character(aduan, client):
    form = {
        "category": aduan["home_jalan"].pk,
        "description": WORD + "\x00\x1f",
        "village": aduan["home_village"].pk,
        "reporter_name": "Siti\x0c",
    }
    assert client.post("/r/luwu-utara/aduan/baru/", form).status_code == 302
    report = Report.objects.get()
    assert report.description == "Jalan berlubang\ndi depan SD" and report.reporter_name == "Siti"


def test_open311_post_stores_the_description_without_the_control_character(aduan, client):
    _key, api_key = services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name="App")
    form = {
        "api_key": api_key,
        "jurisdiction_id": "luwu-utara",
        "service_code": "jalan",
        "lat": INSIDE[0],
        "long": INSIDE[1],
        "description": WORD,
        "address_string": "Jl. Merdeka\x01 1",
    }
    assert client.post("/open311/v2/requests.json", form).status_code == 200
    report = Report.objects.get()
    assert report.description == "Jalan berlubang\ndi depan SD" and report.address == "Jl. Merdeka 1"


def test_staff_update_through_the_api_is_cleaned(aduan, client_for):
    report = submit(aduan)
    response = client_for(aduan["users"]["region_admin"]).post(
        f"/api/v1/regions/luwu-utara/reports/{report.pk}/transition/",
        {"status": "in_progress", "public_update": "Sedang\x0bdikerjakan\x1b"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert ReportUpdate.objects.filter(report=report).latest("id").text == "Sedang\ndikerjakan"


def test_a_row_stored_raw_still_gives_well_formed_xml_and_json(aduan, client):
    report = submit(aduan)
    Report.objects.filter(pk=report.pk).update(description="Lubang\x0b besar\x1f", address="Depan\x08 pasar")
    ReportUpdate.objects.filter(report=report).update(text="Diterima\x0c")
    services.report_transition(report=report, actor=aduan["users"]["region_admin"], status="in_progress", text="ok")
    ReportUpdate.objects.filter(report=report, status="in_progress").update(text="Dikerjakan\x0b")
    params = "?jurisdiction_id=luwu-utara"
    for path in (f"requests.xml{params}", f"requests/{report.pk}.xml{params}"):
        response = client.get("/open311/v2/" + path)
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # raises on ill-formed XML
        assert root.find("request/description").text == "Lubang\n besar"
        assert root.find("request/status_notes").text == "Dikerjakan\n"
    row = client.get(f"/open311/v2/requests.json{params}").json()[0]
    assert row["description"] == "Lubang\n besar"


def test_the_data_migration_cleans_rows_stored_before(aduan):
    report = submit(aduan)
    clean = submit(aduan, description="Tanpa masalah")
    Report.objects.filter(pk=report.pk).update(description="Lubang\x0bbesar\x07", reporter_name="Siti\x1f")
    ReportUpdate.objects.filter(report=report).update(internal_note="catatan\x07")
    before = Report.objects.get(pk=clean.pk).updated_at
    migration = importlib.import_module("kotacerdas.participation.migrations.0005_clean_stored_text")
    migration.clean_text(apps, type("Editor", (), {"connection": type("C", (), {"alias": "default"})})())
    report.refresh_from_db()
    assert report.description == "Lubang\nbesar" and report.reporter_name == "Siti"
    assert ReportUpdate.objects.get(report=report).internal_note == "catatan"
    assert Report.objects.get(pk=clean.pk).updated_at == before  # rows without such characters are not touched
