"""Data retention: delete students' attempts when they are no longer needed.

A student is a join code, a nickname and answers; these functions remove them. They take a
``Session``, flush, and never commit: the caller (a teacher's request, ``quizapp purge``) owns
the transaction and commits once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from question_bank.models import Attempt, LoginFailure, Quiz, Response, utcnow

LOGIN_FAILURE_WINDOW = timedelta(hours=1)


class RetentionError(ValueError):
    """A retention request was refused; the message is meant for the user."""


@dataclass(frozen=True)
class PurgeResult:
    """What a purge removed (or, for a dry run, would remove)."""

    cutoff: datetime
    attempts: int
    responses: int
    login_failures: int
    dry_run: bool = False


def _delete_attempts(session: Session, attempt_ids: list[int]) -> tuple[int, int]:
    """Delete these attempts and their responses; return (attempts, responses) deleted."""
    attempts = responses = 0
    # In chunks: SQLite limits the number of bound parameters in one statement.
    for start in range(0, len(attempt_ids), 500):
        chunk = attempt_ids[start : start + 500]
        result = session.execute(
            delete(Response)
            .where(Response.attempt_id.in_(chunk))
            .execution_options(synchronize_session=False)
        )
        responses += int(getattr(result, "rowcount", 0) or 0)
        result = session.execute(
            delete(Attempt)
            .where(Attempt.id.in_(chunk))
            .execution_options(synchronize_session=False)
        )
        attempts += int(getattr(result, "rowcount", 0) or 0)
    return attempts, responses


def _forget_deleted(session: Session, attempt_ids: set[int]) -> None:
    """Remove deleted rows from the identity map so later reads never see stale objects."""
    for obj in list(session.identity_map.values()):
        if (isinstance(obj, Attempt) and obj.id in attempt_ids) or (
            isinstance(obj, Response) and obj.attempt_id in attempt_ids
        ):
            session.expunge(obj)


def count_quiz_results(session: Session, quiz: Quiz) -> int:
    """How many attempts (students' goes) a quiz has."""
    return int(
        session.scalar(select(func.count()).select_from(Attempt).where(Attempt.quiz_id == quiz.id))
        or 0
    )


def delete_quiz_results(session: Session, quiz: Quiz) -> int:
    """Delete every attempt and response of ``quiz`` (the teacher's "delete results" button).

    The quiz itself and its questions stay. Returns the number of attempts deleted. Flushes only.
    """
    if quiz.id is None:
        raise RetentionError("This quiz has not been saved yet.")
    session.flush()
    ids = list(session.scalars(select(Attempt.id).where(Attempt.quiz_id == quiz.id)))
    attempts, _responses = _delete_attempts(session, ids)
    _forget_deleted(session, set(ids))
    session.expire(quiz, ["attempts"])
    session.flush()
    return attempts


def cutoff_for(days: int, now: datetime | None = None) -> datetime:
    """The moment before which attempts are older than ``days`` days."""
    if days < 1:
        raise RetentionError("Keep results for at least one day.")
    return (now or utcnow()) - timedelta(days=days)


def purge_old_attempts(
    session: Session, days: int, *, now: datetime | None = None, dry_run: bool = False
) -> PurgeResult:
    """Delete attempts (with their responses) older than ``days`` days, and expired
    login-failure records. With ``dry_run`` nothing is deleted; the counts say what would be.

    An attempt's age is counted from when it finished (or started, if it never finished).
    Flushes only.
    """
    cutoff = cutoff_for(days, now)
    session.flush()
    ids = list(
        session.scalars(
            select(Attempt.id).where(
                func.coalesce(Attempt.finished_at, Attempt.started_at) < cutoff
            )
        )
    )
    failures_cutoff = (now or utcnow()) - LOGIN_FAILURE_WINDOW
    if dry_run:
        responses = 0
        for start in range(0, len(ids), 500):
            responses += int(
                session.scalar(
                    select(func.count())
                    .select_from(Response)
                    .where(Response.attempt_id.in_(ids[start : start + 500]))
                )
                or 0
            )
        failures = int(
            session.scalar(
                select(func.count())
                .select_from(LoginFailure)
                .where(LoginFailure.failed_at < failures_cutoff)
            )
            or 0
        )
        return PurgeResult(cutoff, len(ids), responses, failures, dry_run=True)
    attempts, responses = _delete_attempts(session, ids)
    result = session.execute(
        delete(LoginFailure)
        .where(LoginFailure.failed_at < failures_cutoff)
        .execution_options(synchronize_session=False)
    )
    failures = int(getattr(result, "rowcount", 0) or 0)
    _forget_deleted(session, set(ids))
    session.flush()
    return PurgeResult(cutoff, attempts, responses, failures)
