"""Shared fixtures: a real database (SQLite file or PostgreSQL), the app, factories, a live
server and a real Chromium.

The backend comes from ``QUIZAPP_TEST_DB`` (``sqlite``, the default, or ``postgresql``);
``make test`` runs the database tests on both. In CI (``CI=true``) a missing PostgreSQL server
or Chromium fails the run instead of skipping.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from question_bank import db as bank_db
from question_bank.models import (
    Article,
    Base,
    Option,
    Question,
    QuestionKind,
    QuestionStatus,
    Quiz,
    Sentence,
    Teacher,
)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TEST_DB = os.environ.get("QUIZAPP_TEST_DB", "sqlite")
PG_ADMIN_URL = os.environ.get(
    "QUIZAPP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
TEACHER_PASSWORD = "correct horse battery"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DB_FIXTURES = {"app", "database_url", "engine", "db_session", "client", "server_url"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Tests that touch a database carry the "db" marker: `make test` runs those on PostgreSQL too.
    for item in items:
        if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "db: uses a database (run on SQLite and PostgreSQL)")


def _unavailable(message: str) -> None:
    if IN_CI:
        pytest.fail(f"{message} (CI must run these tests, not skip them)")
    pytest.skip(message)


def _postgres_database() -> Iterator[str]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as error:  # noqa: BLE001 - any connection failure means "no server"
        admin.dispose()
        _unavailable(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {error.__class__.__name__}")
    name = f"quizapp_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database for the whole session (emptied between tests)."""
    if TEST_DB == "postgresql":
        for url in _postgres_database():
            bank_db.upgrade(url)
            yield url
    else:
        path = tmp_path_factory.mktemp("db") / "quizapp.sqlite3"
        url = f"sqlite:///{path}"
        bank_db.upgrade(url)
        yield url


def wipe(engine: Engine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture(autouse=True)
def _push_request_context() -> None:
    """Replace pytest-flask's autouse fixture of the same name, which pushes one request context
    for the whole test: every test-client request then shared one ``g`` (one database session,
    one cached CSRF token across different clients). Each request gets its own, as in
    production."""


@pytest.fixture()
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    from quizapp import create_app
    from quizapp.db import dispose_engines, get_engine

    application = create_app(
        {
            "ENV_NAME": "testing",
            "TESTING": True,
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SERVER_NAME": None,
        }
    )
    yield application
    wipe(get_engine(application))
    dispose_engines(close=True)


@pytest.fixture()
def engine(app: Flask) -> Engine:
    from quizapp.db import get_engine

    return get_engine(app)


@pytest.fixture()
def db_session(engine: Engine) -> Iterator[Session]:
    # BEGIN DEFERRED on SQLite: a test that only reads must not hold the write lock (with
    # BEGIN IMMEDIATE every request or CLI command that writes would wait for the test).
    session = Session(bind=bank_db.reader(engine), expire_on_commit=False)
    yield session
    session.close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


# ---------------------------------------------------------------- factories (Indico style)


@pytest.fixture()
def make_teacher(db_session: Session) -> Callable[..., Teacher]:
    """Teachers through the real service; the (deliberately slow) hash of the default test
    password is computed once per session and reused, so tests stay fast."""
    from quizapp.auth import service

    counter = iter(range(1, 10_000))

    def factory(email: str | None = None, password: str = TEACHER_PASSWORD) -> Teacher:
        email = email or f"teacher{next(counter)}@school.test"
        if password == TEACHER_PASSWORD:
            teacher = service.create_teacher(
                db_session, email, password, password_hash=_default_hash()
            )
        else:
            teacher = service.create_teacher(db_session, email, password)
        db_session.commit()
        return teacher

    return factory


@functools.cache
def _default_hash() -> str:
    from quizapp.auth.passwords import hash_password

    return hash_password(TEACHER_PASSWORD)


SAMPLE_TEXT = (
    "The school science fair took place on Friday in the main hall. "
    "Maya Patel won first prize with a solar oven made from a pizza box. "
    "Forty-two students showed projects to the judges. "
    "The winning oven reached a temperature of 90 degrees Celsius."
)


@pytest.fixture()
def make_article(db_session: Session) -> Callable[..., Article]:
    """An article with sentences, without running the generator (fast and deterministic)."""

    def factory(owner: Teacher, text: str = SAMPLE_TEXT, title: str = "Science fair") -> Article:
        import re

        from question_bank.bank import content_hash

        article = Article(
            owner=owner,
            title=title,
            original_text=text,
            text=text,
            content_hash=content_hash(text + title + str(owner.id)),
        )
        for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]", text)):
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            article.sentences.append(
                Sentence(index=i, start=start, end=m.end(), text=text[start : m.end()])
            )
        db_session.add(article)
        db_session.commit()
        return article

    return factory


@pytest.fixture()
def make_question(db_session: Session) -> Callable[..., Question]:
    def factory(
        article: Article,
        stem: str = "Who won first prize at the science fair?",
        options: tuple[str, ...] = ("Maya Patel", "Tom Reed", "Ana Lima"),
        correct: int = 0,
        sentence_index: int = 1,
        status: QuestionStatus = QuestionStatus.READY,
        kind: QuestionKind = QuestionKind.MCQ,
        score: float = 0.8,
    ) -> Question:
        sentence = article.sentences[sentence_index]
        question = Question(
            article=article,
            kind=kind,
            stem=stem,
            explanation=f'The article says: "{sentence.text}"',
            sentence=sentence,
            evidence_text=sentence.text,
            evidence_start=sentence.start,
            evidence_end=sentence.end,
            status=status,
            score=score,
            reasons=["test"],
            transformation="test",
        )
        question.options = [
            Option(text=t, is_correct=(i == correct), position=i) for i, t in enumerate(options)
        ]
        db_session.add(question)
        db_session.commit()
        return question

    return factory


@pytest.fixture()
def make_quiz(db_session: Session) -> Callable[..., Quiz]:
    from question_bank.bank import QuizSettings, create_quiz

    def factory(
        owner: Teacher, questions: list[Question], title: str = "Test quiz", **settings: Any
    ) -> Quiz:
        quiz = create_quiz(db_session, owner, title, questions, settings=QuizSettings(**settings))
        db_session.commit()
        return quiz

    return factory


# ---------------------------------------------------------------- live server and browser


@pytest.fixture()
def server_url(app: Flask) -> Iterator[str]:
    """The app served by a real threaded HTTP server on a free loopback port."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        _unavailable("Chromium is not installed (apt-get install -y chromium)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: Any, server_url: str) -> Iterator[Any]:
    """A fresh browser context (own cookies) with a page; requests outside the app fail the test."""
    context = browser.new_context(base_url=server_url)
    outside: list[str] = []

    def _guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(server_url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", _guard)
    pg = context.new_page()
    pg.outside_requests = outside
    yield pg
    context.close()
    assert not outside, f"requests outside the app's origin: {outside}"
