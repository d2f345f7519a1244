from django import template

from kotacerdas.masterplan.revision_texts import summary_in_reader_language

register = template.Library()


@register.filter
def revision_summary(stored: str) -> str:
    """{{ v.summary|revision_summary }}: a platform-written revision summary in the reader's language."""
    return summary_in_reader_language(stored)
