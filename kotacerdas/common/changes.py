"""Telling the read side that a region's data changed, without the apps that change it knowing who listens.

Every audited change already passes through `common.cache.invalidate_public_pages` (from `record_event`, the
monitoring roll-up, the report intake), which names the region, what changed (`source`, a model label such as
`"masterplan.Programme"`, or `""` when unknown) and the page-cache sections. Read-side apps that keep
something derived from the data — open data's generated resources — subscribe here from their `ready()`
(`subscribe(listener)`), as background jobs register in `common.jobs`; the apps below them import nothing of
theirs. A listener runs inside the change's transaction, so what it queues (with
`common.tasks.enqueue_in_transaction`) commits or rolls back with the change; it must be quick (a few
queries at most) and must not fail the change for a reason of its own.
"""

from collections.abc import Callable, Iterable

Listener = Callable[..., None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Call `listener(region_slug=, source=, sections=)` on every announced change (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)


def announce(*, region_slug: str, source: str = "", sections: Iterable[str] | None = None) -> None:
    """Tell the listeners that the region's data changed: `sections=None` for any of it, else only these
    page-cache sections."""
    frozen = None if sections is None else tuple(sections)
    for listener in _listeners:
        listener(region_slug=region_slug, source=source, sections=frozen)
