"""The masterplan document as DOCX: the same chapters as the PDF, charts as PNG, real tables with column widths,
Indonesian (id-ID) as the document language, page numbers in the footer, and a table of contents whose entries
are already filled (with PAGEREF fields to the headings' bookmarks) inside the TOC field Word refreshes."""

import io
import re
from xml.sax.saxutils import escape as xml_escape

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import docx_sections as sections
from .data import DocumentData, Progress, chapters

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TWIPS_PER_CM = 567


def build_docx(data: DocumentData, *, progress: Progress) -> bytes:
    """A Word document with the chapters of the ministry's guide; charts as PNG."""
    writer = _Writer(data)
    titles = chapters()
    sections.cover(writer, data)
    _contents(writer, titles)
    steps = [
        ("intro", sections.introduction),
        ("profile", sections.profile),
        ("readiness", sections.readiness),
        ("vision", sections.vision),
        ("dimensions", sections.programmes),
        ("quick_wins", sections.quick_wins),
        ("roadmap", sections.roadmap),
        ("financing", sections.financing),
        ("implementation", sections.implementation),
        ("closing", sections.closing),
        ("adoption", sections.adoption),
        ("quality", sections.quality),
        ("annex", sections.annex),
    ]
    for n, (key, write) in enumerate(steps, start=1):
        write(writer, data, titles[key])
        progress(10 + n * 6)
    out = io.BytesIO()
    writer.doc.save(out)
    progress(95)
    return out.getvalue()


class _Writer:
    """A new A4 document (Calibri 10, id-ID) and what every chapter adds: headings with bookmarks, page breaks,
    tables with column widths."""

    def __init__(self, data: DocumentData):
        from docx import Document
        from docx.shared import Cm, Pt

        doc = Document()
        self.doc = doc
        _properties(doc, data)
        _language(doc, "en-US" if (get_language() or "id").startswith("en") else "id-ID")
        style = doc.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = Pt(10)
        section = doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2)
        _page_number_footer(section)
        self.style_id = doc.styles["Light Grid Accent 1"].style_id
        self.bookmarks = 0

    def heading(self, text: str, level: int = 1):
        """A heading; a chapter (level 1) gets a bookmark _TocN the contents' PAGEREF points to."""
        from docx.oxml import parse_xml

        paragraph = self.doc.add_heading(text, level=level)
        if level == 1:
            self.bookmarks += 1
            n = self.bookmarks
            paragraph._p.insert(1, parse_xml(f'<w:bookmarkStart {W} w:id="{n}" w:name="_Toc{n:04d}"/>'))
            paragraph._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{n}"/>'))
        return paragraph

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, headers: list[str], rows: list[list], widths: list[float]) -> None:
        """A table written as one piece of XML (python-docx's add_row / cell.text take ~1 ms a cell, and the
        indicators table of a 300-programme masterplan has 13,500 cells), `widths` in cm: a fixed layout, so
        Word and LibreOffice keep the columns. The header row repeats on each page."""
        from docx.oxml import parse_xml

        twips = [int(w * TWIPS_PER_CM) for w in widths]

        def cell(value, width: int, bold: bool = False) -> str:
            text = "" if value is None else str(value)
            runs = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(part)}</w:t>' for part in text.split("\n"))
            props = "<w:rPr><w:b/></w:rPr>" if bold else ""
            return (
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:r>{props}{runs}</w:r></w:p></w:tc>'
            )

        def row(values, bold: bool = False) -> str:
            return "".join(cell(v, w, bold) for v, w in zip(values, twips, strict=True))

        xml = [
            f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="{self.style_id}"/><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
            + "</w:tblGrid>",
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + row(headers, bold=True) + "</w:tr>",
        ]
        xml += ["<w:tr><w:trPr><w:cantSplit/></w:trPr>" + row(values) + "</w:tr>" for values in rows]
        xml.append("</w:tbl>")
        anchor = self.doc.add_paragraph()
        anchor._p.addnext(parse_xml("".join(xml)))


def _properties(doc, data: DocumentData) -> None:
    """Title, the region as subject, author and company; created and modified now (the template says 2013)."""
    now = timezone.now().replace(microsecond=0)
    region = str(data.region.display_name)
    props = doc.core_properties
    props.title, props.subject, props.author = data.masterplan.title, region, region
    props.last_modified_by, props.created, props.modified, props.revision = region, now, now, data.masterplan.version
    props.keywords, props.comments = _("Smart city masterplan"), ""
    for part in doc.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            blob = part.blob.decode()
            blob = re.sub(r"<Application>.*?</Application>", "<Application>Kota Cerdas</Application>", blob)
            blob = re.sub(r"<Company>.*?</Company>|<Company/>", "", blob)
            blob = blob.replace("</Properties>", f"<Company>{xml_escape(region)}</Company></Properties>")
            part._blob = blob.encode()


def _language(doc, tag: str) -> None:
    """The document's language in its default run properties and the Normal style, so Word checks the spelling
    of Indonesian as Indonesian."""
    from docx.oxml import parse_xml

    styles = doc.styles.element
    defaults = styles.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults")
    rpr = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
    for old in rpr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:lang {W} w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'))


def _field(paragraph, instruction: str, result: str) -> None:
    """A complex field (begin, instruction, separate, result, end) at the end of `paragraph`."""
    from docx.oxml import parse_xml

    for xml in (
        f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {W}><w:instrText xml:space="preserve"> {xml_escape(instruction)} </w:instrText></w:r>',
        f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {W}><w:t>{xml_escape(result)}</w:t></w:r>",
        f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def _page_number_footer(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", "1")


def _contents(writer: _Writer, titles: dict[str, str]) -> None:
    """The table of contents: a TOC field whose result already holds one entry per chapter (title, dot leader,
    a PAGEREF to the chapter's bookmark), so the contents show in LibreOffice and before Word refreshes them."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import parse_xml
    from docx.shared import Cm

    doc = writer.doc
    doc.add_heading(_("Contents"), level=1)
    entries = list(titles.values())
    for n, title in enumerate(entries, start=1):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if n == 1:
            for xml in (
                f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {W}><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>',
                f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
            ):
                paragraph._p.append(parse_xml(xml))
        paragraph.add_run(title + "\t")
        _field(paragraph, f"PAGEREF _Toc{n:04d} \\h", str(n + 2))
        if n == len(entries):
            paragraph._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    doc.settings.element.append(parse_xml(f'<w:updateFields {W} w:val="true"/>'))
    writer.page_break()
