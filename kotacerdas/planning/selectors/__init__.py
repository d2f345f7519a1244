"""Reads for the authoring pages, each in a fixed number of queries whatever the masterplan's size."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from kotacerdas.masterplan.models import Dimension, Masterplan, MasterplanVersion, Programme

from ..models import SCORE_MAX, ChecklistItem, Pillar, PillarAnalysis, ProgrammeOrigin, ReadinessItem, Round, Strategy


def rounds_for(*, masterplan: Masterplan) -> list[Round]:
    """The rounds with checklist, participants counted, and `progress` (% of checklist ticked)."""
    rounds = list(
        Round.objects.filter(masterplan=masterplan)
        .annotate(
            participant_count=Count("participants", distinct=True),
            present_count=Count("participants", filter=Q(participants__present=True), distinct=True),
        )
        .prefetch_related(Prefetch("checklist", queryset=ChecklistItem.objects.order_by("order", "pk")))
        .order_by("number")
    )
    for r in rounds:
        items = list(r.checklist.all())
        r.done_count = sum(1 for i in items if i.done)
        r.item_count = len(items)
        r.progress = round(100 * r.done_count / r.item_count) if r.item_count else (100 if r.is_complete else 0)
    return rounds


def round_detail(*, masterplan: Masterplan, number: int) -> Round:
    """One round with attendance (agency joined) and checklist. Raises Round.DoesNotExist."""
    return (
        Round.objects.select_related("completed_by")
        .prefetch_related(
            Prefetch("checklist", queryset=ChecklistItem.objects.order_by("order", "pk")),
            "participants__agency",
        )
        .get(masterplan=masterplan, number=number)
    )


PILLAR_CODES = {"struktur": "ST", "infrastruktur": "IN", "suprastruktur": "SU"}


def readiness_summary(*, masterplan: Masterplan) -> list[dict]:
    """Per pillar: items (with % of the maximum score), scored count, average % and the SWOT analysis."""
    items_by_pillar = defaultdict(list)
    for item in ReadinessItem.objects.filter(masterplan=masterplan).order_by("pillar", "order", "pk"):
        item.percent = None if item.score is None else Decimal(item.score * 100) / SCORE_MAX
        items_by_pillar[item.pillar].append(item)
    analyses = {a.pillar: a for a in PillarAnalysis.objects.filter(masterplan=masterplan)}
    rows = []
    for pillar in Pillar:
        items = items_by_pillar.get(pillar.value, [])
        for n, item in enumerate(items, start=1):
            item.code = f"{PILLAR_CODES[pillar.value]}{n}"
        scored = [i for i in items if i.score is not None]
        average = sum(i.percent for i in scored) / len(scored) if scored else None
        rows.append(
            {
                "pillar": pillar.value,
                "label": pillar.label,
                "items": items,
                "scored": len(scored),
                "total": len(items),
                "average": average,
                "analysis": analyses.get(pillar.value),
                "chart_rows": [(i.code, i.percent, pillar.value) for i in items],
            }
        )
    return rows


def strategies_by_dimension(*, masterplan: Masterplan) -> list[tuple[Dimension, list[Strategy]]]:
    dimensions = list(Dimension.objects.filter(region_id=masterplan.region_id).order_by("order", "pk"))
    by_dim = defaultdict(list)
    for s in Strategy.objects.filter(masterplan=masterplan).select_related("element").order_by("order", "pk"):
        by_dim[s.dimension_id].append(s)
    return [(d, by_dim.get(d.pk, [])) for d in dimensions]


def programme_register(*, masterplan: Masterplan, dimension: Dimension | None = None) -> QuerySet[Programme]:
    """Programmes with dimension, element, owner agency, origin and milestone / step counts."""
    qs = (
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension", "element", "owner_agency", "origin")
        .annotate(
            milestone_count=Count("milestones", distinct=True), step_count=Count("quick_win_steps", distinct=True)
        )
        .order_by("dimension__order", "code")
    )
    if dimension is not None:
        qs = qs.filter(dimension=dimension)
    return qs


def origin_counts(*, masterplan: Masterplan) -> dict[str, int]:
    counts = dict(
        ProgrammeOrigin.objects.filter(programme__masterplan=masterplan)
        .values_list("source")
        .annotate(n=Count("pk"))
        .values_list("source", "n")
    )
    total = Programme.objects.filter(masterplan=masterplan).count()
    counts["unclassified"] = total - sum(counts.values())
    counts["total"] = total
    return counts


def roadmap(*, masterplan: Masterplan, dimension=None) -> list[dict]:
    """Per dimension (or only `dimension`'s): its programmes as bars over the masterplan's years, with
    milestones per year.

    Two queries whatever the number of programmes.
    """
    years = list(masterplan.years)
    programmes = Programme.objects.filter(masterplan=masterplan)
    if dimension is not None:
        programmes = programmes.filter(dimension=dimension)
    programmes = (
        programmes.select_related("dimension", "owner_agency")
        .prefetch_related("milestones")
        .only(
            "pk",
            "code",
            "title",
            "title_en",
            "start_year",
            "end_year",
            "horizon",
            "is_quick_win",
            "quick_win_year",
            "dimension__key",
            "dimension__name",
            "dimension__name_en",
            "dimension__order",
            "owner_agency__acronym",
            "owner_agency__name",
        )
        .order_by("dimension__order", "start_year", "code")
    )
    groups: dict[int, dict] = {}
    for p in programmes:
        group = groups.setdefault(p.dimension_id, {"dimension": p.dimension, "rows": []})
        milestones = defaultdict(list)
        for m in p.milestones.all():
            milestones[m.year].append(m)
        cells = [
            {"year": y, "active": p.start_year <= y <= p.end_year, "milestones": milestones.get(y, [])} for y in years
        ]
        group["rows"].append({"programme": p, "cells": cells})
    return list(groups.values())


def versions_for(*, masterplan: Masterplan) -> QuerySet[MasterplanVersion]:
    """The adopted version and the revisions, newest first, without their (large) frozen content."""
    return MasterplanVersion.objects.filter(masterplan=masterplan).defer("data").order_by("-number")


def round_facts(*, masterplan: Masterplan, number: int) -> list[tuple[str, str, bool]]:
    """What the platform can see of a round's outputs, next to its manual checklist: (label, figure, ok).

    A few counting queries; the checklist stays the team's own judgement.
    """
    from django.utils.translation import gettext as _

    facts: list[tuple[str, str, bool]] = []
    programmes = Programme.objects.filter(masterplan=masterplan)
    if number == 1:
        items = ReadinessItem.objects.filter(masterplan=masterplan).aggregate(
            total=Count("pk"), scored=Count("pk", filter=Q(score__isnull=False))
        )
        swot = PillarAnalysis.objects.filter(masterplan=masterplan).exclude(strengths="", weaknesses="").count()
        gaps = PillarAnalysis.objects.filter(masterplan=masterplan).exclude(gap_summary="").count()
        facts += [
            (_("Readiness items scored"), f"{items['scored']} / {items['total']}", items["scored"] == items["total"]),
            (_("Pillars with a SWOT"), f"{swot} / 3", swot == 3),
            (_("Pillars with a gap summary"), f"{gaps} / 3", gaps == 3),
            (_("Vision keywords"), masterplan.vision_keywords or "–", bool(masterplan.vision_keywords)),
        ]
    elif number == 2:
        dims = Dimension.objects.filter(region_id=masterplan.region_id).count()
        covered = Strategy.objects.filter(masterplan=masterplan).values("dimension").distinct().count()
        total = programmes.count()
        existing = ProgrammeOrigin.objects.filter(programme__masterplan=masterplan).exclude(source="new").count()
        facts += [
            (_("Vision"), _("written") if masterplan.vision.strip() else "–", bool(masterplan.vision.strip())),
            (_("Missions"), str(len(masterplan.mission_list())), bool(masterplan.mission_list())),
            (_("Objectives"), str(len(masterplan.objective_list())), bool(masterplan.objective_list())),
            (_("Dimensions with a strategy"), f"{covered} / {dims}", covered == dims),
            (_("Existing programmes mapped (RPJMD, Renstra)"), f"{existing} / {total}", existing > 0),
        ]
    elif number == 3:
        counts = programmes.aggregate(
            total=Count("pk", distinct=True),
            planned=Count("pk", filter=Q(milestones__isnull=False), distinct=True),
            new=Count("pk", filter=Q(origin__source="new"), distinct=True),
        )
        facts += [
            (_("New programmes and innovations"), str(counts["new"]), counts["new"] > 0),
            (
                _("Programmes with an action plan"),
                f"{counts['planned']} / {counts['total']}",
                counts["total"] > 0 and counts["planned"] == counts["total"],
            ),
        ]
    else:
        counts = programmes.filter(is_quick_win=True).aggregate(
            total=Count("pk", distinct=True),
            stepped=Count("pk", filter=Q(quick_win_steps__isnull=False), distinct=True),
        )
        facts += [
            (_("Quick wins selected"), str(counts["total"]), counts["total"] > 0),
            (
                _("Quick wins with implementation steps"),
                f"{counts['stepped']} / {counts['total']}",
                counts["total"] > 0 and counts["stepped"] == counts["total"],
            ),
        ]
    return facts
