"""Intake over HTTP: the trivial view's throughput, then Open311 POSTs and web-form POSTs, each a new report,
at the same concurrency in the same run, with the CPU each phase cost (bench/cpu.py) per request. Used by
bench/participation.py (`--intake-only` runs just this part)."""

import statistics
import threading
import time
import urllib.parse
import uuid

import cpu
import run as harness

REGION = "luwu-utara"


def intake_form(api_key: str) -> dict:
    return {
        "api_key": api_key,
        "jurisdiction_id": REGION,
        "service_code": "sampah",
        "lat": "-2.556",
        "long": "120.330",
        "description": "Sampah menumpuk di depan pasar (bench)",
    }


def post_load(port: int, path: str, body_for, headers: dict, total: int, concurrency: int, max_seconds: float):
    """`total` POSTs from `concurrency` threads on keep-alive connections; requests per second and latency."""
    import http.client

    lock = threading.Lock()
    issued = [0]
    latencies: list[float] = []
    failures: list[str] = []
    deadline = time.perf_counter() + max_seconds

    def worker():
        conn = http.client.HTTPConnection(harness.HOST, port, timeout=60)
        mine = []
        while True:
            with lock:
                if issued[0] >= total or time.perf_counter() > deadline:
                    break
                issued[0] += 1
            body, extra = body_for()
            t = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers={**headers, **extra})
                response = conn.getresponse()
                response.read()
            except (http.client.HTTPException, ConnectionError):
                conn.close()
                conn = http.client.HTTPConnection(harness.HOST, port, timeout=60)
                failures.append("connection")
                continue
            mine.append(time.perf_counter() - t)
            if response.status not in (200, 302):
                failures.append(str(response.status))
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "rps": round(len(latencies) / wall, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "p99_ms": round(harness.percentile(latencies, 0.99) * 1000, 2) if latencies else None,
        "requests": len(latencies),
        "failures": len(failures),
        "failure_example": failures[0] if failures else None,
    }


def get_load(port: int, path: str, total: int, concurrency: int, max_seconds: float) -> dict:
    """`total` GETs of `path` from `concurrency` threads on keep-alive connections (as `post_load`)."""
    import http.client

    lock = threading.Lock()
    issued = [0]
    latencies: list[float] = []
    deadline = time.perf_counter() + max_seconds

    def worker():
        conn = http.client.HTTPConnection(harness.HOST, port, timeout=60)
        mine = []
        while True:
            with lock:
                if issued[0] >= total or time.perf_counter() > deadline:
                    break
                issued[0] += 1
            t = time.perf_counter()
            conn.request("GET", path, headers=harness.HEADERS)
            conn.getresponse().read()
            mine.append(time.perf_counter() - t)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "rps": round(len(latencies) / wall, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(harness.percentile(latencies, 0.99) * 1000, 2),
        "requests": len(latencies),
    }


def form_session(port: int) -> tuple[str, str]:
    """An anonymous visitor's CSRF cookie and token from the report form, as a browser would have them."""
    import http.client
    import re

    conn = http.client.HTTPConnection(harness.HOST, port, timeout=60)
    conn.request("GET", f"/r/{REGION}/aduan/baru/", headers=harness.HEADERS)
    response = conn.getresponse()
    page = response.read().decode()
    jar: dict[str, str] = {}
    harness.cookies_from(response, jar)
    conn.close()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return f"csrftoken={jar['csrftoken']}", token


def _groups(server, worker, database_url: str) -> dict:
    groups = {
        "gunicorn workers": lambda: cpu.children(server.proc.pid),
        "PostgreSQL backends": lambda: cpu.pg_backends(database_url),
    }
    if worker is not None:
        groups["task worker"] = lambda: [worker.proc.pid, *cpu.children(worker.proc.pid)]
    return groups


def measure_intake(*, port: int, ids: dict, posts: int, concurrency: int, max_seconds: float, server, worker,
                   database_url: str) -> tuple[dict, list[dict]]:  # fmt: skip
    """The trivial view's throughput, then intake through Open311 and the web form; each with its CPU cost
    per request (`cpu_ms`: milliseconds per group of processes and in all)."""
    groups = _groups(server, worker, database_url)
    get_load(port, "/healthz", 200, concurrency, max_seconds)  # every thread's connection opened
    with cpu.Meter(groups) as meter:
        trivial = get_load(port, "/healthz", posts, concurrency, max_seconds)
    trivial["cpu_ms"] = meter.per_request_ms(trivial["requests"])
    form_headers = {**harness.HEADERS, "Content-Type": "application/x-www-form-urlencoded"}

    def open311_body():
        return urllib.parse.urlencode(intake_form(ids["api_key"])), {"Idempotency-Key": uuid.uuid4().hex}

    with cpu.Meter(groups) as meter:
        open311 = post_load(
            port, "/open311/v2/requests.json", open311_body, form_headers, posts, concurrency, max_seconds
        )
    open311["cpu_ms"] = meter.per_request_ms(open311["requests"])
    cookie, token = form_session(port)
    web_headers = {
        **form_headers,
        "Cookie": cookie,
        "Referer": f"https://{harness.HOST}:{port}/r/{REGION}/aduan/baru/",
    }

    def web_body():
        body = {
            "csrfmiddlewaretoken": token,
            "category": ids["category_id"],
            "description": "Sampah menumpuk (bench, formulir web)",
            "lat": "-2.556",
            "lon": "120.330",
            "idempotency_key": uuid.uuid4().hex,
        }
        return urllib.parse.urlencode(body), {}

    with cpu.Meter(groups) as meter:
        web = post_load(port, f"/r/{REGION}/aduan/baru/", web_body, web_headers, posts, concurrency, max_seconds)
    web["cpu_ms"] = meter.per_request_ms(web["requests"])
    return trivial, [
        {"name": "report intake, Open311 POST", **open311},
        {"name": "report intake, web form POST", **web},
    ]


def cpu_line(name: str, figures: dict, trivial: dict) -> str:
    """One line: CPU ms per request by group, and the ratio to the trivial view's total."""
    parts = ", ".join(f"{k} {v}" for k, v in figures.items() if k not in ("total", "wall_seconds"))
    ratio = figures["total"] / trivial["total"] if trivial.get("total") else 0
    return f"CPU per request, {name}: {figures['total']} ms ({parts}) = {ratio:.1f}x the trivial view"
