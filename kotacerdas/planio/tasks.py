"""Background work of the workbook and document (db_worker runs it)."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task


@task()
def run_job(*, job_id: int) -> str:
    """Run a PlanJob (export, preview, import, PDF, DOCX); returns its final status."""
    from .services import job_run

    return job_run(job_id=job_id).status
