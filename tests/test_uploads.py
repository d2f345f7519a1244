"""Uploaded images are checked by content, size-limited and re-encoded without metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from kotacerdas.common.uploads import reencode_image
from tests.otp import force_login_verified


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _jpeg_with_exif(size=(1200, 800)) -> bytes:
    image = Image.new("RGB", size, (10, 120, 80))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "S", 2: (2.0, 34.0, 0.0)}  # GPS info
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def test_reencode_strips_metadata_and_resizes():
    out = reencode_image(SimpleUploadedFile("foto.jpeg", _jpeg_with_exif((3000, 2000))), max_side=1000)
    with Image.open(out) as image:
        assert image.format == "JPEG" and max(image.size) == 1000
        assert not image.getexif()
    assert out.name == "foto.jpg"


def test_spoofed_extension_is_refused():
    with pytest.raises(ValidationError, match="not an image"):
        reencode_image(SimpleUploadedFile("logo.png", b"<?php echo 'hi'; ?>"))


def test_gif_by_content_is_refused_even_when_named_png():
    buf = io.BytesIO()
    Image.new("RGB", (5, 5)).save(buf, "GIF")
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        reencode_image(SimpleUploadedFile("logo.png", buf.getvalue()))


def test_too_large_is_refused():
    with pytest.raises(ValidationError, match="too large"):
        reencode_image(SimpleUploadedFile("big.jpg", _jpeg_with_exif()), max_bytes=100)


def test_region_logo_upload_in_back_office_is_reencoded(world, client, settings, tmp_path):
    from tests.factories import UserFactory

    settings.MEDIA_ROOT = tmp_path
    force_login_verified(client, UserFactory(username="root", is_staff=True, is_superuser=True))
    region = world["home"]
    form = client.get(f"/admin/regions/region/{region.pk}/change/").context["adminform"].form
    data = {n: form[n].value() for n in form.fields if n != "logo"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["is_active"] = "on"
    data["logo"] = SimpleUploadedFile("logo.jpg", _jpeg_with_exif(), content_type="image/jpeg")
    response = client.post(f"/admin/regions/region/{region.pk}/change/", data)
    assert response.status_code == 302
    region.refresh_from_db()
    with Image.open(region.logo.path) as image:
        assert not image.getexif() and max(image.size) <= 800
    data["logo"] = SimpleUploadedFile("logo.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(f"/admin/regions/region/{region.pk}/change/", data)
    assert response.status_code == 200 and "logo" in response.context["adminform"].form.errors


def test_refusal_is_in_indonesian_by_default():
    with translation.override("id"), pytest.raises(ValidationError, match="terlalu besar"):
        reencode_image(SimpleUploadedFile("big.jpg", _jpeg_with_exif()), max_bytes=100)


def test_private_file_response_headers(tmp_path):
    """Every stored file the app serves: no type guessing, nothing runs in it, no cache keeps it."""
    from django.core.files.storage import FileSystemStorage
    from django.http import Http404

    from kotacerdas.common.files import private_file_response

    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("bukti/laporan.pdf", io.BytesIO(b"%PDF-1.4\n"))
    field = type("Field", (), {"name": name, "open": lambda self, mode: storage.open(name, mode)})()

    inline = private_file_response(field, content_type="application/pdf")
    # A stored PDF is always a download, never shown by the browser's viewer (docs/security.md).
    assert inline["Content-Disposition"] == 'attachment; filename="laporan.pdf"'
    assert inline["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in inline["Content-Security-Policy"]
    assert "no-store" in inline["Cache-Control"] and "private" in inline["Cache-Control"]
    download = private_file_response(field, attachment=True, filename="Bukti 1.pdf")
    assert download["Content-Disposition"] == 'attachment; filename="Bukti 1.pdf"'
    photo_name = storage.save("bukti/foto.jpg", io.BytesIO(_jpeg_with_exif((10, 10))))
    photo = type("Field", (), {"name": photo_name, "open": lambda self, mode: storage.open(photo_name, mode)})()
    shown = private_file_response(photo, content_type="image/jpeg")
    assert shown["Content-Disposition"] == 'inline; filename="foto.jpg"'
    svg = private_file_response(photo, content_type="image/svg+xml")
    assert svg["Content-Disposition"].startswith("attachment")
    for response in (inline, download, shown, svg):
        response.file_to_stream.close()  # not response.close(): that signals request_finished (database cleanup)
    with pytest.raises(Http404):
        private_file_response(None)


CLEAN_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction [3 0 R /Fit] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"


def _object_stream(objects: bytes) -> bytes:
    import zlib

    packed = zlib.compress(objects)
    return (
        b"%PDF-1.5\n5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(packed)).encode()
        + b" >>\nstream\n"
        + packed
        + b"\nendstream\nendobj\n%%EOF\n"
    )


SCRIPTED_PDFS = {
    "javascript": b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF\n",
    "open_action_js": b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS 2 0 R >> >> endobj\n%%EOF\n",
    "aa_js": b"%PDF-1.4\n1 0 obj << /AA << /O << /JS (x) >> >> >> endobj\n%%EOF\n",
    "launch": b"%PDF-1.4\n1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj\n%%EOF\n",
    "hex_escaped_name": b"%PDF-1.4\n1 0 obj << /S /J#61vaScript /J#53 (x) >> endobj\n%%EOF\n",
    "in_object_stream": _object_stream(b"2 0 << /S /JavaScript /JS (app.alert(1)) >>"),
}


@pytest.mark.parametrize("name", SCRIPTED_PDFS)
def test_pdf_with_javascript_or_launch_is_refused(name):
    from kotacerdas.common.uploads import check_document

    with pytest.raises(ValidationError, match="JavaScript"):
        check_document(SimpleUploadedFile("surat.pdf", SCRIPTED_PDFS[name]))


def test_plain_pdf_is_accepted_and_the_refusal_is_in_indonesian():
    from kotacerdas.common.uploads import check_document

    assert check_document(SimpleUploadedFile("surat.pdf", CLEAN_PDF)) == "application/pdf"
    assert check_document(SimpleUploadedFile("surat.pdf", _object_stream(b"2 0 << /Type /Page >>")))
    # A stream's own bytes (a page, an image) may spell /JS by chance: only object streams are searched.
    image = b"%PDF-1.4\n4 0 obj << /Length 9 >>\nstream\nxx/JS yy\nendstream\nendobj\n%%EOF\n"
    assert check_document(SimpleUploadedFile("surat.pdf", image)) == "application/pdf"
    with translation.override("id"), pytest.raises(ValidationError, match="JavaScript") as exc:
        check_document(SimpleUploadedFile("surat.pdf", SCRIPTED_PDFS["javascript"]))
    assert "PDF ini" in exc.value.messages[0]
