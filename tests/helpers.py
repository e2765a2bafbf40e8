"""Small helpers for tests that post forms through the test client (CSRF stays on)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

TOKEN_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/teacher/login") -> str:
    """Fetch ``path`` and return the CSRF token in its first form."""
    html = client.get(path).get_data(as_text=True)
    match = TOKEN_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: FlaskClient, email: str, password: str) -> None:
    token = csrf_token(client, "/teacher/login")
    response = client.post(
        "/teacher/login", data={"email": email, "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


OPTION_RE = re.compile(r'name="option"[^>]*value="(\d+)"')


def question_form(client: FlaskClient, code: str, n: int = 1) -> tuple[list[str], str]:
    """The option values and the CSRF token of question ``n``'s answer form."""
    html = client.get(f"/q/{code}/{n}").get_data(as_text=True)
    options = OPTION_RE.findall(html)
    token = TOKEN_RE.search(html)
    assert options and token, f"no answer form on question {n}"
    return options, token.group(1)
