"""Item statistics for a quiz, with Moodle's classic formulas.

- Facility index: the mean score fraction on the item (1 for a correct answer, 0 for a wrong
  or missing one) over the finished attempts.
- Discrimination index: rank the finished attempts by total score (ties by attempt id), take the
  top third and the bottom third (``n // 3`` attempts each), and subtract the bottom group's
  mean item score from the top group's (as Moodle's quiz statistics did). Undefined under 3
  attempts.
- Discriminative efficiency: the discrimination index divided by the largest index possible
  for an item answered correctly this many times (all correct answers in the top group).
- "Needs checking" flags: key possibly wrong (a distractor chosen by more top scorers than the
  key), a distractor never chosen (with at least 5 responses), far too easy (facility > 0.9) or
  too hard (< 0.2), the last two also only from 5 responses on.

The core (:func:`item_statistics`) is a pure function over plain records; :func:`quiz_statistics`
loads them from the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from question_bank.models import Attempt, Question, Quiz, QuizItem

MIN_RESPONSES_FOR_FLAGS = 5
TOO_EASY = 0.9
TOO_HARD = 0.2

FLAG_KEY = "Key possibly wrong: top scorers chose {option!r} more often than the key."
FLAG_UNCHOSEN = "Distractor never chosen: {option!r}."
FLAG_EASY = "Far too easy: facility {facility:.0%} (above 90%)."
FLAG_HARD = "Too hard: facility {facility:.0%} (below 20%)."


@dataclass(frozen=True)
class OptionInfo:
    option_id: int
    text: str
    is_correct: bool


@dataclass(frozen=True)
class ItemInfo:
    item_id: int
    number: int  # 1-based position in the quiz
    question_id: int
    stem: str
    options: tuple[OptionInfo, ...]


@dataclass(frozen=True)
class AttemptRecord:
    attempt_id: int
    # quiz item id -> (chosen option id, correct)
    answers: Mapping[int, tuple[int, bool]]

    @property
    def total(self) -> int:
        return sum(1 for _option, correct in self.answers.values() if correct)


@dataclass(frozen=True)
class OptionStat:
    option_id: int
    text: str
    is_correct: bool
    count: int
    share: float  # of the item's responses
    top_count: int  # chosen by the top third


@dataclass(frozen=True)
class ItemStats:
    item_id: int
    number: int
    question_id: int
    stem: str
    responses: int
    facility: float | None
    discrimination: float | None
    efficiency: float | None
    options: tuple[OptionStat, ...]
    flags: tuple[str, ...]

    @property
    def needs_checking(self) -> bool:
        return bool(self.flags)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def item_statistics(
    items: Sequence[ItemInfo], attempts: Sequence[AttemptRecord]
) -> list[ItemStats]:
    """Statistics per item over ``attempts`` (the finished attempts of one quiz)."""
    n = len(attempts)
    ranked = sorted(attempts, key=lambda a: (-a.total, a.attempt_id))
    group = n // 3
    top = ranked[:group]
    bottom = ranked[n - group :] if group else []
    result: list[ItemStats] = []
    for item in items:

        def score(a: AttemptRecord, item_id: int = item.item_id) -> float:
            answer = a.answers.get(item_id)
            return 1.0 if answer is not None and answer[1] else 0.0

        answered = [a.answers[item.item_id] for a in attempts if item.item_id in a.answers]
        responses = len(answered)
        facility = _mean([score(a) for a in attempts]) if n else None
        discrimination: float | None = None
        efficiency: float | None = None
        if group:
            discrimination = _mean([score(a) for a in top]) - _mean([score(a) for a in bottom])
            k = sum(1 for a in attempts if score(a))
            best = (min(k, group) - max(0, k - (n - group))) / group
            efficiency = discrimination / best if best > 0 else None
        counts = {o.option_id: 0 for o in item.options}
        for option_id, _correct in answered:
            counts[option_id] = counts.get(option_id, 0) + 1
        top_counts = {o.option_id: 0 for o in item.options}
        for a in top:
            answer = a.answers.get(item.item_id)
            if answer is not None:
                top_counts[answer[0]] = top_counts.get(answer[0], 0) + 1
        option_stats = tuple(
            OptionStat(
                option_id=o.option_id,
                text=o.text,
                is_correct=o.is_correct,
                count=counts.get(o.option_id, 0),
                share=counts.get(o.option_id, 0) / responses if responses else 0.0,
                top_count=top_counts.get(o.option_id, 0),
            )
            for o in item.options
        )
        flags: list[str] = []
        key_top = sum(s.top_count for s in option_stats if s.is_correct)
        for s in option_stats:
            if not s.is_correct and s.top_count > key_top:
                flags.append(FLAG_KEY.format(option=s.text))
        if responses >= MIN_RESPONSES_FOR_FLAGS:
            for s in option_stats:
                if not s.is_correct and s.count == 0:
                    flags.append(FLAG_UNCHOSEN.format(option=s.text))
            if facility is not None and facility > TOO_EASY:
                flags.append(FLAG_EASY.format(facility=facility))
            if facility is not None and facility < TOO_HARD:
                flags.append(FLAG_HARD.format(facility=facility))
        result.append(
            ItemStats(
                item_id=item.item_id,
                number=item.number,
                question_id=item.question_id,
                stem=item.stem,
                responses=responses,
                facility=facility,
                discrimination=discrimination,
                efficiency=efficiency,
                options=option_stats,
                flags=tuple(flags),
            )
        )
    return result


@dataclass(frozen=True)
class QuizStats:
    items: list[ItemStats]
    finished: int
    scores: list[int]  # total score of each finished attempt
    max_score: int


def load_items(session: Session, quiz: Quiz) -> list[ItemInfo]:
    rows = session.scalars(
        select(QuizItem)
        .where(QuizItem.quiz_id == quiz.id)
        .order_by(QuizItem.position, QuizItem.id)
        .options(selectinload(QuizItem.question).selectinload(Question.options))
    )
    return [
        ItemInfo(
            item_id=item.id,
            number=n,
            question_id=item.question_id,
            stem=item.question.stem,
            options=tuple(OptionInfo(o.id, o.text, o.is_correct) for o in item.question.options),
        )
        for n, item in enumerate(rows, start=1)
    ]


def quiz_statistics(session: Session, quiz: Quiz) -> QuizStats:
    """Item statistics and the score distribution over ``quiz``'s finished attempts."""
    items = load_items(session, quiz)
    attempts = session.scalars(
        select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.finished_at.is_not(None))
        .order_by(Attempt.id)
        .options(selectinload(Attempt.responses))
    )
    records = [
        AttemptRecord(
            attempt_id=a.id,
            answers={r.quiz_item_id: (r.option_id, r.correct) for r in a.responses},
        )
        for a in attempts
    ]
    return QuizStats(
        items=item_statistics(items, records),
        finished=len(records),
        scores=[r.total for r in records],
        max_score=len(items),
    )
