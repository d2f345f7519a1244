"""The masterplan document and workbook write dates in the site's date format of the reader's language
(config/formats: "3 Des 2026" in Indonesian, "3 Dec 2026" in English), never a literal 03/12/2026."""

import io

import pytest
from django.utils import translation
from freezegun import freeze_time
from openpyxl import load_workbook

from kotacerdas.planio import document, workbook

MONTH = {"id": "Des 2026", "en": "Dec 2026"}


@freeze_time("2026-12-03 06:00:00")
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_docx_dates_are_in_the_documents_language(plan, language):
    from docx import Document

    with translation.override(language):
        content = document.build_document(masterplan=plan["home_plan"], kind="docx")
        generated = translation.gettext("Generated on %(date)s") % {"date": f"3 {MONTH[language]}"}
    texts = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    assert generated in texts
    assert not any("03/12/2026" in t for t in texts)


@freeze_time("2026-12-03 06:00:00")
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_workbook_says_when_it_was_made_in_its_language(plan, language):
    with translation.override(language):
        content = workbook.build_workbook(workbook.export_data(masterplan=plan["home_plan"]))
    book = load_workbook(io.BytesIO(content))
    instructions = workbook.sheet_of(book, workbook.SHEET_INSTRUCTIONS)
    made = instructions["A2"].value
    assert made.startswith(f"3 {MONTH[language]} ") and "/" not in made
