"""The masterplan document (PDF and DOCX): what it contains, its charts, and the two builders.

`document_data` reads everything the document shows in a fixed number of queries. `content_hash` is the
hash of that data (plus format, language and the layout version): the same hash means the same file, which
is how an unchanged masterplan's document is returned at once. Charts are SVG in the PDF (drawn by the
`charts` template tags and here) and PNG drawn with Pillow in the DOCX (no SVG rasteriser is installed).
"""

import datetime
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.common.charts import PALETTE
from kotacerdas.common.charts.bars import percent_bars
from kotacerdas.common.charts.gantt import GanttBar, gantt
from kotacerdas.common.i18n import localized
from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, Programme, Target
from kotacerdas.planning.models import (
    SCORE_MAX,
    Milestone,
    Pillar,
    PillarAnalysis,
    QuickWinStep,
    ReadinessItem,
    Strategy,
)

Progress = Callable[[int], None]
LAYOUT_VERSION = "1"  # bump when the document's layout changes, so stored files are rebuilt
GANTT_ROWS = 40  # programmes per roadmap chart (an image cannot break across pages)


@dataclass
class PillarBlock:
    key: str
    label: str
    score: Decimal | None  # percent of the maximum, over the scored items
    items: list[ReadinessItem]
    analysis: PillarAnalysis | None


@dataclass
class DimensionBlock:
    dimension: Dimension
    strategies: list[Strategy]
    programmes: list[Programme]

    @property
    def colour(self) -> str:
        return PALETTE.get(self.dimension.key, "#0b6e4f")


@dataclass
class DocumentData:
    masterplan: Masterplan
    pillars: list[PillarBlock]
    dimensions: list[DimensionBlock]
    generated_at: datetime.datetime
    years: list[int] = field(default_factory=list)

    @property
    def region(self):
        return self.masterplan.region

    @property
    def programmes(self) -> list[Programme]:
        return [p for block in self.dimensions for p in block.programmes]

    @property
    def quick_wins(self) -> list[Programme]:
        return [p for p in self.programmes if p.is_quick_win]

    @property
    def budget_total(self) -> Decimal:
        return sum((p.budget_estimate for p in self.programmes), Decimal(0))


def document_data(*, masterplan: Masterplan) -> DocumentData:
    """Everything the document shows, in nine queries whatever the masterplan's size."""
    masterplan = Masterplan.objects.select_related("region").get(pk=masterplan.pk)
    items = list(ReadinessItem.objects.filter(masterplan=masterplan).order_by("pillar", "order", "pk"))
    analyses = {a.pillar: a for a in PillarAnalysis.objects.filter(masterplan=masterplan)}
    pillars = []
    for key, label in Pillar.choices:
        mine = [i for i in items if i.pillar == key]
        scored = [i.score for i in mine if i.score is not None]
        score = (Decimal(sum(scored)) / (len(scored) * SCORE_MAX) * 100).quantize(Decimal("0.1")) if scored else None
        pillars.append(PillarBlock(key, str(label), score, mine, analyses.get(key)))
    strategies: dict[int, list[Strategy]] = {}
    for strategy in Strategy.objects.filter(masterplan=masterplan).select_related("element"):
        strategies.setdefault(strategy.dimension_id, []).append(strategy)
    programmes = (
        Programme.objects.filter(masterplan=masterplan)
        .select_related("element", "owner_agency")
        .prefetch_related(
            "supporting_agencies",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("year"))
                ),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("year", "pk")),
            Prefetch("quick_win_steps", queryset=QuickWinStep.objects.order_by("order", "pk")),
        )
        .order_by("code")
    )
    by_dimension: dict[int, list[Programme]] = {}
    for programme in programmes:
        by_dimension.setdefault(programme.dimension_id, []).append(programme)
    dimensions = [
        DimensionBlock(d, strategies.get(d.pk, []), by_dimension.get(d.pk, []))
        for d in Dimension.objects.filter(region_id=masterplan.region_id).order_by("order", "pk")
    ]
    for block in dimensions:
        for programme in block.programmes:
            programme.dimension = block.dimension
    return DocumentData(masterplan, pillars, dimensions, timezone.now(), list(masterplan.years))


def _canonical(data: DocumentData) -> list:
    mp = data.masterplan
    out: list = [
        [mp.pk, mp.title, mp.vision, mp.vision_en, mp.missions, mp.missions_en, mp.status, mp.period_start_year],
        [mp.period_end_year, mp.adoption_decree_number, str(mp.adopted_on), mp.region.name],
    ]
    for pillar in data.pillars:
        a = pillar.analysis
        out.append([pillar.key, [(i.question, i.question_en, i.score, i.evidence) for i in pillar.items]])
        if a:
            out.append([a.strengths, a.weaknesses, a.opportunities, a.threats, a.gap_summary])
    for block in data.dimensions:
        d = block.dimension
        out.append([d.pk, d.name, d.name_en, d.description, d.description_en, d.coordinator_id])
        out.append([(s.text, s.text_en, s.element_id) for s in block.strategies])
        for p in block.programmes:
            out.append(
                [
                    p.code,
                    p.title,
                    p.title_en,
                    p.description,
                    p.description_en,
                    p.element.name if p.element_id else "",
                    p.owner_agency.acronym,
                    p.owner_agency.name,
                    sorted(a.acronym for a in p.supporting_agencies.all()),
                    p.horizon,
                    p.start_year,
                    p.end_year,
                    str(p.budget_estimate),
                    p.funding_source,
                    p.is_quick_win,
                    p.quick_win_year,
                    str(p.weight),
                    [
                        (
                            i.name,
                            i.name_en,
                            i.unit,
                            str(i.baseline_value),
                            i.baseline_year,
                            i.direction,
                            str(i.weight),
                            *((t.year, str(t.value)) for t in i.targets.all()),
                        )
                        for i in p.indicators.all()
                    ],
                    [(m.year, m.title, m.title_en) for m in p.milestones.all()],
                    [(s.description, s.responsible, str(s.due_on)) for s in p.quick_win_steps.all()],
                ]
            )
    return out


def content_hash(*, masterplan: Masterplan, kind: str, language: str, data: DocumentData | None = None) -> str:
    """The hash of what a file of `kind` would show: equal hashes, equal files (bar the generation date)."""
    data = data or document_data(masterplan=masterplan)
    payload = json.dumps([LAYOUT_VERSION, kind, language, _canonical(data)], default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def content_stamp(*, masterplan: Masterplan, kind: str, language: str) -> str:
    """A cheap key for "has anything the file shows changed?", computed in the request: for each kind of
    row the file reads, its count and latest change (and the sum of programme versions, and which agencies
    support which programme), in 14 aggregate queries whatever the size. Services save through the ORM, so
    every change moves `updated_at` or a count; `content_hash` is the exact (and slower) alternative."""
    from django.db.models import Count, Max, Sum

    from kotacerdas.masterplan.models import Element, MasterplanVersion
    from kotacerdas.regions.models import Agency, Region

    def stamp(qs, *extra) -> list:
        row = qs.aggregate(n=Count("pk"), at=Max("updated_at"), **{f"x{i}": e for i, e in enumerate(extra)})
        return [str(v) for _k, v in sorted(row.items())]

    mp = Masterplan.objects.get(pk=masterplan.pk)
    region = masterplan.region_id
    through = Programme.supporting_agencies.through
    parts = [
        LAYOUT_VERSION,
        kind,
        language,
        [mp.pk, str(mp.updated_at), mp.version, mp.status],
        stamp(Region.objects.filter(pk=region)),
        stamp(Dimension.objects.filter(region_id=region)),
        stamp(Element.objects.filter(region_id=region)),
        stamp(Agency.objects.filter(region_id=region)),
        stamp(Programme.objects.filter(masterplan=mp), Sum("version")),
        list(
            through.objects.filter(programme__masterplan=mp)
            .aggregate(n=Count("pk"), a=Sum("agency_id"), p=Sum("programme_id"))
            .values()
        ),
        stamp(Indicator.objects.filter(programme__masterplan=mp)),
        stamp(Target.objects.filter(indicator__programme__masterplan=mp), Sum("year")),
        stamp(ReadinessItem.objects.filter(masterplan=mp)),
        stamp(PillarAnalysis.objects.filter(masterplan=mp)),
        stamp(Strategy.objects.filter(masterplan=mp)),
        stamp(Milestone.objects.filter(programme__masterplan=mp)),
        stamp(QuickWinStep.objects.filter(programme__masterplan=mp)),
        list(MasterplanVersion.objects.filter(masterplan=mp).aggregate(n=Count("pk"), at=Max("created_at")).values()),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


# --- charts -----------------------------------------------------------------------------------------------


def readiness_rows(data: DocumentData) -> list[tuple[str, Decimal | None, str]]:
    return [(p.key.capitalize(), p.score, "") for p in data.pillars]


def gantt_chunks(data: DocumentData) -> list[tuple[DimensionBlock, list[Programme]]]:
    chunks = []
    for block in data.dimensions:
        for start in range(0, len(block.programmes), GANTT_ROWS):
            chunks.append((block, block.programmes[start : start + GANTT_ROWS]))
    return chunks


def gantt_bars(block: DimensionBlock, programmes: list[Programme]) -> list[GanttBar]:
    """The roadmap's bars: one per programme in the dimension's colour (quick wins in gold), milestones as marks."""
    return [
        GanttBar(
            label=p.code,
            title=p.title,
            start=p.start_year,
            end=p.end_year,
            colour="#e0a100" if p.is_quick_win else block.colour,
            marks=tuple(m.year for m in p.milestones.all()),
        )
        for p in programmes
    ]


def _font(size: int):
    from PIL import ImageFont

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def bar_png(rows: list[tuple[str, Decimal | None, str]], *, maximum: int = 100) -> bytes:
    """The readiness bar chart as a PNG for the DOCX: label, bar, value in percent."""
    from PIL import Image, ImageDraw

    scale, bar_h, gap, label_w, width = 2, 26, 12, 190, 760
    plot_w = width - label_w - 90
    height = gap + len(rows) * (bar_h + gap) + 24
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = _font(14 * scale)
    for tick in (0, 25, 50, 75, 100):
        x = (label_w + tick / maximum * plot_w) * scale
        draw.line([(x, gap * scale), (x, (height - 22) * scale)], fill=(226, 230, 234), width=scale)
        draw.text((x, (height - 20) * scale), f"{tick}%", fill=(80, 80, 80), font=_font(11 * scale), anchor="ma")
    for i, (label, value, key) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        draw.text(((label_w - 8) * scale, (y + bar_h / 2) * scale), label[:24], fill="black", font=font, anchor="rm")
        draw.rectangle(
            [label_w * scale, y * scale, (label_w + plot_w) * scale, (y + bar_h) * scale], fill=(238, 241, 244)
        )
        if value is not None:
            w = max(0.0, min(float(value), maximum)) / maximum * plot_w
            draw.rectangle(
                [label_w * scale, y * scale, (label_w + w) * scale, (y + bar_h) * scale],
                fill=_rgb(PALETTE.get(key, "#0b6e4f")),
            )
        text = "–" if value is None else f"{value}%".replace(".", ",")
        draw.text(((label_w + plot_w + 8) * scale, (y + bar_h / 2) * scale), text, fill="black", font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def gantt_png(block: DimensionBlock, programmes: list[Programme], years: list[int]) -> bytes:
    from PIL import Image, ImageDraw

    scale, row_h, label_w, width, top = 2, 18, 120, 900, 26
    plot_w = width - label_w - 10
    step = plot_w / max(1, len(years))
    height = top + len(programmes) * row_h + 8
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    small = _font(11 * scale)
    for i, year in enumerate(years):
        x = (label_w + i * step) * scale
        draw.line([(x, (top - 4) * scale), (x, (height - 4) * scale)], fill=(226, 230, 234), width=scale)
        draw.text((x + step / 2 * scale, 6 * scale), str(year), fill="black", font=small, anchor="ma")
    for r, p in enumerate(programmes):
        y = top + r * row_h
        draw.text(((label_w - 6) * scale, (y + row_h / 2) * scale), p.code, fill="black", font=small, anchor="rm")
        start = max(p.start_year, years[0]) - years[0]
        end = min(p.end_year, years[-1]) - years[0] + 1
        colour = _rgb("#e0a100" if p.is_quick_win else block.colour)
        draw.rounded_rectangle(
            [
                (label_w + start * step) * scale,
                (y + 2) * scale,
                (label_w + max(end * step, start * step + 2)) * scale,
                (y + row_h - 3) * scale,
            ],
            radius=2 * scale,
            fill=colour,
        )
        for m in p.milestones.all():
            if years[0] <= m.year <= years[-1]:
                cx, cy = (label_w + (m.year - years[0] + 0.5) * step) * scale, (y + row_h / 2) * scale
                draw.ellipse(
                    [cx - 3 * scale, cy - 3 * scale, cx + 3 * scale, cy + 3 * scale], fill="white", outline="black"
                )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


# --- fixed-width tables -----------------------------------------------------------------------------------
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
            targets = _target_map(i)
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


# --- builders ---------------------------------------------------------------------------------------------


def build_document(*, masterplan: Masterplan, kind: str, progress: Progress | None = None) -> bytes:
    progress = progress or (lambda percent: None)
    data = document_data(masterplan=masterplan)
    progress(10)
    return build_pdf(data, progress=progress) if kind == "pdf" else build_docx(data, progress=progress)


def _refuse_fetch(url: str, *args, **kwargs):
    """The PDF is built from our own template alone: no file or network is ever fetched while rendering."""
    raise ValueError(f"masterplan PDF does not fetch {url}")


def _target_map(indicator) -> dict[int, Decimal]:
    return {t.year: t.value for t in indicator.targets.all()}


def build_pdf(data: DocumentData, *, progress: Progress) -> bytes:
    """An A4 document from templates/planio/document_pdf.html with inline SVG charts."""
    from weasyprint import HTML

    years = data.years
    gantts = [
        (block, gantt(gantt_bars(block, chunk), years, title=_("Roadmap") + f" · {block.dimension.name}"), chunk)
        for block, chunk in gantt_chunks(data)
    ]
    readiness_chart = percent_bars(readiness_rows(data), title=_("Readiness by pillar (% of the maximum score)"))
    pillar_charts = [
        (
            p,
            percent_bars(
                [
                    (f"{n}. {localized(i, 'question')}", None if i.score is None else i.score * 100 / SCORE_MAX, "")
                    for n, i in enumerate(p.items, start=1)
                ],
                title=p.label,
                testid=f"readiness-{p.key}",
            )
            if p.items
            else "",
        )
        for p in data.pillars
    ]
    progress(20)
    html = render_to_string(
        "planio/document_pdf.html",
        {
            "data": data,
            "masterplan": data.masterplan,
            "region": data.region,
            "missions": data.masterplan.mission_list(),
            "readiness_chart": readiness_chart,
            "pillar_charts": pillar_charts,
            "gantts": gantts,
            "indicator_blocks": indicator_blocks(data),
            "annex_blocks": annex_blocks(data),
            "years": years,
        },
    )
    document = HTML(string=html, url_fetcher=_refuse_fetch).render()
    progress(80)
    content = document.write_pdf()
    progress(95)
    return content


def build_docx(data: DocumentData, *, progress: Progress) -> bytes:
    """A Word document with the same sections; charts as PNG; a table of contents Word fills on opening."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    mp, region = data.masterplan, data.region
    years = data.years
    doc = Document()
    doc.core_properties.title = mp.title
    doc.core_properties.author = "Kota Cerdas"
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2)

    def page_break() -> None:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    style_id = doc.styles["Light Grid Accent 1"].style_id

    def table(headers: list[str], rows: list[list], widths: list[float] | None = None) -> None:
        """A table written as one piece of XML: python-docx's add_row / cell.text take ~1 ms a cell, and the
        indicators table of a 300-programme masterplan has 13,500 cells. The header row repeats on each page."""
        from xml.sax.saxutils import escape as xml_escape

        def cell(value, bold: bool = False) -> str:
            text = "" if value is None else str(value)
            runs = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(part)}</w:t>' for part in text.split("\n"))
            props = "<w:rPr><w:b/></w:rPr>" if bold else ""
            return f"<w:tc><w:p><w:r>{props}{runs}</w:r></w:p></w:tc>"

        grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' if widths else "<w:gridCol/>" for w in (widths or headers))
        xml = [
            f'<w:tbl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:w="5000" w:type="pct"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "".join(cell(h, bold=True) for h in headers) + "</w:tr>",
        ]
        xml += ["<w:tr>" + "".join(cell(v) for v in row) + "</w:tr>" for row in rows]
        xml.append("</w:tbl>")
        anchor = doc.add_paragraph()
        anchor._p.addnext(parse_xml("".join(xml)))

    def num(value) -> str:
        if value is None:
            return ""
        text = format(Decimal(value).normalize(), "f")
        whole, _dot, fraction = text.partition(".")
        grouped = f"{int(whole):,}".replace(",", ".") if whole.lstrip("-").isdigit() else whole
        return grouped + ("," + fraction if fraction else "")

    # Cover
    title = doc.add_paragraph()
    run = title.add_run(mp.title)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(26), RGBColor(0x0B, 0x6E, 0x4F)
    doc.add_paragraph(_("Smart city masterplan") + f" · {region.display_name}").runs[0].font.size = Pt(14)
    doc.add_paragraph(f"{mp.period_start_year}–{mp.period_end_year} · {mp.get_status_display()}")
    if mp.adoption_decree_number:
        doc.add_paragraph(_("Adopted by %(decree)s") % {"decree": mp.adoption_decree_number})
    doc.add_paragraph(_("Generated on %(date)s") % {"date": f"{timezone.localtime(data.generated_at):%d/%m/%Y}"})
    page_break()

    # Table of contents: a Word field (updated when the document is opened) over the headings.
    doc.add_heading(_("Contents"), level=1)
    paragraph = doc.add_paragraph()
    begin, instr, separate, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    run = paragraph.add_run()
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(separate)
    placeholder = paragraph.add_run(_("Right-click and choose Update field to show the page numbers."))
    placeholder.italic = True
    paragraph.add_run()._r.append(end)
    chapters = [
        _("1. Readiness analysis"),
        _("2. Vision and missions"),
        _("3. Strategies and programmes per dimension"),
        _("4. Quick wins"),
        _("5. Roadmap"),
        _("6. Indicators and targets"),
        _("Annex: all programmes"),
    ]
    for chapter in chapters:
        doc.add_paragraph(chapter, style="List Bullet")
    doc.settings.element.append(_update_fields_on_open())
    page_break()

    # 1. Readiness
    doc.add_heading(chapters[0], level=1)
    doc.add_picture(io.BytesIO(bar_png(readiness_rows(data))), width=Cm(15))
    table(
        [_("Pillar"), _("Score (% of maximum)"), _("Questions scored")],
        [
            [
                p.label,
                "–" if p.score is None else num(p.score) + "%",
                f"{sum(1 for i in p.items if i.score is not None)}/{len(p.items)}",
            ]
            for p in data.pillars
        ],
    )
    for p in data.pillars:
        doc.add_heading(p.label, level=2)
        if p.items:
            table(
                [_("Question"), _("Score (0–4)"), _("Evidence")],
                [[localized(i, "question"), "–" if i.score is None else i.score, i.evidence] for i in p.items],
                [9, 2.5, 5.5],
            )
        if p.analysis:
            swot = p.analysis.swot()
            table(
                [_("Strengths"), _("Weaknesses"), _("Opportunities"), _("Threats")],
                [
                    [
                        "\n".join(swot["strengths"]),
                        "\n".join(swot["weaknesses"]),
                        "\n".join(swot["opportunities"]),
                        "\n".join(swot["threats"]),
                    ]
                ],
            )
            if p.analysis.gap_summary:
                doc.add_paragraph(_("Gap summary") + ": " + p.analysis.gap_summary)
    progress(25)

    # 2. Vision and missions
    doc.add_heading(chapters[1], level=1)
    doc.add_heading(_("Vision"), level=2)
    doc.add_paragraph(localized(mp, "vision") or "–")
    doc.add_heading(_("Missions"), level=2)
    for mission in mp.mission_list(language=_current_language()):
        doc.add_paragraph(mission, style="List Number")

    # 3. Strategies and programmes
    doc.add_heading(chapters[2], level=1)
    for block in data.dimensions:
        doc.add_heading(localized(block.dimension, "name"), level=2)
        if block.dimension.description:
            doc.add_paragraph(localized(block.dimension, "description"))
        for s in block.strategies:
            doc.add_paragraph(localized(s, "text"), style="List Bullet")
        if block.programmes:
            table(
                [_("Code"), _("Programme"), _("Element"), _("Owner agency"), _("Years"), _("Budget (Rp)")],
                [
                    [
                        p.code,
                        localized(p, "title"),
                        p.element.name if p.element_id else "",
                        p.owner_agency.acronym,
                        f"{p.start_year}–{p.end_year}",
                        num(p.budget_estimate),
                    ]
                    for p in block.programmes
                ],
                [1.8, 6, 3.2, 2.2, 1.8, 2.5],
            )
    progress(45)

    # 4. Quick wins
    doc.add_heading(chapters[3], level=1)
    if not data.quick_wins:
        doc.add_paragraph(_("No quick wins selected yet."))
    for p in data.quick_wins:
        doc.add_heading(f"{p.code} {localized(p, 'title')} ({p.quick_win_year})", level=2)
        steps = list(p.quick_win_steps.all())
        if steps:
            table(
                [_("Step"), _("Responsible"), _("Due")],
                [[s.description, s.responsible, s.due_on.strftime("%d/%m/%Y") if s.due_on else ""] for s in steps],
            )

    # 5. Roadmap
    doc.add_heading(chapters[4], level=1)
    doc.add_paragraph(
        _("One bar per programme over the masterplan's years; quick wins in amber; a circle marks a milestone.")
    )
    for block, chunk in gantt_chunks(data):
        doc.add_paragraph(localized(block.dimension, "name")).runs[0].bold = True
        doc.add_picture(io.BytesIO(gantt_png(block, chunk, years)), width=Cm(17))
        for p in chunk:
            milestones = list(p.milestones.all())
            if milestones:
                doc.add_paragraph(f"{p.code}: " + "; ".join(f"{m.year}: {localized(m, 'title')}" for m in milestones))
    progress(60)

    # 6. Indicators and targets (landscape: a column per year)
    landscape = doc.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
    landscape.left_margin = landscape.right_margin = Cm(1.5)
    doc.add_heading(chapters[5], level=1)
    rows = []
    for p in data.programmes:
        for i in p.indicators.all():
            targets = _target_map(i)
            rows.append(
                [p.code, localized(i, "name"), i.unit, num(i.baseline_value), *(num(targets.get(y)) for y in years)]
            )
    table([_("Code"), _("Indicator"), _("Unit"), _("Baseline"), *(str(y) for y in years)], rows)
    progress(80)

    # Annex
    doc.add_heading(chapters[6], level=1)
    table(
        [
            _("Code"),
            _("Programme"),
            _("Dimension"),
            _("Owner agency"),
            _("Supporting agencies"),
            _("Horizon"),
            _("Years"),
            _("Budget (Rp)"),
            _("Funding"),
        ],
        [
            [
                p.code,
                localized(p, "title"),
                p.dimension.name,
                p.owner_agency.acronym,
                ", ".join(a.acronym for a in p.supporting_agencies.all()),
                p.get_horizon_display(),
                f"{p.start_year}–{p.end_year}",
                num(p.budget_estimate),
                p.get_funding_source_display(),
            ]
            for p in data.programmes
        ],
    )
    out = io.BytesIO()
    doc.save(out)
    progress(95)
    return out.getvalue()


def _current_language() -> str:
    from django.utils.translation import get_language

    return get_language() or "id"


def _update_fields_on_open():
    """<w:updateFields w:val="true"/>: Word offers to fill the table of contents when the file is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    return element
