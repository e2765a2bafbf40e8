"""Results page: attempts, statistics on a hand-made class, charts, CSV, deleting results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank import stats
from question_bank.models import Attempt, Quiz, Response
from tests.teacher.conftest import Bank, post

# For two questions (key = option 0): which option each of six finished attempts chose,
# None for no answer. Totals 2 2 1 1 1 0 -> top third {a1, a2}, bottom third {a5, a6}.
CHOICES = [(0, 0), (0, 0), (0, 1), (1, 0), (0, 1), (1, None)]


@pytest.fixture()
def answered(bank: Bank, db_session: Session, make_quiz: Any, make_question: Any) -> Quiz:
    second = make_question(
        bank.article,
        stem="What did Maya make the oven from?",
        options=("A pizza box", "A shoe box", "A tin can"),
    )
    quiz = make_quiz(bank.teacher, [bank.questions[0], second], title="Class 5B")
    questions = [bank.questions[0], second]
    for n, picks in enumerate(CHOICES, start=1):
        attempt = Attempt(
            quiz=quiz,
            nickname=f"=Kid{n}",
            nickname_key=f"kid{n}",
            resume_token=f"token-{n:02d}" + "x" * 20,
            started_at=datetime(2024, 9, 12, 9, n),
            finished_at=datetime(2024, 9, 12, 9, n + 5),
            max_score=2,
        )
        db_session.add(attempt)
        db_session.flush()
        score = 0
        for item, question, pick in zip(quiz.items, questions, picks, strict=True):
            if pick is None:
                continue
            option = question.options[pick]
            score += int(option.is_correct)
            db_session.add(
                Response(
                    attempt_id=attempt.id,
                    quiz_item_id=item.id,
                    question_id=question.id,
                    option_id=option.id,
                    correct=option.is_correct,
                )
            )
        attempt.score = score
    # An unfinished attempt is listed but not counted in the statistics.
    db_session.add(
        Attempt(quiz=quiz, nickname="Late", nickname_key="late", resume_token="late" + "y" * 28)
    )
    db_session.commit()
    return quiz


def test_statistics_match_hand_computation(answered: Quiz, db_session: Session) -> None:
    summary = stats.quiz_statistics(db_session, answered)
    db_session.commit()
    assert summary.finished == 6
    assert summary.scores == [2, 2, 1, 1, 1, 0]
    q1, q2 = summary.items
    # Q1 right for a1 a2 a3 a5: 4/6; top (1, 1) - bottom (a5 1, a6 0) = 1 - 0.5 = 0.5.
    assert q1.facility == pytest.approx(4 / 6)
    assert q1.discrimination == pytest.approx(0.5)
    # Q2 right for a1 a2 a4: 3/6; top 1 - bottom (a5 0, a6 no answer 0) = 1.
    assert q2.facility == pytest.approx(0.5)
    assert q2.discrimination == pytest.approx(1.0)
    assert [o.count for o in q1.options] == [4, 2, 0]
    assert q1.flags == ("Distractor never chosen: 'Ana Lima'.",)
    assert q2.responses == 5


def test_results_page(logged_in: FlaskClient, answered: Quiz) -> None:
    html = logged_in.get(f"/teacher/quizzes/{answered.id}/results").get_data(as_text=True)
    assert "=Kid1" in html and "Late" in html and "not finished" in html
    assert "67%" in html and "0.50" in html and "1.00" in html
    assert "Distractor never chosen: &#39;Ana Lima&#39;." in html
    assert f"/teacher/questions/{answered.items[0].question_id}/edit" in html
    assert html.count('role="img"') == 2 and '<title id="score-chart-title">' in html
    assert "Score distribution data" in html
    assert "results.csv?layout=long" in html and "results.csv?layout=wide" in html


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_results_csv_download(logged_in: FlaskClient, answered: Quiz, layout: str) -> None:
    response = logged_in.get(f"/teacher/quizzes/{answered.id}/results.csv?layout={layout}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="quiz-{answered.join_code}-results-{layout}.csv"'
    )
    assert response.mimetype == "text/csv"
    assert "Kid1" in response.get_data().decode("utf-8-sig")


def test_delete_results_asks_first(
    logged_in: FlaskClient, answered: Quiz, db_session: Session
) -> None:
    page = f"/teacher/quizzes/{answered.id}/results/delete"
    html = logged_in.get(page).get_data(as_text=True)
    assert "This deletes 7 attempts" in html

    def count() -> tuple[int, int]:
        a = db_session.scalar(select(func.count()).select_from(Attempt))
        r = db_session.scalar(select(func.count()).select_from(Response))
        db_session.commit()
        return int(a or 0), int(r or 0)

    assert count() == (7, 11)
    assert logged_in.post(page).status_code == 400  # no CSRF token: nothing deleted
    assert count() == (7, 11)
    response = post(logged_in, page, {}, form_page=page)
    assert response.status_code == 302
    assert count() == (0, 0)
    assert db_session.get(Quiz, answered.id) is not None
