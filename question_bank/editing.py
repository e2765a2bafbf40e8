"""Teacher edits: versioned question edits and quiz changes (order, settings, open, results).

An edit never changes a question row that students may have answered: it stores a new
``Question`` (``version + 1``, ``replaces_id`` = the old id) with its own options and retires the
old row. Quiz items with no responses yet move to the new version; items that already have
responses keep the version the students answered.

Functions take a ``Session``, flush, and never commit: the caller commits once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from question_bank.bank import QuizSettings
from question_bank.models import (
    Attempt,
    FeedbackMode,
    Option,
    Question,
    QuestionKind,
    QuestionStatus,
    Quiz,
    QuizItem,
    Response,
    Sentence,
    utcnow,
)

MAX_STEM_CHARS = 300
MAX_OPTION_CHARS = 300
MAX_FEEDBACK_CHARS = 1000
MAX_EXPLANATION_CHARS = 2000
MIN_OPTIONS = 2
MAX_OPTIONS = 5
MAX_ATTEMPTS_ALLOWED = 10
TRUE_FALSE_TEXTS = ("true", "false")


class EditError(ValueError):
    """An edit was refused; ``errors`` maps a field name (or ``"form"``) to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(m for ms in errors.values() for m in ms))


@dataclass(frozen=True)
class OptionEdit:
    """One option row of the editor. Empty rows (no text) are ignored."""

    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class QuestionEdit:
    stem: str
    options: tuple[OptionEdit, ...]
    explanation: str
    sentence_id: int | None


def validate_edit(question: Question, edit: QuestionEdit) -> dict[str, list[str]]:
    """Every problem with ``edit`` for ``question``, by field; empty when the edit is fine."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    stem = edit.stem.strip()
    if not stem:
        add("stem", "Write the question.")
    elif len(stem) > MAX_STEM_CHARS:
        add("stem", f"Keep the question to {MAX_STEM_CHARS} characters or fewer.")
    if len(edit.explanation.strip()) > MAX_EXPLANATION_CHARS:
        add("explanation", f"Keep the explanation to {MAX_EXPLANATION_CHARS} characters or fewer.")

    rows = [o for o in edit.options if o.text.strip()]
    if any(o.correct and not o.text.strip() for o in edit.options):
        add("options", "The option marked correct is empty.")
    if len(rows) < MIN_OPTIONS:
        add("options", f"Give at least {MIN_OPTIONS} options.")
    if len(rows) > MAX_OPTIONS:
        add("options", f"Give at most {MAX_OPTIONS} options.")
    keys = [" ".join(o.text.split()).casefold() for o in rows]
    if len(set(keys)) != len(keys):
        add("options", "Two options are the same; make every option different.")
    if any(len(o.text.strip()) > MAX_OPTION_CHARS for o in rows):
        add("options", f"Keep each option to {MAX_OPTION_CHARS} characters or fewer.")
    if any(len(o.feedback.strip()) > MAX_FEEDBACK_CHARS for o in edit.options):
        add("options", f"Keep each feedback to {MAX_FEEDBACK_CHARS} characters or fewer.")
    correct = sum(1 for o in rows if o.correct)
    if correct != 1:
        add("correct", "Mark exactly one option as correct.")
    if question.kind == QuestionKind.TRUE_FALSE and sorted(k for k in keys) != sorted(
        TRUE_FALSE_TEXTS
    ):
        add("options", "A true/false question keeps the two options True and False.")

    sentence_ids = {s.id for s in question.article.sentences}
    if edit.sentence_id is None:
        add("sentence", "Choose the sentence of the article that proves the answer.")
    elif edit.sentence_id not in sentence_ids:
        add("sentence", "Choose a sentence from this question's article.")
    return errors


def latest_version(session: Session, question: Question) -> Question:
    """The newest version in ``question``'s chain of edits (``question`` itself if unedited)."""
    current = question
    for _ in range(1000):  # a chain longer than this would be a data error; stop anyway
        newer = session.scalar(
            select(Question).where(Question.replaces_id == current.id).order_by(Question.id.desc())
        )
        if newer is None:
            break
        current = newer
    return current


def responses_for_item(session: Session, item_id: int) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(Response).where(Response.quiz_item_id == item_id)
        )
        or 0
    )


def edit_question(session: Session, question: Question, edit: QuestionEdit) -> Question:
    """Store ``edit`` as a new version of ``question``; returns the new version.

    Raises :class:`EditError` (nothing changed) when the edit is not valid.
    """
    if question.status == QuestionStatus.RETIRED:
        raise EditError({"form": ["This version was replaced. Edit the newest version instead."]})
    errors = validate_edit(question, edit)
    if errors:
        raise EditError(errors)
    sentence = session.get(Sentence, edit.sentence_id)
    assert sentence is not None  # checked by validate_edit
    status = question.status
    if status not in (QuestionStatus.DRAFT, QuestionStatus.READY):
        status = QuestionStatus.DRAFT
    reasons = [r for r in (question.reasons or []) if r != "edited by teacher"]
    new = Question(
        article_id=question.article_id,
        kind=question.kind,
        stem=" ".join(edit.stem.split()),
        explanation=edit.explanation.strip(),
        sentence_id=sentence.id,
        evidence_text=sentence.text,
        evidence_start=sentence.start,
        evidence_end=sentence.end,
        status=status,
        rejection_reason=None,
        difficulty=question.difficulty,
        reading_grade=question.reading_grade,
        score=question.score,
        reasons=[*reasons, "edited by teacher"],
        transformation=question.transformation,
        answer_type=question.answer_type,
        fact=dict(question.fact) if question.fact else None,
        version=question.version + 1,
        replaces_id=question.id,
    )
    rows = [o for o in edit.options if o.text.strip()]
    new.options = [
        Option(
            text=" ".join(o.text.split()),
            is_correct=o.correct,
            position=i,
            feedback=o.feedback.strip(),
        )
        for i, o in enumerate(rows)
    ]
    session.add(new)
    session.flush()
    # Quiz items nobody has answered yet move to the new version; answered ones keep theirs.
    items = session.scalars(select(QuizItem).where(QuizItem.question_id == question.id))
    for item in items:
        if responses_for_item(session, item.id) == 0:
            item.question_id = new.id
    # The old row stays for history (and for the attempts that answered it), out of the bank.
    question.status = QuestionStatus.RETIRED
    session.flush()
    return new


# ------------------------------------------------------------------------------- quizzes


class QuizEditError(ValueError):
    """A quiz change was refused; the message is meant for the teacher."""


def move_item(session: Session, quiz: Quiz, item_id: int, direction: str) -> None:
    """Move one item of ``quiz`` up or down by one place."""
    if direction not in ("up", "down"):
        raise QuizEditError("Move an item up or down.")
    items = sorted(quiz.items, key=lambda i: (i.position, i.id))
    index = next((n for n, i in enumerate(items) if i.id == item_id), None)
    if index is None:
        raise QuizEditError("That question is not in this quiz.")
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items):
        item.position = position
    session.flush()


def remove_item(session: Session, quiz: Quiz, item_id: int) -> None:
    """Take one question out of ``quiz`` (only while nobody has started it; one must stay)."""
    items = sorted(quiz.items, key=lambda i: (i.position, i.id))
    target = next((i for i in items if i.id == item_id), None)
    if target is None:
        raise QuizEditError("That question is not in this quiz.")
    if quiz.attempts:
        raise QuizEditError(
            "Students have started this quiz, so its questions can no longer change. "
            "Make a new quiz without this question instead."
        )
    if len(items) == 1:
        raise QuizEditError("A quiz needs at least one question.")
    quiz.items.remove(target)
    session.flush()
    for position, item in enumerate(i for i in items if i is not target):
        item.position = position
    session.flush()


def set_questions(session: Session, quiz: Quiz, questions: Sequence[Question]) -> None:
    """Replace a quiz's questions (only while nobody has started it)."""
    if quiz.attempts:
        raise QuizEditError("Students have started this quiz; its questions can no longer change.")
    if not questions:
        raise QuizEditError("A quiz needs at least one question.")
    for q in questions:
        if q.article.owner_id != quiz.owner_id:
            raise QuizEditError("You can only use your own questions.")
    quiz.items.clear()
    session.flush()
    quiz.items.extend(QuizItem(question=q, position=i) for i, q in enumerate(questions))
    session.flush()


def update_settings(session: Session, quiz: Quiz, title: str, settings: QuizSettings) -> None:
    """Change a quiz's title and settings."""
    if not title.strip():
        raise QuizEditError("Give the quiz a title.")
    if not 1 <= settings.attempts_allowed <= MAX_ATTEMPTS_ALLOWED:
        raise QuizEditError(f"Allow between 1 and {MAX_ATTEMPTS_ALLOWED} attempts.")
    quiz.title = " ".join(title.split())[:200]
    quiz.shuffle_questions = settings.shuffle_questions
    quiz.shuffle_options = settings.shuffle_options
    quiz.feedback_mode = FeedbackMode(settings.feedback_mode)
    quiz.attempts_allowed = settings.attempts_allowed
    session.flush()


def set_open(session: Session, quiz: Quiz, is_open: bool) -> None:
    """Open or close a quiz for new answers."""
    quiz.is_open = is_open
    quiz.closed_at = None if is_open else utcnow()
    session.flush()


def delete_results(session: Session, quiz: Quiz) -> int:
    """Delete every attempt (and its responses) of ``quiz``; returns how many attempts."""
    attempt_ids = list(session.scalars(select(Attempt.id).where(Attempt.quiz_id == quiz.id)))
    if attempt_ids:
        session.execute(delete(Response).where(Response.attempt_id.in_(attempt_ids)))
        session.execute(delete(Attempt).where(Attempt.id.in_(attempt_ids)))
    session.flush()
    session.expire(quiz, ["attempts"])
    return len(attempt_ids)
