"""The quiz builder: choose, best N, order, settings, close/reopen, join sheet."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.models import FeedbackMode, QuestionStatus, Quiz, QuizItem
from tests.security.conftest import join
from tests.teacher.conftest import Bank, post

SETTINGS = {"attempts_allowed": "1", "feedback_mode": "immediate", "is_open": "y"}


def _newest_quiz(db_session: Session) -> tuple[int, list[int], Quiz]:
    quiz = db_session.scalar(
        select(Quiz).order_by(Quiz.id.desc()).execution_options(populate_existing=True)
    )
    assert quiz is not None
    items = list(
        db_session.scalars(
            select(QuizItem.question_id)
            .where(QuizItem.quiz_id == quiz.id)
            .order_by(QuizItem.position)
        )
    )
    db_session.commit()
    return quiz.id, items, quiz


def test_choose_questions(logged_in: FlaskClient, bank: Bank, db_session: Session) -> None:
    q0 = bank.questions[0].id
    html = logged_in.get("/teacher/quizzes/new").get_data(as_text=True)
    assert "Who won first prize" in html
    assert "How many students" not in html  # drafts cannot be chosen
    data: dict[str, Any] = {"choose-title": "Fair quiz", "choose-questions": [str(q0)]}
    data.update({f"choose-{k}": v for k, v in SETTINGS.items()})
    data["choose-attempts_allowed"] = "3"
    data["choose-feedback_mode"] = "deferred"
    data["choose-shuffle_questions"] = "y"
    response = post(logged_in, "/teacher/quizzes/new", data, form_page="/teacher/quizzes/new")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    quiz_id, items, quiz = _newest_quiz(db_session)
    assert items == [q0]
    assert quiz.title == "Fair quiz"
    assert quiz.attempts_allowed == 3
    assert quiz.feedback_mode == FeedbackMode.DEFERRED
    assert quiz.shuffle_questions is True and quiz.shuffle_options is False
    assert len(quiz.join_code) == 6
    assert response.headers["Location"].endswith(f"/teacher/quizzes/{quiz_id}")


def test_choose_refuses_empty_drafts_and_bad_settings(
    logged_in: FlaskClient, bank: Bank, db_session: Session
) -> None:
    before = db_session.scalar(select(Quiz.id).order_by(Quiz.id.desc()))
    db_session.commit()
    cases = [
        {"choose-title": "No questions"},
        {"choose-title": "Draft only", "choose-questions": [str(bank.questions[1].id)]},
        {"choose-title": "", "choose-questions": [str(bank.questions[0].id)]},
        {
            "choose-title": "Too many attempts",
            "choose-questions": [str(bank.questions[0].id)],
            "choose-attempts_allowed": "11",
        },
    ]
    for case in cases:
        data = {f"choose-{k}": v for k, v in SETTINGS.items()}
        data.update(case)
        response = post(logged_in, "/teacher/quizzes/new", data, form_page="/teacher/quizzes/new")
        assert response.status_code == 400, case
    after = db_session.scalar(select(Quiz.id).order_by(Quiz.id.desc()))
    db_session.commit()
    assert after == before


def test_best_n_from_articles(
    logged_in: FlaskClient, bank: Bank, db_session: Session, make_question: Any
) -> None:
    extra = make_question(
        bank.article,
        stem="What did Maya make the oven from?",
        options=("A pizza box", "A shoe box", "A tin can"),
        score=0.95,
    )
    low = make_question(
        bank.article,
        stem="What temperature did the oven reach?",
        options=("90 degrees", "50 degrees", "120 degrees"),
        sentence_index=3,
        score=0.2,
    )
    data = {f"best-{k}": v for k, v in SETTINGS.items()}
    data.update({"best-title": "Best two", "best-articles": [str(bank.article.id)], "best-n": "2"})
    response = post(logged_in, "/teacher/quizzes/new-best", data, form_page="/teacher/quizzes/new")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    _quiz_id, items, _quiz = _newest_quiz(db_session)
    assert items == [extra.id, bank.questions[0].id]  # the two best Ready ones, best first
    assert low.id not in items


def test_order_settings_close_reopen(
    logged_in: FlaskClient, bank: Bank, db_session: Session, make_quiz: Any, make_question: Any
) -> None:
    second = make_question(
        bank.article,
        stem="What did Maya make the oven from?",
        options=("A pizza box", "A shoe box", "A tin can"),
    )
    quiz = make_quiz(bank.teacher, [bank.questions[0], second])
    page = f"/teacher/quizzes/{quiz.id}"
    first_item, second_item = quiz.items[0].id, quiz.items[1].id
    response = post(logged_in, f"{page}/items/{second_item}/up", {}, form_page=page)
    assert response.status_code == 302
    _id, items, _ = _newest_quiz(db_session)
    assert items == [second.id, bank.questions[0].id]
    post(logged_in, f"{page}/items/{second_item}/down", {}, form_page=page)
    _id, items, _ = _newest_quiz(db_session)
    assert items == [bank.questions[0].id, second.id]
    assert first_item != second_item

    data = {
        "title": "Renamed",
        "attempts_allowed": "2",
        "feedback_mode": "deferred",
        "shuffle_options": "y",
        "is_open": "y",
    }
    response = post(logged_in, page, data, form_page=page)
    assert response.status_code == 302
    _id, _items, saved = _newest_quiz(db_session)
    assert (saved.title, saved.attempts_allowed, saved.feedback_mode) == (
        "Renamed",
        2,
        FeedbackMode.DEFERRED,
    )

    response = post(logged_in, f"{page}/close", {}, form_page=page)
    assert response.status_code == 302
    _id, _items, closed = _newest_quiz(db_session)
    assert closed.is_open is False and closed.closed_at is not None
    assert "Reopen the quiz" in logged_in.get(page).get_data(as_text=True)
    post(logged_in, f"{page}/reopen", {}, form_page=page)
    _id, _items, reopened = _newest_quiz(db_session)
    assert reopened.is_open is True and reopened.closed_at is None


def test_join_sheet(logged_in: FlaskClient, bank: Bank) -> None:
    html = logged_in.get(f"/teacher/quizzes/{bank.quiz.id}/join-sheet").get_data(as_text=True)
    assert f"http://localhost/join/{bank.quiz.join_code}" in html
    assert f'<p class="join-code">{bank.quiz.join_code}</p>' in html
    assert "teacher.css" in html  # print styles live there


def test_ready_questions_only_in_builder(logged_in: FlaskClient, bank: Bank) -> None:
    assert bank.questions[1].status == QuestionStatus.DRAFT
    html = logged_in.get("/teacher/quizzes/new").get_data(as_text=True)
    assert f'value="{bank.questions[1].id}"' not in html


def test_remove_a_question_before_students_start(
    logged_in: FlaskClient, bank: Bank, db_session: Session, make_quiz: Any, app: Any
) -> None:
    quiz = make_quiz(bank.teacher, [bank.questions[0], bank.questions[1], bank.questions[2]])
    page = f"/teacher/quizzes/{quiz.id}"
    middle = quiz.items[1].id
    code = quiz.join_code
    assert "Remove<span" in logged_in.get(page).get_data(as_text=True)

    response = post(logged_in, f"{page}/items/{middle}/remove", {}, form_page=page)
    assert response.status_code == 302
    _id, items, saved = _newest_quiz(db_session)
    assert items == [bank.questions[0].id, bank.questions[2].id]
    assert sorted(i.position for i in saved.items) == [0, 1]
    assert "stays in your bank" in logged_in.get(page).get_data(as_text=True)
    db_session.commit()

    # Once a student has started, the questions can no longer change: a clear message,
    # nothing removed, and no Remove button.
    join(app.test_client(), code, "Otter")
    response = post(logged_in, f"{page}/items/{saved.items[0].id}/remove", {}, form_page=page)
    assert response.status_code == 302
    _id, after, _ = _newest_quiz(db_session)
    assert after == items
    html = logged_in.get(page).get_data(as_text=True)
    assert "can no longer change" in html and "Remove<span" not in html


def test_the_last_question_cannot_be_removed(
    logged_in: FlaskClient, bank: Bank, db_session: Session, make_quiz: Any
) -> None:
    quiz = make_quiz(bank.teacher, [bank.questions[0]])
    page = f"/teacher/quizzes/{quiz.id}"
    assert "Remove<span" not in logged_in.get(page).get_data(as_text=True)
    response = post(logged_in, f"{page}/items/{quiz.items[0].id}/remove", {}, form_page=page)
    assert response.status_code == 302
    _id, items, _ = _newest_quiz(db_session)
    assert items == [bank.questions[0].id]
    assert "at least one question" in logged_in.get(page).get_data(as_text=True)
