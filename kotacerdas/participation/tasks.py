"""Background work of citizen reports."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task

from .services.intake_finish import report_intake_finish


@task()
def report_intake(*, report_id: int) -> bool:
    """Finish a submitted report's intake (idempotent: a second run changes nothing)."""
    return report_intake_finish(report_id=report_id)
