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
from question_bank.bank import normalise_join_code
from question_bank.models import Article, Attempt, Quiz
from quizapp.db import begin_read, end_read, get_session
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


def _load(db: Session, code: str) -> tuple[Quiz, attempts.AttemptState | None]:
    """The quiz (404 if unknown) and this browser's attempt in it with its items and answers:
    two statements when the question cache is warm."""
    quiz, attempt = attempts.quiz_and_attempt(db, code, service.remembered_tokens())
    if quiz is None:
        abort(404)
    if attempt is None:
        return quiz, None
    return quiz, attempts.attempt_state(db, attempt)


def _to_join(quiz: Quiz) -> Response:
    flash("Please join the quiz first.")
    return redirect(url_for("student.join", code=quiz.join_code))


def _where_next(state: attempts.AttemptState) -> str:
    """The URL this attempt continues at: the first unanswered question, else the summary."""
    attempt = state.attempt
    position = state.first_unanswered()
    if position is None or attempt.finished_at is not None:
        return url_for("student.summary", code=attempt.quiz.join_code)
    return url_for("student.question", code=attempt.quiz.join_code, n=position)


def _item(state: attempts.AttemptState, n: int) -> attempts.ItemView:
    if n < 1 or n > len(state.items):
        abort(404)
    return state.items[n - 1]


def _render_question(
    state: attempts.AttemptState,
    n: int,
    *,
    chosen: int | None = None,
    message: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    attempt = state.attempt
    item = state.items[n - 1]
    html = render_template(
        "student/question.html",
        quiz=attempt.quiz,
        attempt=attempt,
        n=n,
        total=len(state.items),
        question=item.question,
        options=attempts.ordered_option_views(attempt, item),
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
            quiz, attempt = attempts.quiz_and_attempt(db, code, service.remembered_tokens())
            if quiz is None:
                form.code.errors = [UNKNOWN_CODE]
                status = 404
            else:
                if attempt is not None and attempt.finished_at is None:
                    return redirect(_where_next(attempts.attempt_state(db, attempt)))
                finished = attempt
                if not quiz.is_open:
                    form.code.errors = [CLOSED]
    elif form.validate_on_submit():
        begin_read(db)  # read outside the write transaction; the insert below is short
        quiz, mine = attempts.quiz_and_attempt(
            db, form.code.data or "", service.remembered_tokens()
        )
        nickname = form.nickname.data or ""
        if quiz is None:
            form.code.errors = [UNKNOWN_CODE]
        elif not quiz.is_open:
            form.code.errors = [CLOSED]
        elif (
            mine is not None
            and mine.finished_at is None
            and mine.nickname_key == nicknames.key(nickname)
        ):
            return redirect(url_for("student.join", code=quiz.join_code))
        else:
            items = attempts.quiz_items(db, quiz)
            end_read(db)  # the write transaction begins at the next statement
            try:
                attempt = attempts.start_attempt_fast(db, quiz, items, nickname, _rng)
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
    quiz, state = _load(get_session(), code)
    if state is None:
        return _to_join(quiz)
    attempt = state.attempt
    item = _item(state, n)
    if item.id in state.answered and attempts.show_feedback_now(attempt):
        return redirect(url_for("student.feedback", code=quiz.join_code, n=n))
    if attempt.finished_at is not None:
        return redirect(url_for("student.summary", code=quiz.join_code))
    if state.first_unanswered() != n:
        return redirect(_where_next(state))
    if not quiz.is_open:
        return render_template("student/closed.html", quiz=quiz, attempt=attempt), 403
    return _render_question(state, n)


@bp.route("/q/<code>/<int:n>", methods=["POST"])
@csrf.exempt  # checked below, so an expired token re-shows the question with the choice kept
def answer(code: str, n: int) -> View:
    """Store the chosen answer once, then redirect to feedback or the next question (PRG).

    Everything is read first (SQLite: BEGIN DEFERRED, no write lock); the write transaction
    then only checks the attempt again, inserts the answer (and finishes the attempt after
    the last one) and commits before the redirect acknowledges it.
    """
    db = get_session()
    begin_read(db)
    quiz, state = _load(db, code)
    end_read(db)
    if state is None:
        return _to_join(quiz)
    attempt = state.attempt
    item = _item(state, n)
    values = request.form.getlist("option")
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        try:
            chosen: int | None = attempts.parse_choice(values)
        except attempts.InvalidChoice:
            chosen = None
        return _render_question(state, n, chosen=chosen, message=PRESS_AGAIN, status=400)
    if attempt.finished_at is not None:
        flash(FINISHED)
        return redirect(url_for("student.summary", code=quiz.join_code))
    try:
        created = attempts.store_answer(db, state, item, attempts.parse_choice(values))
        db.commit()
    except attempts.InvalidChoice as error:
        db.rollback()
        return _render_question(state, n, message=str(error), status=400)
    except attempts.AttemptFinished:
        db.rollback()
        flash(FINISHED)
        return redirect(url_for("student.summary", code=quiz.join_code))
    except attempts.QuizClosed:
        db.rollback()
        return render_template("student/closed.html", quiz=quiz, attempt=attempt), 403
    if not created:
        flash(ALREADY)
    if attempts.show_feedback_now(attempt):
        return redirect(url_for("student.feedback", code=quiz.join_code, n=n))
    if created and attempt.finished_at is None:
        flash("Your answer is saved.")
    return redirect(_where_next(state))


@bp.route("/q/<code>/<int:n>/feedback")
def feedback(code: str, n: int) -> View:
    """Right or wrong in words, the explanation, the quote and a link into the article."""
    quiz, state = _load(get_session(), code)
    if state is None:
        return _to_join(quiz)
    item = _item(state, n)
    answer_row = state.answered.get(item.id)
    if answer_row is None or not attempts.show_feedback_now(state.attempt):
        return redirect(_where_next(state))
    question_row = item.question
    chosen = next((o for o in question_row.options if o.id == answer_row.option_id), None)
    return render_template(
        "student/feedback.html",
        quiz=quiz,
        attempt=state.attempt,
        n=n,
        total=len(state.items),
        question=question_row,
        response={"correct": answer_row.correct, "option": chosen},
        right=question_row.correct_option,
        article_url=_article_link(
            quiz, question_row.article_id, question_row.sentence_index, str(n)
        ),
        next_url=_where_next(state),
        is_last=state.first_unanswered() is None,
    )


@bp.route("/q/<code>/done")
def summary(code: str) -> View:
    """The score, and every question with the student's answer, the right one and why."""
    quiz, state = _load(get_session(), code)
    if state is None:
        return _to_join(quiz)
    attempt = state.attempt
    if attempt.finished_at is None and state.first_unanswered() is not None:
        return redirect(_where_next(state))
    result = attempts.summary_from_state(state)
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
    quiz, attempt = attempts.quiz_and_attempt(db, code, service.remembered_tokens())
    if quiz is None:
        abort(404)
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
    quiz, state = _load(db, code)
    if state is None:
        return _to_join(quiz)
    attempt, items = state.attempt, state.items
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
        back_url = _where_next(state)
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
