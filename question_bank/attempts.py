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
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from question_bank import nicknames
from question_bank.bank import normalise_join_code
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


def _orders(
    quiz: Quiz, items: Sequence[QuizItem | ItemView], rng: random.Random
) -> tuple[list[int], dict[str, list[int]]]:
    """This attempt's item order and each item's option order (shuffled as the quiz says)."""
    items = list(items)
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
    session: Session,
    quiz: Quiz,
    nickname: str,
    number: int,
    rng: random.Random,
    items: Sequence[QuizItem | ItemView] | None = None,
) -> Attempt | None:
    """Insert an attempt inside a savepoint; ``None`` if (quiz, nickname, number) is taken.
    ``items`` are the quiz's items when the caller has them already (else ``quiz.items``)."""
    item_order, option_order = _orders(quiz, quiz.items if items is None else items, rng)
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


def first_unanswered(
    items: Sequence[QuizItem | ItemView], answered: Mapping[int, object]
) -> int | None:
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


# ---------------------------------------------------------------- the student web path
#
# A question page and an answer cost a couple of statements each: the quiz and the attempt in
# one join, the quiz's items with this attempt's answers in another, and the question contents
# from a small per-process cache. Question versions never change once stored (an edit makes a
# new version and moves unanswered items to it), so the cache is keyed by (question id,
# updated_at): a new version, or any change to the row, is simply another key.


@dataclass(frozen=True)
class OptionView:
    id: int
    text: str
    is_correct: bool
    position: int
    feedback: str


@dataclass(frozen=True)
class QuestionView:
    """An immutable copy of one question version, safe to share between threads."""

    id: int
    article_id: int
    stem: str
    explanation: str
    evidence_text: str
    sentence_index: int | None
    options: tuple[OptionView, ...]

    @property
    def correct_option(self) -> OptionView | None:
        return next((o for o in self.options if o.is_correct), None)


@dataclass(frozen=True)
class ItemView:
    id: int
    quiz_id: int
    question: QuestionView

    @property
    def question_id(self) -> int:
        return self.question.id


@dataclass(frozen=True)
class AnswerView:
    """A stored answer: which option, and whether it was right."""

    quiz_item_id: int
    option_id: int
    correct: bool


@dataclass
class AttemptState:
    """What the student path knows about an attempt after its two reads."""

    attempt: Attempt
    items: list[ItemView]  # in the attempt's fixed order
    answered: dict[int, AnswerView]  # by quiz item id

    def first_unanswered(self) -> int | None:
        return first_unanswered(self.items, self.answered)


class QuestionCache:
    """A small, thread-safe LRU of :class:`QuestionView` by (question id, updated_at)."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._rows: OrderedDict[tuple[int, object], QuestionView] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0

    def get_many(
        self, session: Session, keys: list[tuple[int, object]]
    ) -> dict[tuple[int, object], QuestionView]:
        found: dict[tuple[int, object], QuestionView] = {}
        with self._lock:
            for key in keys:
                view = self._rows.get(key)
                if view is not None:
                    self._rows.move_to_end(key)
                    found[key] = view
        missing = [k for k in keys if k not in found]
        if missing:
            loaded = _load_question_views(session, [k[0] for k in missing])
            with self._lock:
                self.misses += len(missing)
                for key in missing:
                    view = loaded.get(key[0])
                    if view is None:  # pragma: no cover - the item's question exists (RESTRICT)
                        continue
                    found[key] = view
                    self._rows[key] = view
                    self._rows.move_to_end(key)
                while len(self._rows) > self.size:
                    self._rows.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


QUESTIONS = QuestionCache()


def _load_question_views(session: Session, question_ids: list[int]) -> dict[int, QuestionView]:
    rows = session.scalars(
        select(Question)
        .where(Question.id.in_(question_ids))
        .options(selectinload(Question.options), selectinload(Question.sentence))
    ).all()
    return {
        q.id: QuestionView(
            id=q.id,
            article_id=q.article_id,
            stem=q.stem,
            explanation=q.explanation,
            evidence_text=q.evidence_text,
            sentence_index=evidence_sentence_index(q),
            options=tuple(
                OptionView(o.id, o.text, bool(o.is_correct), o.position, o.feedback)
                for o in q.options
            ),
        )
        for q in rows
    }


# The hot statements, built once: constructing a statement and its cache key on every request
# cost about as much CPU as running it.
_QUIZ_AND_ATTEMPT = (
    select(Quiz, Attempt)
    .outerjoin(
        Attempt,
        (Attempt.quiz_id == Quiz.id)
        & Attempt.resume_token.in_(bindparam("p_tokens", expanding=True)),
    )
    .where(Quiz.join_code == bindparam("p_code"))
)
_ITEMS = (
    select(QuizItem.id, QuizItem.question_id, Question.updated_at)
    .join(Question, Question.id == QuizItem.question_id)
    .where(QuizItem.quiz_id == bindparam("p_quiz"))
    .order_by(QuizItem.position, QuizItem.id)
)
_ITEMS_AND_ANSWERS = (
    select(
        QuizItem.id, QuizItem.question_id, Question.updated_at, Response.option_id, Response.correct
    )
    .join(Question, Question.id == QuizItem.question_id)
    .outerjoin(
        Response,
        (Response.quiz_item_id == QuizItem.id) & (Response.attempt_id == bindparam("p_attempt")),
    )
    .where(QuizItem.quiz_id == bindparam("p_quiz"))
    .order_by(QuizItem.position, QuizItem.id)
)
_CURRENT = (
    select(Attempt.finished_at, Quiz.is_open, QuizItem.question_id)
    .join(Quiz, Quiz.id == Attempt.quiz_id)
    .join(QuizItem, (QuizItem.quiz_id == Quiz.id) & (QuizItem.id == bindparam("p_item")))
    .where(Attempt.id == bindparam("p_attempt"))
    .with_for_update(of=Attempt)
)
# Writes are Core statements on the tables (the ORM's bulk-insert path costs more CPU).
_RESPONSE: Table = Response.__table__  # type: ignore[assignment]
_ATTEMPT: Table = Attempt.__table__  # type: ignore[assignment]
_ANSWER_VALUES: dict[str, Any] = {
    "attempt_id": bindparam("p_attempt"),
    "quiz_item_id": bindparam("p_item"),
    "question_id": bindparam("p_question"),
    "option_id": bindparam("p_option"),
    "correct": bindparam("p_correct"),
    "answered_at": bindparam("p_when"),
}
_INSERT_ANSWER = {
    name: insert(_RESPONSE)
    .values(**_ANSWER_VALUES)
    .on_conflict_do_nothing(index_elements=["attempt_id", "quiz_item_id"])
    .returning(_RESPONSE.c.id)
    for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_FIRST_ANSWER = select(Response.option_id, Response.correct).where(
    Response.attempt_id == bindparam("p_attempt"), Response.quiz_item_id == bindparam("p_item")
)
_FINISH = (
    update(_ATTEMPT)
    .where(
        _ATTEMPT.c.id == bindparam("p_attempt"),
        _ATTEMPT.c.finished_at.is_(None),
        select(func.count())
        .select_from(_RESPONSE)
        .where(_RESPONSE.c.attempt_id == bindparam("p_attempt"))
        .scalar_subquery()
        >= bindparam("p_need"),
    )
    .values(
        finished_at=bindparam("p_when"),
        score=select(func.count())
        .select_from(_RESPONSE)
        .where(_RESPONSE.c.attempt_id == bindparam("p_attempt"), _RESPONSE.c.correct.is_(True))
        .scalar_subquery(),
        max_score=bindparam("p_max"),
    )
    .returning(_ATTEMPT.c.score)
)


def quiz_and_attempt(
    session: Session, code: str, tokens: dict[str, str]
) -> tuple[Quiz | None, Attempt | None]:
    """The quiz with this join code and, in one statement, this browser's attempt in it.

    ``tokens`` maps quiz ids (as strings) to the resume tokens a browser holds; only the token
    held for *this* quiz counts.
    """
    wanted = [t for t in tokens.values() if isinstance(t, str) and 0 < len(t) <= 100]
    rows = session.execute(
        _QUIZ_AND_ATTEMPT, {"p_tokens": wanted, "p_code": normalise_join_code(code)}
    )
    quiz: Quiz | None = None
    mine: Attempt | None = None
    for found_quiz, attempt in rows:
        quiz = found_quiz
        if attempt is not None and tokens.get(str(found_quiz.id)) == attempt.resume_token:
            mine = attempt
    return quiz, mine


def _item_rows(session: Session, quiz_id: int, attempt_id: int | None) -> list[Any]:
    """Each item of the quiz (quiz order) with its question's cache key and this attempt's
    answer, if any (at most one: the unique constraint)."""
    if attempt_id is None:
        return list(session.execute(_ITEMS, {"p_quiz": quiz_id}))
    return list(session.execute(_ITEMS_AND_ANSWERS, {"p_quiz": quiz_id, "p_attempt": attempt_id}))


def quiz_items(session: Session, quiz: Quiz) -> list[ItemView]:
    """The quiz's items in the quiz's own order (one statement when the cache is warm)."""
    rows = _item_rows(session, quiz.id, None)
    views = QUESTIONS.get_many(session, [(r[1], r[2]) for r in rows])
    return [ItemView(r[0], quiz.id, views[(r[1], r[2])]) for r in rows]


def attempt_state(session: Session, attempt: Attempt) -> AttemptState:
    """The attempt's items in its fixed order, and its answers, in one statement (warm cache)."""
    rows = _item_rows(session, attempt.quiz_id, attempt.id)
    views = QUESTIONS.get_many(session, [(r[1], r[2]) for r in rows])
    by_id = {r[0]: ItemView(r[0], attempt.quiz_id, views[(r[1], r[2])]) for r in rows}
    answered = {r[0]: AnswerView(r[0], r[3], bool(r[4])) for r in rows if r[3] is not None}
    items = [by_id[i] for i in attempt.item_order if i in by_id]
    return AttemptState(attempt, items, answered)


def ordered_option_views(attempt: Attempt, item: ItemView) -> list[OptionView]:
    """The item's options in the order fixed for this attempt (new options, if any, last)."""
    order = attempt.option_order.get(str(item.id), [])
    rank = {option_id: i for i, option_id in enumerate(order)}
    return sorted(item.question.options, key=lambda o: (rank.get(o.id, len(rank)), o.position))


def start_attempt_fast(
    session: Session, quiz: Quiz, items: list[ItemView], raw_nickname: str, rng: random.Random
) -> Attempt:
    """:func:`start_attempt` with the quiz's items already known (from :func:`quiz_items`)."""
    if not quiz.is_open:
        raise QuizClosed()
    nickname = nicknames.clean(raw_nickname)
    if nickname_in_use(session, quiz, nickname):
        raise NicknameTaken(nickname)
    attempt = _new_attempt(session, quiz, nickname, 1, rng, items)
    if attempt is None:
        raise NicknameTaken(nickname)
    return attempt


class QuestionChanged(InvalidChoice):
    def __init__(self) -> None:
        super().__init__(
            "Your teacher just changed this question. Please read it and answer again."
        )


def store_answer(session: Session, state: AttemptState, item: ItemView, option_id: int) -> bool:
    """Store the answer to ``item`` once, in a short write transaction; finish the attempt
    once every item has an answer. Returns ``True`` when this call stored it.

    ``state`` was read before the write transaction began; everything a concurrent request may
    have changed since is checked again here, under the attempt's row lock (PostgreSQL) or
    SQLite's write lock: the attempt not finished, the quiz open, the item still on the
    question version the student saw. The unique constraint keeps one answer per item.
    """
    attempt = state.attempt
    if item.id not in attempt.item_order or item.quiz_id != attempt.quiz_id:
        raise InvalidChoice("That question is not part of your quiz.")
    if item.id in state.answered:  # answered before: the first answer stands
        finish_now(session, attempt, if_answered=len(state.items))
        return False
    option = next((o for o in item.question.options if o.id == option_id), None)
    if option is None:
        raise InvalidChoice("Please choose one of the answers shown.")
    current = session.execute(_CURRENT, {"p_item": item.id, "p_attempt": attempt.id}).one_or_none()
    if current is None:
        raise InvalidChoice("That question is not part of your quiz.")
    if current.finished_at is not None:
        raise AttemptFinished()
    if not current.is_open:
        raise QuizClosed()
    if current.question_id != item.question.id:
        raise QuestionChanged()
    now = utcnow()
    params = {
        "p_attempt": attempt.id,
        "p_item": item.id,
        "p_question": item.question.id,
        "p_option": option.id,
        "p_correct": option.is_correct,
        "p_when": now,
    }
    # RETURNING gives a row only when this statement inserted (not on a conflict).
    insert = _INSERT_ANSWER[session.get_bind().dialect.name]
    created = session.execute(insert, params).scalar_one_or_none() is not None
    if created:
        state.answered[item.id] = AnswerView(item.id, option.id, option.is_correct)
    else:  # a concurrent request (double-click, second tab) stored this item first
        first = session.execute(_FIRST_ANSWER, {"p_attempt": attempt.id, "p_item": item.id}).one()
        state.answered[item.id] = AnswerView(item.id, first.option_id, bool(first.correct))
    # Finish when every item is answered now, counted under the lock (not from ``state``).
    finish_now(session, attempt, now, if_answered=len(state.items))
    return created


def finish_now(
    session: Session, attempt: Attempt, when: Any = None, *, if_answered: int | None = None
) -> bool:
    """Finish and score the attempt in one conditional UPDATE; ``True`` only for the call
    that finished it. Unanswered items count as wrong.

    With ``if_answered=n`` it finishes only once the attempt has at least ``n`` answers,
    counted by the UPDATE itself: two tabs answering the last two items at once (each read
    the other's item as unanswered) still finish the attempt, whichever commits second.
    """
    finished_at = when or utcnow()
    score = session.execute(
        _FINISH,
        {
            "p_attempt": attempt.id,
            "p_need": if_answered or 0,
            "p_when": finished_at,
            "p_max": len(attempt.item_order),
        },
    ).scalar_one_or_none()
    if score is None:  # not every item answered yet, or finished already (another request)
        return False
    # What the UPDATE stored, without marking the object changed (no second UPDATE).
    set_committed_value(attempt, "finished_at", finished_at)
    set_committed_value(attempt, "score", score)
    set_committed_value(attempt, "max_score", len(attempt.item_order))
    return True


def summary_from_state(state: AttemptState) -> Summary:
    """:func:`summary` from the state already read (no further statements)."""
    attempt = state.attempt
    rows = []
    for position, item in enumerate(state.items, start=1):
        question = item.question
        answer = state.answered.get(item.id)
        chosen = (
            next((o.text for o in question.options if o.id == answer.option_id), "")
            if answer
            else None
        )
        right = question.correct_option
        rows.append(
            SummaryItem(
                position=position,
                quiz_item_id=item.id,
                stem=question.stem,
                chosen=chosen,
                correct_answer=right.text if right else "",
                correct=answer.correct if answer else None,
                explanation=question.explanation,
                evidence_text=question.evidence_text,
                article_id=question.article_id,
                sentence_index=question.sentence_index,
            )
        )
    score = sum(1 for r in rows if r.correct)
    if attempt.finished_at is not None and attempt.score is not None:
        score = attempt.score
    return Summary(
        score=score,
        max_score=len(state.items),
        finished=attempt.finished_at is not None,
        items=tuple(rows),
    )
