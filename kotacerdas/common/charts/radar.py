"""A radar (spider) chart: one axis per dimension, an optional earlier shape drawn dashed."""

import math
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import CHAR_W, FONT, PHONE_WIDTH, decimal_text, svg_open, text_lines, wrap_label


def radar(
    rows,
    *,
    maximum=4,
    title: str = "",
    previous=None,
    testid: str = "radar-chart",
    fmt: Callable[[object], str] = lambda v: decimal_text(v, 2),
) -> SafeString:
    """rows: (label, value or None) per axis, value on the 0–maximum scale; `previous`: the same axes of
    an earlier round, drawn dashed; `fmt` writes a value (the caller's rounding rule). At least three axes
    make a polygon; fewer draw nothing."""
    rows = list(rows)
    previous = list(previous or [])
    maximum = float(maximum) or 1.0
    n = len(rows)
    if n < 3:
        return mark_safe("")
    # Phone-sized (see the package docstring): each axis label is the name without "Smart " on up to two lines,
    # with the value on the next; it fits in the space left and right of the rings.
    width, radius = PHONE_WIDTH, 70
    cx = width / 2
    label_room = cx - radius * 1.15 - 4
    per_line = int(label_room / CHAR_W)
    cy = radius + 3 * FONT * 1.15 + 16
    height = int(2 * cy)

    def point(i, value, clamp=True):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        value = float(value or 0)
        r = radius * (max(0.0, min(value, maximum)) if clamp else value) / maximum
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    desc = "; ".join(f"{label}: {fmt(value)}" for label, value in rows)
    parts = [svg_open(testid=testid, width=width, height=height, title=title, css="chart radar")]
    parts.append(f"<desc>{escape(desc)}</desc>")
    for step in range(1, 5):
        ring = " ".join("{:.1f},{:.1f}".format(*point(i, maximum * step / 4)) for i in range(n))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#d5dbe1"/>')
        x, y = point(0, maximum * step / 4)
        if step % 2 == 0:  # the middle and outer ring: enough to read the scale, no crowding
            parts.append(
                f'<text x="{x + 4:.1f}" y="{y + 12:.1f}" font-size="{FONT}" fill="#5a6570">'
                f"{fmt(maximum * step / 4)}</text>"
            )
    for i, (label, value) in enumerate(rows):
        x, y = point(i, maximum)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d5dbe1"/>')
        lx, ly = point(i, maximum * 1.15, clamp=False)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        name = str(label).removeprefix("Smart ")
        lines = [*wrap_label(name, per_line if anchor != "middle" else 2 * per_line), fmt(value)]
        above = ly < cy - 10 and anchor == "middle"
        first = ly - (len(lines) - 1) * FONT * 1.15 - 4 if above else (ly + 5 if anchor == "middle" else ly)
        if anchor != "middle" and ly < cy:
            first = ly - (len(lines) - 1) * FONT * 1.15
        parts.append(text_lines(lines, x=lx, y=first, anchor=anchor))
    if len(previous) == n and any(v is not None for _l, v in previous):
        shape = " ".join("{:.1f},{:.1f}".format(*point(i, v)) for i, (_l, v) in enumerate(previous))
        parts.append(
            f'<polygon points="{shape}" fill="none" stroke="#5a6570" stroke-dasharray="5 4" stroke-width="1.5">'
            f"<title>{escape(_('Previous year'))}</title></polygon>"
        )
    shape = " ".join("{:.1f},{:.1f}".format(*point(i, v)) for i, (_l, v) in enumerate(rows))
    parts.append(f'<polygon points="{shape}" fill="#0b6e4f" fill-opacity="0.25" stroke="#0b6e4f" stroke-width="2"/>')
    for i, (label, value) in enumerate(rows):
        if value is not None:
            x, y = point(i, value)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#0b6e4f"><title>{escape(str(label))}: '
                f"{fmt(value)}</title></circle>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
