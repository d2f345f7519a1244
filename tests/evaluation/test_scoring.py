"""The arithmetic against figures computed by hand (docs/evaluation.md has the same worked example)."""

from decimal import Decimal as D

from kotacerdas.evaluation.scoring import Unit, compute, q2, quick_win_units

DIMS = [
    ("baseline", "Baseline", D(10)),
    ("output", "Output", D(20)),
    ("outcome", "Outcome", D(30)),
    ("impact", "Impact", D(30)),
    ("quick_win", "Quick Win", D(10)),
]


def _example():
    units = [
        Unit("item:1", "B1", "b1", "baseline", "", D(50), D(2)),
        Unit("item:2", "B2", "b2", "baseline", "", D(50), D(3)),
        Unit("item:3", "O1", "o1", "output", "governance", D(100), D(3)),
        Unit("item:4", "C1", "c1", "outcome", "governance", D(60), D(4)),
        Unit("item:5", "C2", "c2", "outcome", "economy", D(40), D(2)),
        Unit("item:6", "I1", "i1", "impact", "economy", D(100), D(1)),
    ]
    units += quick_win_units([(10, "Q1", "q1", "governance", D(3)), (11, "Q2", "q2", "economy", D(1))])
    return compute(dimensions=DIMS, units=units, scale_max=D(4))


def test_index_and_dimensions_by_hand():
    r = _example()
    scores = {d.key: d.score for d in r.dimensions}
    # Baseline 0.5×2 + 0.5×3 = 2.5; Output 3; Outcome 0.6×4 + 0.4×2 = 3.2; Impact 1; Quick Win (3 + 1) / 2 = 2
    assert scores == {"baseline": D("2.5"), "output": D(3), "outcome": D("3.2"), "impact": D(1), "quick_win": D(2)}
    # 0.1×2.5 + 0.2×3 + 0.3×3.2 + 0.3×1 + 0.1×2 = 0.25 + 0.6 + 0.96 + 0.3 + 0.2 = 2.31
    assert r.index == D("2.31") and r.complete
    assert [d.contribution for d in r.dimensions] == [D("0.25"), D("0.6"), D("0.96"), D("0.3"), D("0.2")]


def test_smart_city_dimensions_by_hand():
    r = _example()
    # governance: O1 (20×100, 3), C1 (30×60, 4), Q1 (10×50, 3) → (6000 + 7200 + 1500) / 4300
    assert q2(r.smart["governance"]) == D("3.42")
    assert r.smart["governance"] == D(14700) / D(4300)
    # economy: C2 (30×40, 2), I1 (30×100, 1), Q2 (10×50, 1) → (2400 + 3000 + 500) / 4700
    assert r.smart["economy"] == D(5900) / D(4700)
    assert "society" not in r.smart


def test_gaps_by_hand_and_they_add_up_to_the_distance_to_the_top():
    r = _example()
    gaps = [(g.unit.code, g.gap) for g in r.gaps]
    assert gaps == [
        ("I1", D("0.9")),  # (4 − 1) × 1.0 × 0.3
        ("C2", D("0.24")),  # (4 − 2) × 0.4 × 0.3
        ("O1", D("0.2")),  # (4 − 3) × 1.0 × 0.2
        ("Q2", D("0.15")),  # (4 − 1) × 0.5 × 0.1
        ("B1", D("0.1")),  # (4 − 2) × 0.5 × 0.1
        ("B2", D("0.05")),
        ("Q1", D("0.05")),
    ]  # C1 is at the top: no gap
    assert sum(g for _c, g in gaps) == D(4) - r.index


def test_top_ten_only():
    units = [Unit(f"item:{i}", f"X{i:02d}", "x", "outcome", "", D(5), D(0)) for i in range(20)]
    r = compute(dimensions=DIMS, units=units, scale_max=D(4), top=10)
    assert len(r.gaps) == 10 and r.gaps[0].unit.code == "X00"


def test_missing_scores_are_incomplete_and_no_quick_win_scores_zero():
    units = [
        Unit("item:1", "B1", "b", "baseline", "", D(100), None),
        Unit("item:2", "O1", "o", "output", "", D(100), D(4)),
    ]
    r = compute(dimensions=DIMS, units=units, scale_max=D(4))
    assert not r.complete
    scores = {d.key: d.score for d in r.dimensions}
    assert scores["baseline"] is None and scores["quick_win"] == 0
    assert r.index == D("0.8")


def test_published_rounding_is_half_up():
    assert q2(D("2.875")) == D("2.88") and q2(D("2.3275")) == D("2.33") and q2(D("2.8749")) == D("2.87")
