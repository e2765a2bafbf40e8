"""Students: join a quiz with a code and a nickname, answer, learn from the article.

A student is known only by the resume token kept in their session cookie (one per quiz); no URL
or form field names an attempt, so nobody can reach another student's answers. GET requests
never change anything; every POST carries a CSRF token.
"""

from __future__ import annotations

import random

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import validate_csrf
from sqlalchemy.orm import Session, selectinload
from werkzeug.wrappers import Response
from wtforms.validators import ValidationError

from question_bank import attempts, nicknames
from question_bank.bank import normalise_join_code, quiz_by_code
from question_bank.models import Article, Attempt, Quiz, QuizItem
from question_bank.models import Response as AnswerRow
from quizapp.db import get_session
from quizapp.extensions import csrf
from quizapp.student import service
from quizapp.student.forms import JoinForm

bp = Blueprint("student", __name__)

_rng = random.SystemRandom()

UNKNOWN_CODE = "We could not find a quiz with that code. Check the code and try again."
CLOSED = "This quiz is closed now. Ask your teacher if you think it should be open."
PRESS_AGAIN = "Please press the button again. We kept your choice."
ALREADY = "You already answered this one, so we kept your first answer."
FINISHED = "You have finished this quiz. Your answers are saved and cannot change now."

View = str | Response | tuple[str, int]


def _quiz(db: Session, code: str) -> Quiz:
    quiz = quiz_by_code(db, code)
    if quiz is None:
        abort(404)
    return quiz


def _attempt(db: Session, quiz: Quiz) -> Attempt | None:
    return service.current_attempt(db, quiz)


def _to_join(quiz: Quiz) -> Response:
    flash("Please join the quiz first.")
    return redirect(url_for("student.join", code=quiz.join_code))


def _where_next(attempt: Attempt, items: list[QuizItem], answered: dict[int, AnswerRow]) -> str:
    """The URL this attempt continues at: the first unanswered question, else the summary."""
    position = attempts.first_unanswered(items, answered)
    if position is None or attempt.finished_at is not None:
        return url_for("student.summary", code=attempt.quiz.join_code)
    return url_for("student.question", code=attempt.quiz.join_code, n=position)


def _item(items: list[QuizItem], n: int) -> QuizItem:
    if n < 1 or n > len(items):
        abort(404)
    return items[n - 1]


def _render_question(
    attempt: Attempt,
    items: list[QuizItem],
    n: int,
    *,
    chosen: int | None = None,
    message: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    item = items[n - 1]
    html = render_template(
        "student/question.html",
        quiz=attempt.quiz,
        attempt=attempt,
        n=n,
        total=len(items),
        question=item.question,
        options=attempts.ordered_options(attempt, item),
        chosen=chosen,
        message=message,
        immediate=attempts.show_feedback_now(attempt),
    )
    return html, status


def _article_link(quiz: Quiz, article_id: int, sentence_index: int | None, back: str) -> str:
    if sentence_index is None:
        return url_for("student.article", code=quiz.join_code, article_id=article_id, back=back)
    return url_for(
        "student.article",
        code=quiz.join_code,
        article_id=article_id,
        hl=sentence_index,
        back=back,
        _anchor=f"s-{sentence_index}",
    )


# ---------------------------------------------------------------- joining


@bp.route("/join", methods=["GET", "POST"])
@bp.route("/join/<code>", methods=["GET", "POST"])
def join(code: str | None = None) -> View:
    """Join with a code and a nickname; a device already in the quiz continues where it was."""
    db = get_session()
    form = JoinForm()
    finished: Attempt | None = None
    status = 200
    if request.method == "GET":
        form.nickname.data = nicknames.generate(_rng)
        if code is not None:
            form.code.data = normalise_join_code(code)[:12]
            quiz = quiz_by_code(db, code)
            if quiz is None:
                form.code.errors = [UNKNOWN_CODE]
                status = 404
            else:
                attempt = _attempt(db, quiz)
                if attempt is not None and attempt.finished_at is None:
                    items = attempts.ordered_items(db, attempt)
                    answered = attempts.responses_by_item(db, attempt)
                    return redirect(_where_next(attempt, items, answered))
                finished = attempt
                if not quiz.is_open:
                    form.code.errors = [CLOSED]
    elif form.validate_on_submit():
        quiz = quiz_by_code(db, form.code.data or "")
        nickname = form.nickname.data or ""
        if quiz is None:
            form.code.errors = [UNKNOWN_CODE]
        elif not quiz.is_open:
            form.code.errors = [CLOSED]
        else:
            mine = _attempt(db, quiz)
            if (
                mine is not None
                and mine.finished_at is None
                and mine.nickname_key == nicknames.key(nickname)
            ):
                return redirect(url_for("student.join", code=quiz.join_code))
            try:
                attempt = attempts.start_attempt(db, quiz, nickname, _rng)
            except attempts.NicknameTaken as error:
                db.rollback()
                suggestion = nicknames.generate(_rng)
                form.nickname.errors = [
                    f"{error} Please choose another one. We picked “{suggestion}” for you: "
                    "press the button to use it, or type your own."
                ]
                form.nickname.data = suggestion
            except attempts.AttemptError as error:
                db.rollback()
                form.code.errors = [str(error)]
            else:
                db.commit()
                service.remember(attempt)
                return redirect(url_for("student.question", code=quiz.join_code, n=1))
    return render_template("student/join.html", form=form, finished=finished), status


# ---------------------------------------------------------------- answering


@bp.route("/q/<code>/<int:n>", methods=["GET"])
def question(code: str, n: int) -> View:
    """One question on its own screen (or, once answered, where the student goes next)."""
    db = get_session()
    quiz = _quiz(db, code)
    attempt = _attempt(db, quiz)
    if attempt is None:
        return _to_join(quiz)
    items = attempts.ordered_items(db, attempt)
    item = _item(items, n)
    answered = attempts.responses_by_item(db, attempt)
    if item.id in answered and attempts.show_feedback_now(attempt):
        return redirect(url_for("student.feedback", code=quiz.join_code, n=n))
    if attempt.finished_at is not None:
        return redirect(url_for("student.summary", code=quiz.join_code))
    first = attempts.first_unanswered(items, answered)
    if first != n:
        return redirect(_where_next(attempt, items, answered))
    if not quiz.is_open:
        return render_template("student/closed.html", quiz=quiz, attempt=attempt), 403
    return _render_question(attempt, items, n)


@bp.route("/q/<code>/<int:n>", methods=["POST"])
@csrf.exempt  # checked below, so an expired token re-shows the question with the choice kept
def answer(code: str, n: int) -> View:
    """Store the chosen answer once, then redirect to feedback or the next question (PRG)."""
    db = get_session()
    quiz = _quiz(db, code)
    attempt = _attempt(db, quiz)
    if attempt is None:
        return _to_join(quiz)
    items = attempts.ordered_items(db, attempt)
    item = _item(items, n)
    values = request.form.getlist("option")
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        try:
            chosen: int | None = attempts.parse_choice(values)
        except attempts.InvalidChoice:
            chosen = None
        return _render_question(attempt, items, n, chosen=chosen, message=PRESS_AGAIN, status=400)
    if attempt.finished_at is not None:
        flash(FINISHED)
        return redirect(url_for("student.summary", code=quiz.join_code))
    try:
        result = attempts.record_answer(db, attempt, item, attempts.parse_choice(values))
    except attempts.InvalidChoice as error:
        db.rollback()
        return _render_question(attempt, items, n, message=str(error), status=400)
    except attempts.AttemptFinished:
        db.rollback()
        flash(FINISHED)
        return redirect(url_for("student.summary", code=quiz.join_code))
    except attempts.QuizClosed:
        db.rollback()
        return render_template("student/closed.html", quiz=quiz, attempt=attempt), 403
    if not result.created:
        flash(ALREADY)
    answered = attempts.responses_by_item(db, attempt)
    if attempts.first_unanswered(items, answered) is None:
        attempts.finish(db, attempt)
    db.commit()
    if attempts.show_feedback_now(attempt):
        return redirect(url_for("student.feedback", code=quiz.join_code, n=n))
    if result.created and attempt.finished_at is None:
        flash("Your answer is saved.")
    return redirect(_where_next(attempt, items, answered))


@bp.route("/q/<code>/<int:n>/feedback")
def feedback(code: str, n: int) -> View:
    """Right or wrong in words, the explanation, the quote and a link into the article."""
    db = get_session()
    quiz = _quiz(db, code)
    attempt = _attempt(db, quiz)
    if attempt is None:
        return _to_join(quiz)
    items = attempts.ordered_items(db, attempt)
    item = _item(items, n)
    answered = attempts.responses_by_item(db, attempt)
    response = answered.get(item.id)
    if response is None:
        return redirect(_where_next(attempt, items, answered))
    if not attempts.show_feedback_now(attempt):
        return redirect(_where_next(attempt, items, answered))
    question_row = item.question
    next_url = _where_next(attempt, items, answered)
    return render_template(
        "student/feedback.html",
        quiz=quiz,
        attempt=attempt,
        n=n,
        total=len(items),
        question=question_row,
        response=response,
        right=question_row.correct_option,
        article_url=_article_link(
            quiz,
            question_row.article_id,
            attempts.evidence_sentence_index(question_row),
            str(n),
        ),
        next_url=next_url,
        is_last=attempts.first_unanswered(items, answered) is None,
    )


@bp.route("/q/<code>/done")
def summary(code: str) -> View:
    """The score, and every question with the student's answer, the right one and why."""
    db = get_session()
    quiz = _quiz(db, code)
    attempt = _attempt(db, quiz)
    if attempt is None:
        return _to_join(quiz)
    if attempt.finished_at is None:
        items = attempts.ordered_items(db, attempt)
        answered = attempts.responses_by_item(db, attempt)
        if attempts.first_unanswered(items, answered) is not None:
            return redirect(_where_next(attempt, items, answered))
    result = attempts.summary(db, attempt)
    links = {
        row.position: _article_link(quiz, row.article_id, row.sentence_index, "summary")
        for row in result.items
    }
    return render_template(
        "student/summary.html",
        quiz=quiz,
        attempt=attempt,
        result=result,
        links=links,
        can_try_again=attempts.can_try_again(attempt),
    )


@bp.route("/q/<code>/again", methods=["POST"])
def try_again(code: str) -> View:
    """Start the next attempt (same nickname) when the quiz allows more than one."""
    db = get_session()
    quiz = _quiz(db, code)
    attempt = _attempt(db, quiz)
    if attempt is None:
        return _to_join(quiz)
    try:
        new = attempts.try_again(db, attempt, _rng)
    except attempts.AttemptError as error:
        db.rollback()
        flash(str(error))
        return redirect(url_for("student.summary", code=quiz.join_code))
    db.commit()
    service.remember(new)
    return redirect(url_for("student.question", code=quiz.join_code, n=1))


# ---------------------------------------------------------------- the article


@bp.route("/q/<code>/article/<int:article_id>")
def article(code: str, article_id: int) -> View:
    """The article of a question, with the proving sentence highlighted (no JavaScript)."""
    db = get_session()
    quiz = _quiz(db, code)
    attempt = _attempt(db, quiz)
    if attempt is None:
        return _to_join(quiz)
    items = attempts.ordered_items(db, attempt)
    if article_id not in {i.question.article_id for i in items}:
        abort(404)
    row = db.get(Article, article_id, options=[selectinload(Article.sentences)])
    if row is None:  # pragma: no cover - the quiz item holds it
        abort(404)
    indexes = {s.index for s in row.sentences}
    hl_arg = request.args.get("hl", "")
    highlight = int(hl_arg) if hl_arg.isascii() and hl_arg.isdigit() else None
    if highlight not in indexes:
        highlight = None
    back_arg = request.args.get("back", "")
    if back_arg.isascii() and back_arg.isdigit() and 1 <= int(back_arg) <= len(items):
        back_url = url_for("student.question", code=quiz.join_code, n=int(back_arg))
        back_label = "Back to the question"
    elif attempt.finished_at is not None:
        back_url = url_for("student.summary", code=quiz.join_code)
        back_label = "Back to my score"
    else:
        answered = attempts.responses_by_item(db, attempt)
        back_url = _where_next(attempt, items, answered)
        back_label = "Back to the quiz"
    return render_template(
        "student/article.html",
        quiz=quiz,
        article=row,
        paragraphs=service.article_paragraphs(row.text, list(row.sentences)),
        highlight=highlight,
        back_url=back_url,
        back_label=back_label,
    )
