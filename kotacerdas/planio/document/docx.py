"""The masterplan document as DOCX: the same sections as the PDF, charts as PNG, real tables, and a table of
contents Word fills on opening."""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.common.i18n import localized

from .charts import bar_png, gantt_chunks, gantt_png, readiness_rows
from .data import DocumentData, Progress
from .tables import target_map


def build_docx(data: DocumentData, *, progress: Progress) -> bytes:
    """A Word document with the same sections; charts as PNG; a table of contents Word fills on opening."""
    writer = _Writer(data.masterplan.title)
    _cover(writer, data)
    chapters = [
        _("1. Readiness analysis"),
        _("2. Vision and missions"),
        _("3. Strategies and programmes per dimension"),
        _("4. Quick wins"),
        _("5. Roadmap"),
        _("6. Indicators and targets"),
        _("Annex: all programmes"),
    ]
    _contents(writer, chapters)
    _readiness(writer, data, chapters[0])
    progress(25)
    _vision(writer, data, chapters[1])
    _programmes(writer, data, chapters[2])
    progress(45)
    _quick_wins(writer, data, chapters[3])
    _roadmap(writer, data, chapters[4])
    progress(60)
    _indicators(writer, data, chapters[5])
    progress(80)
    _annex(writer, data, chapters[6])
    out = io.BytesIO()
    writer.doc.save(out)
    progress(95)
    return out.getvalue()


class _Writer:
    """A new A4 document (Calibri 10) and the two things every section adds: page breaks and tables."""

    def __init__(self, title: str):
        from docx import Document
        from docx.shared import Cm, Pt

        doc = Document()
        doc.core_properties.title = title
        doc.core_properties.author = "Kota Cerdas"
        style = doc.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(10)
        section = doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2)
        self.doc = doc
        self.style_id = doc.styles["Light Grid Accent 1"].style_id

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, headers: list[str], rows: list[list], widths: list[float] | None = None) -> None:
        """A table written as one piece of XML: python-docx's add_row / cell.text take ~1 ms a cell, and the
        indicators table of a 300-programme masterplan has 13,500 cells. The header row repeats on each page."""
        from xml.sax.saxutils import escape as xml_escape

        from docx.oxml import parse_xml

        def cell(value, bold: bool = False) -> str:
            text = "" if value is None else str(value)
            runs = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(part)}</w:t>' for part in text.split("\n"))
            props = "<w:rPr><w:b/></w:rPr>" if bold else ""
            return f"<w:tc><w:p><w:r>{props}{runs}</w:r></w:p></w:tc>"

        grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' if widths else "<w:gridCol/>" for w in (widths or headers))
        xml = [
            f'<w:tbl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:tblPr><w:tblStyle w:val="{self.style_id}"/><w:tblW w:w="5000" w:type="pct"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "".join(cell(h, bold=True) for h in headers) + "</w:tr>",
        ]
        xml += ["<w:tr>" + "".join(cell(v) for v in row) + "</w:tr>" for row in rows]
        xml.append("</w:tbl>")
        anchor = self.doc.add_paragraph()
        anchor._p.addnext(parse_xml("".join(xml)))


def _num(value) -> str:
    """A number written the Indonesian way (1.500.000,5), empty for none."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    whole, _dot, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".") if whole.lstrip("-").isdigit() else whole
    return grouped + ("," + fraction if fraction else "")


def _cover(writer: _Writer, data: DocumentData) -> None:
    from docx.shared import Pt, RGBColor

    doc, mp = writer.doc, data.masterplan
    title = doc.add_paragraph()
    run = title.add_run(mp.title)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(26), RGBColor(0x0B, 0x6E, 0x4F)
    doc.add_paragraph(_("Smart city masterplan") + f" · {data.region.display_name}").runs[0].font.size = Pt(14)
    doc.add_paragraph(f"{mp.period_start_year}–{mp.period_end_year} · {mp.get_status_display()}")
    if mp.adoption_decree_number:
        doc.add_paragraph(_("Adopted by %(decree)s") % {"decree": mp.adoption_decree_number})
    doc.add_paragraph(_("Generated on %(date)s") % {"date": f"{timezone.localtime(data.generated_at):%d/%m/%Y}"})
    writer.page_break()


def _contents(writer: _Writer, chapters: list[str]) -> None:
    """The table of contents: a Word field (updated when the document is opened) over the headings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = writer.doc
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
    for chapter in chapters:
        doc.add_paragraph(chapter, style="List Bullet")
    doc.settings.element.append(_update_fields_on_open())
    writer.page_break()


def _readiness(writer: _Writer, data: DocumentData, chapter: str) -> None:
    """1. The readiness chart and table, then each pillar's questions and SWOT."""
    from docx.shared import Cm

    doc, table = writer.doc, writer.table
    doc.add_heading(chapter, level=1)
    doc.add_picture(io.BytesIO(bar_png(readiness_rows(data))), width=Cm(15))
    table(
        [_("Pillar"), _("Score (% of maximum)"), _("Questions scored")],
        [
            [
                p.label,
                "–" if p.score is None else _num(p.score) + "%",
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


def _vision(writer: _Writer, data: DocumentData, chapter: str) -> None:
    doc, mp = writer.doc, data.masterplan
    doc.add_heading(chapter, level=1)
    doc.add_heading(_("Vision"), level=2)
    doc.add_paragraph(localized(mp, "vision") or "–")
    doc.add_heading(_("Missions"), level=2)
    for mission in mp.mission_list(language=_current_language()):
        doc.add_paragraph(mission, style="List Number")


def _programmes(writer: _Writer, data: DocumentData, chapter: str) -> None:
    """3. Per dimension: its description, strategies and programmes."""
    doc = writer.doc
    doc.add_heading(chapter, level=1)
    for block in data.dimensions:
        doc.add_heading(localized(block.dimension, "name"), level=2)
        if block.dimension.description:
            doc.add_paragraph(localized(block.dimension, "description"))
        for s in block.strategies:
            doc.add_paragraph(localized(s, "text"), style="List Bullet")
        if block.programmes:
            writer.table(
                [_("Code"), _("Programme"), _("Element"), _("Owner agency"), _("Years"), _("Budget (Rp)")],
                [
                    [
                        p.code,
                        localized(p, "title"),
                        p.element.name if p.element_id else "",
                        p.owner_agency.acronym,
                        f"{p.start_year}–{p.end_year}",
                        _num(p.budget_estimate),
                    ]
                    for p in block.programmes
                ],
                [1.8, 6, 3.2, 2.2, 1.8, 2.5],
            )


def _quick_wins(writer: _Writer, data: DocumentData, chapter: str) -> None:
    doc = writer.doc
    doc.add_heading(chapter, level=1)
    if not data.quick_wins:
        doc.add_paragraph(_("No quick wins selected yet."))
    for p in data.quick_wins:
        doc.add_heading(f"{p.code} {localized(p, 'title')} ({p.quick_win_year})", level=2)
        steps = list(p.quick_win_steps.all())
        if steps:
            writer.table(
                [_("Step"), _("Responsible"), _("Due")],
                [[s.description, s.responsible, s.due_on.strftime("%d/%m/%Y") if s.due_on else ""] for s in steps],
            )


def _roadmap(writer: _Writer, data: DocumentData, chapter: str) -> None:
    """5. A Gantt chart per dimension (in chunks that fit a page) and each programme's milestones."""
    from docx.shared import Cm

    doc = writer.doc
    doc.add_heading(chapter, level=1)
    doc.add_paragraph(
        _("One bar per programme over the masterplan's years; quick wins in amber; a circle marks a milestone.")
    )
    for block, chunk in gantt_chunks(data):
        doc.add_paragraph(localized(block.dimension, "name")).runs[0].bold = True
        doc.add_picture(io.BytesIO(gantt_png(block, chunk, data.years)), width=Cm(17))
        for p in chunk:
            milestones = list(p.milestones.all())
            if milestones:
                doc.add_paragraph(f"{p.code}: " + "; ".join(f"{m.year}: {localized(m, 'title')}" for m in milestones))


def _indicators(writer: _Writer, data: DocumentData, chapter: str) -> None:
    """6. Indicators and targets, on landscape pages: a column per year."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc, years = writer.doc, data.years
    landscape = doc.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
    landscape.left_margin = landscape.right_margin = Cm(1.5)
    doc.add_heading(chapter, level=1)
    rows = []
    for p in data.programmes:
        for i in p.indicators.all():
            targets = target_map(i)
            rows.append(
                [p.code, localized(i, "name"), i.unit, _num(i.baseline_value), *(_num(targets.get(y)) for y in years)]
            )
    writer.table([_("Code"), _("Indicator"), _("Unit"), _("Baseline"), *(str(y) for y in years)], rows)


def _annex(writer: _Writer, data: DocumentData, chapter: str) -> None:
    writer.doc.add_heading(chapter, level=1)
    writer.table(
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
                _num(p.budget_estimate),
                p.get_funding_source_display(),
            ]
            for p in data.programmes
        ],
    )


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
