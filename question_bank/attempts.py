"""Students' attempts: start or resume, record each answer exactly once, finish once, score.

Library code (no Flask): every function takes a ``Session``, flushes, and never commits; the
caller commits once. The rules a web request relies on:

- An attempt is found only by its unguessable resume token, never by its id.
- Question and option order are fixed when the attempt starts (shuffled when the quiz says so).
- One response per (attempt, quiz item), guarded by the unique constraint: a second answer to
  the same item (double-click, replay, two tabs) returns the first one unchanged.
- Finishing is a conditional UPDATE (``finished_at IS NULL``): concurrent finishes score once.
- Answers and finishing lock the attempt row (PostgreSQL), so an answer can never land after
  the finish that scored the attempt. SQLite serialises writers with BEGIN IMMEDIATE instead.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from question_bank import nicknames
from question_bank.models import (
    Attempt,
    FeedbackMode,
    Option,
    Question,
    Quiz,
    QuizItem,
    Response,
    utcnow,
)

TOKEN_BYTES = 32


class AttemptError(ValueError):
    """An attempt operation was refused; the message is written for a child."""


class QuizClosed(AttemptError):
    def __init__(self) -> None:
        super().__init__(
            "This quiz is closed now. Ask your teacher if you think it should be open."
        )


class NicknameTaken(AttemptError):
    def __init__(self, nickname: str) -> None:
        super().__init__(f"Someone in this quiz already uses the nickname “{nickname}”.")
        self.nickname = nickname


class AttemptFinished(AttemptError):
    def __init__(self) -> None:
        super().__init__("You have already finished this quiz, so answers cannot change now.")


class InvalidChoice(AttemptError):
    def __init__(self, message: str = "Please choose one of the answers.") -> None:
        super().__init__(message)


class NoAttemptsLeft(AttemptError):
    def __init__(self) -> None:
        super().__init__("You have used all your tries for this quiz.")


@dataclass(frozen=True)
class Answer:
    """The stored response for an item, and whether this call stored it."""

    response: Response
    created: bool


@dataclass(frozen=True)
class SummaryItem:
    position: int  # 1-based, in the attempt's order
    quiz_item_id: int
    stem: str
    chosen: str | None
    correct_answer: str
    correct: bool | None  # None: not answered
    explanation: str
    evidence_text: str
    article_id: int
    sentence_index: int | None


@dataclass(frozen=True)
class Summary:
    score: int
    max_score: int
    finished: bool
    items: tuple[SummaryItem, ...]


# ---------------------------------------------------------------- starting


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _orders(quiz: Quiz, rng: random.Random) -> tuple[list[int], dict[str, list[int]]]:
    items = list(quiz.items)
    if quiz.shuffle_questions:
        rng.shuffle(items)
    option_order: dict[str, list[int]] = {}
    for item in items:
        option_ids = [o.id for o in item.question.options]
        if quiz.shuffle_options:
            rng.shuffle(option_ids)
        option_order[str(item.id)] = option_ids
    return [i.id for i in items], option_order


def _new_attempt(
    session: Session, quiz: Quiz, nickname: str, number: int, rng: random.Random
) -> Attempt | None:
    """Insert an attempt inside a savepoint; ``None`` if (quiz, nickname, number) is taken."""
    item_order, option_order = _orders(quiz, rng)
    attempt = Attempt(
        quiz_id=quiz.id,
        nickname=nickname,
        nickname_key=nicknames.key(nickname),
        number=number,
        resume_token=new_token(),
        item_order=item_order,
        option_order=option_order,
        max_score=len(item_order),
    )
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError:
        return None
    return attempt


def nickname_in_use(session: Session, quiz: Quiz, nickname: str) -> bool:
    key = nicknames.key(nickname)
    found = session.scalar(
        select(func.count())
        .select_from(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.nickname_key == key)
    )
    return bool(found)


def start_attempt(session: Session, quiz: Quiz, raw_nickname: str, rng: random.Random) -> Attempt:
    """Start a first attempt for a new nickname in ``quiz``.

    Raises :class:`~question_bank.nicknames.NicknameError` for a bad nickname,
    :class:`NicknameTaken` when the quiz already has it (in any case or width), and
    :class:`QuizClosed`.
    """
    if not quiz.is_open:
        raise QuizClosed()
    nickname = nicknames.clean(raw_nickname)
    if nickname_in_use(session, quiz, nickname):
        raise NicknameTaken(nickname)
    attempt = _new_attempt(session, quiz, nickname, 1, rng)
    if attempt is None:  # someone took it between the check and the insert
        raise NicknameTaken(nickname)
    return attempt


def can_try_again(attempt: Attempt) -> bool:
    """Finished, the quiz open, and fewer attempts used than the quiz allows."""
    quiz = attempt.quiz
    return (
        attempt.finished_at is not None and quiz.is_open and attempt.number < quiz.attempts_allowed
    )


def try_again(session: Session, attempt: Attempt, rng: random.Random) -> Attempt:
    """A new attempt (number + 1, same nickname) after a finished one.

    A concurrent second request (double-click) gets the attempt the first one created.
    """
    quiz = attempt.quiz
    if not quiz.is_open:
        raise QuizClosed()
    if attempt.finished_at is None:
        raise AttemptError("Finish this try first.")
    if attempt.number >= quiz.attempts_allowed:
        raise NoAttemptsLeft()
    new = _new_attempt(session, quiz, attempt.nickname, attempt.number + 1, rng)
    if new is None:
        existing = session.scalar(
            select(Attempt).where(
                Attempt.quiz_id == quiz.id,
                Attempt.nickname_key == attempt.nickname_key,
                Attempt.number == attempt.number + 1,
            )
        )
        if existing is None:  # pragma: no cover - the constraint said it exists
            raise AttemptError("Please try again.")
        return existing
    return new


def by_token(session: Session, token: str | None, *, quiz_id: int | None = None) -> Attempt | None:
    """The attempt with this resume token (and in this quiz, when given), or ``None``."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    query = select(Attempt).where(Attempt.resume_token == token)
    if quiz_id is not None:
        query = query.where(Attempt.quiz_id == quiz_id)
    return session.scalar(query)


# ---------------------------------------------------------------- reading an attempt


def ordered_items(session: Session, attempt: Attempt) -> list[QuizItem]:
    """The attempt's quiz items in its fixed order (items removed from the quiz are skipped)."""
    items = session.scalars(
        select(QuizItem)
        .where(QuizItem.id.in_(attempt.item_order))
        .options(selectinload(QuizItem.question).selectinload(Question.options))
    ).all()
    by_id = {i.id: i for i in items}
    return [by_id[i] for i in attempt.item_order if i in by_id]


def ordered_options(attempt: Attempt, item: QuizItem) -> list[Option]:
    """The item's options in the order fixed for this attempt (new options, if any, last)."""
    options = list(item.question.options)
    order = attempt.option_order.get(str(item.id), [])
    rank = {option_id: i for i, option_id in enumerate(order)}
    return sorted(options, key=lambda o: (rank.get(o.id, len(rank)), o.position))


def responses_by_item(session: Session, attempt: Attempt) -> dict[int, Response]:
    rows = session.scalars(
        select(Response)
        .where(Response.attempt_id == attempt.id)
        .options(selectinload(Response.option))
    )
    return {r.quiz_item_id: r for r in rows}


def first_unanswered(items: list[QuizItem], answered: dict[int, Response]) -> int | None:
    """The 1-based position of the first unanswered item, or ``None`` when all are answered."""
    for position, item in enumerate(items, start=1):
        if item.id not in answered:
            return position
    return None


# ---------------------------------------------------------------- answering and finishing


def _lock(session: Session, attempt: Attempt) -> None:
    """Lock the attempt row (PostgreSQL; a no-op on SQLite) and reload its finish time."""
    finished_at = session.scalar(
        select(Attempt.finished_at).where(Attempt.id == attempt.id).with_for_update()
    )
    if finished_at is not None and attempt.finished_at is None:
        session.refresh(attempt)


def parse_choice(values: list[str]) -> int:
    """The option id from a form's submitted values (exactly one, a plain positive integer)."""
    if not values:
        raise InvalidChoice("Please choose an answer first, then press the button.")
    if len(values) > 1:
        raise InvalidChoice("Please choose just one answer.")
    value = values[0].strip()
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        raise InvalidChoice("Please choose one of the answers shown.")
    return int(value)


def record_answer(session: Session, attempt: Attempt, item: QuizItem, option_id: int) -> Answer:
    """Store the answer to ``item`` once. A second answer returns the first, unchanged.

    Raises :class:`QuizClosed`, :class:`AttemptFinished`, or :class:`InvalidChoice` when the
    item is not in this attempt or the option is not one of the item's question's options.
    """
    if item.id not in attempt.item_order or item.quiz_id != attempt.quiz_id:
        raise InvalidChoice("That question is not part of your quiz.")
    _lock(session, attempt)
    existing = session.scalar(
        select(Response).where(Response.attempt_id == attempt.id, Response.quiz_item_id == item.id)
    )
    if existing is not None:
        return Answer(existing, created=False)
    if attempt.finished_at is not None:
        raise AttemptFinished()
    if not attempt.quiz.is_open:
        raise QuizClosed()
    option = next((o for o in item.question.options if o.id == option_id), None)
    if option is None:
        raise InvalidChoice("Please choose one of the answers shown.")
    response = Response(
        attempt_id=attempt.id,
        quiz_item_id=item.id,
        question_id=item.question_id,
        option_id=option.id,
        correct=option.is_correct,
    )
    try:
        with session.begin_nested():
            session.add(response)
    except IntegrityError:
        # A concurrent request stored this item's answer first: that one stands.
        first = session.scalar(
            select(Response).where(
                Response.attempt_id == attempt.id, Response.quiz_item_id == item.id
            )
        )
        if first is None:  # pragma: no cover - the constraint said it exists
            raise
        return Answer(first, created=False)
    return Answer(response, created=True)


def finish(session: Session, attempt: Attempt) -> bool:
    """Finish the attempt and score it, once. Returns ``True`` only for the call that finished.

    Unanswered items count as wrong.
    """
    result = session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.finished_at.is_(None))
        .values(finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    finished_now = bool(result.rowcount == 1)  # type: ignore[attr-defined]
    if finished_now:
        correct = session.scalar(
            select(func.count())
            .select_from(Response)
            .where(Response.attempt_id == attempt.id, Response.correct.is_(True))
        )
        session.execute(
            update(Attempt)
            .where(Attempt.id == attempt.id)
            .values(score=int(correct or 0), max_score=len(attempt.item_order))
            .execution_options(synchronize_session=False)
        )
    session.flush()
    session.refresh(attempt)
    return finished_now


def show_feedback_now(attempt: Attempt) -> bool:
    """Immediate mode shows right/wrong after each answer; deferred mode only at the end."""
    return bool(attempt.quiz.feedback_mode == FeedbackMode.IMMEDIATE)


def evidence_sentence_index(question: Question) -> int | None:
    """The index of the article sentence that proves the question's answer."""
    if question.sentence is not None:
        return question.sentence.index
    for sentence in question.article.sentences:
        if sentence.start <= question.evidence_start < sentence.end:
            return sentence.index
    return None


def summary(session: Session, attempt: Attempt) -> Summary:
    """Each question with the student's answer, the right answer and the explanation."""
    items = ordered_items(session, attempt)
    answered = responses_by_item(session, attempt)
    rows = []
    for position, item in enumerate(items, start=1):
        question = item.question
        response = answered.get(item.id)
        right = question.correct_option
        rows.append(
            SummaryItem(
                position=position,
                quiz_item_id=item.id,
                stem=question.stem,
                chosen=response.option.text if response else None,
                correct_answer=right.text if right else "",
                correct=response.correct if response else None,
                explanation=question.explanation,
                evidence_text=question.evidence_text,
                article_id=question.article_id,
                sentence_index=evidence_sentence_index(question),
            )
        )
    score = sum(1 for r in rows if r.correct)
    if attempt.finished_at is not None and attempt.score is not None:
        score = attempt.score
    return Summary(
        score=score,
        max_score=len(items),
        finished=attempt.finished_at is not None,
        items=tuple(rows),
    )
