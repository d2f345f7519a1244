"""The masterplan document: a real PDF rendered to a picture (charts visible), a real DOCX read back, and a
stored file returned at once for an unchanged masterplan."""

import io
import shutil
import subprocess

import pytest
from django.utils import translation
from PIL import Image, ImageStat

from kotacerdas.masterplan.models import Target
from kotacerdas.planio import document, services
from kotacerdas.planio.models import PlanJob


def pdf_text_pages(content: bytes, tmp_path) -> list[str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    out = subprocess.run(
        [shutil.which("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True, text=True, timeout=60
    )
    return out.stdout.split("\f")


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_pdf_opens_and_its_chart_pages_are_not_blank(authored, tmp_path):
    mp = authored["home_plan"]
    with translation.override("en"):
        content = document.build_document(masterplan=mp, kind="pdf")
    assert content.startswith(b"%PDF-")
    pages = pdf_text_pages(content, tmp_path)
    readiness = next(
        n for n, text in enumerate(pages, start=1) if "3. Readiness analysis" in text and "Struktur" in text
    )
    roadmap = next(n for n, text in enumerate(pages, start=1) if "7. Roadmap" in text and "quick wins in amber" in text)
    text = "\n".join(pages)
    for expected in (
        "Contents",
        "4. Vision, missions and objectives",
        "Layanan publik satu pintu",
        "Pasar daring",
        "Annex",
    ):
        assert expected in text
    assert "Pelatihan pedagang" in text
    for page in (readiness, roadmap):
        prefix = tmp_path / f"page{page}"
        subprocess.run(
            [
                shutil.which("pdftoppm"),
                "-f",
                str(page),
                "-l",
                str(page),
                "-r",
                "50",
                "-png",
                str(tmp_path / "doc.pdf"),
                str(prefix),
            ],
            check=True,
            timeout=60,
        )
        image = Image.open(next(tmp_path.glob(f"page{page}*.png"))).convert("RGB")
        stat = ImageStat.Stat(image.convert("L"))
        assert stat.stddev[0] > 10, "the page is blank"
        # The chart's coloured bars: pixels far from grey.
        coloured = sum(1 for r, g, b in image.getdata() if max(r, g, b) - min(r, g, b) > 60)
        assert coloured > 300, f"no chart colours on page {page}"


def test_docx_has_the_sections_and_chart_pictures(authored):
    from docx import Document

    mp = authored["home_plan"]
    with translation.override("en"):
        content = document.build_document(masterplan=mp, kind="docx")
    doc = Document(io.BytesIO(content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for expected in (
        "Contents",
        "3. Readiness analysis",
        "4. Vision, missions and objectives",
        "6. Quick wins",
        "7. Roadmap",
        "Indicators and targets",
        "Annex: all programmes",
        "Smart Governance",
    ):
        assert expected in headings
    assert len(doc.inline_shapes) >= 1 + 4  # the readiness chart and one roadmap per dimension with programmes
    annex = doc.tables[-1]
    assert sorted(row.cells[0].text for row in annex.rows[1:]) == [
        "ECO-01",
        "ECO-02",
        "ENV-01",
        "GOV-01",
        "GOV-02",
        "SOC-01",
    ]
    assert "Pertanyaan struktur 1" in "\n".join(cell.text for t in doc.tables for row in t.rows for cell in row.cells)


def test_unchanged_masterplan_returns_the_stored_document(authored, django_capture_on_commit_callbacks):
    mp, actor = authored["home_plan"], authored["users"]["tim_pelaksana"]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.job_request_build(actor=actor, masterplan=mp, kind="docx")
    first.refresh_from_db()
    assert first.status == "done" and first.file
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.job_request_build(actor=actor, masterplan=mp, kind="docx")
    assert again.pk == first.pk and callbacks == []
    # A changed target is a new version: a new file.
    target = Target.objects.filter(indicator__programme__masterplan=mp).first()
    target.value += 1
    target.save()
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.job_request_build(actor=actor, masterplan=mp, kind="docx")
    assert changed.pk != first.pk
    assert PlanJob.objects.get(pk=changed.pk).status == "done"
