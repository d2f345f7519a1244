"""Masterplan authoring, end to end in a browser, on the Maros demo region's draft masterplan.

The Maros region admin (admin.maros), on a 360×740 phone, opens "Masterplan authoring" from the staff home,
sets up the four Bimtek rounds, scores the round I questionnaire of the struktur pillar, gives each round its
date, ticks its checklist and marks it complete, selects a quick win, adopts the masterplan by decree, then
edits a programme with a reason and reads the revision's comparison with the adopted version.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.masterplan.models import Masterplan, MasterplanVersion, Programme

from .test_monitoring_journey import log_in
from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser

ADMIN = "admin.maros"


def complete_round(page: Page, base: str, number: int) -> None:
    page.goto(f"{base}/r/maros/rencana/bimtek/{number}/")
    page.locator("#id_held_on").fill(f"2023-0{number + 1}-10")
    page.locator("[data-testid=save-round]").click()
    expect(page.locator("#id_held_on")).to_have_value(f"2023-0{number + 1}-10")
    open_items = page.locator("[data-testid^=check-][aria-pressed=false]")
    while open_items.count():
        before = open_items.count()
        open_items.first.click()
        expect(open_items).to_have_count(before - 1)
    page.locator("[data-testid=complete-round]").click()
    expect(page.locator("[data-testid=round-complete]")).to_be_visible()


def test_admin_takes_a_draft_masterplan_from_round_one_to_adopted_and_revises_it(live_server, demo, open_phone):
    base = live_server.url
    page = open_phone()
    errors = watch_errors(page)
    log_in(page, base, ADMIN)
    page.locator('a[href="/r/maros/rencana/"]').click()
    page.locator("[data-testid=start-planning]").click()
    expect(page.locator("[data-testid=rounds] > li")).to_have_count(4)
    assert_fits_width(page)

    # Round I: score the five struktur items 3 of 4 each → 75 %.
    page.goto(f"{base}/r/maros/rencana/kesiapan/struktur/")
    selects = page.locator("[data-testid=scores-form] select")
    for i in range(selects.count()):
        selects.nth(i).select_option("3")
    page.locator("[data-testid=save-scores]").click()
    expect(page.locator("[data-testid=pillar-average]")).to_have_text(re.compile(r"75[.,]0\s*%"))
    expect(page.locator("[data-testid=readiness-chart]")).to_be_visible()

    for number in (1, 2, 3, 4):
        complete_round(page, base, number)

    # Round IV: GOV-01 (2024–2025) becomes a quick win in 2024.
    page.goto(f"{base}/r/maros/rencana/quick-win/")
    row = page.locator("[data-testid=qw-GOV-01]")
    row.locator("input[name=selected]").check()
    row.locator("select[name=quick_win_year]").select_option("2024")
    row.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=qw-GOV-01] input[name=selected]")).to_be_checked()

    page.goto(f"{base}/r/maros/rencana/")
    expect(page.locator("[data-testid=ready-to-adopt]")).to_be_visible()
    page.goto(f"{base}/r/maros/rencana/adopsi/")
    page.locator("#id_decree_number").fill("Perbup Maros No. 7 Tahun 2024 (contoh)")
    page.locator("#id_adopted_on").fill("2024-01-15")
    page.locator("[data-testid=adopt]").click()
    expect(page).to_have_url(re.compile(r"/r/maros/rencana/$"))
    plan = Masterplan.objects.get(region__slug="maros")
    assert plan.status == "adopted" and plan.adopted_on.isoformat() == "2024-01-15"

    # After adoption: edit the programme with a reason, then compare revision 1 with the adopted version.
    programme = Programme.objects.get(masterplan=plan, code="GOV-01")
    page.goto(f"{base}/r/maros/staf/program/{programme.pk}/ubah/")
    page.locator("#id_title").fill("Layanan perizinan daring terpadu")
    page.locator("#id_reason").fill("Nama resmi sesuai perbup")
    page.locator("form.form button[type=submit]").click()
    assert MasterplanVersion.objects.filter(masterplan=plan, number=1).exists()
    page.goto(f"{base}/r/maros/rencana/revisi/")
    page.locator('a[href$="/rencana/revisi/1/"]').click()
    changed = page.locator("[data-testid=diff-changed-GOV-01]")
    expect(changed).to_contain_text("Draf: layanan perizinan daring")
    expect(changed).to_contain_text("Layanan perizinan daring terpadu")
    expect(page.locator("[data-testid=revision-reason]")).to_have_text("Nama resmi sesuai perbup")

    page.goto(f"{base}/r/maros/rencana/peta-jalan/")
    expect(page.locator("[data-testid=roadmap-governance]")).to_contain_text("GOV-01")
    assert not errors, errors
