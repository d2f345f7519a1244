"""The readiness chart: one bar per questionnaire item, scored 0–4 and labelled by its short code (ST1, IN2)."""

from django import template
from django.utils.translation import gettext as _

from kotacerdas.common.charts.bars import score_bars
from kotacerdas.planning.models import SCORE_MAX

register = template.Library()

COLOURS = {"struktur": "#1f5fa8", "infrastruktur": "#0b7a75", "suprastruktur": "#8a3ffc"}


@register.simple_tag
def readiness_chart(items, pillar: str = "", title: str = "", testid: str = "readiness-chart"):
    """items: ReadinessItem rows with `code` and `score` (None = not scored). Bars show score / 4."""
    items = list(items)
    desc = "; ".join(f"{i.code}: {i.score if i.score is not None else _('not scored')}/{SCORE_MAX}" for i in items)
    return score_bars(
        [(i.code, i.score) for i in items],
        maximum=SCORE_MAX,
        colour=COLOURS.get(pillar, "#0b6e4f"),
        title=title,
        desc=desc,
        testid=testid,
    )
