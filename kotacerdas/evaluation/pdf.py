"""The printable evaluation report of one round: figures, radar, largest gaps and item scores. Rendered
synchronously (a few pages), fetching nothing from outside."""

from django.template.loader import render_to_string


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"evaluation PDF does not fetch {url}")


def results_pdf_bytes(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("evaluation/results_pdf.html", context)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
