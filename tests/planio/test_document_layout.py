"""Issue 17: the demo masterplan's document as an office prints it. Every PDF page rendered (none blank, no word
outside the page), the DOCX read back (language, page numbers, column widths, properties, chapters, Indonesian
labels) and converted by LibreOffice (the contents show chapters with page numbers)."""

import datetime
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.utils import translation
from freezegun import freeze_time
from PIL import Image, ImageStat

from kotacerdas.demo.loader import load_demo
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.planio import document

CHAPTERS_ID = ("1. Pendahuluan", "2. Profil daerah", "3. Analisis kesiapan", "8. Pembiayaan", "10. Penutup")
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def demo_plan(db):
    load_demo()
    return Masterplan.objects.get(region__slug="luwu-utara")


def _build(masterplan, kind: str) -> bytes:
    with translation.override("id"), freeze_time(NOW):
        return document.build_document(masterplan=masterplan, kind=kind)


def _words_outside(pdf, tmp_path) -> list[str]:
    """pdftotext -bbox: every word whose box leaves its page."""
    html = subprocess.run(
        [shutil.which("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True, timeout=120
    ).stdout
    outside = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        width, height = float(page[1]), float(page[2])
        for word in re.finditer(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', page[3]
        ):
            x0, y0, x1, y1 = (float(word[i]) for i in range(1, 5))
            if x0 < 0 or y0 < 0 or x1 > width + 0.5 or y1 > height + 0.5:
                outside.append(word[5])
    return outside


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_every_pdf_page_has_content_and_no_text_outside_the_page(demo_plan, tmp_path):
    pdf = tmp_path / "masterplan.pdf"
    pdf.write_bytes(_build(demo_plan, "pdf"))
    subprocess.run(
        [shutil.which("pdftoppm"), "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True, timeout=300
    )
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) > 10
    for page in pages:
        stat = ImageStat.Stat(Image.open(page).convert("L"))
        assert stat.stddev[0] > 3, f"{page.name} is blank"
    assert _words_outside(pdf, tmp_path) == []
    text = subprocess.run(
        [shutil.which("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    for chapter in CHAPTERS_ID:
        assert re.search(re.escape(chapter) + r"[ .]*\d+", text), f"{chapter} with its page number in the contents"
    assert "Jangka pendek" in text and "short" not in text.split() and "PARTNER" not in text
    assert "Berdaya Saing" in text  # what BISA stands for


def test_docx_language_page_numbers_widths_properties_and_labels(demo_plan):
    from docx import Document

    content = _build(demo_plan, "docx")
    doc = Document(io.BytesIO(content))
    parts = zipfile.ZipFile(io.BytesIO(content))
    styles, body = parts.read("word/styles.xml").decode(), parts.read("word/document.xml").decode()
    assert 'w:lang w:val="id-ID"' in styles
    footers = "".join(parts.read(n).decode() for n in parts.namelist() if n.startswith("word/footer"))
    assert "PAGE" in footers and "fldChar" in footers
    assert '<w:tblLayout w:type="fixed"/>' in body and '<w:gridCol w:w="' in body and "<w:gridCol/>" not in body
    # The contents are filled inside the TOC field: one entry per chapter with a PAGEREF to its heading.
    # 13: the ten numbered chapters, the adoption, the quality check annex and the programmes annex.
    assert " TOC " in body and body.count("PAGEREF _Toc") == 13 and body.count('w:name="_Toc') == 13
    props = doc.core_properties
    region = demo_plan.region.display_name
    assert props.title == demo_plan.title and props.subject == region and props.author == region
    naive = NOW.replace(tzinfo=None)
    assert props.created.replace(tzinfo=None) == props.modified.replace(tzinfo=None) == naive  # not 2013
    assert f"<Company>{region}</Company>" in parts.read("docProps/app.xml").decode()
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for chapter in (*CHAPTERS_ID, "4. Visi, misi, dan tujuan", "9. Rencana pelaksanaan dan pemantauan", "Penetapan"):
        assert chapter in headings
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "Jangka pendek" in text and "APBD" in text
    assert not re.search(r"\b(short|medium|long|PARTNER|partner)\b", text)
    assert "Berdaya Saing" in text


@pytest.mark.skipif(
    not shutil.which("soffice"),
    reason="LibreOffice (soffice) is not installed: the DOCX contents were NOT checked in a real word processor "
    "(apt-get install libreoffice-writer-nogui; .ci/run installs it)",
)
def test_docx_opened_by_libreoffice_shows_the_contents_with_page_numbers(demo_plan, tmp_path):
    source = tmp_path / "masterplan.docx"
    source.write_bytes(_build(demo_plan, "docx"))
    subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pages = subprocess.run(
        [shutil.which("pdftotext"), "-layout", str(tmp_path / "masterplan.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split("\f")
    contents = next(p for p in pages if "Daftar isi" in p or "Daftar Isi" in p)
    for chapter in CHAPTERS_ID:
        assert re.search(re.escape(chapter) + r"[ .\t]*\d+", contents), contents
