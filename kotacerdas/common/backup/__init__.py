"""Backup and restore of a whole installation: the database and both media folders (docs/deploy.md).

`create_backup` writes one archive; `restore_backup` refuses a damaged or foreign archive before touching
anything, then replaces the database and the media folders with the archive's.
"""

import shutil
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.common.cache import invalidate_public_pages

from .archive import FORMAT, media_files, media_roots, unpack_verified, write_archive
from .database import DUMP_NAMES, BackupError, dump_database, engine_of, holds_data, migration_state, restore_database

__all__ = ["BackupError", "create_backup", "restore_backup"]


def create_backup(*, output: Path, using: str = "default") -> dict:
    """Write the database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT with a manifest into `output`; return the manifest."""
    connection = connections[using]
    engine = engine_of(connection)
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(timespec="seconds"),
        "engine": engine,
        "django": django.get_version(),
        "migrations": migration_state(connection),
    }
    with tempfile.TemporaryDirectory(prefix="kc-backup-") as scratch:
        dump = Path(scratch) / Path(DUMP_NAMES[engine]).name
        dump_database(connection, dump)
        return write_archive(output, database_file=dump, database_name=DUMP_NAMES[engine], manifest=manifest)


def _stage_media(staging: Path) -> dict[Path, Path]:
    """Copy the archive's media next to each media folder (same file system), before anything is replaced."""
    staged = {}
    for prefix, root in media_roots().items():
        root.parent.mkdir(parents=True, exist_ok=True)
        target = Path(tempfile.mkdtemp(prefix=f".{root.name}.restore-", dir=root.parent))
        staged[root] = target
        if (staging / prefix).is_dir():
            shutil.copytree(staging / prefix, target, dirs_exist_ok=True)
    return staged


def _swap_media(staged: dict[Path, Path]) -> None:
    for root, new in staged.items():
        old = root.with_name(f".{root.name}.replaced")
        shutil.rmtree(old, ignore_errors=True)
        if root.exists():
            root.rename(old)
        new.rename(root)
        shutil.rmtree(old, ignore_errors=True)


def restore_backup(*, archive: Path, force: bool = False, using: str = "default") -> dict:
    """Replace the database and both media folders with the archive's; return its manifest.

    Refuses, changing nothing, an archive that fails its checksums, one of another database engine, and
    (unless `force`) a target that already holds data.
    """
    connection = connections[using]
    engine = engine_of(connection)
    with tempfile.TemporaryDirectory(prefix="kc-restore-") as scratch:
        staging = Path(scratch)
        manifest = unpack_verified(Path(archive), staging)
        if manifest["engine"] != engine:
            raise BackupError(
                _("The archive holds a %(archived)s database; this installation uses %(engine)s. Nothing was restored.")
                % {"archived": manifest["engine"], "engine": engine}
            )
        if not force and (holds_data(connection) or media_files()):
            raise BackupError(
                _("The database or the media folders already hold data; restore with --force to replace them.")
            )
        staged = _stage_media(staging)
        try:
            restore_database(connection, staging / DUMP_NAMES[engine])
            _swap_media(staged)
        finally:
            for leftover in staged.values():
                shutil.rmtree(leftover, ignore_errors=True)
    ContentType.objects.clear_cache()
    # Cached public pages show the data from before the restore: retire them all. The restore spans every
    # app, so the region table is found through the app registry, not imported (common stays below the domain).
    for slug in apps.get_model("regions", "Region").objects.values_list("slug", flat=True):
        invalidate_public_pages(slug)
    return manifest
