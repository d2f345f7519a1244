"""What bench/surge.py's clients were told, compared with the reports the database holds afterwards.

A submission is one report a client meant to make (one client scope + Idempotency-Key, sent once or more).
It is acknowledged when an answer carried its id (Open311: 200 with service_request_id; web form: 302 to
the tracking page). The checks: the acknowledged distinct ids are exactly the rows created during the run;
no two rows for one scope + key; every send of one submission got the same report; the two Open311 apps'
shared keys made two reports; no 5xx answer. p99 latency under 2 s is the performance issue's target.
"""

from collections import Counter

import run as harness

P99_TARGET_SECONDS = 2.0


def _latency(values: list[float]) -> dict:
    if not values:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "requests": 0}
    return {
        "p50_ms": round(harness.percentile(values, 0.50) * 1000, 1),
        "p95_ms": round(harness.percentile(values, 0.95) * 1000, 1),
        "p99_ms": round(harness.percentile(values, 0.99) * 1000, 1),
        "requests": len(values),
    }


def _ids_of(sub, id_by_code: dict) -> tuple[set, set]:
    """(report ids the answers to this submission carried, tracking codes no stored row has)."""
    ids, unknown = set(), set()
    for attempt in sub.attempts:
        ident = attempt["ident"]
        if not ident:
            continue
        if sub.kind == "open311":
            ids.add(int(ident))
        elif ident in id_by_code:
            ids.add(id_by_code[ident])
        else:
            unknown.add(ident)
    return ids, unknown


def _retries(subs, ids_by_sub, id_by_digest) -> dict:
    """Deliberate retries and resends after a dead connection: each must end at the submission's one row."""
    out = Counter()
    for sub, ids in zip(subs, ids_by_sub, strict=True):
        whys = {a["why"] for a in sub.attempts}
        stored = id_by_digest.get(sub.digest)
        consistent = len(ids) <= 1 and (not ids or ids == {stored})
        for label in ("retry-after-success", "retry-after-timeout", "reconnect"):
            if label in whys:
                out[label] += 1
                out[f"{label} same id"] += consistent and bool(ids)
        out["inconsistent"] += not consistent
    return dict(out)


def _shared_keys(subs, ids_by_sub) -> dict:
    """Apps A and B sent the same keys: every key both had acknowledged must name two different reports."""
    by_app: dict[str, dict[str, set]] = {"A": {}, "B": {}}
    for sub, ids in zip(subs, ids_by_sub, strict=True):
        if sub.kind == "open311" and ids:
            by_app[sub.app][sub.key] = ids
    shared = set(by_app["A"]) & set(by_app["B"])
    same = [k for k in shared if by_app["A"][k] & by_app["B"][k]]
    return {"keys_acknowledged_by_both_apps": len(shared), "keys_naming_one_report": len(same)}


def analyse(subs, form_pages, rows, *, wall: float) -> dict:
    """The figures and checks of one run; `rows` are [id, tracking code, digest, source] created during it."""
    id_by_code = {code: pk for pk, code, _digest, _source in rows}
    rows_by_digest = Counter(d for _pk, _code, d, _source in rows)
    id_by_digest = {d: pk for pk, _code, d, _source in rows}
    ids_by_sub, unknown_codes = [], set()
    for sub in subs:
        ids, unknown = _ids_of(sub, id_by_code)
        ids_by_sub.append(ids)
        unknown_codes |= unknown
    acknowledged = set().union(*ids_by_sub) if ids_by_sub else set()
    stored = {pk for pk, *_rest in rows}
    attempts = [(sub, a) for sub in subs for a in sub.attempts]
    statuses = Counter(f"{sub.kind} {a['status'] or a['error']}" for sub, a in attempts)
    statuses.update(f"form page GET {status or 'connection error'}" for status, _s in form_pages)
    fives = sum(1 for _sub, a in attempts if (a["status"] or 0) >= 500)
    fives += sum(1 for status, _s in form_pages if (status or 0) >= 500)
    answered = [a["seconds"] for _sub, a in attempts if a["seconds"] is not None]
    acked_subs = sum(1 for ids in ids_by_sub if ids)
    return {
        "submissions": len(subs),
        "submissions_by_kind": dict(Counter(s.kind for s in subs)),
        "acknowledged_submissions": acked_subs,
        "acknowledged_distinct_ids": len(acknowledged),
        "stored_rows_created": len(stored),
        "lost": len(acknowledged - stored) + len(unknown_codes),
        "stored_not_acknowledged": len(stored - acknowledged),
        "unanswered_submissions": sum(1 for s in subs if not any(a["status"] for a in s.attempts)),
        "duplicates": sum(n - 1 for d, n in rows_by_digest.items() if d) + rows_by_digest.get(None, 0),
        "rows_without_key": rows_by_digest.get(None, 0),
        "status_counts": dict(sorted(statuses.items())),
        "responses_5xx": fives,
        "retries": _retries(subs, ids_by_sub, id_by_digest),
        "shared_keys": _shared_keys(subs, ids_by_sub),
        "wall_seconds": round(wall, 1),
        "accepted_per_second": round(acked_subs / wall, 1) if wall else None,
        "latency_all_posts": _latency(answered),
        "latency_open311": _latency([a["seconds"] for s, a in attempts if s.kind == "open311" and a["seconds"]]),
        "latency_web_post": _latency([a["seconds"] for s, a in attempts if s.kind == "web" and a["seconds"]]),
        "latency_form_page": _latency([seconds for status, seconds in form_pages if status]),
    }


def checks(result: dict) -> list[tuple[str, bool, str]]:
    """(name, passed, detail); the last one is informational."""
    retries, shared = result["retries"], result["shared_keys"]
    p99 = result["latency_all_posts"]["p99_ms"]
    return [
        (
            "acknowledged = stored",
            result["acknowledged_distinct_ids"] == result["stored_rows_created"]
            and result["lost"] == 0
            and result["stored_not_acknowledged"] == 0,
            f"{result['acknowledged_distinct_ids']} acknowledged distinct ids, {result['stored_rows_created']} rows "
            f"stored; {result['lost']} lost, {result['stored_not_acknowledged']} stored but never acknowledged",
        ),
        (
            "0 duplicates",
            result["duplicates"] == 0,
            f"{result['duplicates']} extra rows for one client scope + key "
            f"({result['rows_without_key']} without a key)",
        ),
        ("0 5xx", result["responses_5xx"] == 0, f"{result['responses_5xx']} answers 500 or above"),
        (
            "retries got the same report",
            retries.get("inconsistent", 0) == 0,
            ", ".join(f"{k} {v}" for k, v in sorted(retries.items())),
        ),
        (
            "shared keys of two apps made two reports",
            shared["keys_naming_one_report"] == 0 and shared["keys_acknowledged_by_both_apps"] > 0,
            f"{shared['keys_acknowledged_by_both_apps']} keys acknowledged for both apps, "
            f"{shared['keys_naming_one_report']} of them named one report",
        ),
        (
            "p99 < 2 s (informational: the performance issue's target)",
            p99 is not None and p99 < P99_TARGET_SECONDS * 1000,
            f"p99 {p99} ms over {result['latency_all_posts']['requests']} answered POSTs",
        ),
    ]


def report(result: dict, say) -> bool:
    """Print the run; True when every correctness check passed (the latency target does not count)."""
    load = result["load_average"]
    settings = result["settings"]
    say()
    say(
        f"Surge: {settings['clients']} clients for {settings['seconds']:.0f} s, Open311 and web form about half each, "
        f"{settings['retry_share']:.0%} sent twice on purpose"
        + (", one web worker killed halfway" if settings["kill_worker"] else "")
    )
    say(f"server: {result['server']}; database: {result['database']}")
    busy = max(load["start"], load["end"]) > (load["cores"] or 1)
    say(
        f"machine load (1-min average): {load['start']} at the start, {load['end']} at the end, "
        f"on {load['cores']} cores"
        + (": OTHER WORK WAS RUNNING, latency and throughput are lower than on an idle machine" if busy else "")
    )
    if result["killed_worker"]:
        say(f"killed worker: {result['killed_worker']}")
    say(
        f"reports: {result['submissions']} attempted ({result['submissions_by_kind']}), "
        f"{result['acknowledged_submissions']} acknowledged in {result['wall_seconds']} s = "
        f"{result['accepted_per_second']} accepted/s; {result['unanswered_submissions']} never answered"
    )
    for name in ("latency_all_posts", "latency_open311", "latency_web_post", "latency_form_page"):
        lat = result[name]
        say(
            f"{name.replace('_', ' ')}: p50 {lat['p50_ms']} ms, p95 {lat['p95_ms']} ms, p99 {lat['p99_ms']} ms "
            f"({lat['requests']} answers)"
        )
    say(f"answers: {result['status_counts']}")
    passed = True
    for number, (name, ok, detail) in enumerate(checks(result)):
        informational = number == len(checks(result)) - 1
        say(f"{'PASS' if ok else ('MISS' if informational else 'FAIL')} {name}: {detail}")
        passed = passed and (ok or informational)
    return passed
