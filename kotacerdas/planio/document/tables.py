"""The long tables of the PDF as fixed-width text blocks."""

from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.i18n import localized

from .data import DocumentData

# The long tables of the PDF (indicators and targets, the annex) are set as monospaced text blocks: WeasyPrint
# lays out an HTML table cell by cell (~2 ms a cell on this machine: 13,500 cells for 300 programmes), while
# a preformatted block of the same rows takes a tenth of that. The DOCX keeps real tables.

LINES_PER_BLOCK = 44


def number_text(value) -> str:
    """A number as the active language writes it (1.500.000,5), empty for none."""
    from kotacerdas.common.templatetags.kc import num

    return "" if value is None else num(value)


def text_table(headers: list[str], rows: list[list[str]], widths: list[int], right: set[int]) -> list[dict]:
    """Blocks of at most LINES_PER_BLOCK lines, each {"header": str, "body": str}: columns padded to their
    width, long text wrapped onto continuation lines, numbers right-aligned."""
    import textwrap

    def line(cells: list[str]) -> str:
        return "  ".join(
            (cell.rjust(width) if i in right else cell.ljust(width))[: max(width, len(cell))]
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    header = line([h[:w] for h, w in zip(headers, widths, strict=True)])
    blocks, lines = [], []
    for row in rows:
        wrapped = [
            textwrap.wrap(str(cell), width, break_long_words=True) or [""] if i not in right else [str(cell)]
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        height = max(len(w) for w in wrapped)
        if len(lines) + height > LINES_PER_BLOCK:
            blocks.append({"header": header, "body": "\n".join(lines)})
            lines = []
        for k in range(height):
            lines.append(line([w[k] if k < len(w) else "" for w in wrapped]))
    if lines or not blocks:
        blocks.append({"header": header, "body": "\n".join(lines)})
    return blocks


def indicator_blocks(data: DocumentData) -> list[dict]:
    years = data.years
    rows = []
    for p in data.programmes:
        for i in p.indicators.all():
            targets = target_map(i)
            rows.append(
                [p.code, localized(i, "name"), i.unit, number_text(i.baseline_value)]
                + [number_text(targets.get(y)) for y in years]
            )
    headers = [_("Code"), _("Indicator"), _("Unit"), _("Baseline"), *(str(y) for y in years)]
    widths = [10, 44, 8, 9] + [8] * len(years)
    return text_table(headers, rows, widths, right=set(range(3, 4 + len(years))))


def annex_blocks(data: DocumentData) -> list[dict]:
    rows = [
        [
            p.code,
            localized(p, "title"),
            p.dimension.name.replace("Smart ", ""),
            p.owner_agency.acronym,
            ", ".join(a.acronym for a in p.supporting_agencies.all()),
            p.horizon,
            f"{p.start_year}–{p.end_year}",
            number_text(p.budget_estimate),
            p.funding_source.upper(),
        ]
        for p in data.programmes
    ]
    headers = [
        _("Code"),
        _("Programme"),
        _("Dimension"),
        _("Owner"),
        _("Supporting agencies"),
        _("Horizon"),
        _("Years"),
        _("Budget (Rp)"),
        _("Funding"),
    ]
    return text_table(headers, rows, [10, 50, 12, 11, 22, 7, 9, 17, 8], right={7})


def target_map(indicator) -> dict[int, Decimal]:
    return {t.year: t.value for t in indicator.targets.all()}
