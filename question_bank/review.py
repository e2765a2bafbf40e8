"""Reviewing generated questions: approve (Ready), reject with a rubric reason, approve the best N.

Functions take a ``Session``, flush, and never commit: the caller commits once.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from question_bank.models import Article, Question, QuestionStatus

# The nine points of docs/question-quality.md, as (code, label) pairs for a <select>.
REJECTION_REASONS: tuple[tuple[str, str], ...] = (
    ("grammar", "Ungrammatical or badly formatted"),
    ("nonsense", "Does not make sense, or the wrong question word"),
    ("vague", "Vague: needs the article to know what is asked"),
    ("obvious", "Obvious: answerable without reading, or the answer is in the question"),
    ("wrong-key", "Missing or wrong answer: the key is not stated by the evidence"),
    ("two-correct", "More than one option is correct, or two options mean the same"),
    ("options", "Options not alike, or the right answer stands out"),
    ("not-worth", "Not worth asking (page furniture, bylines, credits, timestamps)"),
    ("not-for-kids", "Not kid-appropriate: too hard to read, or distressing"),
)
REASON_LABELS = dict(REJECTION_REASONS)


class ReviewError(ValueError):
    """A review action was refused; the message is meant for the teacher."""


def _check_reviewable(question: Question) -> None:
    if question.status == QuestionStatus.RETIRED:
        raise ReviewError("This is an old version of the question; review the newest one.")


def approve(session: Session, question: Question) -> None:
    """Mark a question Ready (it can then go into quizzes)."""
    _check_reviewable(question)
    if sum(1 for o in question.options if o.is_correct) != 1 or len(question.options) < 2:
        raise ReviewError("This question needs exactly one correct option before approval.")
    question.status = QuestionStatus.READY
    question.rejection_reason = None
    session.flush()


def reject(session: Session, question: Question, reason: str) -> None:
    """Reject a question with one of the rubric's reasons (a code from ``REJECTION_REASONS``)."""
    _check_reviewable(question)
    label = REASON_LABELS.get(reason)
    if label is None:
        raise ReviewError("Choose a reason from the list.")
    question.status = QuestionStatus.REJECTED
    question.rejection_reason = label[:200]
    session.flush()


def approve_best(session: Session, article: Article, n: int) -> list[Question]:
    """Approve the ``n`` highest-scoring Draft questions of ``article``; returns them."""
    if n < 1:
        raise ReviewError("Approve at least one question.")
    drafts = sorted(
        (
            q
            for q in article.questions
            if q.status == QuestionStatus.DRAFT
            and len(q.options) >= 2
            and sum(1 for o in q.options if o.is_correct) == 1
        ),
        key=lambda q: (-q.score, q.id),
    )
    chosen = drafts[:n]
    for question in chosen:
        question.status = QuestionStatus.READY
        question.rejection_reason = None
    session.flush()
    return chosen
