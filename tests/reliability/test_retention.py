"""Retention (security.md 23): old attempts are purged, a quiz's results can be deleted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.models import Attempt, LoginFailure, Quiz, Response, utcnow
from question_bank.retention import delete_quiz_results, purge_old_attempts
from tests.reliability.helpers import add_attempt


def _count(session: Session, model: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _two_quizzes(
    make_teacher: Callable[..., Any],
    make_article: Callable[..., Any],
    make_question: Callable[..., Any],
    make_quiz: Callable[..., Quiz],
) -> tuple[Quiz, Quiz]:
    teacher = make_teacher()
    article = make_article(teacher)
    questions = [make_question(article), make_question(article, stem="How many students?")]
    return make_quiz(teacher, questions, title="A"), make_quiz(teacher, questions, title="B")


def test_delete_quiz_results_only_touches_that_quiz(
    db_session: Session, make_teacher: Any, make_article: Any, make_question: Any, make_quiz: Any
) -> None:
    quiz_a, quiz_b = _two_quizzes(make_teacher, make_article, make_question, make_quiz)
    for name in ("Otter", "Badger", "Heron"):
        add_attempt(db_session, quiz_a, name)
    kept = add_attempt(db_session, quiz_b, "Otter")

    assert delete_quiz_results(db_session, quiz_a) == 3
    db_session.commit()

    assert db_session.scalar(select(func.count()).where(Attempt.quiz_id == quiz_a.id)) == 0
    assert list(db_session.scalars(select(Attempt.id))) == [kept.id]
    assert _count(db_session, Response) == 2  # quiz B's two answers
    assert db_session.get(Quiz, quiz_a.id) is not None  # the quiz itself stays
    assert quiz_a.attempts == []


def test_purge_removes_only_old_attempts(
    db_session: Session, make_teacher: Any, make_article: Any, make_question: Any, make_quiz: Any
) -> None:
    quiz, _ = _two_quizzes(make_teacher, make_article, make_question, make_quiz)
    now = utcnow()
    old = add_attempt(
        db_session,
        quiz,
        "Old",
        started_at=now - timedelta(days=40),
        finished_at=now - timedelta(days=39),
    )
    # Started long ago but finished recently: kept (age counts from the last activity).
    add_attempt(
        db_session,
        quiz,
        "Slow",
        started_at=now - timedelta(days=40),
        finished_at=now - timedelta(days=2),
    )
    add_attempt(db_session, quiz, "New")
    db_session.add(LoginFailure(email="x@school.test", failed_at=now - timedelta(hours=2)))
    db_session.add(LoginFailure(email="x@school.test"))
    db_session.commit()

    dry = purge_old_attempts(db_session, 30, dry_run=True)
    assert (dry.attempts, dry.responses, dry.login_failures, dry.dry_run) == (1, 2, 1, True)
    db_session.commit()
    assert _count(db_session, Attempt) == 3

    result = purge_old_attempts(db_session, 30)
    db_session.commit()
    assert (result.attempts, result.responses, result.login_failures) == (1, 2, 1)
    names = set(db_session.scalars(select(Attempt.nickname)))
    assert names == {"Slow", "New"}
    assert db_session.get(Attempt, old.id) is None
    assert _count(db_session, Response) == 4
    assert _count(db_session, LoginFailure) == 1
