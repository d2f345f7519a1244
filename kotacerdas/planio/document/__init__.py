"""The masterplan document (PDF and DOCX): what it contains, its charts, and the two builders.

`document_data` reads everything the document shows in a fixed number of queries. `content_hash` is the
hash of that data (plus format, language and the layout version): the same hash means the same file, which
is how an unchanged masterplan's document is returned at once. Charts are SVG in the PDF (drawn by the
`charts` template tags and here) and PNG drawn with Pillow in the DOCX (no SVG rasteriser is installed).

The parts: `data` (what it shows), `stamp` (has it changed?), `charts`, `tables` (the long tables' rows),
`pdf` and `docx` (the builders).
"""

from kotacerdas.masterplan.models import Masterplan

from .charts import GANTT_ROWS, bar_png, gantt_bars, gantt_chunks, gantt_png, readiness_rows
from .data import DimensionBlock, DocumentData, PillarBlock, Progress, document_data
from .docx import build_docx
from .pdf import build_pdf
from .stamp import LAYOUT_VERSION, content_hash, content_stamp
from .tables import annex_rows, financing, indicator_rows, number_text

__all__ = [
    "GANTT_ROWS",
    "LAYOUT_VERSION",
    "DimensionBlock",
    "DocumentData",
    "PillarBlock",
    "Progress",
    "annex_rows",
    "bar_png",
    "build_document",
    "build_docx",
    "build_pdf",
    "content_hash",
    "content_stamp",
    "document_data",
    "financing",
    "gantt_bars",
    "gantt_chunks",
    "gantt_png",
    "indicator_rows",
    "number_text",
    "readiness_rows",
]


def build_document(*, masterplan: Masterplan, kind: str, progress: Progress | None = None) -> bytes:
    progress = progress or (lambda percent: None)
    data = document_data(masterplan=masterplan)
    progress(10)
    return build_pdf(data, progress=progress) if kind == "pdf" else build_docx(data, progress=progress)
