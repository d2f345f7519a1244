"""Idempotency of report intake: a retry of the same request gets the report the first attempt created.

A key belongs to its client: the Open311 API key, the logged-in account, or (anonymous web form) the form's
own hidden token. What is stored is the SHA-256 of scope and key, whole (never cut), so two clients sending
`req-0001` or two keys sharing a long prefix never meet. Next to it, a fingerprint of the normalised request
tells a retry (same fingerprint: the earlier report) from a different request reusing the key (refused with
IdempotencyConflict, nothing stored). Rows stored before fingerprints existed have none and count as retries.
"""

import hashlib
import json

from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.text import strip_xml_illegal

from .models import Report

MAX_KEY_LENGTH = 255


class IdempotencyConflict(ApplicationError):
    """The key was already used by this client for a different request."""


def scope_for(*, actor, account_key: str = "", form_token: str = "") -> str:
    """Whose key it is: the Open311 key (`account_key`), else the logged-in account, else the web form."""
    if account_key:
        return account_key
    if actor is not None and actor.is_authenticated:
        return f"user:{actor.pk}"
    return f"form:{(form_token or '').strip()}"


def key_digest(*, scope: str, key: str) -> str | None:
    """SHA-256 (hex) of the scope and the whole key; None without a key. Refuses a key over MAX_KEY_LENGTH."""
    key = (key or "").strip()
    if not key:
        return None
    if len(key) > MAX_KEY_LENGTH:
        message = _("The idempotency key is too long: at most %(limit)s characters (this has %(n)s).") % {
            "limit": MAX_KEY_LENGTH,
            "n": len(key),
        }
        raise ApplicationError(message, fields={"idempotency_key": [message]})
    return hashlib.sha256(f"{scope}\n{key}".encode("utf-8", "surrogatepass")).hexdigest()


def _normalised(value):
    if hasattr(value, "pk"):  # a model instance: its id
        return value.pk
    if isinstance(value, list | tuple):
        return [_normalised(v) for v in value]
    if isinstance(value, str):
        return strip_xml_illegal(value).replace("\r\n", "\n").strip()
    return None if value is None else str(value)


def _file_digest(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def fingerprint(*values, photos=()) -> str:
    """SHA-256 (hex) of the request's values as the service receives them, normalised (text cleaned and
    stripped, objects by id, photos by their content), so a retry of the same request gives the same one."""
    body = [_normalised(value) for value in values] + [_file_digest(p) for p in photos if p]
    return hashlib.sha256(json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode()).hexdigest()


def earlier_report(*, region, digest: str | None, fingerprint: str) -> Report | None:
    """The report an earlier attempt with this key created, if any; IdempotencyConflict when that attempt
    was a different request."""
    if digest is None:
        return None
    report = Report.objects.filter(region=region, idempotency_key=digest).first()
    if report is not None and report.idempotency_fingerprint and report.idempotency_fingerprint != fingerprint:
        raise IdempotencyConflict(
            _(
                "This idempotency key was already used for a different report. Nothing was stored: "
                "send a new report with a new key (on the website: reload the form)."
            )
        )
    return report
