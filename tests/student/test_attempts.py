"""question_bank.attempts on a real database: start, answer once, finish once, summary."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from question_bank import attempts, nicknames
from question_bank.models import Attempt, Quiz, QuizItem, Response


def _attempt(db: Session, quiz: Quiz, nickname: str = "Otter", seed: int = 1) -> Attempt:
    attempt = attempts.start_attempt(db, quiz, nickname, random.Random(seed))
    db.commit()
    return attempt


def _item(db: Session, attempt: Attempt, position: int) -> QuizItem:
    return attempts.ordered_items(db, attempt)[position]


def test_start_fixes_orders_and_token(db_session: Session, quiz: Quiz) -> None:
    attempt = _attempt(db_session, quiz)
    assert attempt.number == 1 and attempt.max_score == 3
    assert attempt.item_order == [i.id for i in quiz.items]  # no question shuffle by default
    for item in quiz.items:  # the fixture's quiz does not shuffle options
        assert attempt.option_order[str(item.id)] == [o.id for o in item.question.options]
    assert len(attempt.resume_token) >= 40
    assert attempts.by_token(db_session, attempt.resume_token, quiz_id=quiz.id) is attempt
    assert attempts.by_token(db_session, attempt.resume_token, quiz_id=quiz.id + 1) is None
    assert attempts.by_token(db_session, "") is None
    assert attempts.by_token(db_session, "x" * 500) is None


def test_shuffle_uses_the_given_rng(db_session: Session, quiz_factory: Callable[..., Quiz]) -> None:
    quiz = quiz_factory(shuffle_questions=True, shuffle_options=True)
    orders = {
        (tuple(a.item_order), tuple(tuple(v) for v in a.option_order.values()))
        for a in (_attempt(db_session, quiz, f"Kid {i}", seed=i) for i in range(12))
    }
    assert len(orders) > 1  # shuffled
    a = _attempt(db_session, quiz, "Same A", seed=99)
    b = _attempt(db_session, quiz, "Same B", seed=99)
    assert (a.item_order, a.option_order) == (b.item_order, b.option_order)
    item = _item(db_session, a, 0)
    assert [o.id for o in attempts.ordered_options(a, item)] == a.option_order[str(item.id)]


def test_nickname_taken_in_any_case_or_width(db_session: Session, quiz: Quiz) -> None:
    _attempt(db_session, quiz, "Brave Otter")
    for same in ("brave otter", "BRAVE  OTTER", "Ｂｒａｖｅ Ｏｔｔｅｒ"):
        with pytest.raises(attempts.NicknameTaken):
            attempts.start_attempt(db_session, quiz, same, random.Random(1))
    with pytest.raises(nicknames.NicknameError):
        attempts.start_attempt(db_session, quiz, "\u202e", random.Random(1))
    db_session.rollback()
    assert db_session.scalar(select(func.count()).select_from(Attempt)) == 1


def test_closed_quiz_refuses_start_and_answers(db_session: Session, quiz: Quiz) -> None:
    attempt = _attempt(db_session, quiz)
    quiz.is_open = False
    db_session.flush()
    with pytest.raises(attempts.QuizClosed):
        attempts.start_attempt(db_session, quiz, "Another", random.Random(1))
    item = _item(db_session, attempt, 0)
    with pytest.raises(attempts.QuizClosed):
        attempts.record_answer(db_session, attempt, item, item.question.options[0].id)


def test_answer_once_and_first_stands(db_session: Session, quiz: Quiz) -> None:
    attempt = _attempt(db_session, quiz)
    item = _item(db_session, attempt, 0)
    first, second = item.question.options[0], item.question.options[1]
    stored = attempts.record_answer(db_session, attempt, item, first.id)
    assert stored.created and stored.response.correct is first.is_correct
    assert stored.response.question_id == item.question_id
    again = attempts.record_answer(db_session, attempt, item, second.id)
    assert not again.created and again.response.option_id == first.id
    db_session.commit()
    assert db_session.scalar(select(func.count()).select_from(Response)) == 1


def test_answer_must_be_an_option_of_that_item(db_session: Session, quiz: Quiz) -> None:
    attempt = _attempt(db_session, quiz)
    item = _item(db_session, attempt, 0)
    foreign = quiz.items[1].question.options[0].id
    for bad in (foreign, -1, 0, 10**9):
        with pytest.raises(attempts.InvalidChoice):
            attempts.record_answer(db_session, attempt, item, bad)
    other_quiz_attempt = attempts.start_attempt(db_session, quiz, "Other", random.Random(2))
    other_quiz_attempt.item_order = []
    with pytest.raises(attempts.InvalidChoice):
        attempts.record_answer(db_session, other_quiz_attempt, item, item.question.options[0].id)


@pytest.mark.parametrize(
    ("values", "ok"),
    [
        (["12"], 12),
        ([" 7 "], 7),
        ([], None),
        (["1", "2"], None),
        (["-1"], None),
        (["1.5"], None),
        (["abc"], None),
        (["١"], None),
        (["9" * 13], None),
    ],
)
def test_parse_choice(values: list[str], ok: int | None) -> None:
    if ok is None:
        with pytest.raises(attempts.InvalidChoice):
            attempts.parse_choice(values)
    else:
        assert attempts.parse_choice(values) == ok


def test_finish_scores_once_and_refuses_later_answers(db_session: Session, quiz: Quiz) -> None:
    attempt = _attempt(db_session, quiz)
    items = attempts.ordered_items(db_session, attempt)
    right = items[0].question.correct_option
    assert right is not None
    attempts.record_answer(db_session, attempt, items[0], right.id)
    assert attempts.finish(db_session, attempt) is True
    assert attempts.finish(db_session, attempt) is False
    assert (attempt.score, attempt.max_score) == (1, 3)
    with pytest.raises(attempts.AttemptFinished):
        attempts.record_answer(db_session, attempt, items[1], items[1].question.options[0].id)
    result = attempts.summary(db_session, attempt)
    assert (result.score, result.max_score, result.finished) == (1, 3, True)
    assert [r.correct for r in result.items] == [True, None, None]
    assert result.items[0].sentence_index == 1 and result.items[0].chosen == right.text


def test_try_again_numbers_attempts(db_session: Session, quiz_factory: Callable[..., Quiz]) -> None:
    quiz = quiz_factory(attempts_allowed=2)
    attempt = _attempt(db_session, quiz, "Otter")
    assert not attempts.can_try_again(attempt)
    with pytest.raises(attempts.AttemptError):
        attempts.try_again(db_session, attempt, random.Random(1))
    attempts.finish(db_session, attempt)
    assert attempts.can_try_again(attempt)
    second = attempts.try_again(db_session, attempt, random.Random(1))
    assert (second.number, second.nickname) == (2, "Otter")
    assert second.resume_token != attempt.resume_token
    # A double-click on "Try again" gets the same second attempt, not an error or a third.
    assert attempts.try_again(db_session, attempt, random.Random(2)) is second
    attempts.finish(db_session, second)
    with pytest.raises(attempts.NoAttemptsLeft):
        attempts.try_again(db_session, second, random.Random(1))


def _race(engine: Engine, work: Callable[[Session], object], n: int = 4) -> list[object]:
    """Run ``work`` in ``n`` threads at once, each with its own session that commits."""
    barrier = threading.Barrier(n)
    results: list[object] = []
    lock = threading.Lock()

    def run() -> None:
        with Session(bind=engine, expire_on_commit=False) as session:
            barrier.wait()
            try:
                value = work(session)
                session.commit()
            except Exception as error:  # noqa: BLE001 - reported to the test
                session.rollback()
                value = error
            with lock:
                results.append(value)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_concurrent_answers_store_one(engine: Engine, db_session: Session, quiz: Quiz) -> None:
    attempt = _attempt(db_session, quiz)
    token, item_id = attempt.resume_token, attempt.item_order[0]
    db_session.commit()

    def work(session: Session) -> object:
        mine = attempts.by_token(session, token)
        assert mine is not None
        item = next(i for i in attempts.ordered_items(session, mine) if i.id == item_id)
        options = item.question.options
        choice = options[threading.get_ident() % len(options)].id
        return attempts.record_answer(session, mine, item, choice).created

    results = _race(engine, work)
    assert sorted(map(str, results)) == ["False", "False", "False", "True"], results
    assert db_session.scalar(select(func.count()).select_from(Response)) == 1
    db_session.commit()


def test_concurrent_finishes_score_once(engine: Engine, db_session: Session, quiz: Quiz) -> None:
    attempt = _attempt(db_session, quiz)
    token = attempt.resume_token
    db_session.commit()

    def work(session: Session) -> object:
        mine = attempts.by_token(session, token)
        assert mine is not None
        return attempts.finish(session, mine)

    results = _race(engine, work)
    assert sorted(map(str, results)) == ["False", "False", "False", "True"], results
