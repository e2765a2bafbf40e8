"""The quiz builder: choose questions or the best N, order them, settings, join sheet."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from question_bank import bank as qbank
from question_bank import editing
from question_bank.models import Article, Question, QuestionStatus, Quiz
from quizapp.teacher.common import bp, db, get_owned_or_404, teacher
from quizapp.teacher.forms import (
    ActionForm,
    BestQuizForm,
    ChooseQuizForm,
    QuizSettingsFields,
    QuizSettingsForm,
    choices,
)


def _settings(form: QuizSettingsFields) -> qbank.QuizSettings:
    return qbank.QuizSettings(
        shuffle_questions=bool(form.shuffle_questions.data),
        shuffle_options=bool(form.shuffle_options.data),
        feedback_mode=form.feedback_mode.data or "immediate",
        attempts_allowed=int(form.attempts_allowed.data or 1),
    )


def _builder_forms() -> tuple[ChooseQuizForm, BestQuizForm, list[Article]]:
    owner = teacher()
    ready = list(db().scalars(qbank.questions_query(owner, status=QuestionStatus.READY)))
    articles = list(
        db().scalars(
            select(Article).where(Article.owner_id == owner.id).order_by(Article.title, Article.id)
        )
    )
    titles = {a.id: a.title for a in articles}
    choose = ChooseQuizForm(prefix="choose")
    choose.questions.choices = choices(
        (q.id, f"{q.stem} ({titles.get(q.article_id, '')})") for q in ready
    )
    best = BestQuizForm(prefix="best")
    best.articles.choices = choices((a.id, a.title) for a in articles)
    return choose, best, articles


def _render_builder(
    choose: ChooseQuizForm, best: BestQuizForm, *, status: int = 200
) -> tuple[str, int]:
    return render_template("teacher/quiz_new.html", choose=choose, best=best), status


@bp.route("/quizzes")
def quizzes() -> str:
    """The teacher's quizzes."""
    rows = list(
        db().scalars(
            select(Quiz).where(Quiz.owner_id == teacher().id).order_by(Quiz.created_at.desc())
        )
    )
    return render_template("teacher/quizzes.html", quizzes=rows)


@bp.route("/quizzes/new", methods=["GET", "POST"])
def new_quiz() -> Response | tuple[str, int]:
    """Build a quiz from chosen Ready questions."""
    choose, best, _articles = _builder_forms()
    if request.method == "POST" and choose.validate_on_submit():
        ids = list(choose.questions.data or [])
        if not ids:
            choose.questions.errors = ["Choose at least one question."]
        else:
            by_id = {
                q.id: q
                for q in db().scalars(qbank.questions_query(teacher(), status=QuestionStatus.READY))
            }
            questions = [by_id[i] for i in ids if i in by_id]
            return _create(choose, questions, (choose, best))
    return _render_builder(choose, best, status=400 if request.method == "POST" else 200)


@bp.route("/quizzes/new-best", methods=["POST"])
def new_quiz_best() -> Response | tuple[str, int]:
    """Build a quiz from the best N Ready questions of some articles."""
    choose, best, _articles = _builder_forms()
    if best.validate_on_submit():
        article_ids = list(best.articles.data or [])
        if not article_ids:
            best.articles.errors = ["Choose at least one article."]
        else:
            chosen = qbank.best_questions(db(), teacher(), article_ids, int(best.n.data or 1))
            if not chosen:
                best.articles.errors = [
                    "These articles have no Ready questions yet. Approve some first."
                ]
            else:
                return _create(best, chosen, (choose, best))
    return _render_builder(choose, best, status=400)


def _create(
    form: QuizSettingsFields,
    questions: list[Question],
    forms: tuple[ChooseQuizForm, BestQuizForm],
) -> Response | tuple[str, int]:
    """Create the quiz from ``form``'s settings, or re-show the builder with the error."""
    try:
        quiz = qbank.create_quiz(
            db(), teacher(), form.title.data or "", questions, settings=_settings(form)
        )
    except qbank.BankError as error:
        form.title.errors = [str(error)]
        return _render_builder(*forms, status=400)
    if not form.is_open.data:
        editing.set_open(db(), quiz, False)
    db().commit()
    flash(f"Quiz created with {len(quiz.items)} questions. Join code: {quiz.join_code}.")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


@bp.route("/quizzes/<int:quiz_id>", methods=["GET", "POST"])
def quiz(quiz_id: int) -> str | Response | tuple[str, int]:
    """One quiz: its questions in order (move up/down) and its settings."""
    item = get_owned_or_404(Quiz, quiz_id)
    form = QuizSettingsForm(obj=item)
    if request.method == "GET":
        form.feedback_mode.data = item.feedback_mode.value
    if form.validate_on_submit():
        try:
            editing.update_settings(db(), item, form.title.data or "", _settings(form))
            editing.set_open(db(), item, bool(form.is_open.data))
        except editing.QuizEditError as error:
            form.title.errors = [str(error)]
        else:
            db().commit()
            flash("Quiz settings saved.")
            return redirect(url_for("teacher.quiz", quiz_id=item.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "teacher/quiz.html", quiz=item, form=form, action_form=ActionForm()
    ), status


@bp.route("/quizzes/<int:quiz_id>/items/<int:item_id>/<any(up, down):direction>", methods=["POST"])
def move_item(quiz_id: int, item_id: int, direction: str) -> Response:
    """Move a question up or down in the quiz."""
    item = get_owned_or_404(Quiz, quiz_id)
    if ActionForm().validate_on_submit():
        try:
            editing.move_item(db(), item, item_id, direction)
        except editing.QuizEditError as error:
            flash(str(error))
        else:
            db().commit()
    return redirect(url_for("teacher.quiz", quiz_id=item.id) + "#questions")


@bp.route("/quizzes/<int:quiz_id>/items/<int:item_id>/remove", methods=["POST"])
def remove_item(quiz_id: int, item_id: int) -> Response:
    """Take a question out of the quiz (before any student has started it)."""
    item = get_owned_or_404(Quiz, quiz_id)
    if ActionForm().validate_on_submit():
        try:
            editing.remove_item(db(), item, item_id)
        except editing.QuizEditError as error:
            db().rollback()
            flash(str(error))
        else:
            db().commit()
            flash("Question removed from the quiz (it stays in your bank).")
    return redirect(url_for("teacher.quiz", quiz_id=item.id) + "#questions")


@bp.route("/quizzes/<int:quiz_id>/<any(close, reopen):action>", methods=["POST"])
def open_close(quiz_id: int, action: str) -> Response:
    """Close a quiz to new answers, or reopen it."""
    item = get_owned_or_404(Quiz, quiz_id)
    if ActionForm().validate_on_submit():
        editing.set_open(db(), item, action == "reopen")
        db().commit()
        flash("Quiz reopened." if action == "reopen" else "Quiz closed: no new answers.")
    return redirect(url_for("teacher.quiz", quiz_id=item.id))


def join_url(code: str) -> str:
    base = current_app.config.get("PUBLIC_URL") or request.url_root
    return f"{base.rstrip('/')}/join/{code}"


@bp.route("/quizzes/<int:quiz_id>/join-sheet")
def join_sheet(quiz_id: int) -> str:
    """A printable sheet with the join address and the code in very big type."""
    item = get_owned_or_404(Quiz, quiz_id)
    return render_template("teacher/join_sheet.html", quiz=item, join_url=join_url(item.join_code))
