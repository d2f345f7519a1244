"""The public pages' progress and "citizen voice to results" content, gathered from the owning apps' selectors.

Each function returns template context and costs a fixed number of queries, whatever the history.
"""

from kotacerdas.evaluation.selectors import items_fed_by_programme, latest_public
from kotacerdas.ideas.selectors import ideas_adopted, ideas_for_programme
from kotacerdas.monitoring.selectors import (
    dimension_progress,
    programme_achievements,
    programme_progress,
    public_period,
)


def trend_points(trend) -> list[tuple[str, object]]:
    """(period label, value) pairs for the shared line chart."""
    return [(period.label, row.value) for period, row in trend]


def programme_context(*, region, programme, contributions) -> dict:
    """Verified progress and the loop: ideas behind the programme, its partners (from the public
    `contributions` the page already read), the evaluation items it feeds."""
    progress = programme_progress(programme=programme, period=public_period(region=region))
    return {
        "progress": progress,
        "partner_names": sorted({c.partner.name for c in contributions}),
        "trend_points": trend_points(progress.trend),
        "ideas": ideas_for_programme(programme=programme),
        "fed": items_fed_by_programme(region=region, programme=programme),
    }


def dimension_context(*, region, dimension) -> dict:
    progress = dimension_progress(dimension=dimension, period=public_period(region=region))
    return {"progress": progress, "trend_points": trend_points(progress.trend)}


def voice_panel(*, region, masterplan) -> dict:
    """The home page's "from citizen voice to results": adopted ideas, their programmes' progress in the public
    period, and the last published evaluation index."""
    ideas = ideas_adopted(masterplan=masterplan)
    period = public_period(region=region)
    achievements = programme_achievements(period=period, programme_ids={i.programme_id for i in ideas})
    return {
        "period": period,
        "rows": [(idea, achievements.get(idea.programme_id)) for idea in ideas],
        "round": latest_public(region=region),
    }
