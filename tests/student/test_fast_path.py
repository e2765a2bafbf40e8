"""The student web path reads outside the write transaction: whatever changed between the read
and the short write (a finish, a close, a teacher's edit, a concurrent answer) is caught by the
write, and the per-process question cache never shows a stale version."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from question_bank import attempts, editing
from question_bank import db as bank_db
from question_bank.models import Attempt, Question, Quiz, QuizItem, Response


def _start(db: Session, quiz: Quiz, nickname: str = "Otter") -> Attempt:
    items = attempts.quiz_items(db, quiz)
    attempt = attempts.start_attempt_fast(db, quiz, items, nickname, random.Random(1))
    db.commit()
    return attempt


def _state(engine: Engine, token: str) -> tuple[Session, attempts.AttemptState]:
    """Read as a POST does (SQLite: BEGIN DEFERRED), then end the read transaction."""
    session = Session(bind=bank_db.reader(engine), expire_on_commit=False)
    attempt = attempts.by_token(session, token)
    assert attempt is not None
    state = attempts.attempt_state(session, attempt)
    session.commit()
    return session, state


def _write(engine: Engine, token: str, state: attempts.AttemptState, n: int = 0) -> bool:
    """The short write transaction, in a write-mode session (SQLite: BEGIN IMMEDIATE)."""
    with Session(bind=engine, expire_on_commit=False) as session:
        item = state.items[n]
        created = attempts.store_answer(session, state, item, item.question.options[0].id)
        session.commit()
        return created


def _responses(db: Session) -> int:
    count = int(db.scalar(select(func.count()).select_from(Response)) or 0)
    db.commit()
    return count


def test_finish_between_read_and_write_refuses_the_answer(
    engine: Engine, db_session: Session, quiz: Quiz
) -> None:
    attempt = _start(db_session, quiz)
    reader, state = _state(engine, attempt.resume_token)
    with Session(bind=engine) as other:
        assert attempts.finish_now(other, other.get(Attempt, attempt.id))  # type: ignore[arg-type]
        other.commit()
    with pytest.raises(attempts.AttemptFinished):
        _write(engine, attempt.resume_token, state)
    assert _responses(db_session) == 0
    reader.close()


def test_close_between_read_and_write_refuses_the_answer(
    engine: Engine, db_session: Session, quiz: Quiz
) -> None:
    attempt = _start(db_session, quiz)
    reader, state = _state(engine, attempt.resume_token)
    with Session(bind=engine) as other:
        other.execute(update(Quiz).where(Quiz.id == quiz.id).values(is_open=False))
        other.commit()
    with pytest.raises(attempts.QuizClosed):
        _write(engine, attempt.resume_token, state)
    assert _responses(db_session) == 0
    reader.close()


def _edit(engine: Engine, question_id: int, stem: str) -> int:
    with Session(bind=engine, expire_on_commit=False) as other:
        question = other.get(Question, question_id)
        assert question is not None
        edit = editing.QuestionEdit(
            stem=stem,
            options=tuple(
                editing.OptionEdit(o.text, o.is_correct, o.feedback) for o in question.options
            ),
            explanation=question.explanation,
            sentence_id=question.sentence_id,
        )
        new = editing.edit_question(other, question, edit)
        other.commit()
        return new.id


def test_edit_between_read_and_write_asks_again_and_the_cache_follows(
    engine: Engine, db_session: Session, quiz: Quiz
) -> None:
    attempt = _start(db_session, quiz)
    reader, state = _state(engine, attempt.resume_token)
    old_id = state.items[0].question.id
    new_id = _edit(engine, old_id, "Who won the very first prize at the science fair?")
    with pytest.raises(attempts.QuestionChanged):
        _write(engine, attempt.resume_token, state)
    assert _responses(db_session) == 0
    # The next read sees the new version (the cache is keyed by version, not by item).
    _, fresh = _state(engine, attempt.resume_token)
    assert fresh.items[0].question.id == new_id
    assert fresh.items[0].question.stem == "Who won the very first prize at the science fair?"
    assert _write(engine, attempt.resume_token, fresh) is True
    stored = db_session.scalar(select(Response.question_id))
    db_session.commit()
    assert stored == new_id
    reader.close()


def test_answered_items_keep_their_version_in_the_cache(
    engine: Engine, db_session: Session, quiz: Quiz
) -> None:
    """After an answer, an edit leaves the answered item on the old version: both students see
    what their item holds."""
    first = _start(db_session, quiz, "Otter")
    _, state = _state(engine, first.resume_token)
    assert _write(engine, first.resume_token, state) is True
    old_id = state.items[0].question.id
    _edit(engine, old_id, "A new wording nobody answered yet?")
    _, again = _state(engine, first.resume_token)
    assert again.items[0].question.id == old_id
    item_question = db_session.scalar(
        select(QuizItem.question_id).where(QuizItem.id == state.items[0].id)
    )
    db_session.commit()
    assert item_question == old_id


def test_concurrent_posts_of_one_item_store_one(
    engine: Engine, db_session: Session, quiz: Quiz
) -> None:
    """Four stale reads of the same state, four writes at once: one answer, one "created"."""
    attempt = _start(db_session, quiz)
    states = [_state(engine, attempt.resume_token)[1] for _ in range(4)]
    results: list[object] = []
    barrier = threading.Barrier(4)
    lock = threading.Lock()

    def run(state: attempts.AttemptState) -> None:
        barrier.wait()
        try:
            value: object = _write(engine, attempt.resume_token, state)
        except Exception as error:  # noqa: BLE001 - reported to the test
            value = error
        with lock:
            results.append(value)

    threads = [threading.Thread(target=run, args=(s,)) for s in states]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(map(str, results)) == ["False", "False", "False", "True"], results
    assert _responses(db_session) == 1


def test_last_answers_racing_finish_once_with_the_right_score(
    engine: Engine, db_session: Session, quiz_factory: Callable[..., Quiz]
) -> None:
    """Two tabs answer the last two items at once: both answers count, the attempt finishes
    once, and the score counts every stored right answer."""
    quiz = quiz_factory()
    attempt = _start(db_session, quiz)
    _, state = _state(engine, attempt.resume_token)
    assert _write(engine, attempt.resume_token, state, 0)
    states = [_state(engine, attempt.resume_token)[1] for _ in range(2)]
    errors: list[BaseException] = []

    def run(state: attempts.AttemptState, n: int) -> None:
        try:
            _write(engine, attempt.resume_token, state, n)
        except BaseException as error:  # noqa: BLE001 - reported to the test
            errors.append(error)

    threads = [
        threading.Thread(target=run, args=(s, n)) for s, n in zip(states, (1, 2), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    row = db_session.execute(
        select(Attempt.finished_at, Attempt.score).where(Attempt.id == attempt.id)
    ).one()
    right = db_session.scalar(
        select(func.count()).select_from(Response).where(Response.correct.is_(True))
    )
    db_session.commit()
    assert _responses(db_session) == 3
    # Neither read saw the other's answer; the write that committed second finished it.
    assert row.finished_at is not None
    assert row.score == right
