"""The question editor: every save stores a new version (question_bank.editing)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from question_bank import editing
from question_bank.models import Question, QuestionStatus
from quizapp.teacher.common import bp, db, get_owned_or_404
from quizapp.teacher.forms import QuestionEditForm, choices


def _prepare(form: QuestionEditForm, question: Question, *, fill: bool) -> None:
    form.sentence.choices = choices(
        [
            (
                s.id,
                f"{s.index + 1}. {s.text}" + ("" if s.usable else " (not used by the generator)"),
            )
            for s in question.article.sentences
        ]
    )
    form.correct.choices = choices((i, f"Option {i + 1}") for i in range(len(form.options)))
    if not fill:
        return
    form.stem.data = question.stem
    form.explanation.data = question.explanation
    form.sentence.data = question.sentence_id
    for i, option in enumerate(question.options[: len(form.options)]):
        form.options[i].form.text.data = option.text
        form.options[i].form.feedback.data = option.feedback
        if option.is_correct:
            form.correct.data = str(i)


def _edit_from(form: QuestionEditForm) -> editing.QuestionEdit:
    correct = form.correct_rows()
    return editing.QuestionEdit(
        stem=form.stem.data or "",
        options=tuple(
            editing.OptionEdit(
                text=row.form.text.data or "",
                correct=i in correct,
                feedback=row.form.feedback.data or "",
            )
            for i, row in enumerate(form.options)
        ),
        explanation=form.explanation.data or "",
        sentence_id=form.sentence.data if isinstance(form.sentence.data, int) else None,
    )


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit(question_id: int) -> str | Response | tuple[str, int]:
    """Edit a question; saving makes a new version and retires the old one."""
    question = get_owned_or_404(Question, question_id)
    if question.status == QuestionStatus.RETIRED:
        newest = editing.latest_version(db(), question)
        if newest.id != question.id:
            flash("That was an older version; this is the newest one.")
            return redirect(url_for("teacher.edit", question_id=newest.id))
    form = QuestionEditForm()
    _prepare(form, question, fill=not form.is_submitted())
    if form.is_submitted():
        form.validate()  # only for the CSRF token: the domain rules below are the source of truth
        if form.csrf_token.errors:
            errors = {"form": ["This page was open too long. Please reload it and try again."]}
        else:
            edit_value = _edit_from(form)
            errors = editing.validate_edit(question, edit_value)
            if not errors:
                try:
                    new = editing.edit_question(db(), question, edit_value)
                except editing.EditError as error:
                    errors = error.errors
                else:
                    db().commit()
                    flash(f"Saved as version {new.version}.")
                    return redirect(url_for("teacher.review", article_id=new.article_id))
        return render_template(
            "teacher/edit.html", form=form, question=question, errors=errors
        ), 400
    return render_template("teacher/edit.html", form=form, question=question, errors={})
