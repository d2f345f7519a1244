"""Reads of surveys: the region's survey list, the SKM and impact results, and the quick-win impact score the
yearly evaluation asks for."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from kotacerdas.masterplan.models import Programme
from kotacerdas.masterplan.quality import Check

from .elements import (
    ELEMENTS,
    Element,
    Grade,
    grade_for_index,
    grade_for_mean,
    impact_to_evaluation_scale,
    round2,
    round4,
)
from .models import Survey, SurveyResponse
from .services import respondent_key


def survey_list_for_region(*, region, include_unpublished: bool = False) -> QuerySet[Survey]:
    """Surveys of the region, newest first, with what the list shows. The public sees surveys that have opened."""
    qs = (
        Survey.objects.filter(region=region)
        .select_related("agency", "programme")
        .annotate(respondents=Count("responses"))
    )
    if not include_unpublished:
        qs = qs.filter(opens_on__lte=timezone.localdate())
    return qs.order_by("-opens_on", "-pk")


@dataclass
class ElementResult:
    element: Element
    answers: int
    total: int
    nrr: Decimal | None  # mean rating 1–4 (nilai rata-rata), unrounded
    nrr_weighted: Decimal | None  # NRR × 1/9 (NRR tertimbang of the element)
    grade: Grade | None

    @property
    def nrr_display(self) -> Decimal | None:
        return None if self.nrr is None else self.nrr.quantize(Decimal("0.001"))

    @property
    def index(self) -> Decimal | None:
        """The element's own converted value, NRR × 25."""
        return None if self.nrr is None else round2(self.nrr * 25)


@dataclass
class SkmResult:
    respondents: int
    elements: list[ElementResult] = field(default_factory=list)
    nrr_weighted: Decimal | None = None  # Σ NRR_i × 1/9, unrounded
    index: Decimal | None = None  # IKM = NRR tertimbang × 25, two decimals
    grade: Grade | None = None

    @property
    def nrr_weighted_display(self) -> Decimal | None:
        return None if self.nrr_weighted is None else round4(self.nrr_weighted)

    @property
    def chart_rows(self) -> list[tuple[str, Decimal | None]]:
        return [(f"U{i} {e.element.name}", e.nrr) for i, e in enumerate(self.elements, start=1)]


def skm_result(*, survey: Survey) -> SkmResult:
    """The SKM arithmetic of PermenPANRB 14/2017 over all responses of the survey (one query).

    NRR per element = sum of its ratings ÷ number of answers; NRR tertimbang = Σ NRR × 1/9 (every element
    weighs the same); IKM = NRR tertimbang × 25, rounded half up to two decimals, then graded A–D.
    """
    aggregates = {}
    for element in ELEMENTS:
        aggregates[f"{element.key}_sum"] = Sum(element.key)
        aggregates[f"{element.key}_n"] = Count(element.key)
    aggregates["respondents"] = Count("pk")
    return _skm_from_row(SurveyResponse.objects.filter(survey=survey).aggregate(**aggregates))


@dataclass
class ImpactResult:
    respondents: int
    distribution: dict[int, int]
    mean: Decimal | None  # 1–4, two decimals
    score: Decimal | None  # 0–4 for the evaluation

    @property
    def rows(self) -> list[tuple[str, int]]:
        from .elements import IMPACT_OPTIONS

        return [(f"{value} · {label}", self.distribution[value]) for value, label in IMPACT_OPTIONS]


def impact_result(*, survey: Survey, year: int | None = None) -> ImpactResult:
    """Respondents, the count per rating and the mean (1–4) and its 0–4 conversion (one query)."""
    qs = SurveyResponse.objects.filter(survey=survey, impact__isnull=False)
    if year is not None:
        qs = qs.filter(created_at__year=year)
    row = qs.aggregate(
        n=Count("pk"), total=Sum("impact"), **{f"r{r}": Count("pk", filter=Q(impact=r)) for r in (1, 2, 3, 4)}
    )
    return _impact(row)


def _impact(row) -> ImpactResult:
    n = row["n"] or 0
    mean = round2(Decimal(row["total"]) / Decimal(n)) if n else None
    return ImpactResult(
        respondents=n,
        distribution={r: row.get(f"r{r}", 0) or 0 for r in (1, 2, 3, 4)},
        mean=mean,
        score=None if mean is None else impact_to_evaluation_scale(Decimal(row["total"]) / Decimal(n)),
    )


def _impact_responses(programme, year: int):
    return SurveyResponse.objects.filter(
        survey__programme=programme,
        survey__kind=Survey.Kind.IMPACT,
        survey__region_id=programme.region_id,
        impact__isnull=False,
        created_at__year=year,
    )


def quick_win_impact_score(programme, year: int) -> Decimal | None:
    """The mean citizen impact rating of the quick win's impact survey responses given in `year`, converted
    from the questionnaire's 1–4 to the evaluation's 0–4 scale ((mean − 1) × 4/3, two decimals).

    None when the programme has no impact survey or no response in that year. One query.
    """
    row = _impact_responses(programme, year).aggregate(n=Count("pk"), total=Sum("impact"))
    if not row["n"]:
        return None
    return impact_to_evaluation_scale(Decimal(row["total"]) / Decimal(row["n"]))


def quick_win_impact_detail(programme, year: int) -> dict | None:
    """What the evaluation shows next to the score: {"respondents", "mean" (1–4), "score" (0–4),
    "survey_id", "url"} — the url of the results page of the latest survey answered that year. None as above."""
    row = _impact_responses(programme, year).aggregate(n=Count("pk"), total=Sum("impact"), survey_id=Max("survey_id"))
    if not row["n"]:
        return None
    mean = Decimal(row["total"]) / Decimal(row["n"])
    slug = programme.region.slug
    return {
        "respondents": row["n"],
        "mean": round2(mean),
        "score": impact_to_evaluation_scale(mean),
        "survey_id": row["survey_id"],
        "url": reverse("surveys:results", kwargs={"region_slug": slug, "pk": row["survey_id"]}),
    }


def survey_detail(*, region, pk: int) -> Survey:
    """One survey of the region (raises Survey.DoesNotExist)."""
    return Survey.objects.select_related("agency", "programme", "region").get(region=region, pk=pk)


DEMOGRAPHIC_FIELDS = ("gender", "age_group", "education", "occupation")


def demographics(*, survey: Survey) -> list[tuple[str, list[tuple[str, int]]]]:
    """Respondents per answer of each optional profile question, in one query:
    [(question label, [(answer label, count), ...]), ...] with "not given" last."""
    aggregates = {}
    for name in DEMOGRAPHIC_FIELDS:
        field = SurveyResponse._meta.get_field(name)
        for value, _label in field.choices:
            aggregates[f"{name}__{value}"] = Count("pk", filter=Q(**{name: value}))
        aggregates[f"{name}__"] = Count("pk", filter=Q(**{name: ""}))
    row = SurveyResponse.objects.filter(survey=survey).aggregate(**aggregates)
    from django.utils.translation import gettext as _

    out = []
    for name in DEMOGRAPHIC_FIELDS:
        field = SurveyResponse._meta.get_field(name)
        counts = [(label, row[f"{name}__{value}"]) for value, label in field.choices]
        counts.append((_("Not given"), row[f"{name}__"]))
        out.append((field.verbose_name, counts))
    return out


def impact_by_year(*, survey: Survey) -> list[dict]:
    """Per calendar year of answering: respondents, mean (1–4) and the 0–4 score the evaluation uses."""
    from django.db.models.functions import ExtractYear

    rows = (
        SurveyResponse.objects.filter(survey=survey, impact__isnull=False)
        .annotate(year=ExtractYear("created_at"))
        .values("year")
        .annotate(n=Count("pk"), total=Sum("impact"))
        .order_by("year")
    )
    out = []
    for row in rows:
        mean = Decimal(row["total"]) / Decimal(row["n"])
        out.append(
            {
                "year": row["year"],
                "respondents": row["n"],
                "mean": round2(mean),
                "score": impact_to_evaluation_scale(mean),
            }
        )
    return out


def suggestions(*, survey: Survey, limit: int = 50) -> list[SurveyResponse]:
    """The latest free-text suggestions (staff only: anonymous text is not published unread)."""
    return list(
        SurveyResponse.objects.filter(survey=survey).exclude(suggestion="").only("suggestion", "created_at")[:limit]
    )


def surveys_for_person(*, region, user, limit: int = 20) -> list[tuple[Survey, bool]]:
    """The region's published surveys, open ones first, each with whether this signed-in person answered it
    (two queries: answers hold no user, only the keyed hash `services.respondent_key` makes of them)."""
    today = timezone.localdate()
    surveys = list(
        Survey.objects.filter(region=region, opens_on__lte=today)
        .only("pk", "title", "title_en", "kind", "opens_on", "closes_on", "closed_at", "results_public", "region_id")
        .order_by("-closes_on", "-pk")[:limit]
    )
    if not surveys or not user.is_authenticated:
        return [(s, False) for s in surveys]
    keys = {respondent_key(survey=s, user=user): s.pk for s in surveys}
    answered = set(
        SurveyResponse.objects.filter(survey__in=surveys, respondent_key__in=list(keys)).values_list(
            "survey_id", flat=True
        )
    )
    rows = [(s, s.pk in answered) for s in surveys]
    return sorted(rows, key=lambda row: not row[0].is_open(today))


# --- open data ------------------------------------------------------------------------------------------


def _results_visible(qs, today):
    return qs.filter(Q(results_public=True) | Q(closed_at__isnull=False) | Q(closes_on__lt=today))


def skm_results_public(*, region, today) -> list[tuple[Survey, SkmResult]]:
    """Every SKM survey of the region whose results are public on `today`, with its result (two queries:
    the surveys, and the sums per survey grouped in one)."""
    surveys = list(
        _results_visible(Survey.objects.filter(region=region, kind=Survey.Kind.SKM), today)
        .select_related("agency")
        .order_by("opens_on", "pk")
    )
    aggregates = {"respondents": Count("pk")}
    for element in ELEMENTS:
        aggregates[f"{element.key}_sum"] = Sum(element.key)
        aggregates[f"{element.key}_n"] = Count(element.key)
    rows = {
        row["survey_id"]: row
        for row in SurveyResponse.objects.filter(survey__in=[s.pk for s in surveys])
        .values("survey_id")
        .annotate(**aggregates)
    }
    return [(s, _skm_from_row(rows.get(s.pk))) for s in surveys]


def _skm_from_row(row) -> SkmResult:
    if row is None:
        row = {"respondents": 0, **{f"{e.key}_n": 0 for e in ELEMENTS}, **{f"{e.key}_sum": 0 for e in ELEMENTS}}
    result = SkmResult(respondents=row["respondents"])
    weight = Decimal(1) / Decimal(len(ELEMENTS))
    weighted_sum = Decimal(0)
    complete = True
    for element in ELEMENTS:
        n, total = row[f"{element.key}_n"], row[f"{element.key}_sum"] or 0
        if n:
            nrr = Decimal(total) / Decimal(n)
            result.elements.append(ElementResult(element, n, total, nrr, nrr * weight, grade_for_mean(nrr)))
            weighted_sum += nrr * weight
        else:
            complete = False
            result.elements.append(ElementResult(element, 0, 0, None, None, None))
    if complete and result.respondents:
        result.nrr_weighted = weighted_sum
        result.index = round2(weighted_sum * 25)
        result.grade = grade_for_index(result.index)
    return result


def impact_results_public(*, region, today) -> list[dict]:
    """Per impact survey (results public on `today`) and year of answering: respondents, mean and the 0–4
    score, in two queries."""
    from django.db.models.functions import ExtractYear

    surveys = {
        s.pk: s
        for s in _results_visible(Survey.objects.filter(region=region, kind=Survey.Kind.IMPACT), today).select_related(
            "programme"
        )
    }
    rows = (
        SurveyResponse.objects.filter(survey__in=list(surveys), impact__isnull=False)
        .annotate(year=ExtractYear("created_at"))
        .values("survey_id", "year")
        .annotate(n=Count("pk"), total=Sum("impact"))
        .order_by("survey_id", "year")
    )
    out = []
    for row in rows:
        mean = Decimal(row["total"]) / Decimal(row["n"])
        out.append(
            {
                "survey": surveys[row["survey_id"]],
                "year": row["year"],
                "respondents": row["n"],
                "mean": round2(mean),
                "score": impact_to_evaluation_scale(mean),
            }
        )
    return out


def surveys_modified_by_region() -> dict:
    return dict(SurveyResponse.objects.values("region_id").annotate(m=Max("created_at")).values_list("region_id", "m"))


def plan_quality_checks(*, masterplan) -> list[Check]:
    """The masterplan quality check's participation items from surveys (registered in apps.py): every quick
    win of the plan has a citizen impact survey. One query."""
    from django.utils.translation import gettext as _

    quick_wins = (
        Programme.objects.filter(masterplan=masterplan, is_quick_win=True)
        .annotate(surveys_n=Count("surveys", filter=Q(surveys__kind=Survey.Kind.IMPACT)))
        .only("pk", "code")
        .order_by("code")
    )
    url = reverse("surveys:staff_create", kwargs={"region_slug": masterplan.region.slug})
    return [
        Check(
            "participation",
            q.surveys_n > 0,
            _("%(code)s: ask citizens in an impact survey what the quick win changed for them") % {"code": q.code},
            url,
            perm="surveys.manage",
        )
        for q in quick_wins
    ]
