"""The teacher blueprint, its login gate and the shared owner-scoped getter."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from flask import Blueprint, abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.models import Article, Attempt, Question, Quiz, QuizItem, Teacher
from quizapp.db import get_session
from quizapp.extensions import login_manager

bp = Blueprint("teacher", __name__, url_prefix="/teacher")

T = TypeVar("T", Article, Question, Quiz, QuizItem, Attempt)


@bp.before_request
def _require_teacher() -> Any:
    """Every teacher page needs a logged-in teacher: a route cannot forget it."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def db() -> Session:
    return get_session()


def teacher() -> Teacher:
    """The logged-in teacher's row (loaded in this request's session)."""
    return cast(Teacher, current_user.teacher)


def get_owned_or_404(model: type[T], object_id: int) -> T:
    """The object with this id if it belongs to the logged-in teacher; 404 otherwise.

    Another teacher's object gives the same 404 as a missing one: ids reveal nothing.
    """
    owner_id = teacher().id
    query: Any
    if model is Article or model is Quiz:
        query = select(model).where(model.id == object_id, model.owner_id == owner_id)
    elif model is Question:
        query = (
            select(Question)
            .join(Article, Question.article_id == Article.id)
            .where(Question.id == object_id, Article.owner_id == owner_id)
        )
    elif model is QuizItem:
        query = (
            select(QuizItem)
            .join(Quiz, QuizItem.quiz_id == Quiz.id)
            .where(QuizItem.id == object_id, Quiz.owner_id == owner_id)
        )
    elif model is Attempt:
        query = (
            select(Attempt)
            .join(Quiz, Attempt.quiz_id == Quiz.id)
            .where(Attempt.id == object_id, Quiz.owner_id == owner_id)
        )
    else:  # pragma: no cover - a programming error
        raise TypeError(f"no owner rule for {model!r}")
    found = db().scalar(query)
    if found is None:
        abort(404)
    return cast(T, found)
