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

# Sized for a phone (issue #16): the charts are PHONE_WIDTH units wide and drawn at most ~30rem wide, so on a
# 390-px phone (about 320 CSS px of chart in a card) a unit is at least 0.88 px and FONT units of text stay at
# least 12 CSS px. tests/browser/test_charts_on_phone.py measures it. Long labels wrap over two lines and end in
# "…" beyond; the full text is in each shape's <title> and in the table beside the chart.
PHONE_WIDTH = 360
FONT = 14
CHAR_W = 8.6  # generous average advance of a FONT-unit character of the system sans-serif, for layout only


def wrap_label(text, per_line: int, lines: int = 2) -> list[str]:
    """`text` in at most `lines` lines of at most `per_line` characters, broken at spaces; "…" where cut."""
    words = str(text).split()
    out: list[str] = []
    used = 0
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= per_line:
            out[-1] += " " + word
        elif len(out) < lines:
            out.append(word if len(word) <= per_line else word[: per_line - 1] + "…")
        else:
            break
        used += 1
    out = out or [""]
    if used < len(words) and not out[-1].endswith("…"):
        out[-1] = (out[-1] if len(out[-1]) < per_line else out[-1][: per_line - 1]) + "…"
    return out


def text_lines(lines: list[str], *, x: float, y: float, anchor: str = "start", size: int = FONT) -> str:
    """One <text> of several lines (tspans) starting at baseline `y`, 1.15 lines apart."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * 1.15:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}">{spans}</text>'


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
