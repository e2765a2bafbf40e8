"""Results of a quiz: attempts, item statistics, charts, CSV downloads, deleting results."""

from __future__ import annotations

import io

from flask import flash, redirect, render_template, request, url_for
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.wrappers import Response

from question_bank import charts, editing
from question_bank import stats as qstats
from question_bank.models import Attempt, Question, Quiz
from quizapp.teacher.common import bp, db, get_owned_or_404
from quizapp.teacher.forms import ActionForm


@bp.route("/quizzes/<int:quiz_id>/results")
def results(quiz_id: int) -> str:
    """Attempts, per-question statistics with "needs checking" flags, and charts."""
    quiz = get_owned_or_404(Quiz, quiz_id)
    attempts = list(
        db().scalars(
            select(Attempt)
            .where(Attempt.quiz_id == quiz.id)
            .order_by(Attempt.started_at, Attempt.id)
        )
    )
    summary = qstats.quiz_statistics(db(), quiz)
    # The editor link goes to the newest version of each question.
    newest = {
        s.question_id: editing.latest_version(db(), q).id
        for s in summary.items
        if (q := db().get(Question, s.question_id)) is not None
    }
    # Both SVGs are built by our own code, which escapes every text it puts in.
    score_svg = Markup(charts.score_histogram_svg(summary.scores, summary.max_score))
    facility_svg = Markup(
        charts.facility_bars_svg([(f"Q{s.number}", s.facility) for s in summary.items])
    )
    return render_template(
        "teacher/results.html",
        quiz=quiz,
        attempts=attempts,
        summary=summary,
        bins=charts.score_bins(summary.scores, summary.max_score),
        newest=newest,
        score_svg=score_svg,
        facility_svg=facility_svg,
    )


@bp.route("/quizzes/<int:quiz_id>/results.csv")
def results_csv(quiz_id: int) -> Response:
    """Download the results as CSV: ?layout=long (one row per response) or wide (per attempt)."""
    from question_bank.exports import FormatNotAvailable, write_results_csv

    quiz = get_owned_or_404(Quiz, quiz_id)
    layout = "wide" if request.args.get("layout") == "wide" else "long"
    handle = io.BytesIO()
    try:
        write_results_csv(db(), quiz, handle, wide=layout == "wide")
    except FormatNotAvailable as error:
        flash(f"Not available yet: {error}")
        return redirect(url_for("teacher.results", quiz_id=quiz.id))
    filename = f"quiz-{quiz.join_code}-results-{layout}.csv"
    response = Response(handle.getvalue(), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/quizzes/<int:quiz_id>/results/delete", methods=["GET", "POST"])
def delete_results(quiz_id: int) -> str | Response:
    """Delete a quiz's results: GET asks for confirmation, POST deletes."""
    quiz = get_owned_or_404(Quiz, quiz_id)
    form = ActionForm()
    if form.validate_on_submit():
        count = editing.delete_results(db(), quiz)
        db().commit()
        flash(f"Deleted {count} attempt{'s' if count != 1 else ''} and their answers.")
        return redirect(url_for("teacher.results", quiz_id=quiz.id))
    count = len(quiz.attempts)
    return render_template("teacher/delete_results.html", quiz=quiz, form=form, count=count)
