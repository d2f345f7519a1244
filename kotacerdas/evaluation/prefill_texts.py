"""The sentences the prefill writes beside an item's figure (stored in `ItemScore.prefill_value` in the language
active when the round was prefilled) and how to show them in the reader's language."""

from django.utils.translation import gettext_noop

from kotacerdas.common.i18n import in_reader_language

ACHIEVEMENT = gettext_noop("Verified achievement %(value)s%% in %(period)s (%(r)s of %(e)s programmes verified)")
PROGRAMMES_VERIFIED = gettext_noop("%(r)s of %(e)s programmes have a verified report in %(period)s")
QUICK_WINS = gettext_noop("%(n)s of %(total)s quick wins on track (verified achievement at least %(min)s%%)")
NO_MASTERPLAN = gettext_noop("No adopted masterplan yet")
MASTERPLAN = gettext_noop("Adopted masterplan: %(title)s")
COMMITMENT = gettext_noop("%(n)s of %(total)s partner signatories signed the joint commitment")
QUICK_WIN_ACHIEVEMENT = gettext_noop("Verified achievement %(value)s%% in %(period)s")  # a quick win's rating

ALL = (ACHIEVEMENT, PROGRAMMES_VERIFIED, QUICK_WINS, NO_MASTERPLAN, MASTERPLAN, COMMITMENT, QUICK_WIN_ACHIEVEMENT)


def prefill_in_reader_language(stored: str) -> str:
    """A stored prefill sentence in the active language, its figures with the language's decimal mark."""
    return in_reader_language(stored, *ALL, numbers=("value", "min")) if stored else stored
