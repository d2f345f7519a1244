"""Reads of the innovation registry, joined for the pages that use them, and the self-estimated index."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from kotacerdas.masterplan.models import Dimension

from .models import Innovation, InnovationEvidence, Replication

# How much of a full point an innovation earns for the stage it reached (see docs/innovation.md).
STAGE_WEIGHT = {
    Innovation.Stage.PROPOSAL: Decimal("0"),
    Innovation.Stage.DECIDED: Decimal("0"),
    Innovation.Stage.TRIAL: Decimal("0.5"),
    Innovation.Stage.APPLIED: Decimal("1"),
}
# Points a region needs for an estimate of 100: a reference portfolio of 20 fully applied, evidenced
# innovations meeting all five criteria. The ministry's own index weighs many more indicators.
REFERENCE_POINTS = Decimal("20")


def predicate_for(score: Decimal | None) -> tuple[str, str]:
    """(key, label) of the predicate, with the 2023 IID bands: > 60, 35–60, < 35; None → Disclaimer."""
    if score is None:
        return "disclaimer", str(_("Disclaimer (cannot be assessed)"))
    if score > 60:
        return "very_innovative", str(_("Very innovative (Sangat Inovatif)"))
    if score >= 35:
        return "innovative", str(_("Innovative (Inovatif)"))
    return "less_innovative", str(_("Less innovative (Kurang Inovatif)"))


def innovation_list(*, region, stage: str = "", dimension_key: str = "", agency_id=None, public_only=False):
    qs = Innovation.objects.filter(region=region).select_related("agency", "dimension", "programme")
    if public_only:
        qs = qs.filter(stage__in=Innovation.PUBLIC_STAGES)
    if stage:
        qs = qs.filter(stage=stage)
    if dimension_key == "none":
        qs = qs.filter(dimension__isnull=True)
    elif dimension_key:
        qs = qs.filter(dimension__key=dimension_key)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs.annotate(evidence_count=Count("evidence", distinct=True)).order_by("title")


def innovation_detail(*, region, pk: int, public_only: bool = False) -> Innovation:
    qs = Innovation.objects.filter(region=region).select_related(
        "agency", "dimension", "programme", "source_idea", "created_by"
    )
    if public_only:
        qs = qs.filter(stage__in=Innovation.PUBLIC_STAGES)
    evidence = InnovationEvidence.objects.select_related("uploaded_by")
    if public_only:
        evidence = evidence.filter(is_public=True)
    return qs.prefetch_related(
        Prefetch("evidence", queryset=evidence),
        Prefetch("replications", queryset=Replication.objects.select_related("other_region")),
        "news_articles",
    ).get(pk=pk)


@dataclass
class Overview:
    stages: list  # [(value, label)]
    rows: list  # [(dimension key, label, [(stage, count)], total)]
    totals: list  # [(stage, count)]
    total: int
    score: Decimal | None
    predicate: tuple[str, str]
    points: Decimal
    assessed: int
    replications: int
    criteria_complete: int
    chart_rows: list = field(default_factory=list)


def overview(*, region) -> Overview:
    """Counts by dimension × stage and the self-estimated index. A fixed number of queries."""
    stages = list(Innovation.Stage.choices)
    dims = list(Dimension.objects.filter(region=region).order_by("order", "pk").values_list("pk", "key", "name"))
    counts: dict = {}
    for dim_id, stage, n in (
        Innovation.objects.filter(region=region).values_list("dimension_id", "stage").annotate(n=Count("pk"))
    ):
        counts[(dim_id, stage)] = n
    rows = []
    for dim_id, key, name in [*dims, (None, "none", str(_("No dimension")))]:
        per_stage = [(s, counts.get((dim_id, s), 0)) for s, _l in stages]
        if dim_id is None and not any(n for _s, n in per_stage):
            continue
        rows.append((key, name, per_stage, sum(n for _s, n in per_stage)))
    totals = [(s, sum(r[2][i][1] for r in rows)) for i, (s, _l) in enumerate(stages)]

    evidenced = set(InnovationEvidence.objects.filter(region=region).values_list("innovation_id", "stage").distinct())
    points = Decimal("0")
    assessed = criteria_complete = 0
    fields = ["pk", "stage", *[key for key, _l in Innovation.CRITERIA]]
    for row in Innovation.objects.filter(region=region, stage__in=Innovation.PUBLIC_STAGES).values(*fields):
        met = sum(1 for key, _l in Innovation.CRITERIA if row[key])
        criteria_complete += met == len(Innovation.CRITERIA)
        has_evidence = (row["pk"], row["stage"]) in evidenced
        assessed += has_evidence
        factor = Decimal("1") if has_evidence else Decimal("0.5")
        points += STAGE_WEIGHT[row["stage"]] * Decimal(met) / Decimal(len(Innovation.CRITERIA)) * factor
    if assessed:
        score = min(Decimal("100"), points / REFERENCE_POINTS * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    else:
        score = None  # nothing tried or applied with evidence: like the ministry's "disclaimer"
    label_of = dict(stages)
    return Overview(
        stages=stages,
        rows=rows,
        totals=totals,
        total=sum(n for _s, n in totals),
        score=score,
        predicate=predicate_for(score),
        points=points.quantize(Decimal("0.01")),
        assessed=assessed,
        replications=Replication.objects.filter(region=region).count(),
        criteria_complete=criteria_complete,
        chart_rows=[(label_of[s], n, s) for s, n in totals],
    )


def public_counts(*, region) -> dict:
    return dict(
        Innovation.objects.filter(region=region, stage__in=Innovation.PUBLIC_STAGES)
        .values_list("stage")
        .annotate(n=Count("pk"))
    )


def ideas_to_promote(*, region, limit: int = 10):
    """Citizen ideas the moderators accepted that no innovation comes from yet (newest first)."""
    from kotacerdas.ideas.models import Idea

    return (
        Idea.objects.filter(region=region, status__in=[Idea.Status.ACCEPTED, Idea.Status.ADOPTED])
        .filter(innovations__isnull=True)
        .only("pk", "title", "status", "created_at")
        .order_by("-created_at")[:limit]
    )


def innovation_choices(*, region):
    """The region's innovations by title, for another app's form (a news article's links)."""
    return Innovation.objects.filter(region=region).order_by("title")


def innovations_modified_by_region() -> dict:
    from django.db.models import Max

    return dict(
        Innovation.objects.filter(stage__in=Innovation.PUBLIC_STAGES)
        .values("region_id")
        .annotate(m=Max("updated_at"))
        .values_list("region_id", "m")
    )
