"""The printable commitment: text, signatures with their verification, and the QR code. Rendered
synchronously (one short page, well under a second), fetching nothing from outside."""

from django.template.loader import render_to_string


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"commitment PDF does not fetch {url}")


def commitment_pdf_bytes(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("collaboration/commitment_pdf.html", context)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
