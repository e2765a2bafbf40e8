"""The student flow in a real Chromium: phone and Chromebook sizes, keyboard only, no JavaScript,
axe-core on every student page, page weight, and nothing fetched from outside the app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.models import Attempt, Quiz, Response

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CHROMEBOOK = {"width": 1366, "height": 768}
MAX_PAGE_BYTES = 50_000

_axe = Axe()

# Bytes of the document and its same-origin CSS and JS, as the browser decoded them.
WEIGHT_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  let total = nav ? nav.decodedBodySize : 0;
  for (const r of performance.getEntriesByType('resource')) {
    if (/\\.(css|js)(\\?|$)/.test(r.name)) total += r.decodedBodySize;
  }
  return total;
}"""


def check_page(page: Any, *, weigh: bool = True) -> None:
    """axe-core finds nothing, the page stays under the weight budget and fits the width."""
    results = _axe.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    if weigh:
        weight = page.evaluate(WEIGHT_JS)
        assert 0 < weight < MAX_PAGE_BYTES, f"{page.url} weighs {weight} bytes"
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def counts(db: Session) -> tuple[int, int]:
    attempts = db.scalar(select(func.count()).select_from(Attempt)) or 0
    responses = db.scalar(select(func.count()).select_from(Response)) or 0
    db.commit()  # release SQLite's write lock for the app
    return int(attempts), int(responses)


def right_and_wrong(quiz: Quiz, position: int) -> tuple[str, str]:
    options = quiz.items[position].question.options
    right = next(o.text for o in options if o.is_correct)
    wrong = next(o.text for o in options if not o.is_correct)
    return right, wrong


def join_as(page: Any, quiz: Quiz, nickname: str = "Brave Otter") -> None:
    page.goto(f"/join/{quiz.join_code}")
    page.get_by_label("Nickname").fill(nickname)
    page.get_by_role("button", name="Join the quiz").click()
    page.wait_for_url(f"**/q/{quiz.join_code}/1")


def choose(page: Any, text: str) -> None:
    page.get_by_label(text, exact=True).check()


@pytest.fixture()
def guarded_context(browser: Any, server_url: str) -> Iterator[Callable[..., Any]]:
    """New browser contexts (any options) that fail the test on requests outside the app."""
    contexts: list[Any] = []
    outside: list[str] = []

    def open_context(**options: Any) -> Any:
        context = browser.new_context(base_url=server_url, **options)

        def _guard(route: Any) -> None:
            if route.request.url.startswith(server_url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", _guard)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert not outside, f"requests outside the app's origin: {outside}"


def test_whole_flow_on_a_phone(page: Any, quiz: Quiz, db_session: Session) -> None:
    """Join, answer every question (one by double-click), feedback, article, summary."""
    page.set_viewport_size(PHONE)
    page.goto(f"/join/{quiz.join_code}")
    check_page(page)
    assert page.get_by_label("Join code").input_value() == quiz.join_code
    suggested = page.get_by_label("Nickname").input_value()
    assert len(suggested.split(" ")) == 2
    page.get_by_role("button", name="Join the quiz").click()
    page.wait_for_url(f"**/q/{quiz.join_code}/1")

    # Question 1, answered right.
    assert page.get_by_text("Question 1 of 3").is_visible()
    assert page.locator("button.read-aloud").is_visible()  # JS and speechSynthesis exist
    for box in page.locator("label.option").all():
        assert box.bounding_box()["height"] >= 44
    check_page(page)
    right, wrong = right_and_wrong(quiz, 0)
    choose(page, right)
    page.get_by_role("button", name="Check my answer").click()
    page.wait_for_url("**/1/feedback")
    assert page.get_by_role("heading", name="Well done! That is right.").is_visible()
    check_page(page)

    # The article, scrolled to the highlighted proving sentence, without JavaScript's help.
    page.get_by_role("link", name="Show me in the article").click()
    page.wait_for_url("**/article/**")
    target = page.locator(":target")
    assert target.get_attribute("id") == "s-1"
    assert "hl" in (target.get_attribute("class") or "")
    assert "This sentence proves the answer" in target.inner_text()
    in_view = page.evaluate(
        "() => { const r = document.querySelector(':target').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    assert in_view
    width_ch = page.evaluate(
        "() => { const a = document.querySelector('.reading');"
        " return a.getBoundingClientRect().width / parseFloat(getComputedStyle(a).fontSize); }"
    )
    assert width_ch <= 40  # 65ch is about 35em; on a phone the screen is the limit
    check_page(page)
    page.get_by_role("link", name="Back to the question").first.click()
    page.wait_for_url("**/1/feedback")
    page.get_by_role("link", name="Next question").click()

    # Question 2, answered wrong: kind words and the right answer.
    page.wait_for_url(f"**/q/{quiz.join_code}/2")
    right, wrong = right_and_wrong(quiz, 1)
    choose(page, wrong)
    page.get_by_role("button", name="Check my answer").click()
    page.wait_for_url("**/2/feedback")
    assert page.get_by_role(
        "heading", name="Not quite! Here is what the article says."
    ).is_visible()
    assert page.get_by_text(right, exact=True).is_visible()
    check_page(page)
    page.get_by_role("link", name="Next question").click()

    # Question 3, double-clicked: still one answer.
    page.wait_for_url(f"**/q/{quiz.join_code}/3")
    right, _ = right_and_wrong(quiz, 2)
    choose(page, right)
    page.get_by_role("button", name="Check my answer").dblclick()
    page.wait_for_url("**/3/feedback")
    assert counts(db_session) == (1, 3)
    page.get_by_role("link", name="See my score").click()
    page.wait_for_url("**/done")
    assert page.get_by_role("heading", name="You got 2 out of 3!").is_visible()
    check_page(page)


def test_resume_back_button_and_chromebook(
    page: Any, quiz_factory: Callable[..., Quiz], db_session: Session
) -> None:
    """Close the tab mid-quiz and come back; the back button cannot change an answer."""
    quiz = quiz_factory(shuffle_options=True, shuffle_questions=True)
    page.set_viewport_size(CHROMEBOOK)
    join_as(page, quiz)
    first_options = page.locator("label.option").all_inner_texts()
    page.locator("label.option").first.click()
    page.get_by_role("button", name="Check my answer").click()
    page.wait_for_url("**/1/feedback")
    context = page.context
    page.close()

    again = context.new_page()
    again.goto(f"/join/{quiz.join_code}")
    again.wait_for_url(f"**/q/{quiz.join_code}/2")
    assert again.get_by_text("Question 2 of 3").is_visible()
    check_page(again)
    again.locator("label.option").first.click()
    again.get_by_role("button", name="Check my answer").click()
    again.wait_for_url("**/2/feedback")
    answered = db_session.scalars(
        select(Response.option_id).where(Response.quiz_item_id == quiz.items[0].id)
    ).all()
    db_session.commit()

    # Back to question 2: a cached form may come back; pressing it again changes nothing.
    again.go_back()
    if again.locator("label.option").count():
        again.locator("label.option").last.click()
        again.get_by_role("button", name="Check my answer").click()
        again.wait_for_url("**/2/feedback")
        assert again.get_by_text("You already answered this one").is_visible()
    else:
        assert "/2/feedback" in again.url
    assert counts(db_session) == (1, 2)
    assert (
        db_session.scalars(
            select(Response.option_id).where(Response.quiz_item_id == quiz.items[0].id)
        ).all()
        == answered
    )
    db_session.commit()
    # The first question's options kept their shuffled order on the way back.
    again.goto(f"/q/{quiz.join_code}/1")
    assert again.url.endswith("/1/feedback")
    assert first_options  # shown once, before the answer


def _tab_to(page: Any, selector: str, limit: int = 25) -> None:
    """Press Tab until the focused element matches ``selector`` (and its focus is visible)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            outline = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return s.outlineStyle + ' ' + s.outlineWidth; }"
            )
            assert not outline.startswith("none"), f"no visible focus on {selector}: {outline}"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(page: Any, quiz: Quiz, db_session: Session) -> None:
    """The whole quiz with Tab, Space and Enter only."""
    page.goto(f"/join/{quiz.join_code}")
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/q/{quiz.join_code}/1")
    for n in (1, 2, 3):
        _tab_to(page, "input[type=radio]")
        page.keyboard.press("Space")
        assert page.evaluate("() => document.activeElement.checked")
        _tab_to(page, "button.submit-answer")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{n}/feedback")
        _tab_to(page, "a.next")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/q/{quiz.join_code}/{n + 1}" if n < 3 else "**/done")
    assert page.get_by_text("out of 3!").is_visible()
    assert counts(db_session) == (1, 3)


def test_without_javascript(
    guarded_context: Callable[..., Any], quiz_factory: Callable[..., Quiz], db_session: Session
) -> None:
    """Everything works with JavaScript off, deferred feedback included; no read-aloud button."""
    quiz = quiz_factory(feedback_mode="deferred", attempts_allowed=2)
    page = guarded_context(java_script_enabled=False).new_page()
    page.set_viewport_size(PHONE)
    join_as(page, quiz, "Quiet Owl")
    for n in (1, 2, 3):
        assert page.get_by_text(f"Question {n} of 3").is_visible()
        assert not page.locator("button.read-aloud").is_visible()
        right, _ = right_and_wrong(quiz, n - 1)
        choose(page, right)
        page.get_by_role("button", name="Save my answer").click()
        if n < 3:
            page.wait_for_url(f"**/q/{quiz.join_code}/{n + 1}")
            assert page.get_by_text("Your answer is saved.").is_visible()
            assert page.get_by_text("Well done").count() == 0
    page.wait_for_url("**/done")
    assert page.get_by_role("heading", name="You got 3 out of 3!").is_visible()
    page.get_by_role("link", name="Show me in the article").nth(2).click()
    page.wait_for_url("**/article/**")
    assert page.locator(":target").get_attribute("id") == "s-3"
    assert page.locator(".s.hl mark").inner_text().startswith("The winning oven")
    page.get_by_role("link", name="Back to my score").first.click()
    page.wait_for_url("**/done")
    page.get_by_role("button", name="Try again").click()
    page.wait_for_url(f"**/q/{quiz.join_code}/1")
    assert counts(db_session) == (2, 3)


def test_deferred_and_closed_pages_pass_axe(
    page: Any, quiz_factory: Callable[..., Quiz], db_session: Session
) -> None:
    """The pages the other tests do not reach: deferred question, errors, closed quiz."""
    quiz = quiz_factory(feedback_mode="deferred")
    page.goto("/join")
    page.get_by_label("Join code").fill("NOPE22")
    page.get_by_role("button", name="Join the quiz").click()
    assert page.get_by_text("We could not find a quiz with that code").is_visible()
    check_page(page)
    join_as(page, quiz)
    page.locator("label.option").first.click()
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_url(f"**/q/{quiz.join_code}/2")
    check_page(page)
    quiz.is_open = False
    db_session.commit()
    page.reload()
    assert page.get_by_role("heading", name="This quiz is closed now").is_visible()
    check_page(page)
