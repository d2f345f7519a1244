"""The public programme and dimension pages show verified progress, and the programme page and the home page
show the loop from citizen voice to results (issue 15, items 1 and 7).

Everything is written through the services: reports are started, verified and their periods closed as staff
would, ideas linked by a moderator, a round published by the assessor.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kotacerdas.collaboration import services as collaboration
from kotacerdas.evaluation import services as evaluation
from kotacerdas.ideas import services as ideas
from kotacerdas.masterplan.models import Indicator
from kotacerdas.monitoring import services as monitoring
from kotacerdas.monitoring.models import Evidence, ReportingPeriod
from kotacerdas.monitoring.selectors import public_period
from tests.conftest import ROLES
from tests.evaluation.conftest import fill_self, publish, score_all
from tests.factories import IndicatorFactory, MasterplanFactory, ProgrammeFactory, TargetFactory
from tests.monitoring.factories import ReportingPeriodFactory
from tests.monitoring.helpers import walk_report

HOME = "/r/luwu-utara"
PROGRAMME = f"{HOME}/program/GOV-01/"
DIMENSION = f"{HOME}/dimensi/governance/"
CLOSED = ReportingPeriod.Status.CLOSED


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, monkeypatch):
    monkeypatch.setattr(Evidence._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def report_in(world, period, value, *, close=True, until="verified", link=False):
    """A report of GOV-01 (its one indicator: baseline 10, 2024 target 40; any other gets the same value) with
    `value`, walked through the services up to `until`; `link` adds a link as evidence; `close` then closes
    the period."""
    users = world["users"]
    report = walk_report(
        programme=world["home_programme"],
        period=period,
        writer=users["agency_officer"],
        verifier=users["tim_pelaksana"],
        values={i: str(value) for i in world["home_programme"].indicators.all()},
        until="draft",
    )
    if link or until != "draft":  # verification requires evidence (issue #15): a link, as an officer adds
        monitoring.evidence_add(
            actor=users["agency_officer"], report=report, kind="link", url="https://example.org/foto-kegiatan"
        )
    if until != "draft":
        report = monitoring.progress_report_submit(actor=users["agency_officer"], report=report)
    if until == "verified":
        report = monitoring.progress_report_verify(actor=users["tim_pelaksana"], report=report)
    if close:
        monitoring.reporting_period_set_status(actor=users["region_admin"], period=period, status=CLOSED)
    return report


@pytest.fixture
def history(world):
    """2024 Q1 closed (20 of 40: 50%, with a link as evidence), Q2 closed (32: 80%), Q3 open with a
    verified report (40: 100%) that the public must not see yet."""
    q1, q2, q3 = (ReportingPeriodFactory(region=world["home"], year=2024, number=n) for n in (1, 2, 3))
    report_in(world, q1, 20, link=True)
    report_in(world, q2, 32)
    report_in(world, q3, 40, close=False)
    return {**world, "periods": [q1, q2, q3]}


def html(client, url):
    """The page as a visitor gets it now (the tests' transactions never commit, so nothing retires the page
    cache for them: start from an empty one; test_closing_a_period_retires_the_cached_page runs the commit
    hooks instead)."""
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_public_period_is_the_latest_closed_one_with_results(history):
    _q1, q2, _q3 = history["periods"]
    assert public_period(region=history["home"]) == q2
    assert public_period(region=history["other"]) is None


def test_programme_page_shows_verified_progress_of_the_latest_closed_period(history, client):
    page = html(client, PROGRAMME)
    assert 'data-testid="programme-progress"' in page
    assert "Per Triwulan 2 2024" in page and "2 laporan terverifikasi" in page
    assert 'data-testid="programme-achievement">80%' in page
    assert 'data-testid="on-track">Sesuai jalur' in page
    # The indicator: latest verified value (32, in Q2) against the 2024 target (40), explained.
    row = page.split('data-testid="indicator-progress-row"')[1].split("</li>")[0]
    assert "<dd>32</dd>" in row and "Triwulan 2 2024" in row and "<dd>40</dd>" in row and "<dd>80%</dd>" in row
    assert "realisasi ÷ target" in row
    # The trend: Q1 and Q2, as a chart and as a table; the open Q3 (100%) is not public yet.
    assert 'data-testid="programme-trend"' in page
    trend = page.split('data-testid="programme-trend-table"')[1].split("</table>")[0]
    assert "Triwulan 1 2024" in trend and "Triwulan 2 2024" in trend and "Triwulan 3 2024" not in trend
    assert 'data-testid="programme-achievement">100%' not in page and "Triwulan 3 2024" not in page
    # Evidence is counted, never linked.
    assert re.search(r"\d+ bukti dukung", page) and "example.org/foto-kegiatan" not in page


def test_programme_page_in_english(history, client):
    client.get("/bahasa/en/?next=/")
    page = html(client, PROGRAMME)
    assert "As of Q2 2024, the latest closed reporting period: 2 verified reports." in page
    assert 'data-testid="on-track">On track' in page
    assert "Higher is better: realised ÷ target." in page
    assert "Where this comes from and where it goes" in page
    dimension = html(client, DIMENSION)
    assert "Achievement in Q2 2024, the latest closed reporting period" in dimension
    assert "1 of 1 programmes have a verified report (100%)." in dimension
    assert "From citizen voice to results" in html(client, f"{HOME}/")


def test_below_the_threshold_is_behind_and_capped_values_say_so(world, client):
    q1, q2 = (ReportingPeriodFactory(region=world["home"], year=2024, number=n) for n in (1, 2))
    report_in(world, q1, 60)  # 150% of the target, capped at 100%
    page = html(client, PROGRAMME)
    assert 'data-testid="programme-achievement">100%' in page
    assert "Dibatasi dari 150.00% menjadi 100.00%." in page
    report_in(world, q2, 12)  # 30%
    page = html(client, PROGRAMME)
    assert 'data-testid="programme-achievement">30%' in page and 'data-testid="on-track">Tertinggal' in page


def test_lower_is_better_indicator_is_explained(world, client):
    indicator = Indicator.objects.get(programme=world["home_programme"])
    indicator.direction = Indicator.Direction.LOWER
    indicator.save()
    q1 = ReportingPeriodFactory(region=world["home"], year=2024, number=1)
    report_in(world, q1, 50)  # (2 × 40 − 50) ÷ 40 = 75%
    page = html(client, PROGRAMME)
    assert 'data-testid="programme-achievement">75%' in page
    assert "Makin rendah makin baik: (2 × target − realisasi) ÷ target." in page


def test_only_verified_reports_count(world, client):
    q1 = ReportingPeriodFactory(region=world["home"], year=2024, number=1)
    report_in(world, q1, 36, until="submitted")
    page = html(client, PROGRAMME)
    assert 'data-testid="programme-no-progress"' in page and "36" not in page.split("programme-progress")[1][:3000]


def test_a_programme_not_verified_in_the_public_period_shows_its_last_verified_figure(world, client):
    q1, q2 = (ReportingPeriodFactory(region=world["home"], year=2024, number=n) for n in (1, 2))
    report_in(world, q1, 20)
    other = ProgrammeFactory(masterplan=world["home_plan"], dimension=world["home_dims"]["governance"])
    TargetFactory(indicator=IndicatorFactory(programme=other), year=2024, value=10)
    walk_report(
        programme=other,
        period=q2,
        writer=world["users"]["region_admin"],
        verifier=world["users"]["tim_pelaksana"],
        values={other.indicators.get(): "10"},
    )
    monitoring.reporting_period_set_status(actor=world["users"]["region_admin"], period=q2, status=CLOSED)
    page = html(client, PROGRAMME)
    assert "Tidak ada laporan terverifikasi untuk Triwulan 2 2024." in page
    assert "Terakhir terverifikasi: 50% pada Triwulan 1 2024." in page
    assert 'data-testid="on-track"' not in page


def test_closing_a_period_retires_the_cached_page(history, client, django_capture_on_commit_callbacks):
    assert 'data-testid="programme-achievement">80%' in html(client, PROGRAMME)
    assert 'data-testid="programme-achievement">80%' in client.get(PROGRAMME).content.decode()  # cached
    q3 = history["periods"][2]
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.reporting_period_set_status(actor=history["users"]["region_admin"], period=q3, status=CLOSED)
    assert 'data-testid="programme-achievement">100%' in client.get(PROGRAMME).content.decode()


def test_dimension_page_shows_achievement_trend_and_share_reported(history, client):
    ProgrammeFactory(masterplan=history["home_plan"], dimension=history["home_dims"]["governance"])
    q1, q2, _q3 = history["periods"]
    for period in (q1, q2):  # the new programme is expected from now on: recompute the closed periods
        monitoring.achievements_recompute(region=history["home"], period=period)
    page = html(client, DIMENSION)
    assert 'data-testid="dimension-achievement">80%' in page
    assert "1 dari 2 program memiliki laporan terverifikasi (50%)." in page
    trend = page.split('data-testid="dimension-trend-table"')[1].split("</table>")[0]
    assert "Triwulan 1 2024" in trend and "Triwulan 2 2024" in trend and "1/2" in trend
    assert "Triwulan 3 2024" not in trend
    assert 'data-testid="programme-achievement-cell">80%' in page


def test_pages_without_any_closed_period(world, client):
    assert 'data-testid="programme-no-progress"' in html(client, PROGRAMME)
    assert 'data-testid="dimension-no-progress"' in html(client, DIMENSION)
    page = html(client, f"{HOME}/")
    assert 'data-testid="voice-panel"' in page and 'data-testid="voice-row"' not in page


@pytest.fixture
def loop(history):
    """history + an idea adopted into GOV-01, a partner's contribution to it, and the 2024 evaluation
    published (every item scored 3, the quick wins 2)."""
    users = history["users"]
    idea = ideas.idea_create(
        actor=users["citizen"],
        region=history["home"],
        title="Layanan adminduk keliling",
        description="Mobil layanan datang ke desa sebulan sekali.",
        dimension=history["home_dims"]["governance"],
    )
    ideas.idea_link_programme(actor=users["region_admin"], idea=idea, programme=history["home_programme"])
    partner = collaboration.partner_create(
        actor=users["region_admin"],
        region=history["home"],
        name="Universitas Contoh",
        category="academia",
        public_consent=True,
        programmes=[history["home_programme"]],
    )
    collaboration.contribution_create(
        actor=users["region_admin"],
        partner=partner,
        programme=history["home_programme"],
        kind="expertise",
        description="Pendampingan desain layanan",
        year=2024,
    )
    evaluator = users["evaluator"]
    framework = evaluation.framework_create(actor=evaluator, year=2024)
    round_ = evaluation.round_create(
        actor=evaluator, region=history["home"], framework=framework, assessors=[evaluator]
    )
    fill_self(round_, users["region_admin"])
    score_all(round_, evaluator, scores={"OC-GOV": Decimal("3.25")}, qw="2")
    publish(round_, evaluator)
    return {**history, "idea": idea, "round": round_}


def test_programme_page_shows_where_it_comes_from_and_where_it_goes(loop, client):
    page = html(client, PROGRAMME)
    section = page.split('data-testid="programme-loop"')[1].split("</section>")[0]
    assert f'href="{HOME}/gagasan/{loop["idea"].pk}/"' in section and "Layanan adminduk keliling" in section
    assert "Universitas Contoh" in section and f'href="{HOME}/mitra/"' in section
    assert "80% pada Triwulan 2 2024" in section and 'href="#progress-h"' in section
    # The items the programme feeds, with their published scores, and the quick win's own rating.
    fed = section.split('data-testid="fed-item"')
    assert any("OC-GOV" in item and "3,25" in item for item in fed)
    assert any("OC-REP" in item for item in fed)
    assert not any("OC-ECO" in item for item in fed)  # another dimension's item
    assert 'data-testid="fed-quick-win">' in section and "2,00" in section
    assert f'href="{HOME}/hasil-evaluasi/"' in section


def test_unpublished_scores_are_never_shown(history, client):
    evaluator = history["users"]["evaluator"]
    framework = evaluation.framework_create(actor=evaluator, year=2024)
    round_ = evaluation.round_create(
        actor=evaluator, region=history["home"], framework=framework, assessors=[evaluator]
    )
    fill_self(round_, history["users"]["region_admin"])
    score_all(round_, evaluator, default="3.5")
    page = html(client, PROGRAMME)
    assert 'data-testid="fed-item"' not in page and "3,50" not in page


def test_home_shows_the_citizen_voice_panel(loop, client):
    page = html(client, f"{HOME}/")
    panel = page.split('data-testid="voice-panel"')[1].split("</section>")[0]
    assert f'href="{HOME}/gagasan/{loop["idea"].pk}/"' in panel
    assert f'href="{PROGRAMME}"' in panel
    assert "80% terverifikasi pada Triwulan 2 2024" in panel
    assert f'href="{HOME}/hasil-evaluasi/"' in panel and "2024" in panel


def test_hidden_ideas_and_ideas_of_a_draft_plan_stay_off_the_panel(loop, client):
    idea = loop["idea"]
    idea.is_hidden = True
    idea.save(update_fields=["is_hidden"])
    cache.clear()
    assert 'data-testid="voice-row"' not in html(client, f"{HOME}/")
    assert 'data-testid="idea-behind"' not in html(client, PROGRAMME)


@pytest.mark.parametrize("code", ["NOPE-99", "GOV-01'--", "x" * 31, "%00", "MRS-01", "DRAFT-01"], ids=lambda c: c[:12])
def test_unknown_drafted_or_foreign_programmes_are_404(world, client_for, code):
    """Another region's programme under this region's address, a programme of a newer draft plan, and
    nonsense are 404 for everybody (the page is the same for every visitor)."""
    other_plan = MasterplanFactory(region=world["other"], status="adopted", period_start_year=2023)
    ProgrammeFactory(masterplan=other_plan, code="MRS-01", dimension=world["other_dims"]["governance"])
    draft = MasterplanFactory(region=world["home"], status="draft", period_start_year=2027, period_end_year=2037)
    ProgrammeFactory(masterplan=draft, code="DRAFT-01", dimension=world["home_dims"]["governance"])
    for who in ("anonymous", "region_admin", "other_admin", "evaluator"):
        user = world["users"][who]
        response = client_for(user).get(f"{HOME}/program/{code}/")
        assert response.status_code == 404, (who, code)


@pytest.mark.parametrize("who", [*ROLES, "other_admin", "other_officer", "evaluator", "anonymous"])
def test_everyone_sees_the_same_verified_figures_and_no_draft(history, client_for, who):
    q3 = history["periods"][2]
    monitoring.reporting_period_set_status(actor=history["users"]["region_admin"], period=q3, status=CLOSED)
    q4 = ReportingPeriodFactory(region=history["home"], year=2024, number=4)
    report_in(history, q4, 39, close=True, until="draft")
    page = html(client_for(history["users"][who]), PROGRAMME)
    assert 'data-testid="programme-achievement">100%' in page and "Triwulan 4 2024" not in page


def _count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _grow(world, years):
    """Two more closed years of verified reports (with evidence), more indicators, ideas and contributions."""
    users = world["users"]
    programme = world["home_programme"]
    for year in years:
        for _ in range(2):
            TargetFactory(indicator=IndicatorFactory(programme=programme), year=year)
        TargetFactory(indicator=programme.indicators.order_by("pk").first(), year=year, value=40)
        for n in (1, 2, 3, 4):
            period = ReportingPeriodFactory(region=world["home"], year=year, number=n)
            report_in(world, period, 10 * n, link=True)
    for i in range(3):
        idea = ideas.idea_create(
            actor=users["citizen"],
            region=world["home"],
            title=f"Gagasan warga nomor {i}",
            description="Deskripsi gagasan yang cukup panjang untuk diterima.",
            dimension=world["home_dims"]["governance"],
        )
        target = programme if i == 0 else ProgrammeFactory(masterplan=world["home_plan"])
        ideas.idea_link_programme(actor=users["region_admin"], idea=idea, programme=target)


@pytest.mark.parametrize("url", [PROGRAMME, DIMENSION, f"{HOME}/"])
def test_queries_stay_constant_as_history_grows(loop, client, url):
    small = _count(client, url)
    _grow(loop, (2023, 2025))  # GOV-01 runs 2023–2025; the history fixture filled 2024
    assert ReportingPeriod.objects.filter(region=loop["home"], status=CLOSED).count() == 10
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries with little history, {large} with more"


def test_a_period_ending_today_is_not_public_until_closed(world, client):
    """Whatever today is: an open period, even past its end, stays out of the public figures."""
    period = ReportingPeriodFactory(region=world["home"], year=2024, number=1, ends_on=datetime.date(2024, 3, 31))
    report_in(world, period, 20, close=False)
    assert 'data-testid="programme-no-progress"' in html(client, PROGRAMME)


def test_panel_says_when_a_programme_ran_before_the_public_period(history, client):
    users = history["users"]
    ended = ProgrammeFactory(
        masterplan=history["home_plan"], code="OLD-01", start_year=2022, end_year=2023, title="Program lama"
    )
    idea = ideas.idea_create(
        actor=users["citizen"],
        region=history["home"],
        title="Gagasan untuk program lama",
        description="Deskripsi gagasan yang cukup panjang untuk diterima.",
        dimension=history["home_dims"]["governance"],
    )
    ideas.idea_link_programme(actor=users["region_admin"], idea=idea, programme=ended)
    panel = html(client, f"{HOME}/").split('data-testid="voice-panel"')[1].split("</section>")[0]
    assert "OLD-01 Program lama" in panel and "berjalan sampai 2023" in panel
