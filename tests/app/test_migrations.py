from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from question_bank import db as bank_db
from question_bank.models import Base


def test_upgrade_empty_sqlite_creates_every_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    bank_db.upgrade(url)
    engine = bank_db.make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert bank_db.current_revision(engine) == bank_db.head_revision()
    finally:
        engine.dispose()


def test_upgrade_twice_is_a_no_op(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.sqlite3'}"
    bank_db.upgrade(url)
    bank_db.upgrade(url)
    engine = bank_db.make_engine(url)
    try:
        assert bank_db.current_revision(engine) == bank_db.head_revision()
    finally:
        engine.dispose()


def test_models_match_migrations(database_url: str) -> None:
    """Autogenerate finds nothing to do: every model change has its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = bank_db.make_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_sqlite_connection_settings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'pragmas.sqlite3'}"
    engine = bank_db.make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        engine.dispose()


def test_sqlite_write_transactions_begin_immediate(tmp_path: Path) -> None:
    """A second writer cannot start while the first holds its (immediate) transaction."""
    import sqlite3

    url = f"sqlite:///{tmp_path / 'immediate.sqlite3'}"
    bank_db.upgrade(url)
    engine = bank_db.make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("SELECT 1")  # starts the transaction: BEGIN IMMEDIATE
            other = sqlite3.connect(str(tmp_path / "immediate.sqlite3"), timeout=0.1)
            other.isolation_level = None
            try:
                other.execute("BEGIN IMMEDIATE")
                raise AssertionError("a second write transaction started")
            except sqlite3.OperationalError as error:
                assert "locked" in str(error)
            finally:
                other.close()
        # The reader engine begins DEFERRED: it may read while a writer holds the lock.
        with engine.begin() as writer:
            writer.exec_driver_sql("SELECT 1")
            with bank_db.reader(engine).connect() as reading:
                assert reading.exec_driver_sql("SELECT count(*) FROM teacher").scalar() == 0
    finally:
        engine.dispose()
