"""The rows of an exported workbook, read from the masterplan (the template has the lists and no rows)."""

from dataclasses import dataclass
from decimal import Decimal

from kotacerdas.masterplan.models import Dimension, Element, Indicator, Masterplan, Programme, Target
from kotacerdas.regions.models import Agency

from .columns import choice_word


@dataclass
class ReferenceLists:
    dimensions: list[str]
    elements: list[str]
    agencies: list[str]


def reference_lists(*, masterplan: Masterplan) -> ReferenceLists:
    dimensions = list(Dimension.objects.filter(region_id=masterplan.region_id).order_by("order", "pk"))
    elements = Element.objects.filter(region_id=masterplan.region_id).order_by("dimension__order", "order", "pk")
    return ReferenceLists(
        dimensions=[d.name for d in dimensions],
        elements=list(dict.fromkeys(e.name for e in elements)),
        agencies=list(Agency.objects.filter(region_id=masterplan.region_id).values_list("acronym", flat=True)),
    )


@dataclass
class ExportData:
    masterplan: Masterplan
    lists: ReferenceLists
    programmes: list[list]
    indicators: list[list]


def export_data(*, masterplan: Masterplan, empty: bool = False) -> ExportData:
    """The rows of the workbook, read in six queries whatever the masterplan's size; choices are written in
    the user's language."""
    lists = reference_lists(masterplan=masterplan)
    if empty:
        return ExportData(masterplan, lists, [], [])
    years = list(masterplan.years)
    programmes = list(
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension", "element", "owner_agency")
        .order_by("dimension__order", "code")
    )
    supporting: dict[int, list[str]] = {}
    through = Programme.supporting_agencies.through
    for programme_id, acronym in (
        through.objects.filter(programme__masterplan=masterplan)
        .order_by("agency__acronym")
        .values_list("programme_id", "agency__acronym")
    ):
        supporting.setdefault(programme_id, []).append(acronym)
    indicators: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(programme__masterplan=masterplan).order_by("order", "pk"):
        indicators.setdefault(indicator.programme_id, []).append(indicator)
    targets: dict[int, dict[int, Decimal]] = {}
    for indicator_id, year, value in Target.objects.filter(indicator__programme__masterplan=masterplan).values_list(
        "indicator_id", "year", "value"
    ):
        targets.setdefault(indicator_id, {})[year] = value
    programme_rows, indicator_rows = [], []
    for p in programmes:
        programme_rows.append(
            [
                p.code,
                p.title,
                p.title_en,
                p.description,
                p.dimension.name,
                p.element.name if p.element_id else None,
                p.owner_agency.acronym,
                ", ".join(supporting.get(p.pk, [])),
                choice_word("horizon", p.horizon),
                p.start_year,
                p.end_year,
                _number(p.budget_estimate),
                choice_word("funding_source", p.funding_source),
                "ya" if p.is_quick_win else "tidak",
                p.quick_win_year,
                _number(p.weight),
            ]
        )
        for number, indicator in enumerate(indicators.get(p.pk, []), start=1):
            by_year = targets.get(indicator.pk, {})
            indicator_rows.append(
                [
                    p.code,
                    number,
                    indicator.name,
                    indicator.name_en,
                    indicator.unit,
                    indicator.unit_en,
                    _number(indicator.baseline_value),
                    indicator.baseline_year,
                    choice_word("direction", indicator.direction),
                    _number(indicator.weight),
                    *(_number(by_year.get(year)) for year in years),
                ]
            )
    return ExportData(masterplan, lists, programme_rows, indicator_rows)


def _number(value: Decimal | None):
    """A Decimal as the int or float a spreadsheet shows (targets have at most 4 decimals: exact in a float)."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)
