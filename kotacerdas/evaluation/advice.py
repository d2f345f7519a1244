"""“What raises our score most”: concrete actions ranked by the index points they are expected to add.

Plain arithmetic on plain values (no queries), so a test can check it by hand (docs/evaluation.md):

- An item i of evaluation dimension E raised by one step (one point of the scale, capped at the top):
  gain = (W_E/100) × (wᵢ/100) × step, step = min(1, max − sᵢ); an unanswered item counts from the lowest
  score. With every item of E answered this is exactly what the index gains (S_E = Σ (wᵢ/100)·sᵢ).
- A quick win q without a citizen impact survey (its benefit criterion has no evidence): one step more on
  benefit, one of the three criteria of its mean, in the Quick Win dimension where each of n quick wins
  weighs 1/n: gain = (W_QW/100) × (1/n) × (1/3) × step.
Ties are broken by code, so the order is stable.
"""

from dataclasses import dataclass
from decimal import Decimal

ONE = Decimal(1)
HUNDRED = Decimal(100)
THREE = Decimal(3)


@dataclass(frozen=True)
class ItemInput:
    item_id: int
    code: str
    title: str
    source: str  # Item.source: where the self-assessment's figure comes from ("" for evidence only)
    smart_key: str
    dimension_key: str
    dimension_name: str
    dimension_weight: Decimal  # W_E, %
    weight: Decimal  # wᵢ within E, %
    score: Decimal | None


@dataclass(frozen=True)
class QuickWinInput:
    programme_id: int
    code: str
    title: str
    has_survey: bool
    benefit: Decimal | None


@dataclass(frozen=True)
class Action:
    kind: str  # "item" or "survey"
    code: str
    title: str
    gain: Decimal  # index points
    factors: tuple  # what the text multiplies: (label, value) pairs; value a Decimal in % or a count
    step: Decimal
    scale_max: Decimal
    item: ItemInput | None = None
    quick_win: QuickWinInput | None = None


def _step(score: Decimal | None, *, scale_min: Decimal, scale_max: Decimal) -> Decimal:
    current = scale_min if score is None else score
    return max(min(ONE, scale_max - current), Decimal(0))


def rank(
    *,
    items: list[ItemInput],
    quick_wins: list[QuickWinInput],
    quick_win_weight: Decimal,
    scale_min: Decimal,
    scale_max: Decimal,
) -> list[Action]:
    """Every action with a gain above zero, the largest first."""
    actions = []
    for item in items:
        step = _step(item.score, scale_min=scale_min, scale_max=scale_max)
        gain = item.dimension_weight / HUNDRED * item.weight / HUNDRED * step
        if gain > 0:
            factors = (("dimension", item.dimension_weight), ("item", item.weight))
            actions.append(Action("item", item.code, item.title, gain, factors, step, scale_max, item=item))
    missing = [q for q in quick_wins if not q.has_survey]
    for q in missing:
        step = _step(q.benefit, scale_min=scale_min, scale_max=scale_max)
        share = HUNDRED / len(quick_wins)
        gain = quick_win_weight / HUNDRED * share / HUNDRED / THREE * step
        if gain > 0:
            factors = (("dimension", quick_win_weight), ("quick_win", share))
            actions.append(Action("survey", q.code, q.title, gain, factors, step, scale_max, quick_win=q))
    actions.sort(key=lambda a: (-a.gain, a.code))
    return actions
