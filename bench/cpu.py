"""CPU seconds that the processes serving a load phase spent, read from /proc (Linux), so a throughput can be
stated as CPU milliseconds per request: a figure that does not depend on how many other programs share the
machine. Counted: the gunicorn workers, the PostgreSQL backends connected to the bench's database, the task
worker and the load generator itself. Not counted: Redis and PostgreSQL's background writers (shared with
whatever else runs on the machine)."""

import os
import subprocess
import time

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads); 0 when it is gone or unreadable."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of stat)


def children(pid: int) -> list[int]:
    """The direct children of a process (gunicorn's workers under its master)."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                found.extend(int(p) for p in f.read().split())
    except OSError:
        return []
    return found


def pg_backends(database_url: str) -> list[int]:
    """Process ids of the PostgreSQL backends connected to the database of `database_url` (same host)."""
    if not database_url.startswith("postgres"):
        return []
    sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    proc = subprocess.run(["psql", database_url, "-Atc", sql], capture_output=True, text=True, check=False, timeout=30)
    return [int(line) for line in proc.stdout.split() if line.strip().isdigit()]


class Meter:
    """CPU seconds per group of processes over a phase: `with Meter(groups) as m: ...; m.result(requests)`.
    `groups` maps a name to a function returning the group's pids (asked at the start and at the end: a
    process that appeared during the phase counts from zero)."""

    def __init__(self, groups: dict):
        self.groups = groups

    def _sample(self) -> dict[str, dict[int, float]]:
        return {name: {pid: process_cpu(pid) for pid in pids()} for name, pids in self.groups.items()}

    def __enter__(self):
        self.start = self._sample()
        self.own_start = time.process_time()
        self.wall_start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall_start
        self.own = time.process_time() - self.own_start
        end = self._sample()
        self.seconds = {
            name: sum(cpu - self.start[name].get(pid, 0.0) for pid, cpu in end[name].items()) for name in end
        }
        self.seconds["load generator"] = self.own
        return False

    def per_request_ms(self, requests: int) -> dict[str, float]:
        """Milliseconds of CPU per request in each group, and their total."""
        if not requests:
            return {}
        result = {name: round(seconds * 1000 / requests, 2) for name, seconds in self.seconds.items()}
        result["total"] = round(sum(self.seconds.values()) * 1000 / requests, 2)
        result["wall_seconds"] = round(self.wall, 1)
        return result
