"""The masterplan document as PDF: templates/planio/document_pdf.html rendered by WeasyPrint."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotacerdas.common.charts.bars import percent_bars
from kotacerdas.common.charts.gantt import gantt
from kotacerdas.planning.models import SCORE_MAX

from .charts import gantt_bars, gantt_chunks, readiness_rows
from .data import DocumentData, Progress, chapters
from .tables import (
    annex_headers,
    annex_rows,
    financing,
    horizon_label,
    indicator_grid,
    quality_rows,
)
from .texts import texts


def _refuse_fetch(url: str, *args, **kwargs):
    """The PDF is built from our own template alone: no file or network is ever fetched while rendering."""
    raise ValueError(f"masterplan PDF does not fetch {url}")


def build_pdf(data: DocumentData, *, progress: Progress) -> bytes:
    """An A4 document from templates/planio/document_pdf.html with inline SVG charts."""
    from weasyprint import HTML

    years = data.years
    gantts = [
        (block, gantt(gantt_bars(block, chunk), years, title=_("Roadmap") + f" · {block.dimension.name}"), chunk)
        for block, chunk in gantt_chunks(data)
    ]
    readiness_chart = percent_bars(readiness_rows(data), title=_("Readiness by pillar (% of the maximum score)"))
    pillar_charts = [
        (
            p,
            percent_bars(
                [
                    # Numbers as labels: the table below the chart is their legend (a question never fits).
                    (_("Question %(n)s") % {"n": n}, None if i.score is None else i.score * 100 / SCORE_MAX, "")
                    for n, i in enumerate(p.items, start=1)
                ],
                title=p.label,
                testid=f"readiness-{p.key}",
            )
            if p.items
            else "",
        )
        for p in data.pillars
    ]
    for p in data.programmes:
        p.horizon_label = horizon_label(p)
    progress(20)
    html = render_to_string(
        "planio/document_pdf.html",
        {
            "data": data,
            "masterplan": data.masterplan,
            "region": data.region,
            "chapters": chapters(),
            "texts": texts(data),
            "missions": data.masterplan.mission_list(language=get_language() or "id"),
            "objectives": data.masterplan.objective_list(language=get_language() or "id"),
            "readiness_chart": readiness_chart,
            "pillar_charts": pillar_charts,
            "gantts": gantts,
            "indicators": indicator_grid(data),
            "annex_headers": annex_headers(),
            "annex_rows": annex_rows(data),
            "quality_rows": quality_rows(data),
            "financing": financing(data),
            "years": years,
        },
    )
    document = HTML(string=html, url_fetcher=_refuse_fetch).render()
    progress(80)
    content = document.write_pdf()
    progress(95)
    return content
