"""The main teacher flow in a real Chromium, with axe-core on every teacher page visited:
log in -> paste an article -> review -> approve the best N -> build a quiz -> join sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from question_bank.models import Teacher
from tests.conftest import TEACHER_PASSWORD

pytestmark = pytest.mark.browser

_axe = Axe()
DATA = Path(__file__).resolve().parent.parent / "question_bank" / "data"


def check(page: Any) -> None:
    results = _axe.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def _article_text() -> str:
    path = DATA / "robotics_contest.txt"
    if path.exists():
        return path.read_text(encoding="utf-8")
    from tests.teacher.test_bank import ARTICLE

    return ARTICLE


def test_main_teacher_flow(page: Any, make_teacher: Callable[..., Teacher]) -> None:
    teacher = make_teacher("flow@school.test")
    page.goto("/teacher/login")
    page.get_by_label("E-mail").fill(teacher.email)
    page.get_by_label("Password").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/teacher/")
    check(page)

    page.get_by_role("link", name="Import an article").first.click()
    page.wait_for_url("**/teacher/articles/import")
    check(page)
    page.get_by_label("Title", exact=True).fill("Robot contest")
    page.get_by_label("Paste the article").fill(_article_text())
    page.get_by_role("button", name="Generate questions").click()
    page.wait_for_url("**/review", timeout=60_000)
    check(page)
    assert page.get_by_role("heading", name="Review: Robot contest").is_visible()
    drafts = page.locator("article.question.status-draft").count()
    assert drafts >= 2, "the generator made fewer than two questions"

    page.get_by_label("Approve the best").fill("2")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url("**/review")
    assert "Approved 2 questions." in page.content()
    assert page.locator("article.question.status-ready").count() == 2

    review_url = page.url
    page.locator("article.question a.button", has_text="Edit").first.click()
    page.wait_for_url("**/edit")
    check(page)
    page.goto(review_url)
    page.get_by_role("link", name="Article details").click()
    check(page)
    page.get_by_role("link", name="Questions", exact=True).click()
    check(page)
    page.get_by_role("link", name="Articles", exact=True).click()
    check(page)
    page.get_by_role("link", name="Quizzes", exact=True).click()
    check(page)
    page.goto("/teacher/quizzes/new")
    check(page)
    best = page.locator("form[action$='/quizzes/new-best']")
    best.get_by_role("checkbox", name="Robot contest", exact=True).check()
    best.get_by_label("Number of questions").fill("2")
    best.get_by_label("Quiz title").fill("Robots quiz")
    best.get_by_role("button", name="Create quiz").click()
    page.wait_for_url("**/teacher/quizzes/*")
    check(page)
    code = page.locator("p.lead strong.code").inner_text()
    assert len(code) == 6
    assert page.locator("ol.quiz-items > li").count() == 2

    page.get_by_role("link", name="Join sheet to print").click()
    page.wait_for_url("**/join-sheet")
    check(page)
    assert page.locator(".join-code").inner_text() == code
    assert f"/join/{code}" in page.locator(".join-url").inner_text()
    # The code is in very big type, on screen and in print.
    size = page.locator(".join-code").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 64
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("link", name="Results").first.click()
    page.wait_for_url("**/results")
    check(page)
