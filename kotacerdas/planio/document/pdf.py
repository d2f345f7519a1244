"""The masterplan document as PDF: templates/planio/document_pdf.html rendered by WeasyPrint."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kotacerdas.common.charts.bars import percent_bars
from kotacerdas.common.i18n import localized
from kotacerdas.planning.models import SCORE_MAX

from .charts import gantt_chunks, gantt_svg, readiness_rows
from .data import DocumentData, Progress
from .tables import annex_blocks, indicator_blocks


def _refuse_fetch(url: str, *args, **kwargs):
    """The PDF is built from our own template alone: no file or network is ever fetched while rendering."""
    raise ValueError(f"masterplan PDF does not fetch {url}")


def build_pdf(data: DocumentData, *, progress: Progress) -> bytes:
    """An A4 document from templates/planio/document_pdf.html with inline SVG charts."""
    from weasyprint import HTML

    years = data.years
    gantts = [
        (block, mark_safe(gantt_svg(block, chunk, years, _("Roadmap") + f" · {block.dimension.name}")), chunk)
        for block, chunk in gantt_chunks(data)
    ]
    readiness_chart = percent_bars(readiness_rows(data), title=_("Readiness by pillar (% of the maximum score)"))
    pillar_charts = [
        (
            p,
            percent_bars(
                [
                    (f"{n}. {localized(i, 'question')}", None if i.score is None else i.score * 100 / SCORE_MAX, "")
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
    progress(20)
    html = render_to_string(
        "planio/document_pdf.html",
        {
            "data": data,
            "masterplan": data.masterplan,
            "region": data.region,
            "missions": data.masterplan.mission_list(),
            "readiness_chart": readiness_chart,
            "pillar_charts": pillar_charts,
            "gantts": gantts,
            "indicator_blocks": indicator_blocks(data),
            "annex_blocks": annex_blocks(data),
            "years": years,
        },
    )
    document = HTML(string=html, url_fetcher=_refuse_fetch).render()
    progress(80)
    content = document.write_pdf()
    progress(95)
    return content
