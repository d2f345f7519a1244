"""The clients of bench/surge.py: N threads submitting citizen reports through Open311 and the web form until
a deadline, every send of every report recorded (status, latency, the id or tracking code it returned).

A Submission is one report a client means to make: one client scope + Idempotency-Key and one body, sent once
or more — again after a dead connection or a timeout, and on purpose for a share of them (after the answer, or
after giving up on a short client-side timeout). The two Open311 apps count their keys from the same start.
"""

import hashlib
import http.client
import json
import random
import re
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field

import participation as intake
import run as harness

REGION = intake.REGION
OPEN311_PATH = "/open311/v2/requests.json"
FORM_PATH = f"/r/{REGION}/aduan/baru/"
TRACKING = re.compile(r"/aduan/lacak/([A-Za-z0-9]+)/")
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|idempotency_key)" value="([^"]+)"')
ANSWER_TIMEOUT = 60.0  # seconds a client waits for an answer before sending the request again
ATTEMPTS = 8  # sends of one request (connection died / timed out) before the client gives up


def digest(scope: str, key: str) -> str:
    """What the server stores for a key (participation/idempotency.py key_digest): SHA-256 of scope and key."""
    return hashlib.sha256(f"{scope}\n{key}".encode()).hexdigest()


@dataclass
class Submission:
    """One report a client means to make: the same key and body on every send."""

    kind: str  # "open311" or "web"
    app: str  # "A", "B" or "web"
    key: str
    digest: str
    path: str
    body: str
    headers: dict
    plan: str  # "", "after-success", "after-timeout"
    attempts: list = field(default_factory=list)


class Connection:
    """A client's keep-alive connection; dropped after any error, so the next send opens a new one."""

    def __init__(self, port: int):
        self.port = port
        self.conn = None

    def send(self, method: str, path: str, body: str | None, headers: dict, timeout: float):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(harness.HOST, self.port, timeout=timeout)
        elif self.conn.sock is not None:
            self.conn.sock.settimeout(timeout)
        self.conn.timeout = timeout
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except BaseException:
            self.close()
            raise
        if response.will_close:
            self.close()
        return response, data, time.perf_counter() - started

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Surge:
    """N client threads submitting until the deadline; every send recorded on its Submission."""

    def __init__(self, *, port: int, setup: dict, clients: int, seconds: float, retry_share: float, seed: int):
        self.port, self.setup, self.clients, self.seconds = port, setup, clients, seconds
        self.retry_share, self.seed = retry_share, seed
        self.lock = threading.Lock()
        self.counters = {"A": 0, "B": 0}
        self.submissions: list[Submission] = []
        self.form_pages: list[tuple[int | None, float]] = []  # (status, seconds) of the form GETs
        self.deadline = 0.0

    def run(self) -> float:
        threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(self.clients)]
        started = time.monotonic()
        self.deadline = started + self.seconds
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.monotonic() - started

    def _client(self, index: int) -> None:
        rng = random.Random(self.seed * 1000 + index)
        conn, jar = Connection(self.port), {}
        try:
            while time.monotonic() < self.deadline:
                sub = self._open311(rng) if rng.random() < 0.5 else self._web(rng, conn, jar, index)
                if sub is None:
                    continue
                self._deliver(sub, conn, rng)
                with self.lock:
                    self.submissions.append(sub)
        finally:
            conn.close()

    def _fields(self, rng) -> tuple[list, str, str, str]:
        category = rng.choice(self.setup["categories"])
        lat, lon = f"{-2.556 + rng.uniform(-0.01, 0.01):.6f}", f"{120.330 + rng.uniform(-0.01, 0.01):.6f}"
        email = f"warga{rng.randrange(10**6)}@example.org" if rng.random() < 0.2 else ""
        return category, lat, lon, email

    def _plan(self, rng) -> str:
        return rng.choice(["after-success", "after-timeout"]) if rng.random() < self.retry_share else ""

    def _open311(self, rng) -> Submission:
        app = rng.choice("AB")
        with self.lock:
            self.counters[app] += 1
            key = f"req-{self.counters[app]:06d}"
        raw, scope = self.setup["apps"][app]
        category, lat, lon, email = self._fields(rng)
        body = {
            "api_key": raw,
            "jurisdiction_id": REGION,
            "service_code": category[1],
            "lat": lat,
            "long": lon,
            "description": f"Surge app {app} {key}: sampah menumpuk di tepi jalan",
            "email": email,
        }
        headers = {**harness.HEADERS, "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": key}
        body = urllib.parse.urlencode(body)
        return Submission("open311", app, key, digest(scope, key), OPEN311_PATH, body, headers, self._plan(rng))

    def _web(self, rng, conn: Connection, jar: dict, index: int) -> Submission | None:
        """GET the form as a browser would (CSRF cookie and token, the form's own token), then the POST."""
        headers = {**harness.HEADERS}
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        try:
            response, data, seconds = conn.send("GET", FORM_PATH, None, headers, ANSWER_TIMEOUT)
        except (OSError, http.client.HTTPException):
            with self.lock:
                self.form_pages.append((None, 0.0))
            return None
        with self.lock:
            self.form_pages.append((response.status, seconds))
        harness.cookies_from(response, jar)
        hidden = dict(HIDDEN.findall(data.decode("utf-8", "replace")))
        if response.status != 200 or len(hidden) != 2 or "csrftoken" not in jar:
            return None
        category, lat, lon, email = self._fields(rng)
        key = f"web-{index}-{uuid.UUID(int=rng.getrandbits(128)).hex}"
        body = {
            "csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"],
            "idempotency_key": hidden["idempotency_key"],
            "category": category[0],
            "description": f"Surge web {key}: lampu jalan padam",
            "lat": lat,
            "lon": lon,
            "reporter_email": email,
            "website": "",
        }
        headers = {
            **harness.HEADERS,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
            "Referer": f"https://{harness.HOST}:{self.port}{FORM_PATH}",
            "Idempotency-Key": key,
        }
        scope = f"form:{hidden['idempotency_key']}"
        return Submission(
            "web", "web", key, digest(scope, key), FORM_PATH, urllib.parse.urlencode(body), headers, self._plan(rng)
        )

    def _deliver(self, sub: Submission, conn: Connection, rng) -> None:
        why = "first"
        if sub.plan == "after-timeout":
            self._attempt(sub, conn, "timeout-probe", rng.uniform(0.05, 1.0))
            why = "retry-after-timeout"
        for n in range(ATTEMPTS):
            if self._attempt(sub, conn, why, ANSWER_TIMEOUT):
                break
            why = "reconnect"
            time.sleep(min(2.0, 0.1 * 2**n))
        if sub.plan == "after-success" and any(a["ident"] for a in sub.attempts):
            self._attempt(sub, conn, "retry-after-success", ANSWER_TIMEOUT)

    def _attempt(self, sub: Submission, conn: Connection, why: str, timeout: float) -> bool:
        """One send; True when the server answered (any status)."""
        record = {"why": why, "status": None, "seconds": None, "ident": None, "error": None}
        sub.attempts.append(record)
        try:
            response, data, seconds = conn.send("POST", sub.path, sub.body, sub.headers, timeout)
        except (OSError, http.client.HTTPException) as exc:  # reset by a killed worker, or our timeout
            record["error"] = exc.__class__.__name__
            return False
        record.update(status=response.status, seconds=seconds)
        if sub.kind == "open311" and response.status == 200:
            record["ident"] = json.loads(data)[0]["service_request_id"]
        elif sub.kind == "web" and response.status == 302:
            match = TRACKING.search(response.getheader("Location", ""))
            record["ident"] = match.group(1) if match else None
        return True
