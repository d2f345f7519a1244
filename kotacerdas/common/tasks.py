"""Queueing a task together with the change that needs it."""

from django.core.cache import caches
from django.db import transaction

# Backends whose queue is a table of the same database (or that run the task at once): a task queued
# inside a transaction commits or rolls back with it.
IN_DATABASE = ("django_tasks_db.", "django_tasks.backends.immediate.", "django_tasks.backends.dummy.")
# Cache backends that are one store for every process (web workers, task workers, commands) and whose `add`
# is atomic. Not the local-memory or dummy caches (one per process), nor the file and database caches (their
# `add` is a read, then a write: two processes can both succeed).
SHARED_CACHES = ("django_redis.", "django.core.cache.backends.redis.", "django.core.cache.backends.memcached.")


def enqueue_in_transaction(task, **kwargs) -> None:
    """Queue `task` with these arguments as part of the current transaction where the queue lives in the
    database (no window between commit and enqueue in which a crash loses the task; a rollback drops it),
    and after commit where it does not (RQ: a worker must not run it before the change is visible)."""
    backend = task.get_backend()
    path = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if path.startswith(IN_DATABASE):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))


def cache_is_shared(alias: str = "default") -> bool:
    """Whether a mark one process sets in this cache with `add` is seen at once by every web process and task
    worker, and only one of two racing `add`s succeeds (Redis, memcached)."""
    return f"{type(caches[alias]).__module__}.".startswith(SHARED_CACHES)
