"""bench/redis_path.py reads the received total off the statistics page and the answering worker off gunicorn's
access log: if the page or the log format changed, the bench would stop proving anything."""

import sys
from pathlib import Path

import pytest

from kotacerdas.participation.models import AgencyReportStats

sys.path[:0] = [str(Path(__file__).resolve().parents[2] / "bench")]

import redis_parts  # noqa: E402


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_bench_reads_the_received_total_off_the_statistics_page(world, client, language):
    AgencyReportStats.objects.create(region=world["home"], agency=world["home_agency"], received=1234, open=5)
    page = client.get(redis_parts.STATS_PATH, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    found = redis_parts.TOTAL.search(page.content.decode())
    assert found
    assert int("".join(ch for ch in found.group(1) if ch.isdigit())) == 1234


def test_the_bench_reads_the_worker_off_the_access_log(tmp_path):
    log = redis_parts.AccessLog(tmp_path / "access.log")
    log.path.write_text("<101> GET /healthz 200\n<202> GET /r/luwu-utara/aduan/statistik/ 200\n")
    assert log.answered_by(0, redis_parts.STATS_PATH) == 202
    assert log.answered_by(0, "/healthz") == 101
