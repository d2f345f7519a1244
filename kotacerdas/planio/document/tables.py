"""The rows of the document's long tables, shared by the PDF (real HTML tables) and the DOCX (Word tables).

Labels come from the models' choices in the active language (Jangka pendek, APBD, Mitra), never their codes.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.i18n import localized

from .data import DocumentData


def number_text(value) -> str:
    """A number as the active language writes it (1.500.000,5), empty for none."""
    from kotacerdas.common.templatetags.kc import num

    return "" if value is None else num(value)


def target_map(indicator) -> dict[int, Decimal]:
    return {t.year: t.value for t in indicator.targets.all()}


def indicator_headers(data: DocumentData) -> list[str]:
    return [_("Code"), _("Indicator"), _("Unit"), _("Baseline"), *(str(y) for y in data.years)]


def indicator_rows(data: DocumentData) -> list[list[str]]:
    """One row per indicator: programme code, name, unit, baseline and the target of each year."""
    rows = []
    for p in data.programmes:
        for i in p.indicators.all():
            targets = target_map(i)
            rows.append(
                [p.code, localized(i, "name"), i.unit, number_text(i.baseline_value)]
                + [number_text(targets.get(y)) for y in data.years]
            )
    return rows


def annex_headers() -> list[str]:
    return [
        _("Code"),
        _("Programme"),
        _("Dimension"),
        _("Owner agency"),
        _("Supporting agencies"),
        _("Horizon"),
        _("Years"),
        _("Budget (Rp)"),
        _("Funding"),
    ]


def horizon_label(programme) -> str:
    """`Jangka pendek` for `short`: the choice's label without its span in brackets."""
    return str(programme.get_horizon_display()).split(" (")[0]


def funding_label(programme) -> str:
    return str(programme.get_funding_source_display())


def annex_rows(data: DocumentData) -> list[list[str]]:
    return [
        [
            p.code,
            localized(p, "title"),
            localized(p.dimension, "name"),
            p.owner_agency.acronym,
            ", ".join(a.acronym for a in p.supporting_agencies.all()),
            horizon_label(p),
            f"{p.start_year}–{p.end_year}",
            number_text(p.budget_estimate),
            funding_label(p),
        ]
        for p in data.programmes
    ]


def financing(data: DocumentData) -> dict:
    """Budget per dimension, per year (spread evenly over each programme's years) and per funding source."""
    return {
        "dimensions": [(name, number_text(v)) for name, v in data.budget_by(lambda p: localized(p.dimension, "name"))],
        "years": [(y, number_text(v)) for y, v in data.budget_by_year()],
        "sources": [(name, number_text(v)) for name, v in data.budget_by(funding_label)],
        "total": number_text(data.budget_total),
    }
