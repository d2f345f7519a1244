"""The rows of the document's long tables, shared by the PDF (real HTML tables) and the DOCX (Word tables).

Labels come from the models' choices in the active language (Jangka pendek, APBD, Mitra), never their codes.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
                [p.code, localized(i, "name"), localized(i, "unit"), number_text(i.baseline_value)]
                + [number_text(targets.get(y)) for y in data.years]
            )
    return rows


def indicator_grid(data: DocumentData) -> dict:
    """The PDF's indicators table: four real columns and the yearly targets as one column of fixed-width text.

    WeasyPrint lays a table out cell by cell: 900 indicators × 15 cells took 18 s on this machine, the same
    table with the targets in one preformatted cell 4.7 s. The targets are numbers only (nothing to break
    mid-word), right-aligned under their year in a monospaced font; the DOCX keeps a cell per year."""
    rows = indicator_rows(data)
    years = [str(y) for y in data.years]
    width = max([len(y) for y in years] + [len(v) for row in rows for v in row[4:]]) + 1
    return {
        "headers": indicator_headers(data)[:4],
        "years": "".join(y.rjust(width) for y in years),
        "rows": [(row[:4], "".join(v.rjust(width) for v in row[4:])) for row in rows],
        # DejaVu Sans Mono advances 0.602 em; 6.5 pt = 2.293 mm; plus the cell's padding.
        "width_mm": round(width * len(years) * 0.602 * 2.293 + 3, 1),
    }


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


def quality_rows(data: DocumentData) -> list[list[str]]:
    """One row per component of the quality check: its name, score and what to fix (the first 25, then a count)."""
    from kotacerdas.planning.selectors.quality import quality_check

    rows = []
    for c in quality_check(masterplan=data.masterplan):
        fixes = [f.text for f in c.shown_fixes]
        if c.more:
            fixes.append(ngettext("and %(n)s more", "and %(n)s more", c.more) % {"n": c.more})
        score = "–" if c.score is None else f"{c.score}% ({c.passed}/{c.total})"
        rows.append([c.name, score, "\n".join(fixes) or _("Nothing to fix.")])
    return rows
