"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable on any phone and printable.

Every chart of the project is drawn here, one module per kind: `bars` (percentages, counts, rating scales,
scores), `trend` (a line over periods), `radar`, `maps` (a tile-less point map), `gantt` (a roadmap).
Each chart carries a <title> (and where useful a <desc>), and templates put the same numbers in a table next
to it, so a council member with a screen reader gets the figures too. The functions return safe strings;
the template tags in `<app>/templatetags/` are thin wrappers that pass them the app's data.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape

# Colours of the six smart city dimensions, shared by every chart and by the masterplan document.
PALETTE = {
    "governance": "#1f5fa8",
    "branding": "#8a3ffc",
    "economy": "#b86e00",
    "living": "#0b7a75",
    "society": "#c2185b",
    "environment": "#2e7d32",
}
DEFAULT_COLOUR = "#0b6e4f"


def decimal_text(value, places: int = 1) -> str:
    """A number with `places` decimals in the active locale, or a dash."""
    return number_format(Decimal(value), decimal_pos=places, use_l10n=True) if value is not None else "–"


def svg_open(*, testid: str, width: int, height: int, title: str, css: str = "chart", extra: str = "") -> str:
    """The opening <svg> element with its accessible title."""
    testid_attr = f' data-testid="{escape(testid)}"' if testid else ""
    return (
        f'<svg class="{css}"{testid_attr} viewBox="0 0 {width} {height}" role="img"{extra} '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    )
