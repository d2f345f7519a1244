"""Datasets of the plan and its results: programmes, indicator targets, verified achievements, evaluation."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from kotacerdas.evaluation import selectors as evaluation
from kotacerdas.masterplan.models import Dimension, Element, Indicator, Programme, Target
from kotacerdas.masterplan.selectors import masterplan_public_for_region
from kotacerdas.monitoring import selectors as monitoring
from kotacerdas.regions.models import Agency

from .base import Column, Dataset

ALL_DIMENSIONS = tuple(k for k, _l in Dimension.Key.choices)


def _latest(*maps: dict) -> dict:
    out: dict = {}
    for m in maps:
        for region_id, when in m.items():
            if when is not None and (out.get(region_id) is None or when > out[region_id]):
                out[region_id] = when
    return out


def _grouped_max(model, field: str = "updated_at", **filters) -> dict:
    qs = model.objects.filter(**filters).values("region_id").annotate(m=Max(field))
    return dict(qs.values_list("region_id", "m"))


def masterplan_modified() -> dict:
    return _latest(_grouped_max(Programme), _grouped_max(Indicator), _grouped_max(Target))


def programme_rows(region, ctx):
    masterplan = masterplan_public_for_region(region=region)
    if masterplan is None:
        return
    qs = (
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension", "element", "owner_agency")
        .prefetch_related("supporting_agencies")
        .order_by("dimension__order", "code")
    )
    for p in qs:
        yield (
            p.code,
            p.title,
            p.title_en,
            p.dimension.key,
            p.element.name if p.element_id else "",
            p.owner_agency.acronym if p.owner_agency_id else "",
            "; ".join(sorted(a.acronym for a in p.supporting_agencies.all())),
            p.horizon,
            p.start_year,
            p.end_year,
            p.budget_estimate,
            p.funding_source,
            p.is_quick_win,
            p.quick_win_year,
        )


def target_rows(region, ctx):
    """Indicator × year: the largest dataset of the plan (thousands of rows), read in chunks of plain tuples."""
    masterplan = masterplan_public_for_region(region=region)
    if masterplan is None:
        return
    qs = (
        Target.objects.filter(indicator__programme__masterplan=masterplan)
        .order_by("indicator__programme__code", "indicator__order", "indicator_id", "year")
        .values_list(
            "indicator__programme__code",
            "indicator_id",
            "indicator__name",
            "indicator__name_en",
            "indicator__unit",
            "indicator__direction",
            "indicator__baseline_value",
            "indicator__baseline_year",
            "year",
            "value",
        )
    )
    yield from qs.iterator(chunk_size=2000)


def achievement_rows(region, ctx):
    names = {
        "programme": dict(Programme.objects.filter(region=region).values_list("pk", "code")),
        "element": dict(Element.objects.filter(region=region).values_list("pk", "key")),
        "dimension": dict(Dimension.objects.filter(region=region).values_list("pk", "key")),
        "agency": dict(Agency.objects.filter(region=region).values_list("pk", "acronym")),
    }
    for (
        year,
        number,
        starts,
        ends,
        level,
        object_id,
        value,
        reported,
        expected,
    ) in monitoring.achievement_rows_open_data(region=region).iterator(chunk_size=2000):
        code = names.get(level, {}).get(object_id, "") if level != "masterplan" else ""
        yield (year, number, starts, ends, level, code, value, reported, expected)


def evaluation_rows(region, ctx):
    for r in sorted(evaluation.public_results(region=region), key=lambda r: (r.year, r.version)):
        dims = (r.results or {}).get("dimensions", {})
        for key, d in dims.items():
            yield (
                r.year,
                r.version,
                not r.is_superseded,
                r.index,
                key,
                d.get("name", ""),
                d.get("weight"),
                d.get("score"),
            )


YEAR = _("Year")
PROGRAMME_CODE = Column("programme_code", "string", _("Programme code in the masterplan, e.g. GOV-01"))

DATASETS = (
    Dataset(
        key="masterplan-programmes",
        sources=("masterplan", "planning"),
        title=_("Smart city masterplan: programmes"),
        notes=_(
            "The programmes of the adopted smart city masterplan: dimension, element, owner and supporting "
            "agencies, horizon, years, budget estimate and funding source, and whether it is a quick win."
        ),
        columns=(
            Column("code", "string", _("Programme code in the masterplan, e.g. GOV-01")),
            Column("title", "string", _("Title (Indonesian)")),
            Column("title_en", "string", _("Title (English), when given")),
            Column("dimension", "string", _("Smart city dimension key")),
            Column("element", "string", _("Element of the dimension")),
            Column("owner_agency", "string", _("Owner agency (PD pengampu), short name")),
            Column("supporting_agencies", "string", _("Supporting agencies, short names separated by ;")),
            Column("horizon", "string", _("Horizon: short (1–3 y), medium (3–5 y), long (5–10 y)")),
            Column("start_year", "integer", _("First year")),
            Column("end_year", "integer", _("Last year")),
            Column("budget_estimate", "number", _("Budget estimate"), "IDR"),
            Column("funding_source", "string", _("Funding source (APBD, APBN, DAK, CSR, …)")),
            Column("is_quick_win", "boolean", _("A quick win")),
            Column("quick_win_year", "integer", _("Year of the quick win")),
        ),
        rows=programme_rows,
        modified=masterplan_modified,
        groups=ALL_DIMENSIONS,
        tags=("masterplan", "smart-city", "programme"),
        frequency="IRREG",
        producer_hint="Bappelitbangda",
        chart=("dimension", None),
    ),
    Dataset(
        key="masterplan-targets",
        sources=("masterplan", "planning"),
        title=_("Smart city masterplan: indicators and yearly targets"),
        notes=_("Each indicator of the adopted masterplan with its unit, baseline and the target of each year."),
        columns=(
            PROGRAMME_CODE,
            Column("indicator_id", "integer", _("Indicator identifier (stable)")),
            Column("indicator", "string", _("Indicator (Indonesian)")),
            Column("indicator_en", "string", _("Indicator (English), when given")),
            Column("unit", "string", _("Unit of the indicator")),
            Column("direction", "string", _("higher or lower is better")),
            Column("baseline", "number", _("Baseline value")),
            Column("baseline_year", "integer", _("Year of the baseline")),
            Column("year", "integer", YEAR),
            Column("target", "number", _("Target of the year, in the indicator's unit")),
        ),
        rows=target_rows,
        modified=masterplan_modified,
        groups=ALL_DIMENSIONS,
        tags=("masterplan", "smart-city", "indicator", "target"),
        frequency="IRREG",
        producer_hint="Bappelitbangda",
    ),
    Dataset(
        key="monitoring-achievements",
        sources=("monitoring", "masterplan"),
        title=_("Monitoring: verified achievement per period"),
        notes=_(
            "Achievement (%) of each programme, element, dimension, agency and of the whole masterplan in each "
            "reporting period, from verified progress reports only, with how many programmes reported."
        ),
        columns=(
            Column("year", "integer", YEAR),
            Column("period", "integer", _("Number of the period in the year")),
            Column("starts_on", "date", _("First day of the period")),
            Column("ends_on", "date", _("Last day of the period")),
            Column("level", "string", _("programme, element, dimension, agency or masterplan")),
            Column("code", "string", _("Programme code, element or dimension key, or agency short name")),
            Column("achievement", "number", _("Verified achievement"), "%"),
            Column("reported", "integer", _("Programmes with a verified report")),
            Column("expected", "integer", _("Programmes expected to report")),
        ),
        rows=achievement_rows,
        modified=monitoring.achievements_modified_by_region,
        groups=ALL_DIMENSIONS,
        tags=("monitoring", "smart-city", "achievement"),
        frequency="QUARTERLY",
        producer_hint="Bappelitbangda",
    ),
    Dataset(
        key="evaluation-results",
        sources=("evaluation",),
        title=_("Yearly smart city evaluation results"),
        notes=_(
            "The published results of each year's evaluation: the index and the score of each evaluation "
            "dimension with its weight. Corrected versions are kept; `current` marks the one in force."
        ),
        columns=(
            Column("year", "integer", YEAR),
            Column("version", "integer", _("Version of the published result")),
            Column("current", "boolean", _("The version in force")),
            Column("index", "number", _("Smart city index (0–4)")),
            Column("dimension", "string", _("Evaluation dimension key")),
            Column("dimension_name", "string", _("Evaluation dimension")),
            Column("weight", "number", _("Weight of the dimension"), "%"),
            Column("score", "number", _("Score of the dimension (0–4)")),
        ),
        rows=evaluation_rows,
        modified=evaluation.rounds_modified_by_region,
        groups=ALL_DIMENSIONS,
        tags=("evaluation", "smart-city", "index"),
        frequency="ANNUAL",
        producer_hint="Bappelitbangda",
    ),
)
