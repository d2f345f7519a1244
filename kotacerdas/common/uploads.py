"""Uploaded images and documents: checked by content (not by name), size-limited; images re-encoded.

Re-encoding through Pillow keeps only the pixels: EXIF (with GPS positions), comments and anything appended
to the file are gone, and a file that merely claims to be an image fails to decode. PDFs that carry
JavaScript or a launch action are refused (`pdf_has_script`).
"""

import contextlib
import io
import re
import zlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs early


def reencode_image(upload, *, max_bytes: int = 5 * 1024 * 1024, max_side: int = 2000):
    """Return a new in-memory file holding the re-encoded image, or raise ValidationError."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1048576, 1), "limit": round(max_bytes / 1048576, 1)}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            fmt = probe.format
            probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not an image we can read (JPEG, PNG or WebP).")) from exc
    if fmt not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("Only JPEG, PNG or WebP images are accepted."))
    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_side, max_side))
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    ext = ALLOWED_IMAGE_FORMATS[fmt]
    name = f"{PurePath(upload.name).stem[:80] or 'image'}.{ext}"
    size = out.tell()
    out.seek(0)
    return InMemoryUploadedFile(out, None, name, f"image/{'jpeg' if ext == 'jpg' else ext}", size, None)


DOCUMENT_KINDS = {
    # detected kind: (accepted extensions, content type)
    "pdf": ({"pdf"}, "application/pdf"),
    "docx": ({"docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ({"xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ({"pptx"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}


def _sniff_document(upload) -> str | None:
    import zipfile

    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return kind
    return None


PDF_SCRIPT = re.compile(rb"/(JavaScript|JS|Launch)(?![A-Za-z0-9_.\-])")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
MAX_INFLATED = 50 * 1024 * 1024


def _unescape_names(data: bytes) -> bytes:
    # "/J#61vaScript" is "/JavaScript" to a PDF reader.
    return PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), data)


def pdf_has_script(data: bytes) -> bool:
    """True when the PDF holds JavaScript (/JavaScript, /JS — also as the /OpenAction or an /AA of a page or
    field) or a /Launch action: in its objects or inside its compressed object streams. Other streams
    (pages, images, fonts) are not searched: their bytes may spell "/JS" by chance."""
    parts, pos = [], 0
    for match in PDF_STREAM.finditer(data):
        head = data[pos : match.start()]
        parts.append(head)
        dictionary = _unescape_names(head[head.rfind(b"obj") :])
        if b"/ObjStm" in dictionary:
            # Not Flate: a reader cannot take objects from it either.
            with contextlib.suppress(zlib.error):
                parts.append(zlib.decompressobj().decompress(match.group(1), MAX_INFLATED))
        pos = match.end()
    parts.append(data[pos:])
    return bool(PDF_SCRIPT.search(_unescape_names(b"\n".join(parts))))


def check_document(upload, *, max_bytes: int = 10 * 1024 * 1024) -> str:
    """Validate a document upload by its content; return its content type or raise ValidationError.

    Accepts PDF (without JavaScript or launch actions) and Office Open XML (docx, xlsx, pptx) whose extension
    matches what the bytes are.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1048576, 1), "limit": round(max_bytes / 1048576, 1)}
        )
    kind = _sniff_document(upload)
    if kind is None:
        raise ValidationError(_("Only PDF, Word (docx), Excel (xlsx) or PowerPoint (pptx) documents are accepted."))
    extensions, content_type = DOCUMENT_KINDS[kind]
    ext = PurePath(upload.name).suffix.lower().lstrip(".")
    if ext not in extensions:
        raise ValidationError(
            _("The file's name says .%(ext)s but its content is %(kind)s.") % {"ext": ext or "?", "kind": kind.upper()}
        )
    if kind == "pdf":
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        if pdf_has_script(data):
            raise ValidationError(
                _(
                    "This PDF contains JavaScript or an action that starts a program, which we do not accept. "
                    "Print or export it to a new PDF and upload that."
                )
            )
    return content_type
