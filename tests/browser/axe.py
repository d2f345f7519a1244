"""axe-core inside the browser tests: `serious_findings(page)` runs it on the page as it is and returns the serious
and critical findings (WCAG 2.1 A and AA rules), one readable line each.

axe-core comes from the npm registry at set-up (`make assets`, static/vendor/axe.min.js) like htmx; it is evaluated
through the DevTools protocol, which the page's Content-Security-Policy does not govern, so nothing is loosened.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.split("\\n")[1] : "")),
  }));
}"""


def axe_source() -> str:
    if not AXE.exists() or AXE.stat().st_size < 10_000:
        pytest.skip("axe-core is not installed (make assets fetches it from the npm registry)")
    return AXE.read_text(encoding="utf-8")


def findings(page: Page, impacts: set[str] = BLOCKING) -> list[str]:
    """Every axe violation of the given impacts on the current page, as `rule (impact): help — node…` lines."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    rows = []
    for violation in page.evaluate(RUN, RULES):
        if violation["impact"] in impacts:
            nodes = "; ".join(violation["nodes"][:4])
            rows.append(f"{page.url} {violation['id']} ({violation['impact']}): {violation['help']} — {nodes}")
    return rows
