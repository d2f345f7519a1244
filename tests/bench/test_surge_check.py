"""bench/surge.py's verdicts: the checker must fail a run that lost, doubled or mixed up a report, and the
clients must compute the same idempotency digest as the server (else every row would look unknown)."""

import sys
from pathlib import Path

import pytest

from kotacerdas.participation.idempotency import key_digest

sys.path[:0] = [str(Path(__file__).resolve().parents[2] / "bench")]

import surge_check  # noqa: E402
from surge_clients import Submission, digest  # noqa: E402


def _sub(kind, app, key, *idents, why="first"):
    sub = Submission(kind, app, key, digest(f"scope:{app}", key), "/", "", {}, "")
    for n, ident in enumerate(idents):
        sub.attempts.append(
            {
                "why": why if n else "first",
                "status": 200 if ident else None,
                "seconds": 0.1,
                "ident": ident,
                "error": None,
            }
        )
    return sub


def _verdicts(subs, rows):
    result = surge_check.analyse(subs, [(200, 0.05)], rows, wall=10.0)
    return {name: ok for name, ok, _detail in surge_check.checks(result)}, result


def _rows(*subs_and_ids):
    return [[pk, f"CODE{pk}", sub.digest, "open311"] for sub, pk in subs_and_ids]


def test_client_digest_is_the_servers():
    assert digest("key:7", "req-000001") == key_digest(scope="key:7", key="req-000001")


def test_a_clean_run_passes_every_check():
    a, b = _sub("open311", "A", "req-000001", "1"), _sub("open311", "B", "req-000001", "2", "2", why="reconnect")
    verdicts, result = _verdicts([a, b], _rows((a, 1), (b, 2)))
    assert all(verdicts.values())
    assert result["accepted_per_second"] == 0.2
    assert result["retries"] == {"inconsistent": 0, "reconnect": 1, "reconnect same id": 1}


@pytest.mark.parametrize(
    ("case", "failing"),
    [
        ("lost", {"acknowledged = stored"}),
        ("duplicate", {"acknowledged = stored", "0 duplicates"}),
        ("retry got another id", {"retries got the same report"}),
        ("shared key answered with the other app's report", {"shared keys of two apps made two reports"}),
    ],
)
def test_a_broken_run_fails(case, failing):
    a = _sub("open311", "A", "req-000001", "1")
    b = _sub("open311", "B", "req-000001", "2")
    rows = _rows((a, 1), (b, 2))
    if case == "lost":
        rows = rows[:1]
    elif case == "duplicate":
        rows.append([3, "CODE3", b.digest, "open311"])
    elif case == "retry got another id":
        b = _sub("open311", "B", "req-000001", "2", "3", why="retry-after-success")
        rows.append([3, "CODE3", "another", "open311"])
    else:
        b = _sub("open311", "B", "req-000001", "1")
        rows = rows[:1]
    verdicts, _result = _verdicts([a, b], rows)
    assert failing <= {name for name, ok in verdicts.items() if not ok}


def test_a_5xx_fails_and_slow_answers_only_miss_the_target():
    a = _sub("open311", "A", "req-000001", "1")
    a.attempts.append({"why": "reconnect", "status": 503, "seconds": 3.0, "ident": None, "error": None})
    verdicts, _result = _verdicts([a], _rows((a, 1)))
    assert not verdicts["0 5xx"]
    assert not verdicts["p99 < 2 s (informational: the performance issue's target)"]


def test_a_web_report_is_matched_by_its_tracking_code_and_an_unknown_code_is_lost():
    stored = _sub("web", "web", "web-1", "CODE1")
    missing = _sub("web", "web", "web-2", "NOSUCHCODE")
    verdicts, result = _verdicts([stored, missing], [[1, "CODE1", stored.digest, "web"]])
    assert result["acknowledged_distinct_ids"] == 1
    assert result["lost"] == 1
    assert not verdicts["acknowledged = stored"]
