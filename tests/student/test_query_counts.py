"""How many SQL statements the student path costs per request (a ceiling that fails when an
N+1 or a lost cache creeps back in). Counted with an engine event on the app's engine; BEGIN
is not counted (on PostgreSQL the driver sends it implicitly)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from question_bank.models import Quiz
from quizapp.db import get_engine
from tests.helpers import csrf_token
from tests.student.helpers import OPTION_RE, join

# Measured after the fast path (see docs/PERFORMANCE.md); before it, a question GET made 8
# statements and an answer POST 13 (15 for the last answer, which finishes the attempt).
MAX_QUESTION_GET = 2
MAX_ANSWER_POST = 5
MAX_FINISHING_POST = 5


@contextmanager
def counted(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []

    def _count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            statements.append(statement)

    engine = get_engine(app)
    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _count)


def _take_quiz(
    app: Flask, client: FlaskClient, quiz: Quiz, nickname: str = "Brave Otter"
) -> dict[str, list[int]]:
    """Answer every question once; the statement counts of each kind of request."""
    code = quiz.join_code
    join(client, code, nickname)
    token = csrf_token(client, "/join")
    counts: dict[str, list[int]] = {"question GET": [], "answer POST": []}
    total = len(quiz.items)
    for n in range(1, total + 1):
        with counted(app) as statements:
            page = client.get(f"/q/{code}/{n}")
        assert page.status_code == 200
        counts["question GET"].append(len(statements))
        option = OPTION_RE.findall(page.get_data(as_text=True))[0]
        with counted(app) as statements:
            reply = client.post(f"/q/{code}/{n}", data={"option": option, "csrf_token": token})
        assert reply.status_code == 302, reply.get_data(as_text=True)[:500]
        counts["answer POST"].append(len(statements))
    return counts


@pytest.mark.parametrize("feedback_mode", ["deferred", "immediate"])
def test_statements_per_request_stay_under_the_ceiling(
    app: Flask, client: FlaskClient, quiz_factory: Any, feedback_mode: str
) -> None:
    quiz = quiz_factory(feedback_mode=feedback_mode)
    counts = _take_quiz(app, client, quiz)
    print(counts)
    assert max(counts["question GET"]) <= MAX_QUESTION_GET, counts
    assert max(counts["answer POST"][:-1]) <= MAX_ANSWER_POST, counts
    assert counts["answer POST"][-1] <= MAX_FINISHING_POST, counts


def test_the_structure_cache_is_used_by_a_second_student(app: Flask, quiz_factory: Any) -> None:
    """The first student's requests fill the per-process cache; a second student's question
    pages cost no more statements than the first one's (and never more than the ceiling)."""
    quiz = quiz_factory(feedback_mode="deferred")
    first = _take_quiz(app, app.test_client(), quiz)
    second = _take_quiz(app, app.test_client(), quiz, "Calm Heron")
    assert sum(second["question GET"]) <= sum(first["question GET"]), (first, second)
    assert max(second["question GET"]) <= MAX_QUESTION_GET, second
