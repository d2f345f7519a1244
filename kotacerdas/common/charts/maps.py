"""A tile-less point map: places as circles whose area grows with their value."""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import CHAR_W, FONT, PHONE_WIDTH, svg_open


def _free(box, placed, width) -> bool:
    """True when the label box lies inside the chart and overlaps no label already placed."""
    x0, y0, x1, y1 = box
    if x0 < 0 or x1 > width or y0 < 0:
        return False
    return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in placed)


def point_map(points, *, title: str = "", unit: str = "", key: str = "value", testid: str = "point-map") -> SafeString:
    """points: iterable of dicts with name, lat, lng and `key`. Each place a circle; the busiest places are
    labelled with name and value as long as a label overlaps no other and fits (every place is in its circle's
    <title> and the table beside). Places without coordinates are left out. Server-side SVG, no JavaScript."""
    points = [p for p in points if p.get("lat") is not None and p.get("lng") is not None]
    width, height, pad = PHONE_WIDTH, 320, 30
    placed: list[tuple[float, float, float, float]] = []
    parts = [svg_open(testid=testid, width=width, height=height, title=title)]
    if points:
        lats = [p["lat"] for p in points]
        lngs = [p["lng"] for p in points]
        lat0, lat1 = min(lats), max(lats)
        lng0, lng1 = min(lngs), max(lngs)
        span = max(lat1 - lat0, lng1 - lng0, 0.01)
        scale = min((width - 2 * pad) / span, (height - 2 * pad) / span)
        biggest = max([p.get(key) or 0 for p in points] or [1]) or 1
        for p in sorted(points, key=lambda p: -(p.get(key) or 0)):
            x = pad + (p["lng"] - lng0) * scale
            y = height - pad - (p["lat"] - lat0) * scale
            value = p.get(key) or 0
            r = 3 + 22 * (value / biggest) ** 0.5
            shown = number_format(value, use_l10n=True)
            fill = "#0b6e4f" if value else "#8a94a0"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" fill-opacity=".55" stroke="{fill}">'
                f"<title>{escape(p['name'])}: {shown} {escape(unit)}</title></circle>"
            )
            label = f"{p['name']} ({shown})"
            box = (x - len(label) * CHAR_W / 2, y - r - 3 - FONT, x + len(label) * CHAR_W / 2, y - r)
            if value and _free(box, placed, width):  # quiet places stay unlabelled dots
                placed.append(box)
                parts.append(
                    f'<text x="{x:.1f}" y="{y - r - 3:.1f}" font-size="{FONT}" text-anchor="middle">'
                    f"{escape(label)}</text>"
                )
    parts.append("</svg>")
    return mark_safe("".join(parts))
