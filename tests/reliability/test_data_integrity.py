"""Nothing lost, nothing twice (security.md 13-17), against a real threaded server."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from question_bank.models import Attempt, Question, Quiz, Response
from tests.conftest import TEACHER_PASSWORD
from tests.helpers import csrf_token, login, question_form
from tests.reliability.browser import Browser


def _quiz(make_teacher: Any, make_article: Any, make_question: Any, make_quiz: Any) -> Quiz:
    teacher = make_teacher()
    article = make_article(teacher)
    questions = [
        make_question(article),
        make_question(
            article, stem="How many projects?", options=("Forty-two", "Ten"), sentence_index=2
        ),
    ]
    return make_quiz(teacher, questions, feedback_mode="deferred")


def _fresh_count(url: str, statement: Any) -> Any:
    """Read through a brand-new connection: only committed data is visible there."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(statement).scalar()
    finally:
        engine.dispose()


def test_every_accepted_answer_is_committed_before_the_response(
    app: Flask,
    server_url: str,
    make_teacher: Any,
    make_article: Any,
    make_question: Any,
    make_quiz: Any,
) -> None:
    quiz = _quiz(make_teacher, make_article, make_question, make_quiz)
    student = Browser(server_url)
    student.join(quiz.join_code, "Otter")
    for n in (1, 2):
        options, token = student.question(quiz.join_code, n)
        reply = student.post(
            f"/q/{quiz.join_code}/{n}", {"option": options[0], "csrf_token": token}
        )
        assert reply.status == 302
        # Right after the acknowledgement, another connection sees the answer.
        count = _fresh_count(app.config["DATABASE_URL"], select(func.count()).select_from(Response))
        assert count == n


def _hammer(calls: list[Callable[[], int]]) -> list[int]:
    barrier = threading.Barrier(len(calls))
    results: list[int] = []
    lock = threading.Lock()

    def run(call: Callable[[], int]) -> None:
        barrier.wait()
        status = call()
        with lock:
            results.append(status)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_concurrent_identical_posts_store_one_response_and_finish_once(
    app: Flask,
    db_session: Session,
    server_url: str,
    make_teacher: Any,
    make_article: Any,
    make_question: Any,
    make_quiz: Any,
) -> None:
    quiz = _quiz(make_teacher, make_article, make_question, make_quiz)
    student = Browser(server_url)
    student.join(quiz.join_code, "Otter")
    code = quiz.join_code
    for n in (1, 2):  # question 2 is the last one: its answer also finishes the attempt
        options, token = student.question(code, n)
        # Different tabs sharing the cookie: each its own connection, all at once.
        tabs = [Browser(server_url, student.jar) for _ in range(20)]
        statuses = _hammer(
            [
                (
                    lambda t=tab, o=options[i % 2], n=n, token=token: (
                        t.post(f"/q/{code}/{n}", {"option": o, "csrf_token": token}).status
                    )
                )
                for i, tab in enumerate(tabs)
            ]
        )
        assert all(s in {302, 303} for s in statuses), statuses
    db_session.rollback()
    attempt = db_session.scalar(select(Attempt))
    assert attempt is not None and attempt.finished_at is not None
    rows = list(db_session.scalars(select(Response).where(Response.attempt_id == attempt.id)))
    assert len(rows) == 2
    assert attempt.score == sum(r.correct for r in rows)
    db_session.rollback()


def test_teacher_edit_never_changes_an_answered_version(
    app: Flask,
    db_session: Session,
    make_teacher: Any,
    make_article: Any,
    make_question: Any,
    make_quiz: Any,
) -> None:
    quiz = _quiz(make_teacher, make_article, make_question, make_quiz)
    code, question_id = quiz.join_code, quiz.items[0].question_id
    db_session.rollback()
    student = app.test_client()
    from tests.security.conftest import join

    join(student, code, "Otter")
    options, token = question_form(student, code)
    student.post(f"/q/{code}/1", data={"option": options[0], "csrf_token": token})
    before = db_session.get(Question, question_id)
    assert before is not None
    old = (before.stem, [(o.text, o.is_correct) for o in before.options])
    sentence_id = before.sentence_id
    db_session.rollback()

    teacher = app.test_client()
    login(teacher, quiz.owner.email, TEACHER_PASSWORD)
    url = f"/teacher/questions/{question_id}/edit"
    form = {
        "csrf_token": csrf_token(teacher, url),
        "stem": "Who won the second prize at the fair?",
        "options-0-text": "Tom Reed",
        "options-1-text": "Maya Patel",
        "options-2-text": "Ana Lima",
        "correct": "0",
        "explanation": "Changed.",
        "sentence": str(sentence_id),
    }
    response = teacher.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]
    db_session.expire_all()
    after = db_session.get(Question, question_id)
    assert after is not None
    assert (after.stem, [(o.text, o.is_correct) for o in after.options]) == old
    answered = db_session.scalar(select(Response))
    assert answered is not None and answered.question_id == question_id
    newer = db_session.scalar(select(Question).where(Question.replaces_id == question_id))
    assert newer is not None and newer.stem.startswith("Who won the second prize")
    db_session.rollback()


def test_no_connection_is_carried_across_a_fork(app: Flask) -> None:
    """A forked child (a gunicorn worker) opens its own connection after dispose_engines."""
    from quizapp.db import dispose_engines, get_engine

    parent = get_engine(app)
    with parent.connect() as conn:
        conn.execute(text("SELECT 1"))  # the parent holds a pooled connection
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            os.close(read)
            dispose_engines(close=False)
            engine = get_engine(app)
            ok = engine is not parent
            with engine.connect() as conn:
                ok = ok and conn.execute(text("SELECT count(*) FROM teacher")).scalar() == 0
            os.write(write, b"ok" if ok else b"bad")
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    answer = os.read(read, 10)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    assert answer == b"ok" and status == 0
    with parent.connect() as conn:  # the parent's pool still works
        assert conn.execute(text("SELECT 1")).scalar() == 1
