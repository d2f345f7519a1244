"""A citizen on a phone follows the loop from citizen voice to results on the real demo (issue 15, item 8):
region home → the "from citizen voice to results" panel → an idea that became a programme → the programme
page with its verified progress and the evaluation items it feeds, with their published scores.

The figures expected are read from the demo's own rows (whatever day the demo was loaded on), so the test
does not depend on the clock.
"""

import re

import pytest
from playwright.sync_api import expect

from kotacerdas.evaluation.selectors import items_fed_by_programme
from kotacerdas.ideas.models import Idea
from kotacerdas.monitoring.selectors import programme_progress, public_period

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser

IDEA = "Homestay warga dan paket budaya di desa wisata Rongkong"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_citizen_follows_an_idea_to_verified_progress_and_the_evaluation(live_server, demo, open_phone, javascript):
    idea = Idea.objects.select_related("programme__dimension").get(region=demo, title=IDEA)
    programme = idea.programme
    progress = programme_progress(programme=programme, period=public_period(region=demo))
    assert progress.latest is not None, "the demo's adopted idea should lead to verified progress"
    fed = items_fed_by_programme(region=demo, programme=programme)
    assert fed.round is not None and fed.scores, "the demo should have a published evaluation"

    page = open_phone(javascript=javascript)
    errors = watch_errors(page)
    page.goto(f"{live_server.url}/r/{demo.slug}/")
    panel = page.get_by_test_id("voice-panel")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Dari suara warga menjadi hasil")
    row = panel.get_by_test_id("voice-row").filter(has_text=IDEA)
    expect(row.get_by_test_id("voice-programme")).to_contain_text(programme.code)
    expect(panel.get_by_test_id("voice-index")).to_contain_text(str(fed.round.year))
    assert_fits_width(page)

    # The idea, and what it became.
    row.get_by_test_id("voice-idea").click()
    expect(page).to_have_url(re.compile(rf"/gagasan/{idea.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
    became = page.get_by_test_id("idea-became")
    expect(became).to_contain_text(programme.code)
    assert_fits_width(page)

    # The programme: verified progress as of the latest closed period, per indicator, with its trend.
    became.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/program/{programme.code}/$"))
    section = page.get_by_test_id("programme-progress")
    expect(section.get_by_test_id("progress-as-of")).to_contain_text(progress.period.label)
    period, row = progress.latest
    shown = f"{row.value:.2f}".replace(".", ",").rstrip("0").rstrip(",")
    if progress.current is not None:
        expect(section.get_by_test_id("programme-achievement")).to_have_text(f"{shown}%")
        expect(section.get_by_test_id("on-track")).to_be_visible()
    else:
        expect(section.get_by_test_id("programme-achievement-earlier")).to_contain_text(period.label)
    expect(section.get_by_test_id("indicator-progress-row")).to_have_count(len(progress.indicators))
    expect(section.get_by_test_id("programme-trend")).to_be_visible()
    expect(section.get_by_test_id("evidence-counts")).to_be_visible()
    assert_fits_width(page)

    # Where it comes from and where it goes: the idea again, and the evaluation items it feeds.
    loop = page.get_by_test_id("programme-loop")
    expect(loop.get_by_test_id("idea-behind").filter(has_text=IDEA)).to_be_visible()
    smart = next(s for s in fed.scores if s.item.smart_dimension == programme.dimension.key)
    item = loop.get_by_test_id("fed-item").filter(has_text=smart.item.code)
    expect(item).to_contain_text(f"{smart.score:.2f}".replace(".", ","))
    loop.get_by_test_id("fed-results-link").click()
    expect(page).to_have_url(re.compile(r"/hasil-evaluasi/$"))
    expect(page.get_by_test_id("index-value")).to_be_visible()
    assert_fits_width(page)

    assert errors == [], errors
