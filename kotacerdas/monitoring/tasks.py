"""Background work of monitoring, through the Django tasks API (db_worker runs it)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task

from .models import Notification


@task()
def email_notifications() -> int:
    """E-mail every notification not e-mailed yet (to users with an address). Returns how many were sent."""
    sent = 0
    pending = Notification.objects.filter(emailed_at__isnull=True).select_related("user")[:500]
    for notice in pending:
        if notice.user.email:
            send_mail(
                subject="[Kota Cerdas] " + notice.message[:80],
                message=f"{notice.message}\n\n{settings.SITE_URL.rstrip('/')}{notice.url}",
                from_email=None,
                recipient_list=[notice.user.email],
                fail_silently=False,
            )
            sent += 1
        Notification.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return sent


@task()
def send_reminders() -> int:
    from .notifications import send_due_reminders

    return send_due_reminders()


@task()
def build_export(*, job_id: int) -> str:
    """Build an export job's XLSX or PDF file (see exports.py); returns the job's final status."""
    from .exports import export_job_run

    return export_job_run(job_id=job_id).status
