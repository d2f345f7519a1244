"""Honest headline semantics: the public and the council see the latest CLOSED period (or a more recent one once
its verified coverage reaches the region's threshold), always with their coverage; staff dashboards pick a period.
"""

import pytest
from django.core.cache import cache
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.monitoring import services
from kotacerdas.monitoring.headline import headline_period
from kotacerdas.monitoring.models import Achievement, MonitoringSettings, ReportingPeriod
from kotacerdas.monitoring.selectors import public_summary
from tests.factories import IndicatorFactory, ProgrammeFactory, TargetFactory

from .helpers import db_state, walk_report


@pytest.fixture
def quarters(world, django_capture_on_commit_callbacks):
    """2024 Q1 closed with both programmes verified (GOV-01 20/40 = 50%, ECO-01 30/30 = 100%); Q2 open with
    nothing verified yet."""
    admin, officer, tim = (world["users"][r] for r in ("region_admin", "agency_officer", "tim_pelaksana"))
    eco = ProgrammeFactory(
        masterplan=world["home_plan"],
        code="ECO-01",
        dimension=world["home_dims"]["economy"],
        owner_agency=world["home_agency"],
    )
    eco_indicator = IndicatorFactory(programme=eco)
    TargetFactory(indicator=eco_indicator, year=2024, value=30)
    gov_indicator = world["home_programme"].indicators.get()
    services.reporting_periods_create_year(actor=admin, region=world["home"], year=2024)
    q1, q2 = (ReportingPeriod.objects.get(region=world["home"], year=2024, number=n) for n in (1, 2))
    with django_capture_on_commit_callbacks(execute=True):
        q1 = services.reporting_period_set_status(actor=admin, period=q1, status="open")
        for programme, indicator, value in ((world["home_programme"], gov_indicator, "20"), (eco, eco_indicator, "30")):
            walk_report(programme=programme, period=q1, writer=officer, verifier=tim, values={indicator: value})
        q1 = services.reporting_period_set_status(actor=admin, period=q1, status="closed")
        q2 = services.reporting_period_set_status(actor=admin, period=q2, status="open")
    return {**world, "q1": q1, "q2": q2, "eco": eco, "gov_indicator": gov_indicator, "eco_indicator": eco_indicator}


def _verify_in_q2(w, programme, indicator, value, callbacks):
    officer, tim = w["users"]["agency_officer"], w["users"]["tim_pelaksana"]
    with callbacks(execute=True):
        walk_report(programme=programme, period=w["q2"], writer=officer, verifier=tim, values={indicator: value})


def test_verifying_one_report_in_a_new_quarter_does_not_move_the_headline(
    quarters, client, client_for, django_capture_on_commit_callbacks
):
    w = quarters
    assert headline_period(w["home"]) == w["q1"]
    before = client.get("/r/luwu-utara/").content.decode()
    assert 'data-testid="public-summary"' in before and "75%" in before
    _verify_in_q2(w, w["home_programme"], w["gov_indicator"], "40", django_capture_on_commit_callbacks)
    # Q2 now has a roll-up (1 of 2 verified, 100% for governance) but the headline stays on the closed Q1.
    q2_overall = Achievement.objects.get(period=w["q2"], level=Achievement.Level.MASTERPLAN)
    assert (q2_overall.reported, q2_overall.expected) == (1, 2)
    assert headline_period(w["home"]) == w["q1"]
    summary = public_summary(region=w["home"])
    assert summary["period"] == w["q1"] and (summary["overall"].reported, summary["overall"].expected) == (2, 2)
    with translation.override("id"):
        label = w["q1"].label
    after = client.get("/r/luwu-utara/").content.decode()
    assert label in after and "75%" in after
    assert "2 dari 2 program terverifikasi" in after
    assert 'data-testid="dimension-coverage-governance">1 dari 1 program terverifikasi<' in after
    # The council's dashboard (the Dewan reads the monitoring dashboard) shows the same period by default.
    dewan = client_for(w["users"]["dewan"]).get("/r/luwu-utara/monev/").content.decode()
    assert 'data-testid="overall-achievement">75%<' in dewan and 'data-testid="headline-note"' in dewan


def test_a_recent_period_leads_once_its_coverage_reaches_the_threshold(quarters, django_capture_on_commit_callbacks):
    w = quarters
    _verify_in_q2(w, w["home_programme"], w["gov_indicator"], "40", django_capture_on_commit_callbacks)
    assert headline_period(w["home"]) == w["q1"]  # default 100%: 1 of 2 is not enough
    services.monitoring_settings_update(actor=w["users"]["region_admin"], region=w["home"], headline_min_coverage=50)
    assert headline_period(w["home"]) == w["q2"]  # 1 of 2 = 50%
    services.monitoring_settings_update(actor=w["users"]["region_admin"], region=w["home"], headline_min_coverage=51)
    assert headline_period(w["home"]) == w["q1"]
    _verify_in_q2(w, w["eco"], w["eco_indicator"], "15", django_capture_on_commit_callbacks)
    services.monitoring_settings_update(actor=w["users"]["region_admin"], region=w["home"], headline_min_coverage=100)
    assert headline_period(w["home"]) == w["q2"]  # every programme verified: as good as closed


def test_no_headline_before_any_period_closed_or_qualified(world):
    assert headline_period(world["home"]) is None
    assert public_summary(region=world["home"]) == {"period": None}


# --- the staff dashboard's period picker ----------------------------------------------------------------


def test_the_dashboard_picks_a_period_and_keeps_it_for_the_agency_links(
    quarters, client_for, django_capture_on_commit_callbacks
):
    w = quarters
    _verify_in_q2(w, w["home_programme"], w["gov_indicator"], "40", django_capture_on_commit_callbacks)
    client = client_for(w["users"]["dewan"])
    html = client.get(f"/r/luwu-utara/monev/?period={w['q2'].pk}").content.decode()
    assert 'data-testid="overall-achievement">100%<' in html  # governance 100%, economy not yet reported
    assert 'data-testid="overall-coverage">(1 ' in html
    assert f'<option value="{w["q2"].pk}" selected>' in html
    assert f"period={w['q2'].pk}" in html.split('data-testid="agency-table"')[1]
    assert 'data-testid="headline-note"' not in html
    html = client.get(f"/r/luwu-utara/monev/?period={w['q1'].pk}").content.decode()
    assert 'data-testid="overall-achievement">75%<' in html


@pytest.mark.parametrize("raw", ["abc", "-1", "1.5", "99999999999999999999999", "%00", " "])
def test_a_nonsense_period_is_a_404(quarters, client_for, raw):
    response = client_for(quarters["users"]["tim_pelaksana"]).get("/r/luwu-utara/monev/", {"period": raw})
    assert response.status_code == 404


def test_another_regions_or_a_planned_period_is_a_404(quarters, client_for):
    w = quarters
    services.reporting_periods_create_year(actor=w["users"]["other_admin"], region=w["other"], year=2024)
    theirs = ReportingPeriod.objects.filter(region=w["other"]).first()
    planned = ReportingPeriod.objects.get(region=w["home"], year=2024, number=4)
    client = client_for(w["users"]["tim_pelaksana"])
    for period in (theirs, planned):
        assert client.get("/r/luwu-utara/monev/", {"period": period.pk}).status_code == 404


def test_picking_a_period_costs_a_fixed_number_of_queries(quarters, client_for, django_assert_max_num_queries):
    client = client_for(quarters["users"]["tim_pelaksana"])
    url = f"/r/luwu-utara/monev/?period={quarters['q1'].pk}"
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(24):
        client.get(url)
    with django_assert_max_num_queries(6):  # the cached body: the request floor plus the period check
        client.get(url)


# --- the region setting ---------------------------------------------------------------------------------


def test_the_admin_sets_the_threshold_on_the_settings_page_and_it_is_audited(world, client_for):
    client = client_for(world["users"]["region_admin"])
    page = client.get("/r/luwu-utara/monev/pengaturan/")
    assert page.status_code == 200 and 'name="headline_min_coverage" value="100"' in page.content.decode()
    response = client.post(
        "/r/luwu-utara/monev/pengaturan/", {"headline_min_coverage": "80", "evidence_required": "on"}
    )
    assert response.status_code == 302
    config = MonitoringSettings.objects.get(region=world["home"])
    assert (config.headline_min_coverage, config.evidence_required) == (80, True)
    event = AuditEvent.objects.get(action="monitoring_settings.update")
    assert event.before["headline_min_coverage"] == 100 and event.after["headline_min_coverage"] == 80
    assert event.actor == world["users"]["region_admin"]


@pytest.mark.parametrize("raw", ["101", "-1", "abc", "", "50.5", "1e3"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_threshold_outside_0_to_100_is_a_clear_form_error(world, client_for, raw, language):
    client = client_for(world["users"]["region_admin"])
    client.cookies["django_language"] = language
    before = db_state()
    response = client.post("/r/luwu-utara/monev/pengaturan/", {"headline_min_coverage": raw})
    assert response.status_code == 400
    errors = response.context["form"].errors["headline_min_coverage"]
    expected = {"id": ("Isikan", "0", "100"), "en": ("Enter", "0", "100")}[language]
    if raw:
        assert all(part in errors[0] for part in expected), errors
    assert db_state() == before


@pytest.mark.parametrize("value", [101, -1, "50", None, True, 1000])
def test_the_service_refuses_a_threshold_outside_0_to_100(world, value):
    before = db_state()
    with pytest.raises(ApplicationError) as exc:
        services.monitoring_settings_update(
            actor=world["users"]["region_admin"], region=world["home"], headline_min_coverage=value
        )
    assert "headline_min_coverage" in exc.value.fields
    assert db_state() == before


@pytest.mark.parametrize(
    "who", ["tim_pelaksana", "dewan", "agency_officer", "partner", "citizen", "other_admin", "evaluator"]
)
def test_only_the_region_admin_changes_the_monitoring_settings(world, client_for, who):
    before = db_state()
    with pytest.raises(ApplicationError):
        services.monitoring_settings_update(
            actor=world["users"][who], region=world["home"], headline_min_coverage=10, evidence_required=False
        )
    response = client_for(world["users"][who]).post("/r/luwu-utara/monev/pengaturan/", {"headline_min_coverage": "10"})
    assert response.status_code in (403, 404)
    assert db_state() == before
