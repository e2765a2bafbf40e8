"""GIFT / Moodle XML import into the bank (the parsers live in question_bank.exports)."""

from __future__ import annotations

from werkzeug.wrappers import Response

from question_bank.models import Article
from quizapp.teacher.forms import BankImportForm

NOT_AVAILABLE = "Importing GIFT and Moodle XML is not available on this server yet."


def run(form: BankImportForm, articles: list[Article]) -> Response | int:
    """Import the posted file; a redirect on success, else an HTTP status with form errors."""
    form.upload.errors = [NOT_AVAILABLE]
    return 501
