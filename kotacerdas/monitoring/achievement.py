"""How achievement is computed. Pure functions; the rules are documented in docs/monitoring.md.

- An indicator's achievement compares the realised value with that year's target:
  higher is better → realised ÷ target × 100;
  lower is better → (2 × target − realised) ÷ target × 100 (meeting the target exactly is 100%,
  each unit above the target loses as much as a unit below would have gained).
  The result is kept between 0 and the region's cap (default 100%).
- A target of 0 (nothing to do, or "zero cases") counts 100% when met and 0% when missed.
- A programme's achievement is the weighted mean of its indicators (indicator weights, default 1); a
  programme without indicators uses the progress % its report states.
- Elements, dimensions and agencies take the weighted mean of their programmes (programme weights); the
  masterplan takes the weighted mean of its dimensions (dimension weights, default equal).
- Figures keep full precision through the roll-up (indicator and report achievements are stored with
  `STORED_PLACES` decimals); only a shown figure is rounded, once, to two decimals (`shown`, and the roll-up
  rows, which are what the public pages show). Rounding each indicator before averaging could move a
  programme's figure by 0,01.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.numbers import shown

HUNDRED = Decimal(100)
# A programme is "on track" when its verified achievement in a period is at least this (the public programme
# page and the evaluation's quick-win prefill both use it).
ON_TRACK = Decimal(75)
STORED_PLACES = 6
_STORED = Decimal(1).scaleb(-STORED_PLACES)


def stored(value: Decimal | None) -> Decimal | None:
    """The figure as kept for the roll-up (STORED_PLACES decimals, far below what is ever shown)."""
    return None if value is None else Decimal(value).quantize(_STORED, rounding=ROUND_HALF_UP)


def indicator_achievement(
    *, realised: Decimal, target: Decimal | None, lower_is_better: bool, cap: int = 100, exact: bool = False
) -> tuple[Decimal | None, str]:
    """(achievement %, explanation). None when there is no target for the year.

    The figure as shown (two decimals), or with `exact` at full precision, for the means built on it."""
    if target is None:
        return None, _("No target for this year: not counted.")
    if target == 0:
        met = realised <= 0 if lower_is_better else realised >= 0
        return (HUNDRED if met else Decimal(0)), _("Target is 0: 100% when met, 0% otherwise.")
    if lower_is_better:
        raw = (2 * target - realised) / target * HUNDRED
        note = _("Lower is better: (2 × target − realised) ÷ target.")
    else:
        raw = realised / target * HUNDRED
        note = _("Higher is better: realised ÷ target.")
    capped = min(max(raw, Decimal(0)), Decimal(cap))
    if capped != raw:
        note += " " + _("Capped from %(raw)s%% to %(capped)s%%.") % {"raw": shown(raw), "capped": shown(capped)}
    return (stored if exact else shown)(capped), note


def weighted_mean(pairs: Iterable[tuple[Decimal | None, Decimal]], *, exact: bool = False) -> Decimal | None:
    """Weighted mean of (value, weight) pairs, ignoring missing values; None when nothing counts.

    Shown (two decimals), or with `exact` at full precision for a mean that feeds another mean."""
    total = weight_sum = Decimal(0)
    for value, weight in pairs:
        if value is None or weight <= 0:
            continue
        total += value * weight
        weight_sum += weight
    return (stored if exact else shown)(total / weight_sum) if weight_sum else None
