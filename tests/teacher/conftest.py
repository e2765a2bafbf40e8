"""Fixtures for the teacher pages: a logged-in client and a small bank."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient

from question_bank.models import Article, Question, QuestionStatus, Quiz, Teacher
from tests.conftest import TEACHER_PASSWORD
from tests.helpers import csrf_token, login


@dataclass
class Bank:
    teacher: Teacher
    article: Article
    questions: list[Question]
    quiz: Quiz


@pytest.fixture()
def teacher(make_teacher: Callable[..., Teacher]) -> Teacher:
    return make_teacher("alice@school.test")


@pytest.fixture()
def logged_in(client: FlaskClient, teacher: Teacher) -> FlaskClient:
    login(client, teacher.email, TEACHER_PASSWORD)
    return client


@pytest.fixture()
def bank(
    teacher: Teacher,
    make_article: Callable[..., Article],
    make_question: Callable[..., Question],
    make_quiz: Callable[..., Quiz],
) -> Bank:
    article = make_article(teacher)
    questions = [
        make_question(article, score=0.9),
        make_question(
            article,
            stem="How many students showed projects?",
            options=("Forty-two", "Twelve", "Ninety"),
            sentence_index=2,
            status=QuestionStatus.DRAFT,
            score=0.7,
        ),
        make_question(
            article,
            stem="Where did the fair take place?",
            options=("In the main hall", "In the gym", "In the library"),
            sentence_index=0,
            status=QuestionStatus.DRAFT,
            score=0.5,
        ),
    ]
    quiz = make_quiz(teacher, [questions[0]])
    return Bank(teacher, article, questions, quiz)


def post(client: FlaskClient, path: str, data: dict[str, Any], *, form_page: str) -> Any:
    """POST ``data`` to ``path`` with the CSRF token read from ``form_page``."""
    payload = {"csrf_token": csrf_token(client, form_page), **data}
    return client.post(path, data=payload)
