"""Direct builders for attempts and responses (no student views needed), shared by these tests."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from question_bank.models import Attempt, Quiz, Response


def add_attempt(
    session: Session,
    quiz: Quiz,
    nickname: str = "Otter",
    *,
    started_at: datetime | None = None,
    finished_at: datetime | None = None,
    answer_all: bool = True,
) -> Attempt:
    """An attempt at ``quiz`` (answering every item with its first option) committed."""
    attempt = Attempt(
        quiz=quiz,
        nickname=nickname,
        nickname_key=nickname.casefold(),
        resume_token=secrets.token_hex(16),
        item_order=[item.id for item in quiz.items],
        max_score=len(quiz.items),
    )
    if started_at is not None:
        attempt.started_at = started_at
    attempt.finished_at = finished_at
    session.add(attempt)
    session.flush()
    if answer_all:
        for item in quiz.items:
            option = item.question.options[0]
            session.add(
                Response(
                    attempt=attempt,
                    quiz_item_id=item.id,
                    question_id=item.question_id,
                    option_id=option.id,
                    correct=option.is_correct,
                )
            )
    session.commit()
    return attempt
