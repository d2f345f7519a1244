"""Background work of citizen reports."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task

from .services.intake_finish import report_intake_finish
from .services.intake_queue import report_intake_finish_region


@task()
def report_intake_region(*, region_id: int) -> int:
    """Finish the region's pending reports, its "task waiting" mark deleted first (services.intake_queue);
    how many were finished."""
    return report_intake_finish_region(region_id=region_id)


@task()
def report_intake(*, report_id: int) -> bool:
    """Finish a submitted report's intake, with the region's other pending reports (idempotent: a second run
    changes nothing). Queued per report where the cache is not shared, and by earlier versions."""
    return report_intake_finish(report_id=report_id)
