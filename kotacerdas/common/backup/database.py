"""The database part of a backup: a consistent copy out, a whole replacement in.

PostgreSQL goes through `pg_dump -Fc` / `pg_restore --clean --if-exists` with the connection from settings
(their major version must be at least the server's: docs/deploy.md). SQLite goes through its online backup
API, which copies a consistent snapshot while the site keeps running (WAL included) and writes a restore into
the live database in one transaction, so processes that hold it open see the restored data, not a stale file.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError

# connection.vendor → the database file's name inside the archive
DUMP_NAMES = {"postgresql": "database/db.dump", "sqlite": "database/db.sqlite3"}


class BackupError(ApplicationError):
    """A backup or restore refused or failed; nothing was changed."""


def engine_of(connection) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(_("Backups support PostgreSQL and SQLite, not %(engine)s.") % {"engine": connection.vendor})
    return connection.vendor


def migration_state(connection) -> dict[str, list[str]]:
    """The applied migrations per app, as recorded in the database."""
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def holds_data(connection) -> bool:
    """True when any table of the database has a row (an empty or unmigrated database does not)."""
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        for table in tables:
            if table == "django_migrations":
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 (names from the schema)
            if cursor.fetchone():
                return True
    return False


def _pg(program: str, connection, *args: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        message = _("%(program)s is not installed (Debian: apt-get install postgresql-client).")
        raise BackupError(message % {"program": program})
    db = connection.settings_dict
    argv = [executable, "--no-password", f"--dbname={db['NAME']}"]
    for option, key in (("host", "HOST"), ("port", "PORT"), ("username", "USER")):
        if db[key]:
            argv.append(f"--{option}={db[key]}")
    env = {**os.environ}
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    if db["OPTIONS"].get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    result = subprocess.run([*argv, *args], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(_("%(program)s failed: %(error)s") % {"program": program, "error": result.stderr.strip()})


def dump_database(connection, target: Path) -> None:
    """Write a consistent copy of the whole database to `target`."""
    if engine_of(connection) == "postgresql":
        _pg("pg_dump", connection, "--format=custom", f"--file={target}")
        return
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def restore_database(connection, source: Path) -> None:
    """Replace the configured database's contents with the dump at `source`, all or nothing."""
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    if engine_of(connection) == "postgresql":
        connection.close()  # our own session must not hold locks on the tables pg_restore drops
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"]
        _pg("pg_restore", connection, *options, str(source))
        return
    connection.ensure_connection()
    dump = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dump.backup(connection.connection)
    finally:
        dump.close()
