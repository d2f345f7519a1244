"""What the platform already knows about a region's year, for prefilling the self-assessment.

Only verified monitoring data of CLOSED periods counts (monitoring's roll-ups are written from verified reports
only; an open period is left out so the prefill does not depend on the day a round opens).
Every fact keeps its value, a sentence saying what it is, and the URL of the page the number comes from.
A fixed number of queries whatever the size of the masterplan.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.collaboration.selectors import partner_signatures_until
from kotacerdas.common.numbers import format_number, shown
from kotacerdas.masterplan.models import Dimension, Masterplan, Programme
from kotacerdas.monitoring.achievement import ON_TRACK  # a quick win is "on track" at 75% or more
from kotacerdas.monitoring.selectors import programme_results_until, verified_achievement_of_year

from . import prefill_texts as texts

HUNDRED = Decimal(100)


@dataclass
class Fact:
    value: Decimal | None  # the figure (a % or a count)
    text: str  # what it is, in words, with the figure
    url: str
    share: Decimal | None = None  # 0–1, turned into a suggested score on the framework scale
    label: str = ""


@dataclass
class Facts:
    period_label: str = ""
    achievement: dict[str, Fact] = field(default_factory=dict)  # smart city dimension key → fact
    programme_achievement: dict[int, Decimal | None] = field(default_factory=dict)
    # quick win id → (its verified result, the period it is from): the year's, or its final one if it ended
    quick_win_results: dict[int, tuple[Decimal | None, str]] = field(default_factory=dict)
    quick_wins_on_track: Fact | None = None
    masterplan_adopted: Fact | None = None
    programmes_verified: Fact | None = None
    commitments_signed: Fact | None = None

    def for_source(self, source: str, smart_key: str) -> Fact | None:
        if source == "achievement":
            return self.achievement.get(smart_key)
        return getattr(self, source, None) if source else None


def _fmt(value: Decimal) -> str:
    """Rounded once, written the way the active language writes numbers (Indonesian: 80,03)."""
    return format_number(shown(value))


def survey_impact(programme, year: int) -> dict | None:
    """The citizen impact survey of a quick win in that year — {"respondents", "mean" (1–4), "score" (0–4),
    "url"} — when the surveys app has one; None otherwise."""
    try:
        from kotacerdas.surveys.selectors import quick_win_impact_detail
    except ImportError:  # pragma: no cover - the surveys app ships with the platform
        return None
    return quick_win_impact_detail(programme, year)


def quick_wins_of(*, region) -> list[Programme]:
    """The quick wins of the region's adopted masterplan (all of them: each is rated in every round)."""
    plan = (
        Masterplan.objects.filter(region=region, status=Masterplan.Status.ADOPTED)
        .order_by("-period_start_year")
        .first()
    )
    if plan is None:
        return []
    return list(
        Programme.objects.filter(masterplan=plan, is_quick_win=True).select_related("dimension").order_by("code")
    )


def _achievement_facts(facts: Facts, *, region, year: int, dashboard: str) -> None:
    """The verified achievement per smart city dimension and programme, from the year's latest roll-up."""
    latest, rows = verified_achievement_of_year(region=region, year=year)
    if latest is None:
        return
    period = latest.period
    facts.period_label = period.label
    dims = dict(Dimension.objects.filter(region=region).values_list("pk", "key"))
    for row in rows:
        if row.is_programme:
            facts.programme_achievement[row.object_id] = row.value
        elif row.object_id in dims and row.value is not None:
            facts.achievement[dims[row.object_id]] = Fact(
                row.value,
                _(texts.ACHIEVEMENT)
                % {"value": _fmt(row.value), "period": period.label, "r": row.reported, "e": row.expected},
                dashboard,
                min(row.value, HUNDRED) / HUNDRED,
                dict(Dimension.Key.choices).get(dims[row.object_id], dims[row.object_id]),
            )
    if latest.expected:
        share = Decimal(latest.reported) / Decimal(latest.expected)
        facts.programmes_verified = Fact(
            Decimal(latest.reported),
            _(texts.PROGRAMMES_VERIFIED) % {"r": latest.reported, "e": latest.expected, "period": period.label},
            dashboard,
            share,
        )


def _quick_win_results(facts: Facts, quick_wins: list[Programme], *, region, year: int) -> None:
    """Each quick win's result: the year's verified figure if it runs that year; its own final verified figure
    if it was completed in an earlier year. One running later is not rated yet."""
    ended = [p.pk for p in quick_wins if p.end_year < year]
    finals = programme_results_until(region=region, programme_ids=ended, year=year) if ended else {}
    for p in quick_wins:
        if p.end_year < year:
            row = finals.get(p.pk)
            facts.quick_win_results[p.pk] = (row.value, row.period.label) if row else (None, "")
        elif p.start_year <= year:
            facts.quick_win_results[p.pk] = (facts.programme_achievement.get(p.pk), facts.period_label)


def _quick_win_fact(facts: Facts, *, region, year: int, dashboard: str) -> Fact | None:
    quick_wins = quick_wins_of(region=region)
    _quick_win_results(facts, quick_wins, region=region, year=year)
    if not facts.quick_win_results:
        return None
    total = len(facts.quick_win_results)
    on_track = sum(1 for value, _period in facts.quick_win_results.values() if (value or Decimal(0)) >= ON_TRACK)
    return Fact(
        Decimal(on_track),
        _(texts.QUICK_WINS) % {"n": on_track, "total": total, "min": format_number(ON_TRACK)},
        dashboard,
        Decimal(on_track) / total,
    )


def _masterplan_fact(*, region) -> Fact:
    plan = (
        Masterplan.objects.filter(region=region, status=Masterplan.Status.ADOPTED)
        .order_by("-period_start_year")
        .first()
    )
    home = reverse("region:home", kwargs={"region_slug": region.slug})
    if plan is None:
        return Fact(Decimal(0), _(texts.NO_MASTERPLAN), home, Decimal(0))
    text = _(texts.MASTERPLAN) % {"title": plan.title}
    if plan.adoption_decree_number:
        text += f" ({plan.adoption_decree_number})"
    return Fact(Decimal(1), text, home, Decimal(1))


def _commitment_fact(*, region, year: int) -> Fact | None:
    expected, signed = partner_signatures_until(region=region, year=year)
    if not expected:
        return None
    return Fact(
        Decimal(signed),
        _(texts.COMMITMENT) % {"n": signed, "total": expected},
        reverse("collaboration:commitments", kwargs={"region_slug": region.slug}),
        min(Decimal(signed) / expected, Decimal(1)),
    )


def collect(*, region, year: int) -> Facts:
    facts = Facts()
    dashboard = reverse("monitoring:dashboard", kwargs={"region_slug": region.slug})
    _achievement_facts(facts, region=region, year=year, dashboard=dashboard)
    facts.quick_wins_on_track = _quick_win_fact(facts, region=region, year=year, dashboard=dashboard)
    facts.masterplan_adopted = _masterplan_fact(region=region)
    facts.commitments_signed = _commitment_fact(region=region, year=year)
    return facts
