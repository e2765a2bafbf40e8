"""Fixtures for the student tests: a teacher's quiz over a small article."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from question_bank.models import Question, Quiz

QUESTIONS = (
    ("Who won first prize at the science fair?", ("Maya Patel", "Tom Reed", "Ana Lima"), 0, 1),
    ("How many students showed projects?", ("Twelve", "Forty-two", "Ninety"), 1, 2),
    ("What temperature did the oven reach?", ("50 degrees", "70 degrees", "90 degrees"), 2, 3),
)


@pytest.fixture()
def quiz_factory(
    make_teacher: Callable[..., Any],
    make_article: Callable[..., Any],
    make_question: Callable[..., Question],
    make_quiz: Callable[..., Quiz],
) -> Callable[..., Quiz]:
    """A quiz over the sample article's three questions (settings as keyword arguments)."""

    def factory(**settings: Any) -> Quiz:
        teacher = make_teacher()
        article = make_article(teacher)
        questions = [
            make_question(article, stem=stem, options=options, correct=correct, sentence_index=s)
            for stem, options, correct, s in QUESTIONS
        ]
        settings.setdefault("shuffle_options", False)
        return make_quiz(teacher, questions, **settings)

    return factory


@pytest.fixture()
def quiz(quiz_factory: Callable[..., Quiz]) -> Quiz:
    return quiz_factory()
