"""Login lockout (django-axes): failures are counted per account *and* client, and per account alone.

Axes refuses a login before any password is hashed (its backend comes first in AUTHENTICATION_BACKENDS).
It knows one limit; this handler adds the second: `AXES_FAILURE_LIMIT` failures of one account from one
address lock that pair, `LOGIN_FAILURE_LIMIT_PER_ACCOUNT` failures of one account from any addresses lock
the account everywhere (a guesser who changes address). Both lapse after `AXES_COOLOFF_TIME` or when the
region admin unlocks the account (`services.account_unlock`).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from kotacerdas.common.exceptions import ApplicationError

from .identifiers import normalise_identifier


def lockout_username(request, credentials: dict | None) -> str | None:
    """The account a login attempt names, spelled one way: `0812-…` and `+62812…` count as one account."""
    raw = credentials.get("username") if credentials else getattr(request, "POST", {}).get("username")
    if not raw:
        return None
    try:
        return normalise_identifier(raw)
    except ApplicationError:
        return raw.strip()


def _recent_attempts():
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)


def _failures(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AccountLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures of this account from this client, raised to the limit once the account itself is locked."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        attempts = _recent_attempts().filter(username=username)
        from_client = _failures(attempts.filter(ip_address=request.axes_ip_address))
        if _failures(attempts) >= settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT:
            return max(from_client, settings.AXES_FAILURE_LIMIT)
        return from_client


def locked_usernames() -> dict[str, int]:
    """{username: failed logins} of the accounts locked now, from one client or everywhere (two queries)."""
    attempts = _recent_attempts()
    per_account = dict(attempts.values_list("username").annotate(n=Sum("failures_since_start")))
    locked = {u: n for u, n in per_account.items() if n >= settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT}
    pairs = attempts.values_list("username", "ip_address").annotate(n=Sum("failures_since_start"))
    for username, _ip, n in pairs:
        if n >= settings.AXES_FAILURE_LIMIT:
            locked[username] = per_account[username]
    return locked


def clear_failures(username: str) -> int:
    """Forget the account's failed logins from every client; how many were forgotten."""
    attempts = AccessAttempt.objects.filter(username=username)
    count = _failures(attempts)
    attempts.delete()
    return count
