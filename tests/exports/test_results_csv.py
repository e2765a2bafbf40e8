"""Results CSV: shape (long and wide), BOM, quoting, formula neutralising, streaming."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable
from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from question_bank import exports
from question_bank.exports.results_csv import LONG_HEADER, neutralise, results_filename
from question_bank.models import Article, Attempt, Question, QuestionKind, Quiz, Response, Teacher

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://x.io","a")',
    "@SUM(1)",
    "-2+3",
    "+1",
    "\tTAB",
    "\rCR",
    "\nLF",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_get_a_leading_apostrophe(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Zoë 🚀", "1+1", "a=b", "'quoted", "", " =1", "ａ"])
def test_ordinary_cells_are_left_alone(value: str) -> None:
    assert neutralise(value) == value


def test_nul_is_neutralised_and_replaced() -> None:
    assert neutralise("a\x00b") == "'a\ufffdb"


T0 = datetime(2024, 5, 1, 9, 30, 0)


def _attempt(
    db: Session, quiz: Quiz, nickname: str, started: datetime, finished: datetime | None
) -> Attempt:
    attempt = Attempt(
        quiz=quiz,
        nickname=nickname,
        nickname_key=f"{nickname.casefold()}-{secrets.token_hex(4)}",
        resume_token=secrets.token_hex(16),
        started_at=started,
        finished_at=finished,
        max_score=len(quiz.items),
    )
    db.add(attempt)
    db.flush()
    return attempt


def _answer(db: Session, attempt: Attempt, quiz: Quiz, number: int, option_index: int) -> None:
    item = quiz.items[number - 1]
    option = item.question.options[option_index]
    db.add(
        Response(
            attempt=attempt,
            quiz_item=item,
            question_id=item.question_id,
            option_id=option.id,
            correct=option.is_correct,
        )
    )


@pytest.fixture()
def results_quiz(
    db_session: Session,
    teacher: Teacher,
    make_article: Callable[..., Article],
    make_question: Callable[..., Question],
    make_quiz: Callable[..., Quiz],
) -> Quiz:
    """Three questions; attempts by formula-looking nicknames, one unfinished, one empty."""
    article = make_article(teacher)
    q1 = make_question(article)
    q2 = make_question(
        article,
        stem="-2+3 students entered?",
        options=("=SUM(A1:A9)", "Forty-two", "@twelve"),
        correct=1,
        sentence_index=2,
    )
    q3 = make_question(
        article,
        stem='The fair was on "Friday", in the hall.',
        options=("True", "False"),
        kind=QuestionKind.TRUE_FALSE,
        sentence_index=0,
    )
    quiz = make_quiz(teacher, [q1, q2, q3], title='=Week 5, "café" quiz')
    first = _attempt(db_session, quiz, "=1+1", T0, datetime(2024, 5, 1, 9, 34, 5))
    _answer(db_session, first, quiz, 1, 0)  # right
    _answer(db_session, first, quiz, 2, 0)  # wrong: "=SUM(A1:A9)"
    _answer(db_session, first, quiz, 3, 0)  # right
    second = _attempt(db_session, quiz, '@SUM(1) Zoë "🚀"', datetime(2024, 5, 1, 9, 31), None)
    _answer(db_session, second, quiz, 3, 1)  # wrong, only question 3 so far
    _attempt(db_session, quiz, "-2+3", datetime(2024, 5, 1, 9, 32), None)  # nothing answered
    db_session.commit()
    return quiz


def _write(db: Session, quiz: Quiz, *, wide: bool) -> tuple[bytes, int]:
    handle = io.BytesIO()
    count = exports.write_results_csv(db, quiz, handle, wide=wide)
    return handle.getvalue(), count


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM missing"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_long_form_one_row_per_response(db_session: Session, results_quiz: Quiz) -> None:
    quiz = results_quiz
    data, count = _write(db_session, quiz, wide=False)
    rows = _read(data)
    assert count == 4 and len(rows) == 5
    assert tuple(rows[0]) == LONG_HEADER
    q1, q2, q3 = (item.question for item in quiz.items)
    first_id, second_id = (a.id for a in sorted(quiz.attempts, key=lambda a: a.id)[:2])
    title = '\'=Week 5, "café" quiz'
    code = quiz.join_code
    started, finished = "2024-05-01T09:30:00Z", "2024-05-01T09:34:05Z"
    assert rows[1:] == [
        [title, code, str(first_id), "'=1+1", started, finished, "1", str(q1.id), "1",
         q1.stem, "Maya Patel", "1", "1"],
        [title, code, str(first_id), "'=1+1", started, finished, "2", str(q2.id), "1",
         "'-2+3 students entered?", "'=SUM(A1:A9)", "0", "0"],
        [title, code, str(first_id), "'=1+1", started, finished, "3", str(q3.id), "1",
         q3.stem, "True", "1", "1"],
        [title, code, str(second_id), '\'@SUM(1) Zoë "🚀"', "2024-05-01T09:31:00Z", "", "3",
         str(q3.id), "1", q3.stem, "False", "0", "0"],
    ]  # fmt: skip


def test_wide_form_one_row_per_attempt(db_session: Session, results_quiz: Quiz) -> None:
    data, count = _write(db_session, results_quiz, wide=True)
    rows = _read(data)
    assert count == 3
    assert rows == [
        ["nickname", "started", "finished", "duration (seconds)", "score", "max score",
         "Q1 response", "Q1 correct", "Q2 response", "Q2 correct", "Q3 response", "Q3 correct"],
        ["'=1+1", "2024-05-01T09:30:00Z", "2024-05-01T09:34:05Z", "245", "2", "3",
         "Maya Patel", "1", "'=SUM(A1:A9)", "0", "True", "1"],
        ['\'@SUM(1) Zoë "🚀"', "2024-05-01T09:31:00Z", "", "", "0", "3",
         "", "", "", "", "False", "0"],
        ["'-2+3", "2024-05-01T09:32:00Z", "", "", "0", "3", "", "", "", "", "", ""],
    ]  # fmt: skip


@pytest.mark.parametrize("wide", [False, True])
def test_every_field_is_quoted_and_no_cell_starts_a_formula(
    db_session: Session, results_quiz: Quiz, wide: bool
) -> None:
    data, _ = _write(db_session, results_quiz, wide=wide)
    text = data.decode("utf-8-sig")
    for line in text.split("\r\n")[:-1]:
        # QUOTE_ALL: every record starts and ends with a quote, fields joined by '","'.
        assert line.startswith('"') and line.endswith('"'), line
    for row in _read(data):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), row


@pytest.mark.parametrize("nickname", FORMULAS)
def test_formula_corpus_nicknames_are_neutralised(
    db_session: Session, results_quiz: Quiz, nickname: str
) -> None:
    _attempt(db_session, results_quiz, nickname, T0, None)
    db_session.commit()
    data, _ = _write(db_session, results_quiz, wide=True)
    nicknames = [row[0] for row in _read(data)[1:]]
    assert "'" + nickname in nicknames


@pytest.mark.parametrize("wide", [False, True])
def test_streaming_gives_the_same_bytes_as_the_file_writer(
    db_session: Session, results_quiz: Quiz, wide: bool
) -> None:
    data, _ = _write(db_session, results_quiz, wide=wide)
    chunks = list(exports.iter_results_csv(db_session, results_quiz, wide=wide))
    assert all(isinstance(c, bytes) for c in chunks)
    assert b"".join(chunks) == data


def test_large_results_come_in_several_chunks(db_session: Session, results_quiz: Quiz) -> None:
    quiz = results_quiz
    for i in range(400):
        attempt = _attempt(db_session, quiz, f"kid{i}", T0, None)
        for number in (1, 2, 3):
            _answer(db_session, attempt, quiz, number, i % 2)
    db_session.commit()
    chunks = list(exports.iter_results_csv(db_session, quiz, wide=False))
    assert len(chunks) > 1 and chunks[0].startswith(b"\xef\xbb\xbf")
    assert not any(c.startswith(b"\xef\xbb\xbf") for c in chunks[1:])
    rows = _read(b"".join(chunks))
    assert len(rows) == 1 + 4 + 400 * 3


def test_empty_quiz_has_header_only(
    db_session: Session,
    teacher: Teacher,
    make_article: Callable[..., Article],
    make_question: Callable[..., Question],
    make_quiz: Callable[..., Quiz],
) -> None:
    quiz = make_quiz(teacher, [make_question(make_article(teacher))])
    data, count = _write(db_session, quiz, wide=False)
    assert count == 0 and _read(data) == [list(LONG_HEADER)]
    data, count = _write(db_session, quiz, wide=True)
    assert count == 0 and len(_read(data)) == 1


def test_results_filename_is_server_chosen_and_safe(results_quiz: Quiz) -> None:
    name = results_filename(results_quiz, wide=False, today=date(2024, 5, 1))
    assert name == f"results-{results_quiz.join_code}-20240501.csv"
    assert results_filename(results_quiz, wide=True, today=date(2024, 5, 1)).endswith("-wide.csv")
    results_quiz.join_code = '../"x\r\n'
    assert results_filename(results_quiz, wide=False, today=date(2024, 5, 1)) == (
        "results-X-20240501.csv"
    )
    assert exports.results_filename(results_quiz, wide=False).startswith("results-X-")
