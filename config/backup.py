"""Backups of the database and the media folder, and restoring them (manage.py backup/restore).

One backup is one folder holding:
- ``database.dump``: PostgreSQL's own custom-format dump (``pg_dump -Fc``), restored with
  ``pg_restore``; or ``database.sqlite3`` for the embedded SQLite, copied with SQLite's
  online backup API (consistent while the portal keeps writing, unlike copying the file);
- ``media.tar.gz``: the media folder (uploaded scans, generated documents);
- ``manifest.json``: what the backup is of, and the SHA-256 of both files, checked before a
  restore touches anything.

The engines' own tools rather than ``dumpdata``: they keep the append-only triggers, the
sequences and the exact values, and pg_dump takes one consistent snapshot of a live database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup could not be made or restored; the message says why."""


@dataclass(frozen=True)
class Backup:
    folder: Path
    engine: str
    database_file: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"no backup for the {vendor} engine")
    return vendor


def _pg_command(program: str, alias: str) -> tuple[list[str], dict[str, str]]:
    """The client program with the connection's host, port, user and database, and the
    password in the environment (never on the command line, where ps shows it)."""
    params = connections[alias].settings_dict
    args = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [flag, str(params[key])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args + ["--dbname", params["NAME"]], env


def _run(args: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{args[0]} is not installed (Debian: postgresql-client)") from exc
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()}")


def _dump_postgres(alias: str, target: Path) -> None:
    args, env = _pg_command("pg_dump", alias)
    _run(args + ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], env)


def _sqlite_connection(alias: str) -> sqlite3.Connection:
    """The live connection's own sqlite3 handle: the same database even when it is the
    tests' in-memory one."""
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def _dump_sqlite(alias: str, target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        _sqlite_connection(alias).backup(copy)
    finally:
        copy.close()


def _archive_media(target: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target, "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname=".")


def backup_make(*, into: Path, alias: str = "default", now: dt.datetime | None = None) -> Backup:
    """Write a new backup folder under ``into`` and return it."""
    engine = _engine(alias)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
    folder = Path(into) / f"relay-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    database_file = POSTGRES_DUMP if engine == "postgresql" else SQLITE_COPY
    if engine == "postgresql":
        _dump_postgres(alias, folder / database_file)
    else:
        _dump_sqlite(alias, folder / database_file)
    _archive_media(folder / MEDIA_ARCHIVE)
    manifest = {
        "engine": engine,
        "made_at": stamp,
        "database": {"file": database_file, "sha256": _sha256(folder / database_file)},
        "media": {"file": MEDIA_ARCHIVE, "sha256": _sha256(folder / MEDIA_ARCHIVE)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return Backup(folder=folder, engine=engine, database_file=database_file)


def backup_read(folder: Path) -> dict:
    """The manifest, after checking that both files are there and unchanged."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} is not a backup: {exc}") from exc
    for part in ("database", "media"):
        path = folder / manifest[part]["file"]
        if not path.is_file() or _sha256(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path} is missing or damaged (its checksum differs)")
    return manifest


def _restore_postgres(alias: str, dump: Path) -> None:
    connections[alias].close()
    args, env = _pg_command("pg_restore", alias)
    # --clean --if-exists: drop what the dump holds before recreating it, whether or not
    # it is still there; one transaction, so a failed restore leaves the database as it was.
    _run(
        args
        + ["--clean", "--if-exists", "--no-owner", "--no-privileges"]
        + ["--single-transaction", "--exit-on-error", str(dump)],
        env,
    )


def _restore_sqlite(alias: str, copy_path: Path) -> None:
    copy = sqlite3.connect(copy_path)
    try:
        copy.backup(_sqlite_connection(alias))
    finally:
        copy.close()


def _restore_media(archive_path: Path) -> None:
    """Replace the media folder's contents (not the folder: it may be a mount point)."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    for child in media.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(archive_path, "r:gz") as archive:
        # "data": no absolute paths, no links out of the folder, no device files.
        archive.extractall(media, filter="data")


def backup_restore(*, folder: Path, alias: str = "default") -> dict:
    """Put the database and media back as they were in the backup ``folder``."""
    manifest = backup_read(folder)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of {manifest['engine']}, this database is {engine}")
    database = Path(folder) / manifest["database"]["file"]
    if engine == "postgresql":
        _restore_postgres(alias, database)
    else:
        _restore_sqlite(alias, database)
    _restore_media(Path(folder) / manifest["media"]["file"])
    return manifest
