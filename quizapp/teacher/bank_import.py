"""GIFT / Moodle XML import into the bank (parsers and storage live in question_bank.exports)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from werkzeug.wrappers import Response

from question_bank.bank import BankError
from question_bank.models import Article
from quizapp.teacher.common import db, teacher
from quizapp.teacher.forms import BankImportForm

NOT_AVAILABLE = "Importing {fmt} is not available on this server yet."


def run(form: BankImportForm, articles: list[Article]) -> Response | int:
    """Import the posted file; a redirect on success, else an HTTP status with form errors."""
    upload = form.upload.data
    if upload is not None and getattr(upload, "filename", None):
        data = upload.read()
    else:
        data = (form.text.data or "").encode("utf-8")
    if not data.strip():
        form.upload.errors = ["Choose a file or paste its text."]
        return 400
    fmt = form.fmt.data or "gift"
    try:
        from question_bank.exports import imports
    except ImportError:
        form.upload.errors = [NOT_AVAILABLE.format(fmt=fmt)]
        return 501
    chosen = {a.id: a for a in articles}.get(int(form.article.data or 0))
    if form.article.data and chosen is None:
        form.article.errors = ["Choose one of your articles."]
        return 400
    try:
        if fmt == "gift":
            items = imports.import_gift(imports.decode_gift(data))
        else:
            items = imports.import_moodle_xml(data)
        stored = imports.store_imported(db(), teacher(), items, article=chosen)
    except (imports.ImportFormatError, BankError) as error:
        db().rollback()
        form.upload.errors = [str(error)]
        return 400
    db().commit()
    flash(f"Imported {len(stored)} question{'s' if len(stored) != 1 else ''} as Drafts.")
    return redirect(url_for("teacher.review", article_id=stored[0].article_id))
