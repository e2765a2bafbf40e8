"""Helpers for student tests that drive the app through Flask's test client (CSRF on)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.helpers import csrf_token

OPTION_RE = re.compile(r'name="option" value="(\d+)"')


def join(client: FlaskClient, code: str, nickname: str = "Brave Otter") -> str:
    """Join ``code`` as ``nickname``; returns the redirect location (or fails the test)."""
    token = csrf_token(client, "/join")
    response = client.post("/join", data={"code": code, "nickname": nickname, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.location


def option_ids(client: FlaskClient, code: str, n: int) -> list[int]:
    """The option ids shown on question ``n`` (in the order shown)."""
    html = client.get(f"/q/{code}/{n}").get_data(as_text=True)
    ids = [int(v) for v in OPTION_RE.findall(html)]
    assert ids, html[:2000]
    return ids


def answer(client: FlaskClient, code: str, n: int, option: object, *, token: bool = True):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"option": option}
    if token:
        data["csrf_token"] = csrf_token(client, "/join")
    return client.post(f"/q/{code}/{n}", data=data)
