"""Backups that work while the app is running.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot
while workers keep reading and writing; the copy is checked with ``PRAGMA
integrity_check`` and only then moved into place. PostgreSQL: ``pg_dump`` in its custom format
(restore with ``pg_restore``), which also reads one consistent snapshot.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from question_bank.db import BUSY_TIMEOUT_MS, is_sqlite


class BackupError(RuntimeError):
    """The backup could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # "sqlite" or "pg_dump"
    size: int


def backup(url: str, destination: Path) -> BackupResult:
    """Back up the database at ``url`` to ``destination`` (a file; replaced if it exists)."""
    destination = Path(destination)
    if destination.is_dir():
        raise BackupError(f"{destination} is a directory; give a file name for the backup.")
    if not destination.parent.exists():
        raise BackupError(f"The folder {destination.parent} does not exist.")
    if is_sqlite(url):
        return backup_sqlite(url, destination)
    if make_url(url).get_backend_name() == "postgresql":
        return backup_postgresql(url, destination)
    raise BackupError(f"Backups are not supported for {make_url(url).get_backend_name()}.")


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory database cannot be backed up.")
    path = Path(database)
    if not path.exists():
        raise BackupError(f"The database file {path} does not exist (run `quizapp init-db`).")
    return path


def backup_sqlite(url: str, destination: Path) -> BackupResult:
    """Online backup of a SQLite file: consistent even while the app writes to it."""
    source_path = _sqlite_path(url)
    if destination.resolve() == source_path.resolve():
        raise BackupError("The backup must not overwrite the database itself.")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        source.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        target = sqlite3.connect(partial)
        try:
            # In one step: under WAL a reader never blocks writers, and one read transaction
            # copies one consistent snapshot (a step-wise copy restarts whenever another
            # connection writes, and may never finish on a busy server).
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
            (result,) = target.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":
                raise BackupError(f"The backup copy failed its integrity check: {result}")
        finally:
            target.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"SQLite backup failed: {error}") from error
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    os.replace(partial, destination)
    return BackupResult(destination, "sqlite", destination.stat().st_size)


def pg_dump_command(url: str, destination: Path) -> tuple[list[str], dict[str, str]]:
    """The pg_dump command line and environment for ``url`` (the password goes in the
    environment, never on the command line where `ps` would show it)."""
    executable = shutil.which("pg_dump")
    if executable is None:
        raise BackupError(
            "pg_dump is not installed or not on PATH. Install the PostgreSQL client tools "
            "(Debian/Ubuntu: apt-get install postgresql-client) and try again."
        )
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    libpq = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    command = [
        executable,
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={destination}",
        f"--dbname={libpq.render_as_string(hide_password=False)}",
    ]
    return command, env


def backup_postgresql(url: str, destination: Path) -> BackupResult:
    """``pg_dump --format=custom`` of the database (restore with ``pg_restore``)."""
    partial = destination.with_name(destination.name + ".partial")
    command, env = pg_dump_command(url, partial)
    try:
        completed = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=3600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump could not run: {error}") from error
    if completed.returncode != 0:
        partial.unlink(missing_ok=True)
        detail = (completed.stderr or "").strip().splitlines()
        raise BackupError(
            "pg_dump failed: " + (detail[-1] if detail else f"exit code {completed.returncode}")
        )
    os.replace(partial, destination)
    return BackupResult(destination, "pg_dump", destination.stat().st_size)
