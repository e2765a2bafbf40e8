"""Review an article's generated questions: approve, reject with a reason, approve the best N."""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from question_bank import review as qreview
from question_bank.models import Article, Question, QuestionStatus, Sentence
from quizapp.teacher.common import bp, db, get_owned_or_404
from quizapp.teacher.forms import ActionForm, ApproveBestForm, RejectForm

STATUS_ORDER = {
    QuestionStatus.DRAFT: 0,
    QuestionStatus.READY: 1,
    QuestionStatus.REJECTED: 2,
    QuestionStatus.RETIRED: 3,
}


@dataclass(frozen=True)
class Paragraph:
    sentences: list[Sentence]


def paragraphs(article: Article) -> list[Paragraph]:
    """The article's sentences grouped into paragraphs (a newline between two sentences)."""
    result: list[Paragraph] = []
    current: list[Sentence] = []
    previous_end = 0
    for sentence in article.sentences:
        gap = article.text[previous_end : sentence.start]
        if current and "\n" in gap:
            result.append(Paragraph(current))
            current = []
        current.append(sentence)
        previous_end = sentence.end
    if current:
        result.append(Paragraph(current))
    return result


def evidence_index(question: Question) -> int | None:
    """The index of the question's evidence sentence (by link, else by offsets)."""
    if question.sentence is not None:
        return question.sentence.index
    for sentence in question.article.sentences:
        if sentence.start <= question.evidence_start < sentence.end:
            return sentence.index
    return None


def context(article: Article, index: int | None) -> list[tuple[Sentence, bool]]:
    """The evidence sentence with one sentence either side, flagged True for the evidence."""
    if index is None:
        return []
    sentences = article.sentences
    pos = next((n for n, s in enumerate(sentences) if s.index == index), None)
    if pos is None:
        return []
    return [(s, s.index == index) for s in sentences[max(0, pos - 1) : pos + 2]]


@bp.route("/articles/<int:article_id>/review")
def review(article_id: int) -> str:
    """The article's questions (Draft first) beside their evidence in the article."""
    article = get_owned_or_404(Article, article_id)
    questions = sorted(
        (q for q in article.questions if q.status != QuestionStatus.RETIRED),
        key=lambda q: (STATUS_ORDER[q.status], -q.score, q.id),
    )
    evidence = {q.id: evidence_index(q) for q in questions}
    marked = {i for q in questions for i in [evidence[q.id]] if i is not None}
    drafts = sum(1 for q in questions if q.status == QuestionStatus.DRAFT)
    best_form = ApproveBestForm()
    best_form.n.data = min(5, drafts) or 1
    return render_template(
        "teacher/review.html",
        article=article,
        questions=questions,
        evidence=evidence,
        contexts={q.id: context(article, evidence[q.id]) for q in questions},
        marked=marked,
        paragraphs=paragraphs(article),
        drafts=drafts,
        action_form=ActionForm(),
        reject_form=RejectForm(),
        best_form=best_form,
    )


def _back(question: Question) -> Response:
    return redirect(
        url_for("teacher.review", article_id=question.article_id) + f"#question-{question.id}"
    )


@bp.route("/questions/<int:question_id>/approve", methods=["POST"])
def approve(question_id: int) -> Response:
    """Mark one question Ready."""
    question = get_owned_or_404(Question, question_id)
    if ActionForm().validate_on_submit():
        try:
            qreview.approve(db(), question)
        except qreview.ReviewError as error:
            flash(str(error))
        else:
            db().commit()
            flash("Question approved: it is Ready for quizzes.")
    return _back(question)


@bp.route("/questions/<int:question_id>/reject", methods=["POST"])
def reject(question_id: int) -> Response:
    """Reject one question with a reason from the rubric."""
    question = get_owned_or_404(Question, question_id)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            qreview.reject(db(), question, form.reason.data or "")
        except qreview.ReviewError as error:
            flash(str(error))
        else:
            db().commit()
            flash("Question rejected.")
    else:
        flash("Choose a reason from the list to reject a question.")
    return _back(question)


@bp.route("/articles/<int:article_id>/approve-best", methods=["POST"])
def approve_best(article_id: int) -> Response:
    """Approve the N highest-scoring Draft questions of an article at once."""
    article = get_owned_or_404(Article, article_id)
    form = ApproveBestForm()
    if form.validate_on_submit():
        chosen = qreview.approve_best(db(), article, int(form.n.data or 1))
        db().commit()
        flash(f"Approved {len(chosen)} question{'s' if len(chosen) != 1 else ''}.")
    else:
        flash("Enter how many questions to approve (1 to 100).")
    return redirect(url_for("teacher.review", article_id=article.id))
