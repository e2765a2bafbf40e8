"""The student rules, through Flask's test client with CSRF on."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from question_bank import nicknames
from question_bank.models import Attempt, Quiz, Response, Teacher
from tests.helpers import csrf_token
from tests.student.helpers import answer, join, option_ids


def _count(db: Session, model: type) -> int:
    count = int(db.scalar(select(func.count()).select_from(model)) or 0)
    db.commit()  # never hold SQLite's write lock while the app serves the next request
    return count


def _all(db: Session, query: Any) -> list[Any]:
    rows = list(db.scalars(query.execution_options(populate_existing=True)))
    db.commit()
    return rows


def _html(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined, no-any-return]


def _finish_all(client: FlaskClient, code: str, total: int = 3) -> None:
    for n in range(1, total + 1):
        response = answer(client, code, n, option_ids(client, code, n)[0])
        assert response.status_code == 302


# ---------------------------------------------------------------- joining


def test_join_page_offers_a_generated_nickname(client: FlaskClient) -> None:
    html = _html(client.get("/join"))
    value = re.search(r'id="nickname"[^>]*value="([^"]*)"', html)
    assert value, html
    adjective, animal = value.group(1).split(" ")
    assert adjective in nicknames.ADJECTIVES and animal in nicknames.ANIMALS
    assert 'name="csrf_token"' in html
    # Nothing else is asked for.
    assert set(re.findall(r'<input[^>]*name="([^"]+)"', html)) == {"csrf_token", "code", "nickname"}


def test_join_with_code_in_url_fills_the_code(client: FlaskClient, quiz: Quiz) -> None:
    html = _html(client.get(f"/join/{quiz.join_code.lower()}"))
    assert f'value="{quiz.join_code}"' in html


def test_join_starts_attempt_with_persistent_cookie(
    client: FlaskClient, quiz: Quiz, db_session: Session
) -> None:
    token = csrf_token(client, "/join")
    response = client.post(
        "/join",
        data={
            "code": " " + quiz.join_code.lower() + " ",
            "nickname": "  Brave   Otter ",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/q/{quiz.join_code}/1")
    cookie = response.headers["Set-Cookie"]
    assert "Expires=" in cookie and "HttpOnly" in cookie
    (attempt,) = _all(db_session, select(Attempt))
    assert attempt.nickname == "Brave Otter"
    assert attempt.nickname_key == "brave otter"
    assert len(attempt.resume_token) >= 40
    # Nothing but the attempt's own fields is stored: no IP, no user agent.
    columns = {c.key for c in inspect(Attempt).columns}
    assert not {c for c in columns if "ip" in c.split("_") or "agent" in c}


def test_unknown_code_is_a_kind_message(client: FlaskClient, db_session: Session) -> None:
    response = client.get("/join/ZZZZZZ")
    assert response.status_code == 404
    assert "We could not find a quiz with that code" in _html(response)
    token = csrf_token(client, "/join")
    response = client.post(
        "/join", data={"code": "NOPE99", "nickname": "Otter", "csrf_token": token}
    )
    assert response.status_code == 200
    assert "We could not find a quiz with that code" in _html(response)
    assert _count(db_session, Attempt) == 0


def test_duplicate_nickname_gets_a_kind_message_and_a_suggestion(
    app: Flask, quiz: Quiz, db_session: Session
) -> None:
    join(app.test_client(), quiz.join_code, "Otter")
    other = app.test_client()
    token = csrf_token(other, "/join")
    response = other.post(
        "/join", data={"code": quiz.join_code, "nickname": "ＯＴＴＥＲ", "csrf_token": token}
    )
    assert response.status_code == 200
    html = _html(response)
    assert "already uses the nickname" in html and "Please choose another one" in html
    suggested = re.search(r"We picked “([^”]+)” for you", html)
    assert suggested and f'value="{suggested.group(1)}"' in html
    assert _count(db_session, Attempt) == 1


BAD_NICKNAMES = {
    "empty": "",
    "spaces": "   ",
    "bell": "Otter\x07",
    "nul": "Ot\x00ter",
    "bidi": "\u202eretto",
    "zero-width": "Ot\u200bter",
    "21-chars": "x" * 21,
    "10k-chars": "x" * 10_000,
}


def test_bad_nicknames_are_refused(client: FlaskClient, quiz: Quiz, db_session: Session) -> None:
    # One test, many values: each app/database setup costs more than the requests.
    token = csrf_token(client, "/join")
    for name, bad in BAD_NICKNAMES.items():
        response = client.post(
            "/join", data={"code": quiz.join_code, "nickname": bad, "csrf_token": token}
        )
        assert response.status_code == 200, name
        assert 'class="error" id="nickname-error"' in _html(response), name
    assert _count(db_session, Attempt) == 0


@pytest.mark.parametrize("typed", ["=1+1", "@SUM(1)", "<b>x</b>&amp;"])
def test_odd_but_valid_nicknames_are_stored_as_typed_and_shown_inert(
    client: FlaskClient, quiz: Quiz, db_session: Session, typed: str
) -> None:
    join(client, quiz.join_code, typed)
    assert _all(db_session, select(Attempt.nickname)) == [typed]
    _finish_all(client, quiz.join_code)
    html = _html(client.get(f"/q/{quiz.join_code}/done"))
    assert "<b>x</b>" not in html
    if typed.startswith("<"):
        assert "&lt;b&gt;x&lt;/b&gt;&amp;amp;" in html


def test_join_without_csrf_is_refused(client: FlaskClient, quiz: Quiz, db_session: Session) -> None:
    response = client.post("/join", data={"code": quiz.join_code, "nickname": "Otter"})
    assert response.status_code == 400
    assert _count(db_session, Attempt) == 0


def test_closed_quiz_blocks_joining(client: FlaskClient, quiz: Quiz, db_session: Session) -> None:
    quiz.is_open = False
    db_session.commit()
    assert "This quiz is closed now" in _html(client.get(f"/join/{quiz.join_code}"))
    token = csrf_token(client, "/join")
    response = client.post(
        "/join", data={"code": quiz.join_code, "nickname": "Otter", "csrf_token": token}
    )
    assert "This quiz is closed now" in _html(response)
    assert _count(db_session, Attempt) == 0


def test_closed_quiz_blocks_answering(client: FlaskClient, quiz: Quiz, db_session: Session) -> None:
    join(client, quiz.join_code)
    first = option_ids(client, quiz.join_code, 1)[0]
    quiz.is_open = False
    db_session.commit()
    response = answer(client, quiz.join_code, 1, first)
    assert response.status_code == 403
    assert "closed" in _html(response)
    assert _count(db_session, Response) == 0
    assert client.get(f"/q/{quiz.join_code}/1").status_code == 403


# ---------------------------------------------------------------- answering


def test_answer_is_stored_once_and_never_changed(
    client: FlaskClient, quiz: Quiz, db_session: Session
) -> None:
    join(client, quiz.join_code)
    first, second = option_ids(client, quiz.join_code, 1)[:2]
    response = answer(client, quiz.join_code, 1, first)
    assert response.status_code == 302 and response.location.endswith("/1/feedback")
    replay = answer(client, quiz.join_code, 1, second)
    assert replay.status_code == 302
    html = _html(client.get(replay.location))
    assert "You already answered this one" in html
    rows = _all(db_session, select(Response))
    assert len(rows) == 1 and rows[0].option_id == first
    item = quiz.items[0]
    assert rows[0].quiz_item_id == item.id and rows[0].question_id == item.question_id


def test_get_of_an_answered_question_goes_to_its_feedback(client: FlaskClient, quiz: Quiz) -> None:
    join(client, quiz.join_code)
    answer(client, quiz.join_code, 1, option_ids(client, quiz.join_code, 1)[0])
    response = client.get(f"/q/{quiz.join_code}/1")
    assert response.status_code == 302 and response.location.endswith(
        f"/q/{quiz.join_code}/1/feedback"
    )


def test_questions_come_one_at_a_time_in_order(client: FlaskClient, quiz: Quiz) -> None:
    join(client, quiz.join_code)
    response = client.get(f"/q/{quiz.join_code}/3")
    assert response.status_code == 302 and response.location.endswith(f"/q/{quiz.join_code}/1")
    assert client.get(f"/q/{quiz.join_code}/4").status_code == 404
    assert client.get(f"/q/{quiz.join_code}/0").status_code == 404
    assert "Question 1 of 3" in _html(client.get(f"/q/{quiz.join_code}/1"))


def test_bad_option_values_store_nothing(
    client: FlaskClient, quiz: Quiz, db_session: Session
) -> None:
    join(client, quiz.join_code)
    ids = option_ids(client, quiz.join_code, 1)
    foreign = quiz.items[1].question.options[0].id
    token = csrf_token(client, "/join")
    bad_values: dict[str, object] = {
        "negative": "-1",
        "unknown": "999999",
        "decimal": "1.5",
        "text": "abc",
        "blank": "",
        "missing": None,
        "repeated": [ids[0], ids[1]],
        "foreign": foreign,
    }
    for name, value in bad_values.items():
        data: dict[str, object] = {"csrf_token": token}
        if value is not None:
            data["option"] = value
        response = client.post(f"/q/{quiz.join_code}/1", data=data)
        assert response.status_code == 400, name
        html = _html(response)
        assert 'role="alert"' in html and "Please choose" in html, name
    assert _count(db_session, Response) == 0


def test_missing_csrf_keeps_the_choice_and_stores_nothing(
    client: FlaskClient, quiz: Quiz, db_session: Session
) -> None:
    join(client, quiz.join_code)
    chosen = option_ids(client, quiz.join_code, 1)[1]
    for data in ({"option": chosen}, {"option": chosen, "csrf_token": "expired.garbage"}):
        response = client.post(f"/q/{quiz.join_code}/1", data=data)
        assert response.status_code == 400
        html = _html(response)
        assert "Please press the button again" in html
        assert re.search(rf'value="{chosen}" required checked', html), html
        assert _count(db_session, Response) == 0
    # Pressing again with the fresh token from that page works.
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token
    response = client.post(
        f"/q/{quiz.join_code}/1", data={"option": chosen, "csrf_token": token.group(1)}
    )
    assert response.status_code == 302
    assert _count(db_session, Response) == 1


def test_finishing_scores_once_and_later_answers_are_refused(
    client: FlaskClient, quiz: Quiz, db_session: Session
) -> None:
    join(client, quiz.join_code)
    first_ids = option_ids(client, quiz.join_code, 1)
    _finish_all(client, quiz.join_code)
    (attempt,) = _all(db_session, select(Attempt))
    assert attempt.finished_at is not None
    assert (attempt.score, attempt.max_score) == (1, 3)  # the first option is right only in Q1
    response = answer(client, quiz.join_code, 1, first_ids[1])
    assert response.status_code == 302 and response.location.endswith("/done")
    assert "You have finished this quiz" in _html(client.get(response.location))
    assert _count(db_session, Response) == 3
    summary = _html(client.get(f"/q/{quiz.join_code}/done"))
    assert "You got 1 out of 3!" in summary


def test_immediate_feedback_in_words(client: FlaskClient, quiz: Quiz) -> None:
    join(client, quiz.join_code)
    right = quiz.items[0].question.correct_option
    assert right is not None
    html = _html(client.get(answer(client, quiz.join_code, 1, right.id).location))
    assert "Well done! That is right." in html
    assert "Maya Patel won first prize" in html  # the quote
    link = re.search(r'href="([^"]+)">Show me in the article', html)
    assert link and "hl=1" in link.group(1) and link.group(1).endswith("#s-1")
    wrong = quiz.items[1].question.options[0]
    html = _html(client.get(answer(client, quiz.join_code, 2, wrong.id).location))
    assert "Not quite!" in html and "The right answer is:" in html and "Forty-two" in html


def test_deferred_mode_shows_feedback_only_at_the_end(
    client: FlaskClient, quiz_factory: Callable[..., Quiz]
) -> None:
    quiz = quiz_factory(feedback_mode="deferred")
    join(client, quiz.join_code)
    response = answer(client, quiz.join_code, 1, option_ids(client, quiz.join_code, 1)[0])
    assert response.location.endswith(f"/q/{quiz.join_code}/2")
    html = _html(client.get(response.location))
    assert "Your answer is saved." in html
    assert "Well done" not in html and "Not quite" not in html and "Save my answer" in html
    assert client.get(f"/q/{quiz.join_code}/1/feedback").status_code == 302
    for n in (2, 3):
        response = answer(client, quiz.join_code, n, option_ids(client, quiz.join_code, n)[0])
    assert response.location.endswith("/done")
    html = _html(client.get(response.location))
    assert "You got 1 out of 3!" in html
    assert html.count("Show me in the article") == 3 and "The right answer:" in html


def test_try_again_when_allowed(
    client: FlaskClient, quiz_factory: Callable[..., Quiz], db_session: Session
) -> None:
    quiz = quiz_factory(attempts_allowed=2)
    join(client, quiz.join_code, "Otter")
    _finish_all(client, quiz.join_code)
    html = _html(client.get(f"/q/{quiz.join_code}/done"))
    assert "Try again" in html
    token = csrf_token(client, f"/q/{quiz.join_code}/done")
    response = client.post(f"/q/{quiz.join_code}/again", data={"csrf_token": token})
    assert response.location.endswith(f"/q/{quiz.join_code}/1")
    assert "Question 1 of 3" in _html(client.get(response.location))
    rows = _all(db_session, select(Attempt).order_by(Attempt.number))
    assert [(a.number, a.nickname) for a in rows] == [(1, "Otter"), (2, "Otter")]
    _finish_all(client, quiz.join_code)
    html = _html(client.get(f"/q/{quiz.join_code}/done"))
    assert "Try again" not in html and "try number 2" in html
    response = client.post(f"/q/{quiz.join_code}/again", data={"csrf_token": token})
    assert "You have used all your tries" in _html(client.get(response.location))
    assert _count(db_session, Attempt) == 2


def test_no_try_again_with_one_attempt(client: FlaskClient, quiz: Quiz) -> None:
    join(client, quiz.join_code)
    _finish_all(client, quiz.join_code)
    assert "Try again" not in _html(client.get(f"/q/{quiz.join_code}/done"))


def test_resume_continues_the_same_attempt(
    client: FlaskClient, quiz: Quiz, db_session: Session
) -> None:
    join(client, quiz.join_code)
    answer(client, quiz.join_code, 1, option_ids(client, quiz.join_code, 1)[0])
    response = client.get(f"/join/{quiz.join_code}")
    assert response.status_code == 302 and response.location.endswith(f"/q/{quiz.join_code}/2")
    assert _count(db_session, Attempt) == 1


def test_shuffled_order_is_fixed_for_the_attempt(
    client: FlaskClient, quiz_factory: Callable[..., Quiz], db_session: Session
) -> None:
    quiz = quiz_factory(shuffle_options=True, shuffle_questions=True)
    join(client, quiz.join_code)
    shown = [option_ids(client, quiz.join_code, 1) for _ in range(3)]
    assert shown[0] == shown[1] == shown[2]
    (attempt,) = _all(db_session, select(Attempt))
    first_item = attempt.item_order[0]
    assert shown[0] == attempt.option_order[str(first_item)]


# ---------------------------------------------------------------- nobody else's attempt


def test_pages_need_this_devices_own_attempt(app: Flask, quiz: Quiz, db_session: Session) -> None:
    owner = app.test_client()
    join(owner, quiz.join_code)
    stranger = app.test_client()
    for path in (
        f"/q/{quiz.join_code}/1",
        f"/q/{quiz.join_code}/1/feedback",
        f"/q/{quiz.join_code}/done",
        f"/q/{quiz.join_code}/article/{quiz.items[0].question.article_id}",
    ):
        response = stranger.get(path)
        assert response.status_code == 302 and f"/join/{quiz.join_code}" in response.location
    token = csrf_token(stranger, "/join")
    response = stranger.post(
        f"/q/{quiz.join_code}/1",
        data={"option": quiz.items[0].question.options[0].id, "csrf_token": token},
    )
    assert response.status_code == 302 and "/join/" in response.location
    assert _count(db_session, Response) == 0


def test_a_guessed_or_foreign_token_is_no_attempt(
    app: Flask, quiz_factory: Callable[..., Quiz], db_session: Session
) -> None:
    quiz_a, quiz_b = quiz_factory(), quiz_factory()
    owner = app.test_client()
    join(owner, quiz_a.join_code)
    (real,) = _all(db_session, select(Attempt))
    attacker = app.test_client()
    with attacker.session_transaction() as sess:
        # A token from another quiz, the attempt id, and a non-string are all refused.
        sess["attempts"] = {str(quiz_b.id): real.resume_token, str(quiz_a.id): str(real.id)}
    for code in (quiz_a.join_code, quiz_b.join_code):
        response = attacker.get(f"/q/{code}/1")
        assert response.status_code == 302 and "/join/" in response.location
    with attacker.session_transaction() as sess:
        sess["attempts"] = {str(quiz_a.id): ["x"]}
    assert attacker.get(f"/q/{quiz_a.join_code}/1").status_code == 302


def test_get_requests_change_nothing(client: FlaskClient, quiz: Quiz, db_session: Session) -> None:
    join(client, quiz.join_code)
    before = (_count(db_session, Attempt), _count(db_session, Response))
    article_id = quiz.items[0].question.article_id
    for path in (
        "/join",
        f"/join/{quiz.join_code}",
        f"/q/{quiz.join_code}/1",
        f"/q/{quiz.join_code}/1/feedback",
        f"/q/{quiz.join_code}/done",
        f"/q/{quiz.join_code}/again",
        f"/q/{quiz.join_code}/article/{article_id}?hl=1&back=1",
    ):
        assert client.get(path).status_code in {200, 302, 405}
    assert (_count(db_session, Attempt), _count(db_session, Response)) == before


# ---------------------------------------------------------------- the article


def test_article_page_highlights_the_sentence(client: FlaskClient, quiz: Quiz) -> None:
    join(client, quiz.join_code)
    article_id = quiz.items[0].question.article_id
    html = _html(client.get(f"/q/{quiz.join_code}/article/{article_id}?hl=2&back=1"))
    assert (
        '<span id="s-2" class="s hl"><strong class="hl-label">This sentence proves the answer:'
        in html
    )
    assert "<mark>Forty-two students showed projects to the judges.</mark>" in html
    assert html.count('class="s hl"') == 1
    assert f'href="/q/{quiz.join_code}/1"' in html and "Back to the question" in html
    for odd in ("hl=99", "hl=-1", "hl=abc", "back=999", "back=-1"):
        response = client.get(f"/q/{quiz.join_code}/article/{article_id}?{odd}")
        assert response.status_code == 200
        assert 'class="s hl"' not in _html(response) or "hl=" not in odd


def test_article_not_in_the_quiz_is_not_shown(
    client: FlaskClient,
    quiz: Quiz,
    db_session: Session,
    make_article: Callable[..., object],
) -> None:
    join(client, quiz.join_code)
    stranger = Teacher(email="stranger@school.test", password_hash="!")
    db_session.add(stranger)
    other = make_article(stranger, title="Secret", text="Hidden text here.")
    assert client.get(f"/q/{quiz.join_code}/article/{other.id}").status_code == 404  # type: ignore[attr-defined]
