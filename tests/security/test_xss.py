"""Output encoding: payloads in every user-supplied field render inert on every page
(security.md 10). Pages are found by walking ``app.url_map``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from question_bank.models import Article, Question, Quiz
from tests.security.conftest import World, add_teacher, app_rules, build_url, join

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
]
TEMPLATE = "zq{{7*7}}zq"  # must never render as zq49zq
JS_URL = "javascript:alert(1)"
NICKNAMES = ["<svg/onload=alert()>", "zq{{7*7}}zq", '"><b>x</b>']  # nicknames are <= 20
TEXT = (
    "Maya said <script>alert(1)</script> very loudly. "
    "The oven zq{{7*7}}zq was hot. "
    "Kids wrote <img src=x onerror=alert(1)> on the wall. "
    'A sign read "><svg onload=alert(1)> there. '
    "The link javascript:alert(1) was printed."
)


def _check(html: str, where: str) -> list[str]:
    problems = [f"{where}: raw {p!r}" for p in PAYLOADS + NICKNAMES[:1] if p in html]
    if '"><b>x</b>' in html:
        problems.append(f"{where}: raw nickname markup")
    if "zq49zq" in html:
        problems.append(f"{where}: template expression evaluated")
    if re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I):
        problems.append(f"{where}: javascript: URL in an attribute")
    return problems


def test_payloads_render_inert_everywhere(
    app: Flask,
    db_session: Session,
    make_article: Callable[..., Article],
    make_question: Callable[..., Question],
    make_quiz: Callable[..., Quiz],
) -> None:
    teacher = add_teacher(db_session, "x@school.test")
    article = make_article(teacher, text=TEXT, title=PAYLOADS[0] + TEMPLATE)
    db_session.execute(update(Article).values(outlet=PAYLOADS[1] + JS_URL, url=JS_URL))
    question = make_question(
        article,
        stem=PAYLOADS[2] + " " + TEMPLATE + "?",
        options=(PAYLOADS[0], PAYLOADS[1] + TEMPLATE, JS_URL),
        sentence_index=2,
    )
    db_session.execute(update(Question).values(explanation=PAYLOADS[1] + TEMPLATE))
    db_session.commit()
    quiz = make_quiz(teacher, [question], title=PAYLOADS[2] + TEMPLATE)
    world = World(
        app=app,
        db=db_session,
        email_a=teacher.email,
        email_b=teacher.email,
        article_a=article.id,
        questions_a=[question.id],
        quiz_a=quiz.id,
        code_a=quiz.join_code,
        item_a=quiz.items[0].id,
        article_b=article.id,
        question_b=question.id,
        quiz_b=quiz.id,
        code_b=quiz.join_code,
        topic_a=0,
    )
    db_session.rollback()

    students = []
    for nickname in NICKNAMES:
        client = app.test_client()
        join(client, quiz.join_code, nickname)
        students.append(client)
    # One student answers, so results, feedback and summary pages show the answer too.
    answer_page = students[0].get(f"/q/{quiz.join_code}/1").get_data(as_text=True)
    problems = _check(answer_page, "question page")
    option = re.search(r'name="option"[^>]*value="(\d+)"', answer_page)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', answer_page)
    assert option and token, "the question page has a form with options"
    students[0].post(
        f"/q/{quiz.join_code}/1", data={"option": option.group(1), "csrf_token": token.group(1)}
    )

    pages = 0
    shown: set[str] = set()  # the payloads really are on the pages, escaped
    clients: dict[str, Any] = {"teacher": world.client("teacher_a"), "student": students[0]}
    for rule in app_rules(app):
        if "GET" not in (rule.methods or set()) or rule.endpoint == "static":
            continue
        if "topic_id" in rule.arguments:
            continue  # no topic here; topics show article titles checked on other pages
        url = build_url(rule, world)
        for who, client in clients.items():
            response = client.get(url, follow_redirects=True)
            if not response.content_type.startswith("text/html"):
                continue
            pages += 1
            html = response.get_data(as_text=True)
            problems += _check(html, f"{url} as {who}")
            shown |= {m for m in ("&lt;script&gt;", "zq{{7*7}}zq", "&lt;svg/onload") if m in html}
    assert pages >= 15
    assert shown == {"&lt;script&gt;", "zq{{7*7}}zq", "&lt;svg/onload"}
    assert problems == [], "\n".join(problems)
