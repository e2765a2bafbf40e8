"""Input limits and bad input: a clear error, nothing stored, never a 500 (security.md 11)."""

from __future__ import annotations

import io
import os

import pytest
from sqlalchemy import func, select

from question_bank.models import Attempt, Response
from quizapp.security import NUL_SELF_CHECKED
from tests.helpers import question_form
from tests.security.conftest import (
    World,
    app_rules,
    build_url,
    diff_snapshots,
    join,
    page_token,
    snapshot,
)

NUL = "a\x00b"


def _responses(world: World) -> int:
    world.db.rollback()
    count = int(world.db.scalar(select(func.count()).select_from(Response)) or 0)
    world.db.rollback()
    return count


def test_too_big_request_gets_the_friendly_413(world: World) -> None:
    client = world.client("teacher_a")
    token = page_token(client, "/teacher/articles/import")
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="huge.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode() + b"word " * (world.app.config["MAX_CONTENT_LENGTH"] // 5 + 10)
    # Raw bytes (not the test client's file encoding, which spools to an unclosed temp file).
    response = client.post(
        "/teacher/articles/import",
        data=body + f"\r\n--{boundary}--\r\n".encode(),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 413
    assert "too big" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "nickname",
    ["", "   ", "x" * 21, "x" * 10_000, "bell\x07", "left\u202eright", "zero\u200bwidth", NUL],
)
def test_bad_nicknames_are_refused(world: World, nickname: str) -> None:
    client = world.app.test_client()
    token = page_token(client, f"/join/{world.code_a}")
    before = snapshot(world.db)
    response = client.post(
        f"/join/{world.code_a}",
        data={"code": world.code_a, "nickname": nickname, "csrf_token": token},
    )
    assert response.status_code in {200, 400}
    assert "error" in response.get_data(as_text=True)
    assert diff_snapshots(before, snapshot(world.db)) == []


def test_nickname_is_nfkc_normalised(world: World) -> None:
    client = world.app.test_client()
    join(client, world.code_a, "Ｏｔｔｅｒ")  # fullwidth letters
    world.db.rollback()
    assert world.db.scalar(select(Attempt.nickname)) == "Otter"
    world.db.rollback()


def test_answer_values_must_be_one_of_the_options(world: World) -> None:
    student = world.client("student")
    options, token = question_form(student, world.code_a)
    other_question_option = str(max(int(o) for o in options) + 100)
    url = f"/q/{world.code_a}/1"
    bad_values: list[list[str]] = [
        ["-1"],
        ["999999"],
        ["1.5"],
        ["abc"],
        [],
        [options[0], options[1]],  # two different answers at once
        [other_question_option],
        [NUL],
        ["1" * 400],
    ]
    for values in bad_values:
        response = student.post(url, data={"option": values, "csrf_token": token})
        assert response.status_code == 400, (values, response.status_code)
        assert _responses(world) == 0, values
    response = student.post(url, data={"option": options[0], "csrf_token": token})
    assert response.status_code == 302
    assert _responses(world) == 1


@pytest.mark.parametrize(
    "payload",
    [os.urandom(4096), "caf\xe9 au lait".encode("latin-1") * 50, b"\x00" * 100, b"PK\x03\x04"],
)
def test_binary_and_non_utf8_uploads_get_a_clear_400(world: World, payload: bytes) -> None:
    client = world.client("teacher_a")
    token = page_token(client, "/teacher/articles/import")
    before = snapshot(world.db)
    response = client.post(
        "/teacher/articles/import",
        data={"csrf_token": token, "upload": (io.BytesIO(payload), "article.txt")},
        content_type="multipart/form-data",
    )
    # Latin-1 text may be decoded and imported; anything else is a clear 400.
    assert response.status_code in {302, 400}, response.status_code
    if response.status_code == 400:
        assert 'class="error"' in response.get_data(as_text=True)
        assert diff_snapshots(before, snapshot(world.db)) == []


def test_nul_in_any_text_input_never_gives_a_500(world: World) -> None:
    """Every POST route, every plausible field holding a NUL: a clear error, nothing stored
    with a NUL (PostgreSQL refuses NUL in text; SQLite would store it)."""
    problems: list[str] = []
    for who in ("teacher_a", "student", "anonymous"):
        world.client(who)  # join and log in before anything is posted
    fields = [
        "title",
        "outlet",
        "text",
        "stem",
        "explanation",
        "nickname",
        "code",
        "email",
        "password",
        "reason",
        "q",
        "options-0-text",
        "options-1-text",
        "options-0-feedback",
        "option",
        "n",
        "attempts_allowed",
        "feedback_mode",
        "fmt",
    ]
    for who in ("teacher_a", "student", "anonymous"):
        client = world.client(who)
        token = page_token(client, "/join")
        for rule in app_rules(world.app):
            if "POST" not in (rule.methods or set()):
                continue
            if rule.endpoint in {"auth.logout"}:
                continue
            url = build_url(rule, world)
            data = {name: NUL for name in fields} | {"csrf_token": token}
            response = client.post(url, data=data)
            if rule.endpoint in NUL_SELF_CHECKED:  # the form itself says what is wrong
                if response.status_code not in {200, 400} or 'class="error"' not in (
                    response.get_data(as_text=True)
                ):
                    problems.append(f"POST {url} as {who} with NUL: no field error")
            elif response.status_code != 400:
                problems.append(f"POST {url} as {who} with NUL: {response.status_code}")
            if "GET" in (rule.methods or set()):
                response = client.get(url, query_string={"q": NUL, "status": NUL, "hl": NUL})
                if response.status_code >= 500 or (
                    rule.endpoint not in NUL_SELF_CHECKED and response.status_code != 400
                ):
                    problems.append(f"GET {url}?q=NUL as {who}: {response.status_code}")
    for table, rows in snapshot(world.db).items():
        for row in rows:
            if any(isinstance(v, str) and "\x00" in v for v in row):
                problems.append(f"a NUL was stored in {table}: {row}")
    assert problems == [], "\n".join(problems)
