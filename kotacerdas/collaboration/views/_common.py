"""Helpers the collaboration pages share: 404 look-ups, the form-page loop, public URLs, QR codes, files."""

import segno
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.common.files import private_file_response

from ..models import Agreement, Commitment, Partner


def _get(qs_or_fn, **kwargs):
    try:
        return qs_or_fn(**kwargs)
    except (Partner.DoesNotExist, Commitment.DoesNotExist, Agreement.DoesNotExist):
        raise Http404 from None


def _form_page(request, *, template: str, context: dict, form, save, success: str, redirect_to):
    """POST: run `save(form)` (a service call); on success redirect, else re-render with the errors (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, success)
            return redirect(redirect_to(result))
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


def _public_url(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def qr_svg(url: str) -> str:
    """An inline SVG QR code for the URL (segno, pure Python)."""
    return segno.make(url, error="m").svg_inline(scale=4, dark="#1b1f23", title=url)


def _private_file(field, *, content_type: str | None = None):
    return private_file_response(field, content_type=content_type)
