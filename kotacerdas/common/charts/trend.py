"""A line over periods on a 0–maximum axis (achievement per reporting period)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import CHAR_W, FONT, PHONE_WIDTH, decimal_text, svg_open


def _shown_labels(count: int, longest: int, plot_w: float) -> set[int]:
    """Which x labels to write so that none overlaps: every k-th, always the last (the latest period)."""
    room = longest * CHAR_W + 10
    fits = max(1, int(plot_w // room) + 1)
    every = max(1, -(-count // fits))
    shown = {i for i in range(count) if i % every == 0}
    last = count - 1
    shown = {i for i in shown if i == last or (last - i) * (plot_w / max(1, count - 1)) >= room}
    return shown | {last}


def trend_line(points, *, title: str = "", maximum: int = 100, testid: str = "line-chart") -> SafeString:
    """points: iterable of (label, value); values of None are left out. Labels thin out so they never overlap."""
    points = [(str(label), float(value)) for label, value in points if value is not None]
    longest = max((len(label) for label, _v in points), default=0)
    half = longest * CHAR_W / 2
    width, height, bottom, top = PHONE_WIDTH, 230, 32, 12
    left, right = max(40, half + 4), max(14, half + 4)
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [svg_open(testid=testid, width=width, height=height, title=title)]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h - tick / maximum * plot_h
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e2e6ea"/>'
            f'<text x="{left - 6}" y="{y + 5:.1f}" font-size="{FONT}" text-anchor="end">{tick}</text>'
        )
    if points:
        step = plot_w / max(1, len(points) - 1)
        coords = []
        for i, (label, value) in enumerate(points):
            x = left + (i * step if len(points) > 1 else plot_w / 2)
            y = top + plot_h - min(max(value, 0), maximum) / maximum * plot_h
            coords.append((x, y, label, value))
        parts.append(
            '<polyline fill="none" stroke="#0b6e4f" stroke-width="3" points="'
            + " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in coords)
            + '"/>'
        )
        for x, y, label, value in coords:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#0b6e4f"><title>{escape(label)}: '
                f"{decimal_text(value)}%</title></circle>"
            )
        for i in sorted(_shown_labels(len(coords), longest, plot_w)):
            x, _y, label, _v = coords[i]
            parts.append(
                f'<text x="{x:.1f}" y="{height - 9}" font-size="{FONT}" text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
