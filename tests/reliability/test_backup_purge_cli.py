"""`quizapp backup` while the app writes (security.md 19) and `quizapp purge` (23)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank import backup as backup_module
from question_bank.models import Attempt, LoginFailure, utcnow
from quizapp.db import get_engine
from tests.reliability.helpers import add_attempt


def _writer(app: Flask, stop: threading.Event, written: list[int]) -> None:
    """Keep inserting rows through the app's own engine until told to stop."""
    engine = get_engine(app)
    while not stop.is_set():
        with engine.begin() as conn:
            conn.execute(LoginFailure.__table__.insert().values(email=f"w{len(written)}@x.test"))
        written.append(1)


def test_backup_while_the_app_writes(
    app: Flask, db_session: Session, make_teacher: Any, tmp_path: Path
) -> None:
    teacher = make_teacher()
    stop = threading.Event()
    written: list[int] = []
    thread = threading.Thread(target=_writer, args=(app, stop, written), daemon=True)
    thread.start()
    try:
        while len(written) < 20:  # the writer is really running
            stop.wait(0.01)
        target = tmp_path / "backup.db"
        result = app.test_cli_runner().invoke(args=["backup", str(target)])
        during = len(written)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert len(written) > during or during >= 20  # writes went on around the backup
    assert target.exists() and not target.with_name("backup.db.partial").exists()

    if app.config["DATABASE_URL"].startswith("sqlite"):
        copy = sqlite3.connect(target)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            emails = [row[0] for row in copy.execute("SELECT email FROM teacher")]
            assert emails == [teacher.email]
            assert copy.execute("SELECT count(*) FROM login_failure").fetchone()[0] >= 20
        finally:
            copy.close()
    else:
        assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format


def test_backup_refuses_clearly(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "missing" / "b.db")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_pg_dump_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(backup_module.shutil, "which", lambda _name: None)
    with pytest.raises(backup_module.BackupError, match="pg_dump is not installed"):
        backup_module.backup("postgresql+psycopg://u:secret@127.0.0.1/db", tmp_path / "x.dump")


def test_pg_dump_password_stays_off_the_command_line(tmp_path: Path) -> None:
    if backup_module.shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    command, env = backup_module.pg_dump_command(
        "postgresql+psycopg://u:s3cret@127.0.0.1:5432/db", tmp_path / "x.dump"
    )
    assert "s3cret" not in " ".join(command)
    assert env["PGPASSWORD"] == "s3cret"
    assert "--dbname=postgresql://u@127.0.0.1:5432/db" in command


def test_purge_command_uses_retention_setting_and_days(
    app: Flask,
    db_session: Session,
    make_teacher: Any,
    make_article: Any,
    make_question: Any,
    make_quiz: Any,
) -> None:
    teacher = make_teacher()
    quiz = make_quiz(teacher, [make_question(make_article(teacher))])
    now = utcnow()
    add_attempt(db_session, quiz, "Ancient", started_at=now - timedelta(days=400))
    add_attempt(db_session, quiz, "Month", started_at=now - timedelta(days=40))
    add_attempt(db_session, quiz, "Today")
    runner = app.test_cli_runner()

    def names() -> set[str]:
        found = set(db_session.scalars(select(Attempt.nickname)))
        db_session.rollback()  # end the read: the command needs the write lock
        return found

    app.config["RETENTION_DAYS"] = 365
    dry = runner.invoke(args=["purge", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would delete 1 attempts" in dry.output
    assert names() == {"Ancient", "Month", "Today"}

    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 attempts" in result.output
    assert names() == {"Month", "Today"}

    result = runner.invoke(args=["purge", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert names() == {"Today"}

    refused = runner.invoke(args=["purge", "--days", "0"])
    assert refused.exit_code == 2
