"""A stateful model of one child's quiz through the test client: answer, back, refresh, double
submit, answer after finishing, stale tokens. Exactly one response per item, the first answer
kept, and the score equal to the number of correct responses."""

from __future__ import annotations

import itertools
import re
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.models import Attempt, Option, QuizItem
from question_bank.models import Response as Answer
from tests.security.conftest import join

TOKEN_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def test_student_flow_state_machine(
    app: Flask,
    db_session: Session,
    make_teacher: Any,
    make_article: Any,
    make_question: Any,
    make_quiz: Any,
) -> None:
    teacher = make_teacher()
    article = make_article(teacher)
    questions = [
        make_question(article),
        make_question(
            article, stem="How many projects?", options=("Forty-two", "Ten"), sentence_index=2
        ),
        make_question(article, stem="How hot?", options=("90", "50", "20"), sentence_index=3),
    ]
    quiz = make_quiz(teacher, questions)
    code = quiz.join_code
    items = list(db_session.scalars(select(QuizItem).where(QuizItem.quiz_id == quiz.id)))
    items.sort(key=lambda i: i.position)
    options = {
        item.id: [
            (o.id, o.is_correct)
            for o in db_session.scalars(
                select(Option).where(Option.question_id == item.question_id)
            )
        ]
        for item in items
    }
    db_session.rollback()
    names = (f"Kid{i}" for i in itertools.count())

    class StudentFlow(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.client = app.test_client()
            join(self.client, code, next(names))
            html = self.client.get(f"/q/{code}/1").get_data(as_text=True)
            token = TOKEN_RE.search(html)
            assert token
            self.token = token.group(1)
            self.stored: dict[int, int] = {}  # item id -> option id first accepted
            db_session.rollback()
            self.attempt_id = db_session.scalar(
                select(Attempt.id).order_by(Attempt.id.desc()).limit(1)
            )
            db_session.rollback()

        def _order(self) -> list[int]:
            attempt = db_session.get(Attempt, self.attempt_id)
            assert attempt is not None
            order = list(attempt.item_order)
            db_session.rollback()
            return order

        def _post(self, n: int, option: str, token: str | None) -> int:
            data = {"option": option}
            if token is not None:
                data["csrf_token"] = token
            return self.client.post(f"/q/{code}/{n}", data=data).status_code

        @rule(n=st.integers(1, 3), pick=st.integers(0, 2), twice=st.booleans())
        def answer(self, n: int, pick: int, twice: bool) -> None:
            item_id = self._order()[n - 1]
            choices = options[item_id]
            option_id = choices[pick % len(choices)][0]
            for _ in range(2 if twice else 1):
                status = self._post(n, str(option_id), self.token)
                assert status in {302, 400, 403}, status
            if item_id not in self.stored:
                self.stored[item_id] = option_id

        @rule(n=st.integers(1, 3), bad=st.sampled_from(["-1", "999999", "1.5", "", "x"]))
        def answer_badly(self, n: int, bad: str) -> None:
            assert self._post(n, bad, self.token) in {302, 400}

        @rule(n=st.integers(1, 3), pick=st.integers(0, 2))
        def answer_with_a_stale_token(self, n: int, pick: int) -> None:
            item_id = self._order()[n - 1]
            choices = options[item_id]
            assert self._post(n, str(choices[pick % len(choices)][0]), "stale") in {302, 400}

        @rule(n=st.integers(0, 4))
        def visit(self, n: int) -> None:  # back button, refresh, typed URLs
            response = self.client.get(f"/q/{code}/{n}")
            assert response.status_code in {200, 302, 404}

        @rule()
        def summary(self) -> None:
            assert self.client.get(f"/q/{code}/done").status_code in {200, 302}

        @invariant()
        def one_response_per_item_and_the_first_kept(self) -> None:
            rows = list(
                db_session.scalars(select(Answer).where(Answer.attempt_id == self.attempt_id))
            )
            attempt = db_session.get(Attempt, self.attempt_id)
            db_session.rollback()
            assert attempt is not None
            assert {r.quiz_item_id: r.option_id for r in rows} == self.stored
            assert len(rows) == len({r.quiz_item_id for r in rows})
            if len(self.stored) == len(items):
                assert attempt.finished_at is not None
                assert attempt.score == sum(r.correct for r in rows)
            else:
                assert attempt.finished_at is None

    run_state_machine_as_test(
        StudentFlow,
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
