"""The Luwu Utara demo needs no rows of its own for the masterplan workbook and document.

The template, the export, the import and the document all work on the demo masterplan as it is (see
docs/planio.md). Nothing is built at load time: a document is built when someone asks for it, in the
background, and kept for that version of the masterplan.
"""


def load_demo_planio(*, region, admin) -> None:
    """Nothing to load (kept so the demo loader calls every app the same way)."""
    return None
