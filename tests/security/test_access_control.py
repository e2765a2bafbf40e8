"""Access control on every route, found by walking ``app.url_map`` (security.md 9).

Anonymous visitors and students never get a teacher page; teacher B gets 404 on teacher A's
objects and cannot change them; teacher A gets 200; a student's pages depend on the session
cookie only. A route whose arguments the tests cannot build fails (see ``RULE_ARGS``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.security.conftest import (
    OWNED_ARGS,
    PUBLIC_TEACHER_ENDPOINTS,
    World,
    app_rules,
    build_url,
    diff_snapshots,
    is_teacher_rule,
    join,
    page_token,
    snapshot,
)

PUBLIC_ENDPOINTS = {"main.index", "main.privacy", "main.healthz", "student.join", "static"}
PUBLIC_ENDPOINTS |= PUBLIC_TEACHER_ENDPOINTS

# Pages that take a join code but belong to a student's own attempt (found by cookie only).
STUDENT_ENDPOINT_PREFIX = "student."


def _location(response: TestResponse) -> str:
    return urlsplit(response.headers.get("Location", "")).path


def _is_login_redirect(response: TestResponse) -> bool:
    return response.status_code in {302, 303} and _location(response) == "/teacher/login"


def test_every_rule_is_classified(world: World) -> None:
    """Each endpoint is public, a teacher page or a student page: nothing falls in between."""
    unknown = [
        r.endpoint
        for r in app_rules(world.app)
        if r.endpoint not in PUBLIC_ENDPOINTS
        and not is_teacher_rule(r)
        and not r.endpoint.startswith(STUDENT_ENDPOINT_PREFIX)
    ]
    assert unknown == [], f"routes outside the access-control matrix: {unknown}"


def test_teacher_pages_need_the_right_teacher(world: World) -> None:
    problems: list[str] = []
    anonymous, student = world.client("anonymous"), world.client("student")
    teacher_a, teacher_b = world.client("teacher_a"), world.client("teacher_b")
    tokens = {c: page_token(c, "/join") for c in (anonymous, student, teacher_b)}
    before = snapshot(world.db)
    checked = 0
    for rule in app_rules(world.app):
        if not is_teacher_rule(rule):
            continue
        url = build_url(rule, world)
        owned = bool(OWNED_ARGS & rule.arguments)
        methods = rule.methods or set()
        if "GET" in methods:
            checked += 1
            for name, client in (("anonymous", anonymous), ("student", student)):
                response = client.get(url)
                if not (_is_login_redirect(response) or response.status_code == 404):
                    problems.append(f"GET {url} as {name}: {response.status_code}")
            response = teacher_b.get(url)
            body = response.get_data(as_text=True)
            if owned and response.status_code != 404:
                problems.append(f"GET {url} as teacher B: {response.status_code}, expected 404")
            elif not owned and ("A's article" in body or "A's quiz" in body):
                problems.append(f"GET {url} as teacher B shows teacher A's objects")
            response = teacher_a.get(url)
            if response.status_code != 200:
                problems.append(f"GET {url} as teacher A: {response.status_code}, expected 200")
        if "POST" in methods:
            checked += 1
            for name, client in (("anonymous", anonymous), ("student", student)):
                response = client.post(url, data={"csrf_token": tokens[client]})
                if not (_is_login_redirect(response) or response.status_code == 404):
                    problems.append(f"POST {url} as {name}: {response.status_code}")
            if owned:
                response = teacher_b.post(url, data={"csrf_token": tokens[teacher_b]})
                if response.status_code != 404:
                    problems.append(
                        f"POST {url} as teacher B: {response.status_code}, expected 404"
                    )
            changed = diff_snapshots(before, snapshot(world.db))
            if changed:
                problems.append(f"POST {url} by someone else changed {changed}")
                before = snapshot(world.db)
    assert checked >= 3, "the walk found (almost) no teacher routes"
    assert problems == [], "\n".join(problems)


def test_student_pages_follow_the_session_cookie(world: World) -> None:
    """A student's pages open only for the device holding the attempt's cookie."""
    problems: list[str] = []
    student = world.client("student")
    others: dict[str, FlaskClient] = {
        "anonymous": world.client("anonymous"),
        "teacher A": world.client("teacher_a"),
    }
    other_student = world.app.test_client()
    join(other_student, world.code_b, "Badger")  # in B's quiz, not A's
    others["student of another quiz"] = other_student
    for rule in app_rules(world.app):
        if not rule.endpoint.startswith(STUDENT_ENDPOINT_PREFIX) or "GET" not in (
            rule.methods or set()
        ):
            continue
        url = build_url(rule, world)
        public = rule.endpoint in PUBLIC_ENDPOINTS
        response = student.get(url)
        if response.status_code not in {200, 302}:
            problems.append(f"GET {url} as the student: {response.status_code}")
        for name, client in others.items():
            response = client.get(url)
            if public:
                if response.status_code != 200:
                    problems.append(f"GET {url} as {name}: {response.status_code}")
            elif not (
                response.status_code in {302, 303, 404}
                and (response.status_code == 404 or _location(response).startswith("/join"))
            ):
                problems.append(
                    f"GET {url} as {name}: {response.status_code} -> {_location(response)}"
                )
    assert problems == [], "\n".join(problems)


def test_public_pages_are_public(world: World) -> None:
    client = world.client("anonymous")
    for rule in app_rules(world.app):
        if rule.endpoint in PUBLIC_ENDPOINTS and "GET" in (rule.methods or set()):
            response = client.get(build_url(rule, world))
            response.close()  # static files are streamed from an open file
            assert response.status_code == 200, (rule.rule, response.status_code)
