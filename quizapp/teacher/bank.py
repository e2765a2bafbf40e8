"""The bank: dashboard, question search, articles, article import, bank export and import."""

from __future__ import annotations

import math
from datetime import date

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import Field

from question_bank import bank as qbank
from question_bank.models import (
    Article,
    Question,
    QuestionKind,
    QuestionStatus,
    Quiz,
)
from question_bank.types import IngestError
from quizapp.teacher.common import bp, db, get_owned_or_404, teacher
from quizapp.teacher.forms import (
    UPLOAD_SUFFIXES,
    ArticleMetaForm,
    BankImportForm,
    ImportForm,
    SearchForm,
    choices,
)

PER_PAGE = 25
EXPORT_FORMATS = {
    "json": ("application/json", "json"),
    "gift": ("text/plain; charset=utf-8", "gift.txt"),
    "moodle-xml": ("application/xml", "moodle.xml"),
    "qti": ("application/zip", "qti.zip"),
}


def _articles() -> list[Article]:
    return list(
        db().scalars(
            select(Article)
            .where(Article.owner_id == teacher().id)
            .order_by(Article.created_at.desc(), Article.id.desc())
        )
    )


@bp.route("/")
def dashboard() -> str:
    """The teacher's start page: counts, recent articles and quizzes, ways in."""
    owner = teacher()
    counts = {
        str(status): n
        for status, n in db().execute(
            select(Question.status, func.count())
            .join(Article)
            .where(Article.owner_id == owner.id, Question.status != QuestionStatus.RETIRED)
            .group_by(Question.status)
        )
    }
    quizzes = list(
        db().scalars(
            select(Quiz).where(Quiz.owner_id == owner.id).order_by(Quiz.created_at.desc()).limit(10)
        )
    )
    return render_template(
        "teacher/dashboard.html",
        counts=counts,
        articles=_articles()[:10],
        quizzes=quizzes,
    )


@bp.route("/questions")
def questions() -> str:
    """Search the bank: text, article, kind, status, reading grade, difficulty; 25 a page."""
    articles = _articles()
    form = SearchForm(request.args)
    form.article.choices = choices([("", "Any article")] + [(a.id, a.title) for a in articles])
    query = qbank.questions_query(teacher())
    form.validate()

    def ok(field: Field) -> bool:
        # Each filter applies on its own: one bad value is reported, the others still work.
        return field.data not in (None, "") and not field.errors

    if ok(form.q) and form.q.data.strip():
        needle = form.q.data.strip().lower()
        query = query.where(func.lower(Question.stem).contains(needle, autoescape=True))
    if ok(form.article):
        query = query.where(Question.article_id == form.article.data)
    if ok(form.kind):
        query = query.where(Question.kind == QuestionKind(form.kind.data))
    if ok(form.status):
        query = query.where(Question.status == QuestionStatus(form.status.data))
    if ok(form.max_grade):
        query = query.where(Question.reading_grade <= form.max_grade.data)
    if ok(form.min_difficulty):
        query = query.where(Question.difficulty >= form.min_difficulty.data)
    if ok(form.max_difficulty):
        query = query.where(Question.difficulty <= form.max_difficulty.data)
    total = int(db().scalar(select(func.count()).select_from(query.subquery())) or 0)
    pages = max(1, math.ceil(total / PER_PAGE))
    page = request.args.get("page", "1")
    page_no = min(max(1, int(page)), pages) if page.isdigit() else 1
    rows = list(db().scalars(query.limit(PER_PAGE).offset((page_no - 1) * PER_PAGE)))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "teacher/questions.html",
        form=form,
        questions=rows,
        total=total,
        page=page_no,
        pages=pages,
        args=args,
    )


@bp.route("/articles")
def articles() -> str:
    """The teacher's articles with their question counts."""
    rows = _articles()
    counts = {
        (aid, str(status)): n
        for aid, status, n in db().execute(
            select(Question.article_id, Question.status, func.count())
            .join(Article)
            .where(Article.owner_id == teacher().id)
            .group_by(Question.article_id, Question.status)
        )
    }
    return render_template("teacher/articles.html", articles=rows, counts=counts)


@bp.route("/articles/<int:article_id>", methods=["GET", "POST"])
def article(article_id: int) -> str | Response:
    """One article: its title and outlet (editable) and its questions."""
    item = get_owned_or_404(Article, article_id)
    form = ArticleMetaForm(obj=item)
    if form.validate_on_submit():
        item.title = " ".join((form.title.data or "").split())[:300] or item.title
        item.outlet = " ".join((form.outlet.data or "").split())[:200]
        db().commit()
        flash("Article details saved.")
        return redirect(url_for("teacher.article", article_id=item.id))
    questions = [q for q in item.questions if q.status != QuestionStatus.RETIRED]
    questions.sort(key=lambda q: (q.status != QuestionStatus.READY, -q.score, q.id))
    return render_template("teacher/article.html", article=item, form=form, questions=questions)


def _read_import(form: ImportForm) -> tuple[str, str, str] | None:
    """(raw text, format, source name) from the paste or the upload, or None with form errors."""
    upload = form.upload.data
    if upload is not None and getattr(upload, "filename", None):
        name = str(upload.filename)
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            form.upload.errors = ["Only .txt, .md and .html files can be imported."]
            return None
        from question_bank.ingest import fmt_for_filename, read_bytes

        try:
            raw = read_bytes(upload.read(), filename=name)
        except IngestError as error:
            form.upload.errors = [str(error)]
            return None
        return raw, fmt_for_filename(name), name
    text = form.text.data or ""
    if not text.strip():
        form.text.errors = ["Paste the article's text, or choose a file."]
        return None
    return text, "text", ""


@bp.route("/articles/import", methods=["GET", "POST"])
def import_article() -> str | Response | tuple[str, int]:
    """Import an article (paste or upload) and generate its questions as Drafts."""
    form = ImportForm()
    if form.validate_on_submit():
        got = _read_import(form)
        if got is not None:
            raw, fmt, source_name = got
            limit = int(current_app.config["MAX_ARTICLE_CHARS"])
            field = form.upload if source_name else form.text
            if "\x00" in raw:
                field.errors = ["The text contains a NUL character; it is not an article."]
            elif len(raw) > limit:
                field.errors = [
                    f"The article is too long ({len(raw):,} characters); the limit is "
                    f"{limit:,}. Import a shorter article or one part at a time."
                ]
            else:
                return _generate(form, raw, fmt, source_name, field)
        return render_template("teacher/import.html", form=form), 400
    return render_template("teacher/import.html", form=form)


def _generate(
    form: ImportForm, raw: str, fmt: str, source_name: str, field: object
) -> Response | tuple[str, int]:
    owner = teacher()
    session = db()
    existing = qbank.find_article_by_text(session, owner, raw)
    if existing is not None:
        flash("You imported this article before; here are its questions.")
        return redirect(url_for("teacher.review", article_id=existing.id))
    try:
        from question_bank.generator import generate
    except ImportError:
        form.text.errors = ["The question generator is not available on this server yet."]
        return render_template("teacher/import.html", form=form), 503
    title = " ".join((form.title.data or "").split()) or None
    pool = qbank.distractor_pool(session, owner)
    # Nothing is written yet: end the (SQLite: BEGIN IMMEDIATE) transaction so students'
    # answers are not held up while the generator runs; storing opens a new one.
    session.commit()
    try:
        result = generate(raw, title=title, fmt=fmt, distractor_pool=pool)
    except IngestError as error:
        errors = getattr(field, "errors", None)
        if isinstance(errors, list):
            errors.append(str(error))
        else:
            form.text.errors = [str(error)]
        return render_template("teacher/import.html", form=form), 400
    article = qbank.store_generated(
        session,
        owner,
        result,
        title=title,
        outlet=" ".join((form.outlet.data or "").split()),
        source_name=source_name,
    )
    count = len(article.questions)
    session.commit()
    flash(f"Imported “{article.title}”: {count} draft questions to review.")
    return redirect(url_for("teacher.review", article_id=article.id))


# ------------------------------------------------------------------------ export / import


@bp.route("/export")
def export_page() -> str:
    """Choose an export format for the bank."""
    return render_template("teacher/export.html", formats=EXPORT_FORMATS)


@bp.route("/export/<fmt>")
def export_bank(fmt: str) -> Response:
    """Download the bank (Ready questions, or all with ?status=all) as a file."""
    from question_bank.exports import FormatNotAvailable
    from question_bank.exports import export_bank as do_export

    if fmt not in EXPORT_FORMATS:
        return redirect(url_for("teacher.export_page"))
    status = None if request.args.get("status") == "all" else QuestionStatus.READY
    rows = list(db().scalars(qbank.questions_query(teacher(), status=status)))
    try:
        payload = do_export(rows, fmt)
    except FormatNotAvailable as error:
        flash(f"Not available yet: {error}")
        return redirect(url_for("teacher.export_page"))
    mimetype, suffix = EXPORT_FORMATS[fmt]
    filename = f"question-bank-{date.today().isoformat()}.{suffix}"
    response = Response(payload, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/import-questions", methods=["GET", "POST"])
def import_questions() -> str | Response | tuple[str, int]:
    """Import questions from GIFT or Moodle XML into a new or an existing article."""
    from quizapp.teacher import bank_import

    articles = _articles()
    form = BankImportForm()
    form.article.choices = choices(
        [(0, "A new article made from the questions' evidence")]
        + [(a.id, a.title) for a in articles]
    )
    if form.validate_on_submit():
        outcome = bank_import.run(form, articles)
        if isinstance(outcome, Response):
            return outcome
        return render_template("teacher/import_questions.html", form=form), outcome
    return render_template("teacher/import_questions.html", form=form)
