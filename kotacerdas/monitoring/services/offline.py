"""A progress report sent from a phone's offline drafts (docs/offline.md): the typed fields and values, the
evidence photos and, when asked, the submission, in one transaction and at most once per idempotency key.

The phone keeps the draft until it gets an answer. When an answer is lost on a weak network it sends the same
draft again with the same key: that retry gets the report as it is now, and nothing is added a second time. A
different draft reusing a key is refused. A refused delivery (the period closed, a value is not a number)
changes nothing: the draft stays on the phone with the reason.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed

from ..models import Evidence, OfflineDelivery, ProgressReport
from .evidence import evidence_add
from .reports import progress_report_save, progress_report_submit

MAX_KEY_LENGTH = 255
MAX_PHOTOS = 5


@dataclass(frozen=True)
class Delivery:
    report: ProgressReport
    replayed: bool  # True: an earlier attempt with this key was applied; this one changed nothing


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _fingerprint(revision, values: dict, fields: dict, photos: list, submit: bool) -> str:
    files = []
    for upload, caption in photos:
        content = hashlib.sha256()
        for chunk in upload.chunks():
            content.update(chunk)
        upload.seek(0)
        files.append([content.hexdigest(), caption])
    body = [
        revision,
        sorted((str(k), str(v or "")) for k, v in values.items()),
        sorted((k, str(v or "")) for k, v in fields.items()),
        files,
        bool(submit),
    ]
    return _digest(json.dumps(body, separators=(",", ":"), default=str))


def _key_digest(actor, key: str) -> str:
    key = (key or "").strip()
    if not key:
        raise ApplicationError(_("The offline draft has no idempotency key; nothing was stored."))
    if len(key) > MAX_KEY_LENGTH:
        raise ApplicationError(
            _("The idempotency key is too long: at most %(limit)s characters.") % {"limit": MAX_KEY_LENGTH}
        )
    return _digest(f"user:{actor.pk}\n{key}")


@transaction.atomic
def progress_report_deliver(
    *,
    actor,
    report: ProgressReport,
    idempotency_key: str,
    revision: int | None,
    values: dict,
    fields: dict,
    photos: list,
    submit: bool,
) -> Delivery:
    """Save the report's fields and realised values, attach the photos (`[(file, caption)]`) as evidence and,
    with `submit`, submit it — all or nothing — unless this key was delivered before (then nothing changes).
    Raises ApplicationError (with field messages) when anything is refused."""
    digest = _key_digest(actor, idempotency_key)
    if len(photos) > MAX_PHOTOS:
        raise ApplicationError(_("At most %(n)s evidence photos can be sent at once.") % {"n": MAX_PHOTOS})
    # Locked first: a second copy of the same delivery arriving at once waits here, then finds the first.
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    ensure_allowed(actor, "monitoring.write_report", report)
    fingerprint = _fingerprint(revision, values, fields, photos, submit)
    earlier = OfflineDelivery.objects.filter(report=report, key=digest).first()
    if earlier is not None:
        if earlier.fingerprint != fingerprint:
            raise ApplicationError(
                _("This idempotency key was already used for a different draft. Nothing was stored.")
            )
        return Delivery(report=report, replayed=True)
    report = progress_report_save(actor=actor, report=report, revision=revision, values=values, **fields)
    for upload, caption in photos:
        evidence_add(actor=actor, report=report, kind=Evidence.Kind.PHOTO, file=upload, caption=caption)
    if submit:
        report = progress_report_submit(actor=actor, report=report)
    OfflineDelivery.objects.create(
        region_id=report.region_id, report=report, key=digest, fingerprint=fingerprint, sent_by=actor
    )
    return Delivery(report=report, replayed=False)
