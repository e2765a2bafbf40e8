"""A small world for the security matrix: teachers A and B with their own articles, questions
and quizzes, a student who joined A's quiz, and a URL builder for every rule of the app.

``RULE_ARGS`` is the explicit table of how to fill each URL argument. A route with an argument
not in it makes the route-walking tests FAIL, so a new route cannot be forgotten.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session
from werkzeug.routing import AnyConverter, Rule

from question_bank.models import Article, Base, Question, Quiz, Teacher, Topic
from quizapp.auth.passwords import hash_password
from tests.conftest import TEACHER_PASSWORD
from tests.helpers import TOKEN_RE, csrf_token, login


@cache
def _password_hash() -> str:
    """One hash for the whole run: pbkdf2 at 600,000 iterations costs ~0.4 s each time."""
    return hash_password(TEACHER_PASSWORD)


def add_teacher(session: Session, email: str) -> Teacher:
    teacher = Teacher(
        email=email, password_hash=_password_hash(), session_nonce=secrets.token_hex(16)
    )
    session.add(teacher)
    session.commit()
    return teacher


@dataclass
class World:
    """Plain ids and codes only: touching an ORM object after a rollback would reload it and
    open a transaction in the test's session (on SQLite that holds the write lock)."""

    app: Flask
    db: Session
    email_a: str
    email_b: str
    article_a: int
    questions_a: list[int]
    quiz_a: int
    code_a: str
    item_a: int
    article_b: int
    question_b: int
    quiz_b: int
    code_b: str
    topic_a: int
    clients: dict[str, FlaskClient] = field(default_factory=dict)

    def client(self, who: str) -> FlaskClient:
        """``anonymous``, ``student`` (joined A's quiz), ``teacher_a`` or ``teacher_b``."""
        if who not in self.clients:
            client = self.app.test_client()
            if who == "student":
                join(client, self.code_a, "Otter")
            elif who == "teacher_a":
                login(client, self.email_a, TEACHER_PASSWORD)
            elif who == "teacher_b":
                login(client, self.email_b, TEACHER_PASSWORD)
            elif who != "anonymous":
                raise ValueError(who)
            self.clients[who] = client
        return self.clients[who]


def join(client: FlaskClient, code: str, nickname: str) -> None:
    """Join a quiz through the real form, as a child would."""
    token = csrf_token(client, f"/join/{code}")
    response = client.post(
        f"/join/{code}", data={"code": code, "nickname": nickname, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert f"/q/{code}/1" in response.headers["Location"]


def page_token(client: FlaskClient, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    match = TOKEN_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


@pytest.fixture()
def world(
    app: Flask,
    db_session: Session,
    make_article: Callable[..., Article],
    make_question: Callable[..., Question],
    make_quiz: Callable[..., Quiz],
) -> Iterator[World]:
    teacher_a = add_teacher(db_session, "a@school.test")
    teacher_b = add_teacher(db_session, "b@school.test")
    article_a = make_article(teacher_a, title="A's article")
    questions_a = [
        make_question(article_a),
        make_question(
            article_a,
            stem="How many students showed projects?",
            options=("Forty-two", "Ten", "Five"),
            sentence_index=2,
        ),
    ]
    quiz_a = make_quiz(teacher_a, questions_a, title="A's quiz")
    article_b = make_article(teacher_b, title="B's article")
    question_b = make_question(article_b)
    quiz_b = make_quiz(teacher_b, [question_b], title="B's quiz")
    topic_a = Topic(owner_id=teacher_a.id, name="A's topic")
    db_session.add(topic_a)
    db_session.flush()
    article_a.topic_id = topic_a.id
    db_session.commit()
    world = World(
        app=app,
        db=db_session,
        email_a=teacher_a.email,
        email_b=teacher_b.email,
        article_a=article_a.id,
        questions_a=[q.id for q in questions_a],
        quiz_a=quiz_a.id,
        code_a=quiz_a.join_code,
        item_a=quiz_a.items[0].id,
        article_b=article_b.id,
        question_b=question_b.id,
        quiz_b=quiz_b.id,
        code_b=quiz_b.join_code,
        topic_a=topic_a.id,
    )
    # Never leave a transaction open in the test's session: on SQLite it would hold the write
    # lock (BEGIN IMMEDIATE) and every request that writes would wait for it.
    db_session.rollback()
    yield world


# ------------------------------------------------------------------ URL arguments, per name

RULE_ARGS: dict[str, Callable[[World], Any]] = {
    "article_id": lambda w: w.article_a,
    "question_id": lambda w: w.questions_a[0],
    "quiz_id": lambda w: w.quiz_a,
    "item_id": lambda w: w.item_a,
    "topic_id": lambda w: w.topic_a,
    "code": lambda w: w.code_a,
    "n": lambda w: 1,
    "fmt": lambda w: "json",
    "filename": lambda w: "app.css",
}


def rule_args(rule: Rule, world: World) -> dict[str, Any]:
    """Values for every argument of ``rule``; fails the test for an argument we cannot fill."""
    values: dict[str, Any] = {}
    for name in sorted(rule.arguments):
        converter = rule._converters.get(name)
        if isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        elif name in RULE_ARGS:
            values[name] = RULE_ARGS[name](world)
        else:
            pytest.fail(
                f"route {rule.rule} ({rule.endpoint}) has the argument {name!r} that the "
                "security tests cannot build: add it to RULE_ARGS in tests/security/conftest.py"
            )
    return values


def build_url(rule: Rule, world: World) -> str:
    built = rule.build(rule_args(rule, world), append_unknown=False)
    assert built is not None, rule.rule
    return built[1]


def app_rules(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))


def is_teacher_rule(rule: Rule) -> bool:
    return rule.endpoint.startswith("teacher.") or (
        rule.rule.startswith("/teacher") and rule.endpoint not in PUBLIC_TEACHER_ENDPOINTS
    )


# Teacher-area URLs reachable without being logged in.
PUBLIC_TEACHER_ENDPOINTS = {"auth.login"}
# Whose URLs take the id of an object owned by a teacher (B must get 404 there).
OWNED_ARGS = {"article_id", "question_id", "quiz_id", "item_id", "topic_id"}


# ------------------------------------------------------------------ database snapshots


def snapshot(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (a fresh read, outside the ORM's identity map)."""
    session.rollback()
    tables: dict[str, list[tuple[Any, ...]]] = {}
    names = set(inspect(session.get_bind()).get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in names:
            continue
        rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
        tables[table.name] = [tuple(row) for row in rows]
    session.rollback()
    return tables


def diff_snapshots(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


def row_count(session: Session, table: str) -> int:
    session.rollback()
    count = session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    session.rollback()
    return int(count)
