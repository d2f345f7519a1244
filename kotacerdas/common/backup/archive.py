"""The archive: one .tar.gz with the database dump, both media folders and manifest.json.

manifest.json (written last, after every file was hashed as it went into the archive) lists each file with
its SHA-256 and size. Reading checks the gzip stream, unpacks into a staging folder (only plain files and
folders, nothing outside it) and compares the files with the manifest: one byte off, one file missing or one
file too many and the archive is refused before anything is touched.
"""

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .database import DUMP_NAMES, BackupError

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


def media_roots() -> dict[str, Path]:
    """Archive folder → folder on disk: public uploads and the private files (evidence, MoUs, workbooks)."""
    return {"media": Path(settings.MEDIA_ROOT), "private-media": Path(settings.PRIVATE_MEDIA_ROOT)}


class _HashingReader:
    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    with path.open("rb") as raw:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(raw.fileno()).st_size  # a file still growing is archived as it was here
        info.mtime = int(path.stat().st_mtime)
        info.mode = 0o600
        reader = _HashingReader(raw)
        tar.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def media_files() -> list[tuple[Path, str]]:
    found = []
    for prefix, root in media_roots().items():
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    found.append((path, f"{prefix}/{path.relative_to(root).as_posix()}"))
    return found


def write_archive(output: Path, *, database_file: Path, database_name: str, manifest: dict) -> dict:
    """Write the archive to `output` (readable by its owner only); a failure leaves no file under that name."""
    partial = output.with_name(output.name + ".partial")
    try:
        with (
            os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz") as tar,
        ):
            files = [_add_file(tar, database_file, database_name)]
            files += [_add_file(tar, path, name) for path, name in media_files()]
            manifest = {**manifest, "files": files}
            body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(time.time()), 0o600
            tar.addfile(info, io.BytesIO(body))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def unpack_verified(archive: Path, staging: Path) -> dict:
    """Unpack `archive` into `staging` and return its manifest, or refuse it with the reason."""
    damaged = _("The archive %(name)s is damaged or incomplete; nothing was restored (%(reason)s).")
    try:
        with gzip.open(archive, "rb") as stream:  # the gzip checksum covers every byte of the archive
            while stream.read(CHUNK):
                pass
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
    except FileNotFoundError:
        raise BackupError(_("There is no file %(name)s.") % {"name": archive}) from None
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(damaged % {"name": archive.name, "reason": exc}) from None
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        listed = {entry["path"]: entry for entry in manifest["files"]}
        engine = manifest["engine"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(damaged % {"name": archive.name, "reason": f"manifest.json: {exc!r}"}) from None
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {MANIFEST}
    problems = [_("missing: %(path)s") % {"path": path} for path in sorted(listed.keys() - present)]
    problems += [_("not in the manifest: %(path)s") % {"path": path} for path in sorted(present - listed.keys())]
    if manifest.get("format") != FORMAT or DUMP_NAMES.get(engine) not in listed:
        problems.append(_("not a Kota Cerdas backup of format %(format)s") % {"format": FORMAT})
    for path in sorted(listed.keys() & present):
        file = staging / path
        if file.stat().st_size != listed[path]["size"] or _sha256(file) != listed[path]["sha256"]:
            problems.append(_("checksum differs: %(path)s") % {"path": path})
    if problems:
        raise BackupError(damaged % {"name": archive.name, "reason": "; ".join(problems)})
    return manifest
