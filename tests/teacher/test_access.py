"""Access control for every teacher URL, found by walking ``app.url_map``.

Anonymous visitors are sent to the login page; another teacher gets 404 (not 403) for every
object of the first teacher, so ids reveal nothing. A new route cannot be forgotten: the walk
fails when a teacher route has a URL argument the test does not know.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from question_bank.models import Teacher
from tests.conftest import TEACHER_PASSWORD
from tests.helpers import csrf_token, login
from tests.teacher.conftest import Bank

KNOWN_ARGS = {"article_id", "question_id", "quiz_id", "item_id", "direction", "action", "fmt"}


def _teacher_rules(app: Flask) -> list[tuple[str, str, list[str], set[str]]]:
    rules = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("teacher."):
            continue
        unknown = set(rule.arguments) - KNOWN_ARGS
        assert not unknown, f"{rule.rule}: teach test_access.py about {unknown}"
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        rules.append((rule.endpoint, rule.rule, methods, set(rule.arguments)))
    assert len(rules) >= 20
    return rules


def _url(rule: str, bank: Bank) -> str:
    item = bank.quiz.items[0]
    return (
        rule.replace("<int:article_id>", str(bank.article.id))
        .replace("<int:question_id>", str(bank.questions[1].id))
        .replace("<int:quiz_id>", str(bank.quiz.id))
        .replace("<int:item_id>", str(item.id))
        .replace("<any(up, down):direction>", "up")
        .replace("<any(close, reopen):action>", "close")
        .replace("<fmt>", "json")
    )


def test_anonymous_is_sent_to_login_everywhere(app: Flask, client: FlaskClient, bank: Bank) -> None:
    token = csrf_token(client, "/teacher/login")
    for _endpoint, rule, methods, _arguments in _teacher_rules(app):
        url = _url(rule, bank)
        for method in methods:
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data={"csrf_token": token})
            assert response.status_code == 302, (method, url, response.status_code)
            assert "/teacher/login" in response.headers["Location"], (method, url)


def test_other_teacher_gets_404_for_every_object(
    app: Flask, client: FlaskClient, bank: Bank, make_teacher: Callable[..., Teacher]
) -> None:
    other = make_teacher("bob@school.test")
    login(client, other.email, TEACHER_PASSWORD)
    token = csrf_token(client, "/teacher/articles/import")
    checked = 0
    for endpoint, rule, methods, arguments in _teacher_rules(app):
        if not {"article_id", "question_id", "quiz_id"} & arguments:
            continue
        url = _url(rule, bank)
        for method in methods:
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data={"csrf_token": token, "reason": "vague", "n": "1"})
            assert response.status_code == 404, (endpoint, method, url, response.status_code)
            checked += 1

    assert checked >= 15
    # ... and the other teacher's lists and searches do not show the first teacher's things.
    for path in (
        "/teacher/",
        "/teacher/questions",
        "/teacher/articles",
        "/teacher/quizzes",
        "/teacher/quizzes/new",
    ):
        html = client.get(path).get_data(as_text=True)
        assert bank.article.title not in html, path
        assert bank.questions[0].stem not in html, path
        assert bank.quiz.join_code not in html, path
    exported = client.get("/teacher/export/json?status=all").get_data(as_text=True)
    assert bank.questions[0].stem not in exported


def test_owner_can_reach_every_object_page(logged_in: FlaskClient, app: Flask, bank: Bank) -> None:
    for _endpoint, rule, methods, _arguments in _teacher_rules(app):
        if "GET" not in methods:
            continue
        url = _url(rule, bank)
        response = logged_in.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
