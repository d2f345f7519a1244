"""Achievement arithmetic against figures computed by hand: indicators, programmes and every roll-up level."""

from decimal import Decimal

import pytest
from django.utils import translation

from kotacerdas.common.templatetags.kc import pct
from kotacerdas.masterplan.models import Indicator, Programme
from kotacerdas.monitoring import services
from kotacerdas.monitoring.achievement import indicator_achievement, shown, weighted_mean
from kotacerdas.monitoring.models import Achievement, MonitoringSettings, ProgressReport
from kotacerdas.monitoring.selectors import public_summary
from tests.factories import AgencyFactory, IndicatorFactory, ProgrammeFactory, TargetFactory

from .helpers import walk_report

D = Decimal
HIGHER, LOWER = False, True


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- one indicator ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "realised, target, lower, cap, expected",
    [
        ("30", "40", HIGHER, 100, "75.00"),
        ("40", "40", HIGHER, 100, "100.00"),
        ("1", "3", HIGHER, 100, "33.33"),
        ("2", "3", HIGHER, 100, "66.67"),  # 66.666… rounds half up
        ("0", "40", HIGHER, 100, "0.00"),
        ("60", "40", HIGHER, 100, "100.00"),  # 150% capped at the default 100
        ("60", "40", HIGHER, 120, "120.00"),  # 150% capped at 120
        ("46", "40", HIGHER, 120, "115.00"),  # under the cap: kept
        ("12", "10", LOWER, 100, "80.00"),  # (2×10 − 12) ÷ 10
        ("10", "10", LOWER, 100, "100.00"),
        ("8", "10", LOWER, 100, "100.00"),  # 120% capped
        ("8", "10", LOWER, 120, "120.00"),
        ("5", "10", LOWER, 120, "120.00"),  # 150% capped at 120
        ("25", "10", LOWER, 100, "0.00"),  # −50% floored at 0
        ("20", "10", LOWER, 100, "0.00"),
        ("6.5", "4", LOWER, 100, "37.50"),  # (8 − 6.5) ÷ 4
    ],
)
def test_indicator_achievement(realised, target, lower, cap, expected):
    value, _note = indicator_achievement(realised=D(realised), target=D(target), lower_is_better=lower, cap=cap)
    assert value == D(expected)
    assert str(value) == expected  # two decimals, always


@pytest.mark.parametrize(
    "realised, lower, expected",
    [("0", HIGHER, "100"), ("7", HIGHER, "100"), ("0", LOWER, "100"), ("3", LOWER, "0"), ("-1", HIGHER, "0")],
)
def test_target_zero_is_all_or_nothing(realised, lower, expected):
    value, note = indicator_achievement(realised=D(realised), target=D(0), lower_is_better=lower)
    assert value == D(expected)
    assert note == "Target is 0: 100% when met, 0% otherwise."


def test_no_target_is_not_counted():
    value, note = indicator_achievement(realised=D(5), target=None, lower_is_better=False)
    assert value is None and note == "No target for this year: not counted."


def test_notes_explain_the_formula_and_the_cap():
    _, note = indicator_achievement(realised=D(30), target=D(40), lower_is_better=False)
    assert note == "Higher is better: realised ÷ target."
    _, note = indicator_achievement(realised=D(12), target=D(10), lower_is_better=True)
    assert note == "Lower is better: (2 × target − realised) ÷ target."
    _, note = indicator_achievement(realised=D(60), target=D(40), lower_is_better=False)
    assert note == "Higher is better: realised ÷ target. Capped from 150.00% to 100.00%."
    _, note = indicator_achievement(realised=D(60), target=D(40), lower_is_better=False, cap=120)
    assert note.endswith("Capped from 150.00% to 120.00%.")
    _, note = indicator_achievement(realised=D(25), target=D(10), lower_is_better=True)
    assert note.endswith("Capped from -50.00% to 0.00%.")
    _, note = indicator_achievement(realised=D(46), target=D(40), lower_is_better=False, cap=120)
    assert "Capped" not in note


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ([(D(75), D(1)), (D(80), D(3))], D("78.75")),
        ([(D(75), D(1)), (None, D(5)), (D(80), D(3))], D("78.75")),  # missing values are skipped
        ([(D(75), D(1)), (D(10), D(0))], D("75.00")),  # weight 0 does not count
        ([(D(100), D(1)), (D(0), D(2))], D("33.33")),
        ([(D("72.5"), D(1)), (D(100), D(3))], D("93.13")),  # 93.125 half up
        ([(None, D(1))], None),
        ([], None),
    ],
)
def test_weighted_mean(pairs, expected):
    assert weighted_mean(pairs) == expected


# --- a programme through the save service -------------------------------------------------------------


def _two_indicator_programme(mon):
    programme = mon["home_programme"]
    first = mon["indicator"]  # higher is better, target 40 in 2024
    second = IndicatorFactory(programme=programme, direction=Indicator.Direction.LOWER, weight=D(3))
    TargetFactory(indicator=second, year=2024, value=D(10))
    return programme, first, second


def test_save_computes_each_value_and_the_weighted_programme_achievement(mon):
    programme, first, second = _two_indicator_programme(mon)
    report = walk_report(
        programme=programme,
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        values={first: "30", second: "12"},
        until=ProgressReport.Status.DRAFT,
    )
    rows = {v.indicator_id: v for v in report.values.all()}
    assert rows[first.pk].target == D(40) and rows[first.pk].achievement == D("75.00")
    assert rows[second.pk].target == D(10) and rows[second.pk].achievement == D("80.00")
    assert rows[second.pk].note == "Lower is better: (2 × target − realised) ÷ target."
    # (75 × 1 + 80 × 3) ÷ 4
    assert report.achievement == D("78.75")


def test_save_caps_with_the_regions_setting_and_notes_it(mon):
    MonitoringSettings.objects.create(region=mon["home"], achievement_cap=120)
    report = walk_report(
        programme=mon["home_programme"],
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        values={mon["indicator"]: "60"},
        until=ProgressReport.Status.DRAFT,
    )
    value = report.values.get()
    assert value.achievement == D("120.00") and report.achievement == D("120.00")
    assert value.note.endswith("Capped from 150.00% to 120.00%.")


def test_save_caps_at_100_by_default(mon):
    report = walk_report(
        programme=mon["home_programme"],
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        values={mon["indicator"]: "60"},
        until=ProgressReport.Status.DRAFT,
    )
    assert report.achievement == D("100.00")
    assert "Capped from 150.00% to 100.00%." in report.values.get().note


def test_indicator_without_target_does_not_count(mon):
    programme, first, _second = _two_indicator_programme(mon)
    untargeted = IndicatorFactory(programme=programme, weight=D(10))  # no 2024 target
    report = walk_report(
        programme=programme,
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        values={first: "30", untargeted: "99"},
        until=ProgressReport.Status.DRAFT,
    )
    assert report.values.get(indicator=untargeted).achievement is None
    assert report.achievement == D("75.00")


def test_programme_without_indicators_uses_the_progress(mon):
    programme = ProgrammeFactory(masterplan=mon["home_plan"], owner_agency=mon["home_agency"])
    report = walk_report(
        programme=programme,
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        progress="62.5",  # English is active in this module
        until=ProgressReport.Status.DRAFT,
    )
    assert report.progress_percent == D("62.5") and report.achievement == D("62.5")


# --- roll-up ------------------------------------------------------------------------------------------


@pytest.fixture
def plan(mon):
    """Five programmes running in 2024 (the world's GOV-01 plus four), some verified, one only submitted.

    | programme | dimension  | element | agency | weight | achievement                          |
    |-----------|------------|---------|--------|--------|--------------------------------------|
    | GOV-01    | governance | –       | DLH    | 1      | not reported                         |
    | P1        | governance | g1      | A      | 2      | (30/40=75 ×1 + (20−12)/10=80 ×3)/4 = 78.75 |
    | P2        | governance | g1      | B      | 1      | no indicators, progress 60           |
    | P3        | economy    | e1      | A      | 1      | 80/50 = 160 → capped                 |
    | P4        | economy    | e1      | B      | 1      | only submitted (does not count)      |
    | P5        | economy    | e1      | B      | 1      | runs 2025–2026: not expected in 2024 |
    Dimension weights: governance 1, economy 3.
    """
    home, dims = mon["home"], mon["home_dims"]
    dims["economy"].weight = D(3)
    dims["economy"].save()
    g1 = dims["governance"].elements.first()
    e1 = dims["economy"].elements.first()
    a, b = AgencyFactory(region=home, acronym="A"), AgencyFactory(region=home, acronym="B")

    def programme(code, dim, element, agency, weight=1, **kw):
        return ProgrammeFactory(
            masterplan=mon["home_plan"],
            code=code,
            dimension=dim,
            element=element,
            owner_agency=agency,
            weight=D(weight),
            **kw,
        )

    p1 = programme("P1", dims["governance"], g1, a, weight=2)
    p1_up = IndicatorFactory(programme=p1, weight=D(1))
    p1_down = IndicatorFactory(programme=p1, weight=D(3), direction=Indicator.Direction.LOWER)
    TargetFactory(indicator=p1_up, year=2024, value=D(40))
    TargetFactory(indicator=p1_down, year=2024, value=D(10))
    p2 = programme("P2", dims["governance"], g1, b)
    p3 = programme("P3", dims["economy"], e1, a)
    p3_ind = IndicatorFactory(programme=p3)
    TargetFactory(indicator=p3_ind, year=2024, value=D(50))
    p4 = programme("P4", dims["economy"], e1, b)
    programme("P5", dims["economy"], e1, b, start_year=2025, end_year=2026)
    mon.update(
        a=a,
        b=b,
        g1=g1,
        e1=e1,
        p1=p1,
        p2=p2,
        p3=p3,
        p4=p4,
        values={p1: {p1_up: "30", p1_down: "12"}, p3: {p3_ind: "80"}},
    )
    return mon


def _verify_all(plan):
    period, admin, tim = plan["home_period"], plan["users"]["region_admin"], plan["users"]["tim_pelaksana"]
    walk_report(programme=plan["p1"], period=period, writer=admin, verifier=tim, values=plan["values"][plan["p1"]])
    walk_report(programme=plan["p2"], period=period, writer=admin, verifier=tim, progress="60")
    walk_report(programme=plan["p3"], period=period, writer=admin, verifier=tim, values=plan["values"][plan["p3"]])
    walk_report(programme=plan["p4"], period=period, writer=admin, progress="10", until=ProgressReport.Status.SUBMITTED)


def _rows(period) -> dict:
    return {
        (a.level, a.object_id): (a.value, a.reported, a.expected) for a in Achievement.objects.filter(period=period)
    }


def test_roll_up_with_programme_and_dimension_weights(plan):
    _verify_all(plan)
    rows = _rows(plan["home_period"])
    L = Achievement.Level
    assert rows[(L.PROGRAMME, plan["p1"].pk)] == (D("78.75"), 1, 1)
    assert rows[(L.PROGRAMME, plan["p2"].pk)] == (D("60.00"), 1, 1)
    assert rows[(L.PROGRAMME, plan["p3"].pk)] == (D("100.00"), 1, 1)
    assert (L.PROGRAMME, plan["p4"].pk) not in rows  # submitted, not verified
    assert (L.PROGRAMME, plan["home_programme"].pk) not in rows
    # element g1: (78.75 × 2 + 60 × 1) ÷ 3 = 72.50
    assert rows[(L.ELEMENT, plan["g1"].pk)] == (D("72.50"), 2, 2)
    # element e1: P3 only counts; P4 is expected; P5 does not run in 2024
    assert rows[(L.ELEMENT, plan["e1"].pk)] == (D("100.00"), 1, 2)
    assert rows[(L.DIMENSION, plan["home_dims"]["governance"].pk)] == (D("72.50"), 2, 3)
    assert rows[(L.DIMENSION, plan["home_dims"]["economy"].pk)] == (D("100.00"), 1, 2)
    # agency A: (78.75 × 2 + 100 × 1) ÷ 3 = 85.833… ; agency B: P2 only; DLH: nothing verified
    assert rows[(L.AGENCY, plan["a"].pk)] == (D("85.83"), 2, 2)
    assert rows[(L.AGENCY, plan["b"].pk)] == (D("60.00"), 1, 2)
    assert rows[(L.AGENCY, plan["home_agency"].pk)] == (None, 0, 1)
    # masterplan: (72.50 × 1 + 100 × 3) ÷ 4 = 93.125 → 93.13; 3 of 5 programmes verified
    assert rows[(L.MASTERPLAN, plan["home_plan"].pk)] == (D("93.13"), 3, 5)
    # dimensions without programmes get no row
    assert (L.DIMENSION, plan["home_dims"]["living"].pk) not in rows


def test_roll_up_with_a_cap_of_120(plan):
    MonitoringSettings.objects.create(region=plan["home"], achievement_cap=120)
    _verify_all(plan)
    rows = _rows(plan["home_period"])
    L = Achievement.Level
    assert rows[(L.PROGRAMME, plan["p3"].pk)][0] == D("120.00")
    assert rows[(L.DIMENSION, plan["home_dims"]["economy"].pk)][0] == D("120.00")
    # (72.50 + 120 × 3) ÷ 4 = 108.125 → 108.13
    assert rows[(L.MASTERPLAN, plan["home_plan"].pk)][0] == D("108.13")


def test_equal_dimension_weights_by_default(plan):
    plan["home_dims"]["economy"].weight = D(1)
    plan["home_dims"]["economy"].save()
    _verify_all(plan)
    # (72.50 + 100) ÷ 2
    masterplan = Achievement.objects.get(period=plan["home_period"], level=Achievement.Level.MASTERPLAN)
    assert masterplan.value == D("86.25")


def test_only_verified_reports_count(plan):
    # The open period leads the public figures as soon as it has a verified report (threshold 0%).
    MonitoringSettings.objects.create(region=plan["home"], headline_min_coverage=0)
    _verify_all(plan)
    before = _rows(plan["home_period"])
    summary = public_summary(region=plan["home"])
    assert summary["overall"].value == D("93.13")
    # Another programme submitted (not verified) and a recompute: nothing public moves.
    walk_report(
        programme=plan["home_programme"],
        period=plan["home_period"],
        writer=plan["users"]["agency_officer"],
        values={plan["indicator"]: "40"},
        until=ProgressReport.Status.SUBMITTED,
    )
    services.achievements_recompute(region=plan["home"], period=plan["home_period"])
    assert _rows(plan["home_period"]) == before
    assert public_summary(region=plan["home"])["overall"].value == D("93.13")
    # A returned report does not count either.
    report = ProgressReport.objects.get(programme=plan["home_programme"])
    services.progress_report_return(actor=plan["users"]["tim_pelaksana"], report=report, comment="Lengkapi bukti.")
    services.achievements_recompute(region=plan["home"], period=plan["home_period"])
    assert _rows(plan["home_period"]) == before


def test_verifying_updates_the_roll_up(plan):
    _verify_all(plan)
    report = walk_report(
        programme=plan["home_programme"],
        period=plan["home_period"],
        writer=plan["users"]["agency_officer"],
        verifier=plan["users"]["tim_pelaksana"],
        values={plan["indicator"]: "20"},  # 50%
    )
    assert report.achievement == D("50.00")
    rows = _rows(plan["home_period"])
    L = Achievement.Level
    # governance: (78.75 × 2 + 60 + 50) ÷ 4 = 66.875 → 66.88
    assert rows[(L.DIMENSION, plan["home_dims"]["governance"].pk)] == (D("66.88"), 3, 3)
    assert rows[(L.AGENCY, plan["home_agency"].pk)] == (D("50.00"), 1, 1)
    # (66.875 rounded 66.88 + 300) ÷ 4 = 91.72
    assert rows[(L.MASTERPLAN, plan["home_plan"].pk)] == (D("91.72"), 4, 5)


def test_nothing_verified_means_no_value_but_counts(plan):
    count = services.achievements_recompute(region=plan["home"], period=plan["home_period"])
    rows = _rows(plan["home_period"])
    assert count == len(rows)
    assert rows[(Achievement.Level.MASTERPLAN, plan["home_plan"].pk)] == (None, 0, 5)
    assert all(value is None and reported == 0 for value, reported, _ in rows.values())
    assert public_summary(region=plan["home"]) == {"period": None}


def test_recompute_replaces_rows_and_stays_in_its_period(plan):
    from .factories import ReportingPeriodFactory

    q2 = ReportingPeriodFactory(region=plan["home"], year=2024, number=2)
    _verify_all(plan)
    services.achievements_recompute(region=plan["home"], period=plan["home_period"])
    services.achievements_recompute(region=plan["home"], period=plan["home_period"])
    assert Achievement.objects.filter(period=plan["home_period"], level=Achievement.Level.MASTERPLAN).count() == 1
    services.achievements_recompute(region=plan["home"], period=q2)
    assert _rows(q2)[(Achievement.Level.MASTERPLAN, plan["home_plan"].pk)] == (None, 0, 5)
    assert _rows(plan["home_period"])[(Achievement.Level.MASTERPLAN, plan["home_plan"].pk)][0] == D("93.13")


def test_region_without_adopted_masterplan_has_no_roll_up(mon):
    """Maros has a draft masterplan: nothing is expected, nothing is published."""
    report = walk_report(
        programme=mon["other_programme"],
        period=mon["other_period"],
        writer=mon["users"]["other_admin"],
        values={mon["other_programme"].indicators.get(): "40"},
        until=ProgressReport.Status.SUBMITTED,
    )
    assert report.status == ProgressReport.Status.SUBMITTED
    assert services.achievements_recompute(region=mon["other"], period=mon["other_period"]) == 0
    assert not Achievement.objects.filter(region=mon["other"]).exists()
    assert Programme.objects.filter(region=mon["other"]).count() == 1


# --- rounding once, when shown ---------------------------------------------------------------------------


def test_programme_figure_is_rounded_once_not_per_indicator(mon):
    # By hand: indicator 1 is 1 ÷ 2 = 50%, indicator 2 is 2 ÷ 3 = 66.666…%.
    # Exact mean: (50 + 66.666…) ÷ 2 = 58.333… → shown 58.33.
    # Rounding each indicator first would give (50 + 66.67) ÷ 2 = 58.335 → 58.34, 0,01 high.
    programme = mon["home_programme"]
    first = mon["indicator"]
    first.targets.filter(year=2024).update(value=D(2))
    second = IndicatorFactory(programme=programme, direction=Indicator.Direction.HIGHER, weight=D(1))
    TargetFactory(indicator=second, year=2024, value=D(3))
    first.weight = D(1)
    first.save()
    report = walk_report(
        programme=programme,
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        values={first: "1", second: "2"},
        verifier=mon["users"]["tim_pelaksana"],
        until=ProgressReport.Status.VERIFIED,
    )
    report.refresh_from_db()
    assert shown(report.achievement) == D("58.33")
    row = Achievement.objects.get(period=mon["home_period"], level=Achievement.Level.PROGRAMME, object_id=programme.pk)
    assert row.value == D("58.33")
    dimension = Achievement.objects.get(
        period=mon["home_period"], level=Achievement.Level.DIMENSION, object_id=programme.dimension_id
    )
    assert dimension.value == D("58.33")  # built on the exact programme figure, not on a rounded one
    assert pct(report.achievement) == "58.33"  # shown: rounded once, two decimals


def test_shown_rounds_half_up_to_two_decimals():
    assert shown(D("58.335")) == D("58.34") and shown(D("58.334999")) == D("58.33") and shown(None) is None


def test_a_verification_writes_only_the_rows_its_programme_feeds(plan):
    """From the second verification of a period on, only the programme's own row, its element's, dimension's,
    agency's and the masterplan's are written, with the values a full recompute gives."""
    period = plan["home_period"]
    _verify_all(plan)  # the first verification rolled the whole period up, the next two only their rows
    incremental = _rows(period)
    services.achievements_recompute(region=plan["home"], period=period)
    assert _rows(period) == incremental
    stamps = {(a.level, a.object_id): a.updated_at for a in Achievement.objects.filter(period=period)}
    walk_report(
        programme=plan["home_programme"],
        period=period,
        writer=plan["users"]["agency_officer"],
        verifier=plan["users"]["tim_pelaksana"],
        values={plan["indicator"]: "20"},
    )
    after = {(a.level, a.object_id): a.updated_at for a in Achievement.objects.filter(period=period)}
    written = {key for key, stamp in after.items() if stamps.get(key) != stamp}
    L = Achievement.Level
    assert written == {
        (L.PROGRAMME, plan["home_programme"].pk),
        (L.DIMENSION, plan["home_dims"]["governance"].pk),
        (L.AGENCY, plan["home_agency"].pk),
        (L.MASTERPLAN, plan["home_plan"].pk),
    }
    incremental = _rows(period)
    services.achievements_recompute(region=plan["home"], period=period)
    assert _rows(period) == incremental


def test_a_changed_programme_list_falls_back_to_the_full_roll_up(plan):
    period = plan["home_period"]
    _verify_all(plan)
    ProgrammeFactory(masterplan=plan["home_plan"], code="P9", dimension=plan["home_dims"]["living"])
    services.achievements_update(region=plan["home"], period=period, programme_id=plan["p1"].pk)
    incremental = _rows(period)
    assert incremental[(Achievement.Level.MASTERPLAN, plan["home_plan"].pk)][2] == 6  # P9 is expected now
    services.achievements_recompute(region=plan["home"], period=period)
    assert _rows(period) == incremental
