"""Serving stored files (evidence, materials, exports) after the view has checked who may read them."""

from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers

# An uploaded file opened in the browser runs nothing and loads nothing; an image still shows.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def private_file_response(
    field, *, content_type: str | None = None, filename: str | None = None, attachment: bool = False
) -> FileResponse:
    """The file of `field` (a FieldFile) as a response: 404 when there is none; the browser is told not to
    guess the type, to run nothing in it, and no cache keeps a copy. `filename` defaults to the stored
    name; `attachment` downloads instead of showing it inline. Only images are ever shown inline: a PDF or an
    Office file is always a download, so a browser's PDF viewer never runs what a file carries."""
    if not field:
        raise Http404
    response = FileResponse(
        field.open("rb"),
        content_type=content_type or None,
        as_attachment=attachment or content_type not in INLINE_TYPES,
        filename=filename or field.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    add_never_cache_headers(response)
    return response
