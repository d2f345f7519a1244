"""The document's charts: SVG in the PDF (with the `charts` template tags), PNG drawn with Pillow in the DOCX
(no SVG rasteriser is installed)."""

import io
from decimal import Decimal

from django.utils.html import escape

from kotacerdas.common.charts import PALETTE
from kotacerdas.masterplan.models import Programme

from .data import DimensionBlock, DocumentData

GANTT_ROWS = 40  # programmes per roadmap chart (an image cannot break across pages)


def readiness_rows(data: DocumentData) -> list[tuple[str, Decimal | None, str]]:
    return [(p.key.capitalize(), p.score, "") for p in data.pillars]


def gantt_chunks(data: DocumentData) -> list[tuple[DimensionBlock, list[Programme]]]:
    chunks = []
    for block in data.dimensions:
        for start in range(0, len(block.programmes), GANTT_ROWS):
            chunks.append((block, block.programmes[start : start + GANTT_ROWS]))
    return chunks


def gantt_svg(block: DimensionBlock, programmes: list[Programme], years: list[int], title: str) -> str:
    """A Gantt-style roadmap: one bar per programme over the masterplan's years; a dot per milestone."""
    row_h, label_w, width, top = 16, 170, 640, 22
    plot_w = width - label_w - 10
    step = plot_w / max(1, len(years))
    height = top + len(programmes) * row_h + 8
    parts = [
        f'<svg class="chart gantt" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    ]
    for i, year in enumerate(years):
        x = label_w + i * step
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - 4}" stroke="#e2e6ea"/>'
            f'<text x="{x + step / 2:.1f}" y="14" font-size="10" text-anchor="middle">{year}</text>'
        )
    for r, p in enumerate(programmes):
        y = top + r * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + 11}" font-size="10" text-anchor="end">{escape(p.code)}</text>')
        start = max(p.start_year, years[0]) - years[0]
        end = min(p.end_year, years[-1]) - years[0] + 1
        colour = "#e0a100" if p.is_quick_win else block.colour
        parts.append(
            f'<rect x="{label_w + start * step:.1f}" y="{y + 2}" width="{max(step * (end - start), 2):.1f}" '
            f'height="{row_h - 5}" rx="2" fill="{colour}"><title>{escape(p.code)} {escape(p.title)}: '
            f"{p.start_year}–{p.end_year}</title></rect>"
        )
        for m in p.milestones.all():
            if years[0] <= m.year <= years[-1]:
                cx = label_w + (m.year - years[0] + 0.5) * step
                parts.append(f'<circle cx="{cx:.1f}" cy="{y + 7.5}" r="3" fill="#ffffff" stroke="#1b1f23"/>')
    parts.append("</svg>")
    return "".join(parts)


def _font(size: int):
    from PIL import ImageFont

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def bar_png(rows: list[tuple[str, Decimal | None, str]], *, maximum: int = 100) -> bytes:
    """The readiness bar chart as a PNG for the DOCX: label, bar, value in percent."""
    from PIL import Image, ImageDraw

    scale, bar_h, gap, label_w, width = 2, 26, 12, 190, 760
    plot_w = width - label_w - 90
    height = gap + len(rows) * (bar_h + gap) + 24
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = _font(14 * scale)
    for tick in (0, 25, 50, 75, 100):
        x = (label_w + tick / maximum * plot_w) * scale
        draw.line([(x, gap * scale), (x, (height - 22) * scale)], fill=(226, 230, 234), width=scale)
        draw.text((x, (height - 20) * scale), f"{tick}%", fill=(80, 80, 80), font=_font(11 * scale), anchor="ma")
    for i, (label, value, key) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        draw.text(((label_w - 8) * scale, (y + bar_h / 2) * scale), label[:24], fill="black", font=font, anchor="rm")
        draw.rectangle(
            [label_w * scale, y * scale, (label_w + plot_w) * scale, (y + bar_h) * scale], fill=(238, 241, 244)
        )
        if value is not None:
            w = max(0.0, min(float(value), maximum)) / maximum * plot_w
            draw.rectangle(
                [label_w * scale, y * scale, (label_w + w) * scale, (y + bar_h) * scale],
                fill=_rgb(PALETTE.get(key, "#0b6e4f")),
            )
        text = "–" if value is None else f"{value}%".replace(".", ",")
        draw.text(((label_w + plot_w + 8) * scale, (y + bar_h / 2) * scale), text, fill="black", font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def gantt_png(block: DimensionBlock, programmes: list[Programme], years: list[int]) -> bytes:
    from PIL import Image, ImageDraw

    scale, row_h, label_w, width, top = 2, 18, 120, 900, 26
    plot_w = width - label_w - 10
    step = plot_w / max(1, len(years))
    height = top + len(programmes) * row_h + 8
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    small = _font(11 * scale)
    for i, year in enumerate(years):
        x = (label_w + i * step) * scale
        draw.line([(x, (top - 4) * scale), (x, (height - 4) * scale)], fill=(226, 230, 234), width=scale)
        draw.text((x + step / 2 * scale, 6 * scale), str(year), fill="black", font=small, anchor="ma")
    for r, p in enumerate(programmes):
        y = top + r * row_h
        draw.text(((label_w - 6) * scale, (y + row_h / 2) * scale), p.code, fill="black", font=small, anchor="rm")
        start = max(p.start_year, years[0]) - years[0]
        end = min(p.end_year, years[-1]) - years[0] + 1
        colour = _rgb("#e0a100" if p.is_quick_win else block.colour)
        draw.rounded_rectangle(
            [
                (label_w + start * step) * scale,
                (y + 2) * scale,
                (label_w + max(end * step, start * step + 2)) * scale,
                (y + row_h - 3) * scale,
            ],
            radius=2 * scale,
            fill=colour,
        )
        for m in p.milestones.all():
            if years[0] <= m.year <= years[-1]:
                cx, cy = (label_w + (m.year - years[0] + 0.5) * step) * scale, (y + row_h / 2) * scale
                draw.ellipse(
                    [cx - 3 * scale, cy - 3 * scale, cx + 3 * scale, cy + 3 * scale], fill="white", outline="black"
                )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
