"""Charts a phone can read (issue #16): on a 390-px-wide phone every chart's text is at least 12 CSS px, no label
overlaps another and none is cut off at the chart's edge — measured in chromium on the pages that draw charts."""

import pytest

from kotacerdas.surveys.models import Survey
from tests.browser.conftest import PHONE, new_watched_context
from tests.browser.login import log_in

pytestmark = pytest.mark.browser

R = "/r/luwu-utara"
MEASURE = """() => {
  const out = [];
  for (const svg of document.querySelectorAll("svg.chart")) {
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    const texts = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim());
    const rects = texts.map(t => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const px = parseFloat(t.getAttribute("font-size") || getComputedStyle(t).fontSize) * scale;
      const name = `${svg.dataset.testid || svg.className.baseVal} "${t.textContent.trim()}"`;
      if (px < 11.95) out.push(`${name}: ${px.toFixed(1)} px`);
      const r = rects[i];
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.push(`${name}: cut off at the chart's edge`);
      rects.slice(i + 1).forEach((o, j) => {
        const overlap = Math.min(r.right, o.right) - Math.max(r.left, o.left) > 1 &&
                        Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 1;
        if (overlap) out.push(`${name} overlaps "${texts[i + 1 + j].textContent.trim()}"`);
      });
    });
  }
  return [document.querySelectorAll("svg.chart").length, out];
}"""


def measure(page, base: str, paths: list[str]) -> tuple[int, list[str]]:
    charts, problems = 0, []
    for path in paths:
        page.goto(base + path)
        count, found = page.evaluate(MEASURE)
        charts += count
        problems += [f"{path}: {p}" for p in found]
    return charts, problems


@pytest.fixture
def phone_390(browser, csp_violations):
    context = new_watched_context(browser, csp_violations, **{**PHONE, "viewport": {"width": 390, "height": 844}})
    yield context.new_page()
    context.close()


def test_public_and_staff_charts_are_readable_on_a_390_px_phone(live_server, demo, phone_390):
    survey = Survey.objects.filter(region=demo).order_by("pk").first()  # the closed 2024 SKM: results public
    public = [f"{R}/", f"{R}/hasil-evaluasi/", f"{R}/aduan/statistik/", f"{R}/inovasi/", f"{R}/literasi/"]
    if survey is not None:
        public.append(f"{R}/survei/{survey.pk}/hasil/")
    charts, problems = measure(phone_390, live_server.url, public)
    log_in(phone_390, live_server.url, "admin.lutra")
    staff = [f"{R}/monev/", f"{R}/rencana/", f"{R}/rencana/kesiapan/", f"{R}/inovasi/staf/ringkasan/"]
    more, problems_staff = measure(phone_390, live_server.url, staff)
    assert charts + more >= 8  # the pages above do draw charts
    assert problems + problems_staff == [], "\n".join(problems + problems_staff)
