"""Background jobs that survive a dying worker: a lease on the job row, and its recovery.

Every job kind whose page polls a progress bar (planio's workbook and document jobs, monitoring's exports)
keeps its row in a model with `status` ("queued", "running", "done", "failed"), `progress`, `error`,
`language`, `started_at`, `finished_at` and `LeasedJob`'s `heartbeat_at` and `attempts`, and registers itself
here with the function that enqueues its task (`register`, in the app's `ready()`).

While a job runs, `Lease` refreshes `heartbeat_at` at each progress step and, from a small thread with its
own database connection, at least every `JOB_HEARTBEAT_SECONDS` (so a long phase without progress steps, or
the progress of an import's single transaction, still reaches the page). A running job whose heartbeat is
older than `JOB_LEASE_SECONDS` lost its worker: `recover` queues it again (attempts are counted on the row)
or, after `JOB_MAX_ATTEMPTS`, marks it failed with a message in the user's language. `manage.py recover_jobs`
runs it on a schedule, and each job page runs it for its own job when it polls.
"""

import datetime
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# A queued job that no worker took for this long is given up by `prune_stale` (the queue itself was lost).
QUEUED_STALE_AFTER = datetime.timedelta(minutes=15)

T = TypeVar("T")
Enqueue = Callable[[int], None]
_registry: dict[type[models.Model], Enqueue] = {}


class LeasedJob(models.Model):
    """The lease of a background job: when its worker last showed it is alive, and how many runs it had."""

    heartbeat_at = models.DateTimeField(
        gettext_lazy("heartbeat at"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Refreshed by the worker while the job runs; an old one means the worker died."),
    )
    attempts = models.PositiveSmallIntegerField(gettext_lazy("attempts"), default=0)

    class Meta:
        abstract = True

    @property
    def lease_expired(self) -> bool:
        """Running, but its worker has not shown itself within the lease (it died or was killed)."""
        if self.status != RUNNING:
            return False
        seen = self.heartbeat_at or self.updated_at
        return seen is not None and seen < stale_before()

    @property
    def worker_lost(self) -> bool:
        """Failed because its worker stopped (not because of an error in the work itself)."""
        return self.status == FAILED and self.error == lost_message(self)


def stale_before(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def register(model: type[models.Model], *, enqueue: Enqueue) -> None:
    """Declare a job model and how to enqueue its task for a job id (called from the app's `ready()`)."""
    _registry[model] = enqueue


def registered() -> list[tuple[type[models.Model], Enqueue]]:
    return list(_registry.items())


def claim(model: type[models.Model], job_id: int) -> bool:
    """Queued → running for this worker (one attempt more). False when the job is no longer queued: the
    task was delivered twice, or the job was recovered meanwhile and another run owns it."""
    now = timezone.now()
    return bool(
        model.objects.filter(pk=job_id, status=QUEUED).update(
            status=RUNNING, started_at=now, heartbeat_at=now, progress=1, attempts=F("attempts") + 1, updated_at=now
        )
    )


def fail(model: type[models.Model], job_id: int, exc: BaseException) -> None:
    """Record an exception as the job's end (the worker's log has the traceback)."""
    model.objects.filter(pk=job_id).update(
        status=FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
    )


def lost_message(job) -> str:
    """What the page says of a job whose worker stopped, in the language the job was requested in."""
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return _("The worker stopped while running “%(job)s”; try again.") % {"job": job.get_kind_display()}


def counted(items: Iterable[T], total: int, progress: Callable[[int], None], *, parts: int = 20) -> Iterator[T]:
    """Yield `items` and report 0–100 to `progress` about `parts` times along the way (`total` items expected):
    a long loop (rows read, checked, written) moves the bar as it goes instead of once at its end."""
    every = max(1, total // parts)
    for done, item in enumerate(items, start=1):
        yield item
        if done % every == 0:
            progress(100 * min(done, total) // max(total, 1))


class Lease:
    """The progress reporter of one running job (call it with a percentage) and its heartbeat.

    Used as a context manager around the run: it then keeps a thread that refreshes the heartbeat every
    `JOB_HEARTBEAT_SECONDS` and writes the progress reported inside a transaction (an import is one), which
    the run's own connection could only show once it commits. The thread is not started when the run itself
    is inside a transaction (a caller that holds one would make the thread wait for its own locks).
    """

    def __init__(self, model: type[models.Model], job_id: int, *, progress: int = 1):
        self.model, self.job_id, self.percent = model, job_id, progress
        self.steps: list[int] = [progress]
        self._written_at = timezone.now()
        self._thread: threading.Thread | None = None
        self._stop, self._wake = threading.Event(), threading.Event()

    def __call__(self, percent: int) -> None:
        percent = max(1, min(99, int(percent)))
        interval = datetime.timedelta(seconds=settings.JOB_HEARTBEAT_SECONDS)
        if percent <= self.percent and timezone.now() - self._written_at < interval:
            return
        if percent > self.percent:
            self.percent = percent
            self.steps.append(percent)
        if self._thread is not None and connection.in_atomic_block:
            self._wake.set()
        else:
            self._write()

    def _write(self) -> None:
        now = timezone.now()
        self.model.objects.filter(pk=self.job_id, status=RUNNING).update(
            progress=self.percent, heartbeat_at=now, updated_at=now
        )
        self._written_at = now

    def _beat_forever(self) -> None:
        try:
            while not self._stop.is_set():
                self._wake.wait(settings.JOB_HEARTBEAT_SECONDS)
                self._wake.clear()
                if self._stop.is_set():
                    break
                try:
                    self._write()
                except DatabaseError:  # SQLite: the run's transaction holds the only write lock; next time
                    logger.warning("heartbeat of %s %s not written", self.model.__name__, self.job_id)
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self) -> "Lease":
        if not connection.in_atomic_block:
            self._thread = threading.Thread(target=self._beat_forever, name=f"heartbeat-{self.job_id}", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._thread is not None:
            self._stop.set()
            self._wake.set()
            self._thread.join()
            self._thread = None


def _stale(model: type[models.Model], now: datetime.datetime):
    cut = stale_before(now)
    return model.objects.filter(status=RUNNING).filter(
        Q(heartbeat_at__lt=cut) | Q(heartbeat_at__isnull=True, updated_at__lt=cut)
    )


def _give_up(model, job, now, *, stopped_at: datetime.datetime | None) -> int:
    return model.objects.filter(pk=job.pk, status=job.status, heartbeat_at=stopped_at).update(
        status=FAILED, error=lost_message(job), finished_at=now, updated_at=now
    )


def recover(model: type[models.Model], *, pk: int | None = None, now=None) -> dict[str, int]:
    """Running jobs of `model` (or the one job `pk`) whose lease expired: queued again and re-enqueued while
    they have attempts left, else marked failed. Each change is conditional on the row not having moved
    meanwhile, so two recoveries at once (a page poll and the schedule) act once."""
    now = now or timezone.now()
    enqueue = _registry[model]
    stale = _stale(model, now)
    if pk is not None:
        stale = stale.filter(pk=pk)
    result = {"requeued": 0, "failed": 0}
    for job in stale.only("pk", "status", "heartbeat_at", "attempts", "language", "kind"):
        if job.attempts < settings.JOB_MAX_ATTEMPTS:
            moved = model.objects.filter(pk=job.pk, status=RUNNING, heartbeat_at=job.heartbeat_at).update(
                status=QUEUED, progress=0, heartbeat_at=None, updated_at=now
            )
            if moved:
                transaction.on_commit(lambda job_id=job.pk: enqueue(job_id))
                result["requeued"] += 1
        elif _give_up(model, job, now, stopped_at=job.heartbeat_at):
            result["failed"] += 1
    return result


def recover_all(*, now=None) -> dict[str, int]:
    """`recover` for every registered job model (what `manage.py recover_jobs` runs)."""
    total = {"requeued": 0, "failed": 0}
    for model, _enqueue in registered():
        for key, count in recover(model, now=now).items():
            total[key] += count
    return total


def prune_stale(model: type[models.Model], *, now=None) -> int:
    """Mark failed, without another attempt, the running jobs whose lease expired and the queued jobs no
    worker took within `QUEUED_STALE_AFTER` (the daily tidy-up). Returns how many."""
    now = now or timezone.now()
    count = 0
    queued = model.objects.filter(status=QUEUED, updated_at__lt=now - QUEUED_STALE_AFTER)
    for job in [*_stale(model, now), *queued]:
        count += _give_up(model, job, now, stopped_at=job.heartbeat_at)
    return count


def abandon_if_stale(job) -> bool:
    """Mark this job failed when its lease expired (a user asks for the same work again: the new request must
    not wait on a dead job). True when it was."""
    if not job.lease_expired:
        return False
    return bool(_give_up(type(job), job, timezone.now(), stopped_at=job.heartbeat_at))


def recover_if_stale(job) -> bool:
    """What a job page runs when it polls: recover this job when its lease expired (no query otherwise),
    then read it again. True when it was stale."""
    if not job.lease_expired:
        return False
    recover(type(job), pk=job.pk)
    job.refresh_from_db()
    return True
