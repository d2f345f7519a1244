"""Comparing a revision with the adopted version: programmes added, removed, changed, field by field."""

from decimal import Decimal

from django.utils import translation

from kotacerdas.masterplan.models import MasterplanVersion
from kotacerdas.masterplan.services import (
    masterplan_version_adopted_ensure,
    programme_create,
    programme_delete,
    programme_update,
    target_set,
)
from kotacerdas.masterplan.versions import compare
from tests.factories import ProgrammeFactory


def _base():
    return {
        "masterplan": {"title": "P", "vision": "A"},
        "programmes": {
            "1": {"code": "GOV-01", "title": "Satu", "budget_estimate": "100", "indicators": {}},
            "2": {"code": "ECO-01", "title": "Dua", "budget_estimate": "5", "indicators": {}},
            "3": {
                "code": "ENV-01",
                "title": "Tiga",
                "indicators": {"7": {"name": "Sampah", "unit": "%", "targets": {"2024": "40", "2025": "50"}}},
            },
        },
    }


def test_compare_counts_and_fields():
    old = _base()
    new = _base()
    new["masterplan"]["vision"] = "B"
    del new["programmes"]["2"]
    new["programmes"]["4"] = {"code": "LIV-01", "title": "Empat", "indicators": {}}
    new["programmes"]["1"]["budget_estimate"] = "200"
    new["programmes"]["1"]["code"] = "GOV-02"
    ind = new["programmes"]["3"]["indicators"]["7"]
    ind["targets"] = {"2024": "45", "2026": "60"}
    with translation.override("en"):
        diff = compare(old, new)
    assert diff["counts"] == {"added": 1, "removed": 1, "changed": 2}
    assert diff["masterplan"] == [("Vision", "A", "B")]
    assert [p["code"] for p in diff["added"]] == ["LIV-01"]
    assert [p["code"] for p in diff["removed"]] == ["ECO-01"]
    changed = {c["code"]: c["fields"] for c in diff["changed"]}
    # A renamed code is a change of the same programme, not removed + added.
    assert ("Code", "GOV-01", "GOV-02") in changed["GOV-02"]
    assert ("Budget estimate (rp)", "100", "200") in changed["GOV-02"]
    assert changed["ENV-01"] == [
        ("Indicator “Sampah”: target 2024", "40", "45"),
        ("Indicator “Sampah”: target 2025", "50", None),
        ("Indicator “Sampah”: target 2026", None, "60"),
    ]
    assert compare(old, old)["counts"] == {"added": 0, "removed": 0, "changed": 0}


def test_revision_page_compares_with_the_frozen_adopted_version(world, client_for):
    plan, admin = world["home_plan"], world["users"]["region_admin"]
    removed = ProgrammeFactory(masterplan=plan, dimension=world["home_dims"]["economy"], code="ECO-05")
    masterplan_version_adopted_ensure(masterplan=plan, actor=admin)
    programme = world["home_programme"]
    indicator = programme.indicators.first()
    programme_update(actor=admin, programme=programme, title="Judul baru", reason="Nama program disesuaikan")
    target_set(actor=admin, indicator=indicator, year=2024, value=Decimal("55"))
    programme_create(
        actor=admin,
        masterplan=plan,
        reason="Program baru dari DPRD",
        code="LIV-07",
        title="Air bersih desa",
        dimension=world["home_dims"]["living"],
        owner_agency=world["home_agency"],
        start_year=2024,
        end_year=2026,
    )
    programme_delete(actor=admin, programme=removed, reason="Tidak relevan")
    client = client_for(admin)
    last = MasterplanVersion.objects.filter(masterplan=plan).order_by("-number").first()
    with translation.override("en"):
        page = client.get(f"/r/luwu-utara/rencana/revisi/{last.number}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="diff-removed"' in html and "ECO-05" in html
    assert 'data-testid="diff-added"' in html and "LIV-07" in html
    assert "Tidak relevan" in html
    assert "Judul baru" in html
    # The current state (revision 0 = now) also shows the target changed outside a revision.
    client.cookies["django_language"] = "en"
    current = client.get("/r/luwu-utara/rencana/revisi/0/").content.decode()
    assert "Judul baru" in current and "ECO-05" in current
    assert "target 2024" in current and "55.0000" in current
    listing = client.get("/r/luwu-utara/rencana/revisi/").content.decode()
    assert "Program baru dari DPRD" in listing and "Nama program disesuaikan" in listing
