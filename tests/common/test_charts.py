"""Every SVG chart is drawn in kotacerdas.common.charts; app template tags only hand it their data."""

import ast
from pathlib import Path

from django.template import Context, Template

from kotacerdas.common.charts.gantt import GanttBar, gantt

ROOT = Path(__file__).resolve().parents[2] / "kotacerdas"
CHARTS = ROOT / "common" / "charts"


def _draws_svg(path: Path) -> bool:
    """True when the module writes an <svg> element itself (QR codes come whole from segno)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<svg" in node.value:
            return True
    return False


def test_only_the_chart_module_draws_svg():
    drawing = {str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if _draws_svg(p)}
    assert drawing == {str(p.relative_to(ROOT)) for p in CHARTS.glob("*.py") if _draws_svg(p)}
    assert drawing  # the chart modules themselves are found


def test_gantt_clips_bars_and_marks_to_the_years():
    bars = [GanttBar(label="GOV-01", title="Satu <data>", start=2020, end=2030, colour="#123456", marks=(2021, 2040))]
    svg = gantt(bars, list(range(2022, 2033)), title="Peta jalan")
    assert svg.startswith('<svg class="chart gantt" viewBox="0 0 640 46" role="img"')
    assert "Satu &lt;data&gt;: 2020–2030" in svg
    assert "<circle" not in svg  # both milestones lie outside 2022–2032


def test_the_template_tags_still_draw_through_the_module():
    html = Template(
        "{% load charts count_charts survey_tags %}"
        "{% bar_chart rows title='Capaian' %}{% count_chart counts title='Jumlah' %}{% scale_chart scale %}"
    ).render(Context({"rows": [("Tata kelola", 50, "governance")], "counts": [("A", 2, "")], "scale": [("U1", 3)]}))
    assert html.count("<svg") == 3
    assert 'fill="#1f5fa8"' in html  # the governance colour of the shared palette
