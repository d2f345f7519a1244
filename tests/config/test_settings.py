"""Production settings refuse to start half-configured, and pass `check --deploy` when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "smartcity.luwuutarakab.go.id",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "check-deploy.sqlite3"),
}


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in GOOD and k != "DJANGO_DEBUG"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=GOOD)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_wildcard_hosts():
    result = _manage("check", env={**GOOD, "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr


def test_production_with_redis_cache_and_rq_tasks_starts():
    env = {**GOOD, "REDIS_URL": "redis://127.0.0.1:6379/14", "TASKS_BACKEND": "django_tasks_rq.RQBackend"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
