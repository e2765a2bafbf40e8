"""Security headers on every response, error pages without internals (security.md 8, 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text
from werkzeug.test import TestResponse

from quizapp import create_app
from quizapp.config import ConfigError
from quizapp.db import dispose_engines, get_session

REQUIRED_CSP = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
ALLOWED_SOURCES = {"'self'", "'none'", "data:"}


def parse_csp(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_secure_headers(response: TestResponse, *, https: bool = False) -> None:
    what = f"{response.request.method} {response.request.path} -> {response.status_code}"
    csp = parse_csp(response.headers.get("Content-Security-Policy", ""))
    for directive, value in REQUIRED_CSP.items():
        assert csp.get(directive) == value, f"{what}: CSP {directive} is {csp.get(directive)}"
    for directive, sources in csp.items():
        for source in sources:
            assert source in ALLOWED_SOURCES, f"{what}: CSP {directive} allows {source}"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", what
    hsts = response.headers.get("Strict-Transport-Security", "")
    if https:
        assert "max-age=" in hsts and int(hsts.split("max-age=")[1].split(";")[0]) >= 15552000
    else:
        assert hsts == "", f"{what}: HSTS over plain HTTP"


def _every_kind_of_response(app: Flask) -> list[TestResponse]:
    @app.route("/__boom")
    def boom() -> str:
        raise RuntimeError("secret internals SELECT password_hash FROM teacher")

    @app.route("/__sql")
    def bad_sql() -> str:
        get_session().execute(text("SELECT password_hash FROM no_such_table_xyz"))
        return "unreachable"

    client = app.test_client()
    responses = [
        client.get("/"),
        client.get("/privacy"),
        client.get("/teacher/login"),
        client.get("/teacher/"),  # redirect to login
        client.get("/no/such/page"),  # 404
        client.get("/teacher/logout"),  # 405: POST only
        client.post("/join", data={"nickname": "x"}),  # 400: no CSRF token
        client.post("/join", data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 10)),  # 413
        client.get("/__boom"),  # 500
        client.get("/__sql"),  # database error
        client.get("/static/app.css"),
        client.get("/healthz"),
    ]
    for response in responses:
        response.close()
    return responses


def test_headers_on_every_response(app: Flask) -> None:
    responses = _every_kind_of_response(app)
    assert {r.status_code for r in responses} >= {200, 302, 400, 404, 405, 413, 500}
    for response in responses:
        assert_secure_headers(response)


def test_error_pages_show_no_internals(app: Flask) -> None:
    responses = _every_kind_of_response(app)
    for response in responses[4:10]:
        html = response.get_data(as_text=True)
        assert response.status_code in {400, 404, 405, 413, 500, 503}
        assert "<html" in html, "error pages are friendly HTML pages"
        for leak in ("Traceback", "secret internals", "password_hash", "no_such_table", "SELECT"):
            assert leak not in html, f"{response.request.path} shows {leak!r}"
    assert "too big" in responses[7].get_data(as_text=True)


def test_hsts_and_secure_cookies_under_https(database_url: str, tmp_path: Path) -> None:
    from quizapp.config import load_config

    config = load_config({"QUIZAPP_ENV": "testing", "QUIZAPP_HTTPS": "1"})
    assert config["SESSION_COOKIE_SECURE"] is True
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(tmp_path),
            **{k: v for k, v in config.items() if "SECURE" in k or k in {"HTTPS"}},
        }
    )
    try:
        client = app.test_client()
        response = client.get("/join", base_url="https://localhost")
        assert_secure_headers(response, https=True)
        (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert_secure_headers(client.get("/nope", base_url="https://localhost"), https=True)
    finally:
        dispose_engines(close=True)


def test_production_app_has_no_debug(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env: dict[str, Any] = {
        "QUIZAPP_ENV": "production",
        "QUIZAPP_SECRET_KEY": "k" * 64,
        "QUIZAPP_DATABASE_URL": database_url,
        "QUIZAPP_INSTANCE": str(tmp_path),
        "FLASK_DEBUG": "1",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    # The Werkzeug debugger (an interactive console on error pages) is refused in production.
    with pytest.raises(ConfigError, match="FLASK_DEBUG"):
        create_app()
    monkeypatch.delenv("FLASK_DEBUG")
    app = create_app()
    try:
        assert app.debug is False
        assert app.testing is False
        assert app.config["PROPAGATE_EXCEPTIONS"] in (None, False)
        responses = _every_kind_of_response(app)
        for response in responses:
            assert_secure_headers(response)
        boom = responses[8]
        assert boom.status_code == 500
        assert "Traceback" not in boom.get_data(as_text=True)
    finally:
        dispose_engines(close=True)
