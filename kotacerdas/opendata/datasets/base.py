"""What a dataset is: its metadata, its columns (the data dictionary) and where its rows come from."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import translation

# Update frequencies: (EU frequency authority code, label) — DCAT-AP's dct:accrualPeriodicity.
FREQUENCY_URI = "http://publications.europa.eu/resource/authority/frequency/"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, integer, number, boolean, date, datetime (Frictionless Table Schema types)
    description: object  # a lazy translatable string
    unit: str = ""


@dataclass(frozen=True)
class Dataset:
    """A dataset every region publishes. `rows(region, context)` yields tuples in the order of `columns`;
    `modified()` answers {region id: last change} for all regions in one query."""

    key: str
    title: object  # lazy
    notes: object  # lazy
    columns: tuple[Column, ...]
    rows: Callable[..., Iterable[tuple]]
    modified: Callable[[], dict]
    groups: tuple[str, ...]  # smart city dimension keys
    tags: tuple[str, ...]
    frequency: str  # EU code: ANNUAL, QUARTERLY, MONTHLY, IRREG, CONT
    producer_hint: str = ""  # acronym prefix of the producing agency (produsen data); else the custodian
    chart: tuple[str, str] | None = None  # (label column, value column) summed for a bar chart
    feed: str = ""  # URL name of a feed published as an extra resource (news)
    # The apps whose changes can alter the rows (their resources are regenerated then); a change of the
    # region itself, its agencies or places, or its open data settings regenerates every dataset.
    sources: tuple[str, ...] = ()
    notes_extra: Callable[..., object] | None = field(default=None)

    def in_language(self, attr: str, language: str) -> str:
        with translation.override(language):
            return str(getattr(self, attr))


def frequency_label(code: str) -> str:
    from django.utils.translation import gettext as _

    return {
        "ANNUAL": _("Yearly"),
        "QUARTERLY": _("Quarterly"),
        "MONTHLY": _("Monthly"),
        "IRREG": _("When it changes"),
        "CONT": _("Continuously"),
    }.get(code, code)
