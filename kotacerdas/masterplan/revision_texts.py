"""The summaries the platform writes on a masterplan revision (stored in the writer's language) and how to show
them in the reader's. A decree number or a person's words stay as written."""

from django.utils.translation import gettext_noop

from kotacerdas.common.i18n import in_reader_language

SUMMARIES = (
    gettext_noop("Masterplan text changed"),
    gettext_noop("Programme %(code)s added"),
    gettext_noop("Programme %(code)s removed"),
    gettext_noop("Programme %(code)s changed"),
    # written by planio's workbook import
    gettext_noop("Workbook import %(file)s: %(created)s programmes created, %(changed)s changed"),
)


def summary_in_reader_language(stored: str) -> str:
    return in_reader_language(stored, *SUMMARIES) if stored else stored
