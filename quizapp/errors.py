"""Friendly error pages, written for children; never a traceback or SQL."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Something was not quite right", "We could not understand that request."),
    403: ("That page is not for you", "You do not have permission to see this page."),
    404: ("We could not find that page", "Maybe the link has a typo, or the page has moved."),
    405: ("That did not work", "This page cannot be used that way."),
    413: ("That file is too big", "Please choose a smaller file."),
    429: ("Slow down a little", "Too many tries. Please wait a few minutes and try again."),
    500: ("Oops, something broke", "It is not your fault. Please try again in a moment."),
    503: ("We are a bit busy", "Lots of people are using the app. Wait a moment and try again."),
}


BUSY_FALLBACK = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>We are a bit busy</title>'
    "</head><body><h1>We are a bit busy</h1><p>Lots of people are using the app. Wait a moment "
    "and try again. Nothing is lost: press the button again.</p></body></html>"
)


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    title, message = MESSAGES.get(code, MESSAGES[500])
    return render_template("error.html", code=code, title=title, message=detail or message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> tuple[str, int]:
        return render_error(
            400, "This page was open for a long time. Please go back, reload it and try again."
        )

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        return render_error(code if code in MESSAGES else 400)

    @app.errorhandler(OperationalError)
    def _db_busy(error: OperationalError) -> tuple[str, int, dict[str, str]]:
        # A database locked past its timeout: nothing was saved; the child can simply retry.
        log.warning("database operational error: %s", error)
        from quizapp.db import close_session

        close_session()  # the failed session must not be used to render the page
        headers = {"Retry-After": "5"}
        try:
            body, code = render_error(503)
        except Exception:  # noqa: BLE001 - the page itself needed the database: plain text
            log.warning("could not render the busy page", exc_info=True)
            return BUSY_FALLBACK, 503, headers | {"Content-Type": "text/html; charset=utf-8"}
        return body, code, headers

    @app.errorhandler(InternalServerError)
    def _internal(error: InternalServerError) -> tuple[str, int]:
        return render_error(500)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[str, int]:
        log.exception("unhandled error")
        return render_error(500)
