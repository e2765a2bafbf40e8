"""Database glue for the web app: one engine per app, one session per request.

The engine is created lazily on first use in each process, so no connection is ever carried
across a fork (gunicorn workers each open their own). GET/HEAD requests read through a
``BEGIN DEFERRED`` engine on SQLite; everything else writes with ``BEGIN IMMEDIATE``. A POST
that reads much and writes little (a student's answer) calls :func:`begin_read`, reads, calls
:func:`end_read`, and only then writes: SQLite's write lock is held for the write alone.
Views commit explicitly once their change is complete; teardown rolls back anything left.
"""

from __future__ import annotations

import os

import click
from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from question_bank import db as bank_db

_ENGINES: dict[tuple[int, str], Engine] = {}


def get_engine(app: Flask | None = None) -> Engine:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    key = (os.getpid(), app.config["DATABASE_URL"])
    engine = _ENGINES.get(key)
    if engine is None:
        engine = bank_db.make_engine(app.config["DATABASE_URL"])
        _ENGINES[key] = engine
    return engine


def get_session() -> Session:
    """The request's session (created on first use)."""
    if "db_session" not in g:
        engine = get_engine()
        if has_request_context() and request.method in {"GET", "HEAD", "OPTIONS"}:
            engine = bank_db.reader(engine)
        g.db_session = Session(bind=engine, expire_on_commit=False)
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None = None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()


def dispose_engines(*, close: bool = False) -> None:
    """Forget every engine. A forked child passes ``close=False``: the parent's connections
    must not be closed (or used) from the child; tests pass ``close=True``."""
    for engine in _ENGINES.values():
        engine.dispose(close=close)
    _ENGINES.clear()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_session)


def cli_session(app: Flask | None = None) -> Session:
    """A session for CLI commands (write mode), once the schema is known to be current."""
    engine = get_engine(app)
    try:
        current = bank_db.current_revision(engine)
    except OperationalError as error:
        raise click.ClickException(f"Cannot open the database: {error.orig}") from None
    if current != bank_db.head_revision():
        raise click.ClickException(
            "The database is not set up yet, or is older than this version of the app. "
            "Run `quizapp init-db` first."
        )
    return Session(bind=engine, expire_on_commit=False)


def begin_read(session: Session) -> None:
    """Start ``session``'s next transaction as a read: ``BEGIN DEFERRED`` on SQLite, so a POST
    can read what it needs without taking the write lock. Commit (or roll back) to end it; the
    next statement then begins the short write transaction (``BEGIN IMMEDIATE``)."""
    session.connection(execution_options={"sqlite_begin": "DEFERRED"})


def end_read(session: Session) -> None:
    """End the read begun by :func:`begin_read` so the write can begin ``IMMEDIATE`` (SQLite).

    On PostgreSQL the request keeps its one transaction: there is no database-wide write lock
    to avoid, and the write re-checks what it relies on under the attempt's row lock.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.commit()
