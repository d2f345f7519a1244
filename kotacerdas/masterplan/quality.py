"""Checks other apps add to the masterplan quality check (planning.selectors.quality), by registration.

The quality check lives in planning, which may not import the apps that hold part of what it checks
(citizen ideas sit on planning's layer, surveys above it: docs/architecture.md). Those apps register a
function here from their `AppConfig.ready()`, as jobs register with `common.jobs`; the check calls each one
with the masterplan and adds what it answers to the named component. Each function reads a fixed number of
queries whatever the size of the plan.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    component: str  # the quality check's component key ("participation", ...)
    ok: bool
    text: str  # what to fix, shown when the check fails
    url: str  # where to fix it
    perm: str = ""  # the rule the page behind `url` checks on the region: the link is shown only to its holders


CheckSource = Callable[..., list[Check]]  # called as source(masterplan=...)

_sources: dict[str, CheckSource] = {}


def register_checks(name: str, source: CheckSource) -> None:
    """Add (or replace, under the same name) a source of checks."""
    _sources[name] = source


def contributed_checks(*, masterplan) -> list[Check]:
    """Every registered source's checks for the masterplan, sources in the order of their names."""
    return [check for name in sorted(_sources) for check in _sources[name](masterplan=masterplan)]
