"""A quiz's results as CSV, streamed: long form (one row per response) or wide form (one row
per attempt, like Moodle's grades report and Canvas's student analysis).

Spreadsheet safety (docs/security.md item 20, OWASP CSV injection): UTF-8 with a BOM so Excel
reads accents, every field quoted, and every user-supplied cell (quiz title, nickname, question
and option texts) that starts with ``= + - @``, a tab, CR or LF, or that contains a NUL, gets a
leading apostrophe (NULs become U+FFFD), so no cell is ever run as a formula. The file reads
back through :func:`csv.reader` to exactly the rows written.

Memory stays flat whatever the number of responses: the rows come from one ``yield_per`` query
(a server-side cursor on PostgreSQL), only the quiz's questions and options are held in
dictionaries, and the CSV leaves in chunks of about :data:`CHUNK_BYTES`.
:func:`iter_results_csv` gives those chunks for a streaming HTTP response (keep the session open
until the iterator is exhausted); :func:`write_results_csv` writes them to a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.models import Attempt, Option, Question, Quiz, QuizItem, Response

BOM = "\ufeff"
CHUNK_BYTES = 64 * 1024
YIELD_PER = 1000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

LONG_HEADER = (
    "quiz",
    "join code",
    "attempt id",
    "nickname",
    "started_at",
    "finished_at",
    "question number",
    "question id",
    "question version",
    "question text",
    "response",
    "correct",
    "points",
)
WIDE_FIXED_HEADER = (
    "nickname",
    "started",
    "finished",
    "duration (seconds)",
    "score",
    "max score",
)


def neutralise(value: str) -> str:
    """A user-supplied cell made inert in spreadsheets (OWASP: leading apostrophe)."""
    if "\x00" in value:
        return "'" + value.replace("\x00", "\ufffd")
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def iso_utc(moment: datetime | None) -> str:
    """``2024-05-01T09:30:00Z`` (stored datetimes are naive UTC); empty when missing."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z"


def results_filename(quiz: Quiz, *, wide: bool, today: date | None = None) -> str:
    """A server-chosen, safe download name: ``results-<CODE>-<yyyymmdd>[-wide].csv``."""
    code = "".join(ch for ch in quiz.join_code.upper() if ch.isascii() and ch.isalnum())
    day = (today or datetime.now(UTC).date()).strftime("%Y%m%d")
    return f"results-{code or 'quiz'}-{day}{'-wide' if wide else ''}.csv"


@dataclass(frozen=True)
class _Item:
    number: int
    question_id: int
    version: int
    text: str


def _items(session: Session, quiz: Quiz) -> dict[int, _Item]:
    rows = session.execute(
        select(QuizItem.id, QuizItem.position, Question.id, Question.version, Question.stem)
        .join(Question, QuizItem.question_id == Question.id)
        .where(QuizItem.quiz_id == quiz.id)
        .order_by(QuizItem.position, QuizItem.id)
    )
    return {
        item_id: _Item(number, qid, version, neutralise(stem))
        for number, (item_id, _pos, qid, version, stem) in enumerate(rows, start=1)
    }


def _option_texts(session: Session, quiz: Quiz) -> dict[int, str]:
    """Neutralised texts of every option a response of this quiz can point to."""
    question_ids = (
        select(Response.question_id).join(Attempt).where(Attempt.quiz_id == quiz.id).distinct()
    )
    item_questions = select(QuizItem.question_id).where(QuizItem.quiz_id == quiz.id)
    rows = session.execute(
        select(Option.id, Option.text).where(
            Option.question_id.in_(item_questions) | Option.question_id.in_(question_ids)
        )
    )
    return {option_id: neutralise(text) for option_id, text in rows}


def _long_rows(session: Session, quiz: Quiz) -> Iterator[Sequence[object]]:
    items = _items(session, quiz)
    options = _option_texts(session, quiz)
    title, code = neutralise(quiz.title), quiz.join_code
    query = (
        select(
            Attempt.id,
            Attempt.nickname,
            Attempt.started_at,
            Attempt.finished_at,
            Response.quiz_item_id,
            Response.option_id,
            Response.correct,
        )
        .join(Attempt, Response.attempt_id == Attempt.id)
        .join(QuizItem, Response.quiz_item_id == QuizItem.id)
        .where(Attempt.quiz_id == quiz.id)
        .order_by(Attempt.id, QuizItem.position, QuizItem.id)
        .execution_options(yield_per=YIELD_PER)
    )
    last_attempt: int | None = None
    nickname = started = finished = ""
    for attempt_id, nick, started_at, finished_at, item_id, option_id, correct in session.execute(
        query
    ):
        if attempt_id != last_attempt:
            last_attempt = attempt_id
            nickname = neutralise(nick)
            started, finished = iso_utc(started_at), iso_utc(finished_at)
        item = items[item_id]
        mark = 1 if correct else 0
        yield (
            title,
            code,
            attempt_id,
            nickname,
            started,
            finished,
            item.number,
            item.question_id,
            item.version,
            item.text,
            options.get(option_id, ""),
            mark,
            mark,
        )


def _wide_header(items: dict[int, _Item]) -> tuple[str, ...]:
    per_question = []
    for item in items.values():
        per_question += [f"Q{item.number} response", f"Q{item.number} correct"]
    return (*WIDE_FIXED_HEADER, *per_question)


def _wide_rows(session: Session, quiz: Quiz, items: dict[int, _Item]) -> Iterator[Sequence[object]]:
    options = _option_texts(session, quiz)
    slot = {item_id: 2 * (item.number - 1) for item_id, item in items.items()}
    width = 2 * len(items)
    query = (
        select(
            Attempt.id,
            Attempt.nickname,
            Attempt.started_at,
            Attempt.finished_at,
            Response.quiz_item_id,
            Response.option_id,
            Response.correct,
        )
        .outerjoin(Response, Response.attempt_id == Attempt.id)
        .where(Attempt.quiz_id == quiz.id)
        .order_by(Attempt.id)
        .execution_options(yield_per=YIELD_PER)
    )
    current: int | None = None
    head: tuple[str, datetime | None, datetime | None] = ("", None, None)
    answers: list[object] = []
    score = 0

    def row() -> Sequence[object]:
        nickname, started_at, finished_at = head
        duration: object = ""
        if started_at is not None and finished_at is not None:
            duration = max(0, round((finished_at - started_at).total_seconds()))
        return (
            neutralise(nickname),
            iso_utc(started_at),
            iso_utc(finished_at),
            duration,
            score,
            len(items),
            *answers,
        )

    for attempt_id, nick, started_at, finished_at, item_id, option_id, correct in session.execute(
        query
    ):
        if attempt_id != current:
            if current is not None:
                yield row()
            current, head = attempt_id, (nick, started_at, finished_at)
            answers, score = [""] * width, 0
        if item_id is not None and item_id in slot:
            at = slot[item_id]
            answers[at] = options.get(option_id, "")
            answers[at + 1] = 1 if correct else 0
            score += 1 if correct else 0
    if current is not None:
        yield row()


def _chunks(
    header: Sequence[object], rows: Iterator[Sequence[object]], counter: list[int]
) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
        if count % 256 == 0 and buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    counter.append(count)
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def _results(session: Session, quiz: Quiz, *, wide: bool, counter: list[int]) -> Iterator[bytes]:
    if wide:
        items = _items(session, quiz)
        return _chunks(_wide_header(items), _wide_rows(session, quiz, items), counter)
    return _chunks(LONG_HEADER, _long_rows(session, quiz), counter)


def iter_results_csv(session: Session, quiz: Quiz, *, wide: bool) -> Iterator[bytes]:
    """The results CSV as UTF-8 byte chunks (BOM first), for a streaming response."""
    return _results(session, quiz, wide=wide, counter=[])


def write_results_csv(session: Session, quiz: Quiz, handle: IO[bytes], *, wide: bool) -> int:
    """Write the quiz's results as CSV to ``handle``; returns the number of data rows."""
    counter: list[int] = []
    for chunk in _results(session, quiz, wide=wide, counter=counter):
        handle.write(chunk)
    return counter[0] if counter else 0
