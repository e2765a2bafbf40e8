"""GIFT / Moodle XML import into the bank (the parsers live in question_bank.exports)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from werkzeug.wrappers import Response

from question_bank import editing
from question_bank.models import Article
from quizapp.teacher.common import db, teacher
from quizapp.teacher.forms import BankImportForm

NOT_AVAILABLE = "Importing {fmt} is not available on this server yet."


def _parse(fmt: str, data: bytes) -> list[editing.ImportedQuestion]:
    """Parse with the exports package; ImportError when that format has no importer yet."""
    if fmt == "gift":
        from question_bank.exports.gift import decode_gift, import_gift

        return import_gift(decode_gift(data))
    from question_bank.exports.moodle_xml import import_moodle_xml

    return import_moodle_xml(data)


def run(form: BankImportForm, articles: list[Article]) -> Response | int:
    """Import the posted file; a redirect on success, else an HTTP status with form errors."""
    upload = form.upload.data
    if upload is not None and getattr(upload, "filename", ""):
        data = upload.read()
    else:
        data = (form.text.data or "").encode("utf-8")
    if not data.strip():
        form.upload.errors = ["Choose a file or paste its text."]
        return 400
    fmt = form.fmt.data or "gift"
    try:
        from question_bank.exports.base import ImportFormatError
    except ImportError:
        form.upload.errors = [NOT_AVAILABLE.format(fmt=fmt)]
        return 501
    try:
        items = _parse(fmt, data)
    except ImportError:
        form.upload.errors = [NOT_AVAILABLE.format(fmt=fmt)]
        return 501
    except ImportFormatError as error:
        form.upload.errors = [str(error)]
        return 400
    chosen = {a.id: a for a in articles}.get(int(form.article.data or 0))
    if form.article.data and chosen is None:
        form.article.errors = ["Choose one of your articles."]
        return 400
    try:
        outcome = editing.store_imported(
            db(), teacher(), items, article=chosen, title=form.title.data or ""
        )
    except editing.EditError as error:
        form.upload.errors = [str(error)]
        return 400
    if not outcome.stored:
        db().rollback()
        form.upload.errors = [
            "No question could be imported: "
            + "; ".join(f"“{stem[:60]}”: {why}" for stem, why in outcome.skipped[:5])
        ]
        return 400
    db().commit()
    message = f"Imported {len(outcome.stored)} questions as Drafts."
    if outcome.skipped:
        message += f" Skipped {len(outcome.skipped)}: " + "; ".join(
            f"“{stem[:60]}” ({why})" for stem, why in outcome.skipped[:5]
        )
    flash(message)
    return redirect(url_for("teacher.review", article_id=outcome.article.id))
