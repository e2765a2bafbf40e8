"""Fixtures for the student tests: a teacher's quiz over a small article."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from question_bank.models import Question, Quiz, Teacher

QUESTIONS = (
    ("Who won first prize at the science fair?", ("Maya Patel", "Tom Reed", "Ana Lima"), 0, 1),
    ("How many students showed projects?", ("Twelve", "Forty-two", "Ninety"), 1, 2),
    ("What temperature did the oven reach?", ("50 degrees", "70 degrees", "90 degrees"), 2, 3),
)


@pytest.fixture(autouse=True)
def _push_request_context() -> None:
    """Override pytest-flask's fixture of this name: it keeps one request context (and so one
    ``g``) open for the whole test, which makes every test-client request share the request's
    database session and cached CSRF token. A browser never sees that; these tests must not."""


@pytest.fixture()
def quiz_factory(
    db_session: Session,
    make_article: Callable[..., Any],
    make_question: Callable[..., Question],
    make_quiz: Callable[..., Quiz],
) -> Callable[..., Quiz]:
    """A quiz over the sample article's three questions (settings as keyword arguments)."""

    def factory(**settings: Any) -> Quiz:
        # A teacher row without a real password: hashing at full strength costs about a second.
        teacher = Teacher(email=f"t{uuid.uuid4().hex[:10]}@school.test", password_hash="!")
        db_session.add(teacher)
        db_session.commit()
        article = make_article(teacher)
        questions = [
            make_question(article, stem=stem, options=options, correct=correct, sentence_index=s)
            for stem, options, correct, s in QUESTIONS
        ]
        settings.setdefault("shuffle_options", False)
        quiz = make_quiz(teacher, questions, **settings)
        # Load what the tests read, then end the transaction: an open SQLite write transaction
        # in the test would block the app's requests.
        for item in quiz.items:
            _ = [o.id for o in item.question.options], item.question.article_id
        db_session.commit()
        return quiz

    return factory


@pytest.fixture()
def quiz(quiz_factory: Callable[..., Quiz]) -> Quiz:
    return quiz_factory()
