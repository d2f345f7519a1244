"""In-app and e-mail notices, for every app. Each notice has a key, so an event reaches a person at most once
however often the job that sends it runs; the e-mails go out from a background task.

Apps decide who hears about what (`<app>/notifications.py`); this module only delivers — each notice and
e-mail in its recipient's language (`in_recipient_language`, the one place that choice is made).
"""

import contextlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from .models import Notification

SUBJECT_LENGTH = 80  # of the message part; mail clients cut longer subjects anyway

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task


def subject_line(message: str, *, limit: int = SUBJECT_LENGTH) -> str:
    """The e-mail subject for `message`, on one line, cut at a word boundary with an ellipsis when it is
    longer than `limit` characters (never in the middle of a word)."""
    text = " ".join(message.split())
    if len(text) <= limit:
        return "[Kota Cerdas] " + text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return "[Kota Cerdas] " + cut.rstrip(" ,.;:-–—") + "…"


def recipient_language(user=None, *, address: str = "", written_in: str = "") -> str:
    """The language a person reads what the platform sends them in: their preference (`User.language`); for a
    bare address, the language they wrote in (`written_in`: an anonymous report's), else the preference of the
    account with that address; else the site's default language."""
    languages = dict(settings.LANGUAGES)
    code = getattr(user, "language", "") if user is not None else ""
    if not code and written_in in languages:
        code = written_in
    if not code and address:
        match = Q(email__iexact=address) | Q(username__iexact=address)
        code = get_user_model().objects.filter(match).values_list("language", flat=True).first() or ""
    return code if code in languages else settings.LANGUAGE_CODE


@contextlib.contextmanager
def in_recipient_language(user=None, *, address: str = "", written_in: str = ""):
    """Translate what is written inside the block into the recipient's language (`recipient_language`)."""
    with translation.override(recipient_language(user, address=address, written_in=written_in)):
        yield


def send_email(*, address: str, compose: Callable[[], tuple[str, str]], user=None) -> None:
    """E-mail `address` once the transaction commits: `compose()` returns (subject, body), written in the
    recipient's language. Never raises: a failing mail server must not undo the change that sent it."""
    with in_recipient_language(user, address=address):
        subject, body = compose()
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


def notify(*, region_id: int, users, key: str, message: str | Callable[[], str], url: str) -> int:
    """Create one notification per user unless that user already has one with this key; e-mail the new ones
    after the transaction commits. Returns how many were created.

    `message` is best a callable that returns the text: it is called once per user, in that user's language;
    a plain string is stored as given."""
    created = 0
    for user in users:
        if callable(message):
            with in_recipient_language(user):
                text = message()
        else:
            text = message
        try:
            with transaction.atomic():
                Notification.objects.create(region_id=region_id, user=user, key=key, message=text[:300], url=url)
                created += 1
        except IntegrityError:
            continue
    if created:
        transaction.on_commit(lambda: email_notifications.enqueue())
    return created


@task()
def email_notifications() -> int:
    """E-mail every notification not e-mailed yet (to users with an address). Returns how many were sent."""
    sent = 0
    pending = Notification.objects.filter(emailed_at__isnull=True).select_related("user")[:500]
    for notice in pending:
        if notice.user.email:
            send_mail(
                subject=subject_line(notice.message),
                message=f"{notice.message}\n\n{settings.SITE_URL.rstrip('/')}{notice.url}",
                from_email=None,
                recipient_list=[notice.user.email],
                fail_silently=False,
            )
            sent += 1
        Notification.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return sent
