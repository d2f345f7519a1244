"""`manage.py backup` / `restore`: the database and both media folders, round trip, and refusals.

Runs on the suite's database (SQLite, or PostgreSQL when DATABASE_URL says so; pg_dump/pg_restore then).
Transactional: a restore must not run inside the test's own transaction.
"""

import hashlib
import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from kotacerdas.demo.loader import load_demo
from kotacerdas.regions.models import Region

from ..factories import RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    (settings.MEDIA_ROOT / "news" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "news" / "2026" / "foto.jpg").write_bytes(b"\xff\xd8 a photo " * 1000)
    (settings.PRIVATE_MEDIA_ROOT / "agreements").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "agreements" / "mou.pdf").write_bytes(b"%PDF-1.4 signed MoU")
    return settings


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def file_hashes(settings) -> dict[str, str]:
    hashes = {}
    for root in (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)):
        for path in sorted(root.rglob("*")):
            if path.is_file():
                hashes[f"{root.name}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def state(settings):
    return table_counts(), file_hashes(settings)


def test_round_trip_brings_back_every_row_and_file(media, tmp_path):
    # The private storage follows PRIVATE_MEDIA_ROOT (common.storage), so the demo's files land in this
    # test's folder.
    load_demo()
    counts, files = state(media)
    assert counts["regions_region"] >= 1 and counts["masterplan_programme"] > 10 and counts["audit_auditevent"] > 0
    assert sum(name.startswith("private-media/") for name in files) > 2  # the demo's innovation evidence
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    assert archive.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only

    # The disaster: every row gone, the private files lost, something stray written.
    call_command("flush", interactive=False)
    for path in Path(media.PRIVATE_MEDIA_ROOT).rglob("*.pdf"):
        path.unlink()
    (Path(media.MEDIA_ROOT) / "stray.txt").write_text("not in the backup")
    assert state(media) != (counts, files)

    out = io.StringIO()
    call_command("restore", archive, force=True, stdout=out)
    assert "Restored" in out.getvalue()
    assert table_counts() == counts
    assert file_hashes(media) == files


def test_restore_refuses_to_overwrite_data_without_force(media, tmp_path):
    RegionFactory(slug="maros")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", archive)


def _damaged(archive: Path, tmp_path: Path) -> Path:
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(bytes(data))
    return damaged


def _repacked(archive: Path, tmp_path: Path, change) -> Path:
    """The archive unpacked, changed by `change(folder)` and packed again: valid gzip, wrong contents."""
    folder = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    change(folder)
    repacked = tmp_path / "repacked.tar.gz"
    with tarfile.open(repacked, "w:gz") as tar:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(folder).as_posix())
    return repacked


def _edit_mou(folder):
    (folder / "private-media" / "agreements" / "mou.pdf").write_bytes(b"%PDF-1.4 signed MoU, altered")


def _drop_mou(folder):
    (folder / "private-media" / "agreements" / "mou.pdf").unlink()


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (_damaged, "damaged or incomplete"),
        (
            lambda archive, tmp_path: _repacked(archive, tmp_path, _edit_mou),
            "checksum differs: private-media/agreements",
        ),
        (
            lambda archive, tmp_path: _repacked(archive, tmp_path, _drop_mou),
            "missing: private-media/agreements/mou.pdf",
        ),
        (lambda archive, tmp_path: _truncated(archive, tmp_path), "damaged or incomplete"),
    ],
    ids=["one-byte-flipped", "file-altered", "file-missing", "truncated"],
)
def test_a_spoilt_archive_is_refused_and_nothing_changes(media, tmp_path, spoil, reason):
    RegionFactory(slug="maros")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    # After the backup the installation moves on; a refused restore must leave it exactly so.
    RegionFactory(slug="luwu-timur")
    (Path(media.MEDIA_ROOT) / "news" / "2026" / "foto.jpg").write_bytes(b"a newer photo")
    before = state(media)

    with pytest.raises(CommandError, match=reason):
        call_command("restore", spoil(archive, tmp_path), force=True)

    assert state(media) == before
    assert set(Region.objects.values_list("slug", flat=True)) == {"maros", "luwu-timur"}


def _truncated(archive: Path, tmp_path: Path) -> Path:
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])
    return truncated


def test_a_missing_archive_is_named(media, tmp_path):
    with pytest.raises(CommandError, match=r"nowhere\.tar\.gz"):
        call_command("restore", tmp_path / "nowhere.tar.gz", force=True)
