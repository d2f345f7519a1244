"""The masterplan document carries the workspace's quality check as an annex, before the programmes' annex."""

import io

from django.utils import translation

from kotacerdas.planio import document


def test_docx_has_the_quality_annex(authored):
    from docx import Document

    with translation.override("en"):
        content = document.build_document(masterplan=authored["home_plan"], kind="docx")
    doc = Document(io.BytesIO(content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("Annex: quality check of the masterplan") < headings.index("Annex: all programmes")
    quality = doc.tables[-2]
    names = [row.cells[0].text for row in quality.rows[1:]]
    assert names == ["Programmes", "Fact base", "Participation", "Coordination", "Monitoring", "Consistency"]
    assert all("%" in row.cells[1].text for row in quality.rows[1:])
