"""A small bank full of awkward text for the exchange-format tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from question_bank import db as bank_db
from question_bank.models import Article, Question, QuestionKind, Teacher
from tests.conftest import wipe

# Every GIFT special character, quotes, accents, emoji, markup, a template and a formula.
NASTY = 'Zoë\'s "café" ~ = # { } : \\ <script>alert(1)</script> 🚀 {{7*7}} =1+1 &amp;'

NASTY_TEXT = (
    "Zoë's team met at the café on Friday. "
    'The sign said "A = B # {C} ~ D: E \\ F" in big letters. '
    "Nobody knew what <script>alert(1)</script> meant 🚀. "
    "The robot weighed 42 kilograms."
)


@pytest.fixture()
def engine(database_url: str) -> Iterator[Engine]:
    """The library needs no Flask app: an engine straight from question_bank.db (emptied after)."""
    engine = bank_db.make_engine(database_url)
    yield engine
    wipe(engine)
    engine.dispose()


@pytest.fixture()
def teacher(make_teacher: Callable[..., Teacher]) -> Teacher:
    return make_teacher()


@pytest.fixture()
def bank(
    db_session: Session,
    teacher: Teacher,
    make_article: Callable[..., Article],
    make_question: Callable[..., Question],
) -> list[Question]:
    """Questions over two articles: specials everywhere, feedback, true/false both ways."""
    fair = make_article(teacher)
    odd = make_article(teacher, text=NASTY_TEXT, title='Café: "A/B" {test} #1 ~ = \\ 🚀')

    plain = make_question(fair)
    plain.options[0].feedback = "Yes! She won first prize."
    plain.options[1].feedback = "Not quite: he came second."
    plain.explanation = "Maya's solar oven won the prize."  # does not quote the evidence

    nasty = make_question(
        odd,
        stem=f"Which text was on the sign? {NASTY}",
        options=(f"A = B {NASTY}", "~ only", "Line one\nline two"),
        correct=0,
        sentence_index=1,
    )
    nasty.options[0].feedback = f"Right {NASTY}"
    nasty.options[2].feedback = "#### not general feedback"
    nasty.explanation = f"Because {NASTY}"

    true_q = make_question(
        fair,
        stem="Forty-two students showed projects.",
        options=("True", "False"),
        correct=0,
        sentence_index=2,
        kind=QuestionKind.TRUE_FALSE,
    )
    true_q.options[0].feedback = "Yes: 42 = forty-two."
    true_q.options[1].feedback = "No {really}."

    false_q = make_question(
        odd,
        stem="The robot weighed 24 kilograms: {true?}",
        options=("True", "False"),
        correct=1,
        sentence_index=3,
        kind=QuestionKind.TRUE_FALSE,
    )
    false_q.explanation = "It weighed 42 kilograms, not 24."

    tf_one_feedback = make_question(
        fair,
        stem="The fair was on Friday.",
        options=("True", "False"),
        correct=0,
        sentence_index=0,
        kind=QuestionKind.TRUE_FALSE,
    )
    tf_one_feedback.options[0].feedback = "Right, Friday."
    db_session.commit()
    return [plain, nasty, true_q, false_q, tf_one_feedback]
