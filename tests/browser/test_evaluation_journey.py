"""The yearly evaluation, end to end in browsers, on the real demo (every year from 2022 to last year published).

The demo's years follow today (issue #15), so the journey names years relative to today's: Y is this year.
The national evaluator (timahli, desktop) copies the framework of Y into Y+1 and sets the Jambi weights there (one
try that does not add up to 100% is refused first), then opens Luwu Utara's round of Y with himself as assessor
(the demo's prefilled draft of Y is removed first, so the journey creates it). The region admin (admin.lutra, on a
phone) finds the round from the workspace, sees the figures prefilled with links to their source, attaches a PDF
to the first item, completes the empty self scores and submits. The assessor sees and downloads the file on the
scoring page, scores every item and quick win with 3, marks the round scored and publishes it. The admin then
reads the index (3,00), the improvement over last year's published index, the per-dimension tables and the
largest gaps; the public results page fits a 360-pixel phone.
"""

from decimal import Decimal

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from playwright.sync_api import Page, expect

from kotacerdas.evaluation.models import Framework, ItemEvidence, Round
from kotacerdas.evaluation.scoring import q2
from kotacerdas.masterplan.models import Programme
from tests.browser.login import log_in

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser

SLUG = "luwu-utara"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def fill_all(page: Page, selector: str, value: str) -> int:
    inputs = page.locator(selector).all()
    for field in inputs:
        field.fill(value)
    return len(inputs)


def test_evaluation_journey(live_server, demo, open_desktop, open_phone, tmp_path, monkeypatch):
    monkeypatch.setattr(ItemEvidence._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))
    base = live_server.url
    year = timezone.localdate().year
    Round.objects.filter(region=demo, year=year).delete()
    last_index = q2(Round.objects.get(region=demo, year=year - 1).index)
    # 1. The national evaluator configures next year's weights and opens this year's round.
    ev = open_desktop()
    ev_errors = watch_errors(ev)
    log_in(ev, base, "timahli")
    ev.get_by_test_id("national-evaluation-link").click()
    expect(ev.get_by_test_id("frameworks")).to_contain_text("2023")
    ev.goto(base + "/evaluasi/kerangka/baru/")
    ev.locator("#id_year").fill(str(year + 1))
    ev.locator("#id_copy_from").select_option(label=str(Framework.objects.get(year=year)))
    ev.locator("form[data-testid=framework-create-form] button[type=submit]").click()
    expect(ev.get_by_test_id("framework-form")).to_be_visible()
    for key, value in (("impact", "20"), ("quick_win", "30")):
        ev.locator(f"#id_weight_{key}").fill(value)
    ev.locator("form[data-testid=framework-form] button[type=submit]").click()
    expect(ev.get_by_test_id("form-errors")).to_contain_text("110")  # 10+20+30+20+30
    assert ev_errors == [f"400 {ev.url}"]  # the refusal answers 400, as intended
    ev_errors.clear()
    ev.locator("#id_weight_quick_win").fill("20")
    ev.locator("form[data-testid=framework-form] button[type=submit]").click()
    expect(ev.get_by_test_id("framework-problems")).to_have_count(0)
    assert {d.key: int(d.weight) for d in Framework.objects.get(year=year + 1).dimensions.all()}["quick_win"] == 20
    framework = Framework.objects.get(year=year)
    ev.goto(base + "/evaluasi/putaran/baru/")
    ev.locator("#id_region").select_option(label=str(demo))
    ev.locator("#id_framework").select_option(label=str(framework))
    ev.locator("form[data-testid=round-create-form] button[type=submit]").click()
    expect(ev.get_by_test_id("round-status")).to_be_visible()
    round_ = Round.objects.get(region=demo, year=year)
    round_url = f"{base}/r/{SLUG}/evaluasi/{round_.pk}/"

    # 2. The region admin completes the prefilled self-assessment on a phone and submits it.
    phone = open_phone()
    phone_errors = watch_errors(phone)
    log_in(phone, base, "admin.lutra")
    phone.locator(f"a[href='/r/{SLUG}/evaluasi/']").first.click()
    phone.get_by_test_id("round-row").filter(has_text=str(year)).locator("a").click()
    expect(phone).to_have_url(round_url)
    expect(phone.get_by_test_id("prefill-facts")).to_be_visible()
    link = phone.get_by_test_id("prefill-link").first
    assert link.get_attribute("href") in (f"/r/{SLUG}/", f"/r/{SLUG}/monev/", f"/r/{SLUG}/kolaborasi/komitmen/")
    prefilled = Round.objects.get(pk=round_.pk).scores.filter(self_score__isnull=False).count()
    assert prefilled >= 3  # masterplan and commitments always; outcome and reports once a quarter of Y is closed
    phone.get_by_test_id("attachments-BAS-1").locator("input[type=file]").set_input_files(
        {"name": "sk-tim-smart-city.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    phone.get_by_test_id("attach-BAS-1").click()
    expect(phone.get_by_test_id("attachments-BAS-1").get_by_test_id("evidence-link")).to_have_text(
        "sk-tim-smart-city.pdf"
    )
    for field in phone.locator("input[name^=self_]").all():
        if not field.input_value():
            field.fill("3")
    phone.get_by_test_id("submit-self-assessment").click()
    assert Round.objects.get(pk=round_.pk).status == Round.Status.SUBMITTED
    expect(phone.get_by_test_id("scores-hidden")).to_be_visible()

    # 3. The assessor scores everything, marks the round scored and publishes it.
    ev.goto(round_url)
    evidence = ev.get_by_test_id("attachments-BAS-1").get_by_test_id("evidence-link")
    expect(evidence).to_have_text("sk-tim-smart-city.pdf")
    download = ev.request.get(base + evidence.get_attribute("href"))
    assert download.status == 200 and download.body() == PDF
    items = fill_all(ev, "input[name^=score_]", "3")
    ratings = fill_all(ev, "input[name^=innovativeness_], input[name^=implementation_], input[name^=benefit_]", "3")
    assert items == 20 and ratings == 3 * Programme.objects.filter(region=demo, is_quick_win=True).count()
    ev.locator("#interview_notes").fill("Wawancara daring dengan Bappelitbangda (uji peramban).")
    ev.get_by_test_id("mark-scored").click()
    ev.get_by_test_id("publish").click()
    ev.get_by_test_id("publish-confirm").click()
    expect(ev.get_by_test_id("index-value")).to_have_text("3,00")

    # 4. The region reads its results: index, improvement over last year, per dimension, the largest gaps.
    phone.goto(round_url)
    phone.get_by_test_id("results-link").click()
    expect(phone.get_by_test_id("index-value")).to_have_text("3,00")
    expect(phone.get_by_test_id("improvement")).to_have_text(f"{Decimal('3.00') - last_index:+.2f}".replace(".", ","))
    expect(phone.get_by_test_id("dimension-outcome")).to_contain_text("3,00")
    expect(phone.get_by_test_id("smart-governance")).to_contain_text("3,00")
    expect(phone.get_by_test_id("gaps").locator("li")).to_have_count(10)
    phone.goto(f"{base}/r/{SLUG}/hasil-evaluasi/")
    expect(phone.get_by_test_id("index-value")).to_have_text("3,00")
    expect(phone.get_by_test_id("radar-chart")).to_be_visible()
    assert_fits_width(phone)
    assert not ev_errors and not phone_errors, (ev_errors, phone_errors)
