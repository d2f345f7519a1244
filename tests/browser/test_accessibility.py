"""0 serious and 0 critical axe-core findings (WCAG 2.1 A/AA rules) on every public page and the main staff pages,
on a phone, in Bahasa Indonesia and in English (issue #16); plus the two things axe cannot see: after a failed
submit the focus is on the error summary, and the focus outline is visible on the green header.

Pages are listed by path from the demo's own rows, so a page added to the demo is one line here.
"""

import re

import pytest
from playwright.sync_api import Page

from kotacerdas.collaboration.models import Commitment
from kotacerdas.evaluation.models import Round
from kotacerdas.ideas.models import Idea
from kotacerdas.innovation.models import Innovation
from kotacerdas.literacy.models import Activity
from kotacerdas.monitoring.models import ProgressReport
from kotacerdas.news.models import Article
from kotacerdas.participation.models import Report
from kotacerdas.surveys.models import Survey
from tests.browser.login import log_in

from .axe import findings

pytestmark = pytest.mark.browser

R = "/r/luwu-utara"


def public_paths() -> list[str]:
    commitment = Commitment.objects.filter(region__slug="luwu-utara", is_published=True).first()
    survey = Survey.objects.filter(region__slug="luwu-utara").order_by("pk").first()
    return [
        "/",
        "/wilayah/",
        f"{R}/",
        f"{R}/dimensi/governance/",
        f"{R}/program/GOV-01/",
        f"{R}/mitra/",
        f"{R}/komitmen/{commitment.pk}/",
        f"{R}/komitmen/{commitment.pk}/verifikasi/",
        f"{R}/aduan/",
        f"{R}/aduan/baru/",
        f"{R}/aduan/statistik/",
        f"{R}/aduan/lacak/",
        f"{R}/aduan/{Report.objects.filter(region__slug='luwu-utara').order_by('pk').first().pk}/",
        f"{R}/gagasan/",
        f"{R}/gagasan/{Idea.objects.filter(region__slug='luwu-utara', is_hidden=False).order_by('pk').first().pk}/",
        f"{R}/daftar/",
        f"{R}/survei/",
        f"{R}/survei/{survey.pk}/hasil/",
        f"{R}/hasil-evaluasi/",
        f"{R}/inovasi/",
        f"{R}/inovasi/{Innovation.objects.filter(region__slug='luwu-utara').order_by('pk').first().pk}/",
        f"{R}/literasi/",
        f"{R}/literasi/kegiatan/",
        f"{R}/literasi/kegiatan/{Activity.objects.filter(region__slug='luwu-utara').order_by('pk').first().pk}/",
        f"{R}/berita/",
        f"{R}/berita/{Article.objects.filter(region__slug='luwu-utara').exclude(published_at=None).first().slug}/",
        "/akun/masuk/",
        f"{R}/masuk/",
        f"{R}/data/",
        f"{R}/data/citizen-report-statistics/",
        f"{R}/data/masterplan-programmes/",
    ]


def staff_paths() -> list[str]:
    report = ProgressReport.objects.filter(region__slug="luwu-utara").order_by("-pk").first()
    round_ = Round.objects.filter(region__slug="luwu-utara").order_by("-year").first()
    return [
        "/staf/",
        f"{R}/staf/",
        f"{R}/monev/",
        f"{R}/monev/program-saya/",
        f"{R}/monev/verifikasi/",
        f"{R}/monev/laporan/{report.pk}/",
        f"{R}/kolaborasi/",
        f"{R}/kolaborasi/mitra/",
        f"{R}/rencana/",
        f"{R}/rencana/peta-jalan/",
        f"{R}/rencana/quick-win/",
        f"{R}/staf/aduan/",
        f"{R}/staf/gagasan/",
        f"{R}/evaluasi/{round_.pk}/",
        f"{R}/staf/audit/",
        f"{R}/akun/",
        f"{R}/evaluasi/naikkan-skor/",
        f"{R}/rencana/mutu/",
    ]


def check_pages(page: Page, base: str, paths: list[str]) -> list[str]:
    problems = []
    for path in paths:
        response = page.goto(base + path)
        if response is None or response.status >= 400:
            problems.append(f"{path}: HTTP {response.status if response else '?'}")
            continue
        problems += findings(page)
    return problems


def test_public_pages_have_no_serious_findings_in_both_languages(live_server, demo, open_phone):
    page = open_phone()
    paths = public_paths()
    problems = check_pages(page, live_server.url, paths)
    page.goto(live_server.url + "/bahasa/en/?next=/r/luwu-utara/")
    problems += check_pages(page, live_server.url, paths[:7] + paths[8:10] + paths[16:19] + paths[-4:])
    assert problems == [], "\n".join(problems)


def test_main_staff_pages_have_no_serious_findings(live_server, demo, open_phone):
    page = open_phone()
    log_in(page, live_server.url, "admin.lutra")
    assert check_pages(page, live_server.url, staff_paths()) == []


def test_a_failed_submit_moves_the_focus_to_the_error_summary(live_server, demo, open_phone):
    page = open_phone()
    page.goto(live_server.url + "/akun/masuk/")
    page.locator("#id_username").fill("nobody")
    page.locator("#id_password").fill("wrong-password")
    page.locator("form:has(#id_password) button[type=submit]").click()
    focused = page.evaluate("() => document.activeElement.closest('[data-error-summary], .errorlist-box') !== null")
    assert focused, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


def _luminance(rgb: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (float(x) for x in re.findall(r"[\d.]+", rgb)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_focus_outline_is_visible_on_the_header_and_on_the_page(live_server, demo, open_phone):
    page = open_phone()
    page.goto(live_server.url + f"{R}/")
    for selector, background in ((".site-header a", ".site-header"), ("main a", "body")):
        page.locator(selector).first.focus()
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
        width = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
        behind = page.evaluate(f"() => getComputedStyle(document.querySelector('{background}')).backgroundColor")
        assert float(width.rstrip("px")) >= 2
        assert contrast(outline, behind) >= 3, (selector, outline, behind)
