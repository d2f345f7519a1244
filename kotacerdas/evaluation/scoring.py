"""The evaluation arithmetic, on plain values (no queries), so it is easy to check by hand (docs/evaluation.md).

- Score of an evaluation dimension E (not Quick Win): S_E = Σ wᵢ·sᵢ / Σ wᵢ over its scored items
  (item weights wᵢ in % of E; they sum to 100, so with every item scored S_E = Σ (wᵢ/100)·sᵢ).
- Quick Win: each quick win q gets m_q = (innovativeness + implementation + benefit) / 3, and
  S_QW = the mean of m_q over the round's quick wins (each quick win weighs 100/n % of the dimension).
  A round without quick wins scores 0 there.
- Index = Σ_E (W_E/100)·S_E over the evaluation dimensions (W_E in %, summing to 100), on the framework scale.
- Smart city dimension d: Σ W_E·wᵤ·sᵤ / Σ W_E·wᵤ over the items tagged d and the quick wins of d.
- Gap of a unit u (item or quick win): (max − sᵤ) · (wᵤ/100) · (W_E/100) = the index points it would add
  if it reached the top of the scale. The ten largest are "what would raise the score most".
"""

from dataclasses import dataclass, field
from decimal import Decimal

from kotacerdas.common.numbers import shown

ZERO = Decimal(0)
HUNDRED = Decimal(100)
# Rounded to two decimals, half up (2.875 → 2.88), as published: the one display rounding of the platform.
q2 = shown


@dataclass
class Unit:
    """An item, or a quick win in the Quick Win dimension."""

    ref: str  # "item:<id>" or "qw:<programme id>"
    code: str
    label: str
    dimension_key: str
    smart_key: str
    weight: Decimal  # % within its evaluation dimension
    score: Decimal | None


@dataclass
class DimensionResult:
    key: str
    name: str
    weight: Decimal
    score: Decimal | None
    contribution: Decimal  # (W_E/100)·S_E, index points
    scored: int
    total: int


@dataclass
class Gap:
    unit: Unit
    dimension_name: str
    dimension_weight: Decimal
    gap: Decimal  # index points


@dataclass
class Results:
    scale_max: Decimal
    index: Decimal | None
    dimensions: list[DimensionResult]
    smart: dict[str, Decimal | None]
    gaps: list[Gap] = field(default_factory=list)
    complete: bool = False

    @property
    def index_2(self) -> Decimal | None:
        return q2(self.index)


def quick_win_units(ratings, *, dimension_key: str = "quick_win") -> list[Unit]:
    """ratings: iterable of (programme id, code, title, smart key, mean or None)."""
    ratings = list(ratings)
    if not ratings:
        return []
    share = HUNDRED / len(ratings)
    return [
        Unit(f"qw:{pk}", code, title, dimension_key, smart_key, share, mean)
        for pk, code, title, smart_key, mean in ratings
    ]


def compute(*, dimensions, units: list[Unit], scale_max: Decimal, top: int = 10) -> Results:
    """dimensions: iterable of (key, name, weight %). Units with score None count as not scored yet."""
    by_dim: dict[str, list[Unit]] = {}
    for unit in units:
        by_dim.setdefault(unit.dimension_key, []).append(unit)
    rows, index, complete = [], ZERO, True
    weights = {}
    for key, name, weight in dimensions:
        weight = Decimal(weight)
        weights[key] = (name, weight)
        members = by_dim.get(key, [])
        scored = [u for u in members if u.score is not None]
        if len(scored) < len(members):
            complete = False
        total_w = sum((u.weight for u in scored), ZERO)
        if members and total_w > 0:
            score = sum((u.weight * u.score for u in scored), ZERO) / total_w
        elif not members and key == "quick_win":
            score = ZERO  # no quick win to rate: nothing earned
        else:
            score = None
        contribution = weight / HUNDRED * score if score is not None else ZERO
        index += contribution
        rows.append(DimensionResult(key, name, weight, score, contribution, len(scored), len(members)))

    smart_num: dict[str, Decimal] = {}
    smart_den: dict[str, Decimal] = {}
    gaps = []
    for unit in units:
        if unit.dimension_key not in weights or unit.score is None:
            continue
        name, dim_weight = weights[unit.dimension_key]
        effective = dim_weight * unit.weight
        if unit.smart_key:
            smart_num[unit.smart_key] = smart_num.get(unit.smart_key, ZERO) + effective * unit.score
            smart_den[unit.smart_key] = smart_den.get(unit.smart_key, ZERO) + effective
        gap = (Decimal(scale_max) - unit.score) * unit.weight / HUNDRED * dim_weight / HUNDRED
        if gap > 0:
            gaps.append(Gap(unit, name, dim_weight, gap))
    smart = {k: (smart_num[k] / smart_den[k] if smart_den[k] else None) for k in smart_num}
    gaps.sort(key=lambda g: (-g.gap, g.unit.code))
    return Results(Decimal(scale_max), index, rows, smart, gaps[:top], complete)
