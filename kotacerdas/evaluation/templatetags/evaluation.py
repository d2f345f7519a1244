"""Evaluation template tags: scores as published, the radar chart (kotacerdas.common.charts draws it) and the
published index on the region's home page."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kotacerdas.common.charts.radar import radar
from kotacerdas.evaluation.prefill_texts import prefill_in_reader_language
from kotacerdas.evaluation.scoring import q2

register = template.Library()


def _fmt(value) -> str:
    """Two decimals rounded half up first (number_format alone would cut 2.3275 to 2.32, not 2.33)."""
    if value is None or value == "":
        return "–"
    return number_format(q2(Decimal(str(value))), decimal_pos=2, use_l10n=True)


@register.filter
def score(value) -> str:
    """A score with two decimals in the active locale (2,88 in Indonesian), or a dash."""
    return _fmt(value)


@register.filter
def signed(value) -> str:
    """A change with its sign: +0,47 / −0,12 / ±0,00."""
    if value is None:
        return "–"
    value = Decimal(value)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{_fmt(abs(value))}"


@register.filter
def index_of(sequence, position):
    """sequence[position], or None."""
    try:
        return sequence[int(position)]
    except (IndexError, TypeError, ValueError):
        return None


@register.simple_tag
def radar_chart(rows, maximum=4, title: str = "", previous=None, testid: str = "radar-chart"):
    """rows: (label, value or None) per axis on the 0–maximum scale; `previous`: an earlier round, dashed."""
    return radar(rows, maximum=maximum, title=title, previous=previous, testid=testid, fmt=_fmt)


@register.inclusion_tag("evaluation/_region_home_index.html")
def published_index(region):
    """The region's latest published evaluation index for its public home page (one query)."""
    from kotacerdas.evaluation.selectors import latest_public

    return {"region": region, "round": latest_public(region=region)}


def _pct(value: Decimal) -> str:
    value = q2(Decimal(value)).normalize()
    return number_format(value, decimal_pos=max(0, -value.as_tuple().exponent), use_l10n=True)


@register.filter
def arithmetic(action) -> str:
    """How an action's expected gain is computed, in words: "+0,08 on the index: Outcome weight 30% × item
    weight 25% × one step of 4" (evaluation/advice.py)."""
    scale = number_format(action.scale_max.normalize(), use_l10n=True)
    if action.step == 1:
        step = _("one step of %(max)s") % {"max": scale}
    else:
        step = _("%(step)s of a step, up to the top of %(max)s") % {"step": _fmt(action.step), "max": scale}
    values = {
        "gain": signed(action.gain),
        "dimension": action.item.dimension_name if action.item else _("Quick Win"),
        "dw": _pct(action.factors[0][1]),
        "w": _pct(action.factors[1][1]),
        "step": step,
    }
    if action.kind == "survey":
        return (
            _(
                "%(gain)s on the index: %(dimension)s weight %(dw)s%% × this quick win's share %(w)s%% × benefit, "
                "one of three criteria × %(step)s"
            )
            % values
        )
    return _("%(gain)s on the index: %(dimension)s weight %(dw)s%% × item weight %(w)s%% × %(step)s") % values


@register.filter
def prefill_text(stored: str) -> str:
    """A prefill sentence stored when the round was prefilled, in the reader's language."""
    return prefill_in_reader_language(stored)
