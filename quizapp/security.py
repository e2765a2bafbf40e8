"""Security headers on every response (error pages included), and a guard against NUL
characters in any submitted text (PostgreSQL refuses them in text columns; no form needs them)."""

from __future__ import annotations

from flask import Flask, Response, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def set_security_headers(response: Response, *, https: bool = False) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if https:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


NUL_MESSAGE = (
    "The form contained a character that is not allowed (a NUL byte). "
    "Please type the text again instead of pasting it."
)


# Views whose forms already refuse NUL with a field-level message (friendlier than the page).
NUL_SELF_CHECKED = {"student.join"}


def has_nul() -> bool:
    """True if the query string or a (non-file) form field holds a NUL character."""
    sources = [request.args]
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        sources.append(request.form)
    return any(
        "\x00" in key or "\x00" in value
        for values in sources
        for key, value in values.items(multi=True)
    )


def init_app(app: Flask) -> None:
    https = bool(app.config.get("HTTPS"))

    @app.before_request
    def _reject_nul() -> tuple[str, int] | None:
        if request.endpoint not in NUL_SELF_CHECKED and has_nul():
            from quizapp.errors import render_error

            return render_error(400, NUL_MESSAGE)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        return set_security_headers(response, https=https)
