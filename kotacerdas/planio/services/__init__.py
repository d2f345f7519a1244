"""Requesting and running the workbook and document jobs.

The pages and the management commands call the `*_request` writes; the background task calls `job_run`.
A job reads the masterplan when it runs, commits its progress after each step (so the page can poll it) and
ends done or failed. Imports are two jobs: a preview (checks, writes nothing) and, once the user confirms
it, an import of the same stored file that applies only if it would still write what the preview showed.

The parts: `requests` (the writes that queue a job) and `run` (what the worker and the command run).
"""

from .requests import (
    CONTENT_TYPES,
    MAX_UPLOAD_BYTES,
    PERMISSION,
    XLSX,
    Kind,
    Progress,
    Status,
    check_upload,
    document_hash,
    job_request_build,
    job_request_import,
    job_request_preview,
    job_request_retry,
    template_bytes,
)
from .run import import_now, job_run, jobs_recent, preview_file, read_file

__all__ = [
    "CONTENT_TYPES",
    "MAX_UPLOAD_BYTES",
    "PERMISSION",
    "XLSX",
    "Kind",
    "Progress",
    "Status",
    "check_upload",
    "document_hash",
    "import_now",
    "job_request_build",
    "job_request_import",
    "job_request_preview",
    "job_request_retry",
    "job_run",
    "jobs_recent",
    "preview_file",
    "read_file",
    "template_bytes",
]
