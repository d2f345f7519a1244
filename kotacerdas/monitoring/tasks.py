"""Background work of monitoring, through the Django tasks API (db_worker runs it)."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task


@task()
def send_reminders() -> int:
    from .notifications import send_due_reminders

    return send_due_reminders()


@task()
def build_export(*, job_id: int) -> str:
    """Build an export job's XLSX or PDF file (see exports.py); returns the job's final status."""
    from .exports import export_job_run

    return export_job_run(job_id=job_id).status
