"""The self-assessment prefill reads the CLOSED periods of the evaluated year: a report verified in the open quarter
does not change it, so a region's self-score does not depend on the day the round opens. A quick win completed in
an earlier year counts by its own final result; the texts write numbers the Indonesian way."""

from decimal import Decimal

import pytest
from freezegun import freeze_time

from kotacerdas.evaluation import prefill
from kotacerdas.evaluation import services as evaluation
from kotacerdas.monitoring import services as monitoring
from kotacerdas.monitoring.models import ReportingPeriod
from tests.factories import IndicatorFactory, ProgrammeFactory, TargetFactory
from tests.monitoring.helpers import walk_report

DAY_ONE, DAY_TWO = "2024-10-03 09:00:00", "2024-11-20 09:00:00"  # both in Q4 2024, while Q4 is open


def _quarter(world, year: int, number: int, status: str) -> ReportingPeriod:
    admin = world["users"]["region_admin"]
    monitoring.reporting_periods_create_year(actor=admin, region=world["home"], year=year)
    period = ReportingPeriod.objects.get(region=world["home"], year=year, number=number)
    return monitoring.reporting_period_set_status(actor=admin, period=period, status=status)


@pytest.fixture
def history(world):
    """QW-OLD, a quick win of 2023 only, verified at 95% in Q4 2023 (closed). GOV-01 (a quick win 2023–2025,
    target 40 in 2024) verified at 31 = 77,5% in Q3 2024 (closed). Q4 2024 open with nothing verified yet."""
    officer, tim = world["users"]["agency_officer"], world["users"]["tim_pelaksana"]
    old = ProgrammeFactory(
        masterplan=world["home_plan"],
        code="QW-OLD",
        dimension=world["home_dims"]["living"],
        owner_agency=world["home_agency"],
        is_quick_win=True,
        quick_win_year=2023,
        start_year=2023,
        end_year=2023,
    )
    old_indicator = IndicatorFactory(programme=old)
    TargetFactory(indicator=old_indicator, year=2023, value=10)
    q4_2023 = _quarter(world, 2023, 4, "open")
    walk_report(programme=old, period=q4_2023, writer=officer, verifier=tim, values={old_indicator: "9,5"})
    _quarter(world, 2023, 4, "closed")
    q3 = _quarter(world, 2024, 3, "open")
    gov_indicator = world["home_programme"].indicators.get()
    walk_report(
        programme=world["home_programme"], period=q3, writer=officer, verifier=tim, values={gov_indicator: "31"}
    )
    _quarter(world, 2024, 3, "closed")
    world["q4"] = _quarter(world, 2024, 4, "open")
    world["gov_indicator"] = gov_indicator
    world["old"] = old
    return world


def _prefill_of(round_) -> dict:
    return {
        "scores": {
            s.item.code: (s.prefill_value, s.prefill_url, s.prefill_score, s.self_score)
            for s in round_.scores.select_related("item")
        },
        "quick_wins": {r.programme.code: r.implementation_value for r in round_.quick_wins.select_related("programme")},
    }


def test_the_self_score_does_not_depend_on_the_day_the_round_opens(history):
    evaluator = history["users"]["evaluator"]
    with freeze_time(DAY_ONE):
        framework = evaluation.framework_create(actor=evaluator, year=2024)
        round_ = evaluation.round_create(actor=evaluator, region=history["home"], framework=framework)
    day_one = _prefill_of(round_)
    # Between the two days, one report of the open Q4 is verified (5%): the old prefill switched to it.
    with freeze_time(DAY_TWO):
        walk_report(
            programme=history["home_programme"],
            period=history["q4"],
            writer=history["users"]["agency_officer"],
            verifier=history["users"]["tim_pelaksana"],
            values={history["gov_indicator"]: "2"},
        )
        round_ = evaluation.round_refresh_prefill(actor=history["users"]["region_admin"], round_=round_)
    assert _prefill_of(round_) == day_one
    governance = day_one["scores"]["OC-GOV"]
    assert "77,5%" in governance[0] and "Triwulan 3 2024" in governance[0]  # Indonesian, from the closed Q3
    assert governance[2] == Decimal("3.10")  # 77,5% of 4
    reporting = day_one["scores"]["OC-REP"]
    assert "1 dari 1" in reporting[0] or reporting[2] == Decimal("4.00")
    assert day_one["quick_wins"]["GOV-01"] == "Capaian terverifikasi 77,5% pada Triwulan 3 2024"


def test_a_quick_win_completed_earlier_counts_by_its_own_result(history):
    facts = prefill.collect(region=history["home"], year=2024)
    assert facts.quick_win_results[history["old"].pk][0] == Decimal("95.00")
    assert facts.quick_wins_on_track.value == 2  # QW-OLD (95% in 2023) and GOV-01 (77,5%): both on track
    assert facts.quick_wins_on_track.share == 1
    evaluator = history["users"]["evaluator"]
    framework = evaluation.framework_create(actor=evaluator, year=2024)
    round_ = evaluation.round_create(actor=evaluator, region=history["home"], framework=framework)
    assert _prefill_of(round_)["quick_wins"]["QW-OLD"] == "Capaian terverifikasi 95% pada Triwulan 4 2023"


def test_an_open_period_alone_gives_no_monitoring_prefill(world):
    """Only the open quarter has verified reports: nothing is prefilled from it."""
    q1 = _quarter(world, 2024, 1, "open")
    walk_report(
        programme=world["home_programme"],
        period=q1,
        writer=world["users"]["agency_officer"],
        verifier=world["users"]["tim_pelaksana"],
        values={world["home_programme"].indicators.get(): "40"},
    )
    facts = prefill.collect(region=world["home"], year=2024)
    assert facts.achievement == {} and facts.programmes_verified is None and facts.period_label == ""
