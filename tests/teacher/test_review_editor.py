"""Review (approve, reject, approve best N) and the versioned editor through the test client."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.models import (
    Attempt,
    Question,
    QuestionKind,
    QuestionStatus,
    QuizItem,
    Response,
)
from tests.teacher.conftest import Bank, post


def _status(db_session: Session, question_id: int) -> QuestionStatus:
    status = db_session.scalar(select(Question.status).where(Question.id == question_id))
    assert status is not None
    db_session.commit()  # end the read: the app's SQLite writers need the lock
    return status


def test_review_page_shows_drafts_first_with_highlighted_evidence(
    logged_in: FlaskClient, bank: Bank
) -> None:
    html = logged_in.get(f"/teacher/articles/{bank.article.id}/review").get_data(as_text=True)
    draft_pos = html.index("How many students showed projects?")
    ready_pos = html.index("Who won first prize at the science fair?")
    assert draft_pos < ready_pos  # Draft first
    assert '<mark id="s-1" class="evidence">' in html  # evidence sentence marked in the article
    assert "<mark>Maya Patel won first prize" in html  # and beside the question
    for reason in ("Ungrammatical", "Vague", "Not kid-appropriate"):
        assert reason in html  # the rubric is the reject select


def test_approve_and_reject_with_reason(
    logged_in: FlaskClient, bank: Bank, db_session: Session
) -> None:
    review = f"/teacher/articles/{bank.article.id}/review"
    draft, other = bank.questions[1], bank.questions[2]
    response = post(logged_in, f"/teacher/questions/{draft.id}/approve", {}, form_page=review)
    assert response.status_code == 302
    assert _status(db_session, draft.id) == QuestionStatus.READY

    response = post(
        logged_in, f"/teacher/questions/{other.id}/reject", {"reason": "vague"}, form_page=review
    )
    assert response.status_code == 302
    assert _status(db_session, other.id) == QuestionStatus.REJECTED
    reason = db_session.scalar(select(Question.rejection_reason).where(Question.id == other.id))
    db_session.commit()
    assert (reason or "").startswith("Vague")


def test_reject_needs_a_reason_from_the_rubric(
    logged_in: FlaskClient, bank: Bank, db_session: Session
) -> None:
    review = f"/teacher/articles/{bank.article.id}/review"
    draft = bank.questions[1]
    for reason in ("", "made-up"):
        post(
            logged_in, f"/teacher/questions/{draft.id}/reject", {"reason": reason}, form_page=review
        )
        assert _status(db_session, draft.id) == QuestionStatus.DRAFT


def test_approve_best_n(logged_in: FlaskClient, bank: Bank, db_session: Session) -> None:
    review = f"/teacher/articles/{bank.article.id}/review"
    response = post(
        logged_in, f"/teacher/articles/{bank.article.id}/approve-best", {"n": "1"}, form_page=review
    )
    assert response.status_code == 302
    # Only the higher-scoring draft (0.7) is approved, not the 0.5 one.
    assert _status(db_session, bank.questions[1].id) == QuestionStatus.READY
    assert _status(db_session, bank.questions[2].id) == QuestionStatus.DRAFT
    # n out of range changes nothing
    post(
        logged_in, f"/teacher/articles/{bank.article.id}/approve-best", {"n": "0"}, form_page=review
    )
    assert _status(db_session, bank.questions[2].id) == QuestionStatus.DRAFT


def _edit_data(question: Question, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "stem": question.stem,
        "explanation": question.explanation,
        "sentence": str(question.sentence_id),
    }
    for i in range(5):
        option = question.options[i] if i < len(question.options) else None
        data[f"options-{i}-text"] = option.text if option else ""
        data[f"options-{i}-feedback"] = option.feedback if option else ""
        if option is not None and option.is_correct:
            data["correct"] = str(i)
    data.update(changes)
    return data


def test_edit_makes_a_new_version_and_answered_attempts_keep_theirs(
    logged_in: FlaskClient, bank: Bank, db_session: Session, make_quiz: Any
) -> None:
    question = bank.questions[0]  # in bank.quiz
    answered_quiz = bank.quiz
    fresh_quiz = make_quiz(bank.teacher, [question], title="Not started")
    item = answered_quiz.items[0]
    attempt = Attempt(
        quiz=answered_quiz, nickname="Otter", nickname_key="otter", resume_token="t" * 32
    )
    db_session.add(attempt)
    db_session.flush()
    db_session.add(
        Response(
            attempt_id=attempt.id,
            quiz_item_id=item.id,
            question_id=question.id,
            option_id=question.options[0].id,
            correct=True,
        )
    )
    db_session.commit()

    page = f"/teacher/questions/{question.id}/edit"
    data = _edit_data(
        question,
        stem="Who won the first prize?",
        **{"options-3-text": "Lee Chan", "options-3-feedback": "Lee was a judge."},
    )
    response = post(logged_in, page, data, form_page=page)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]

    db_session.expire_all()
    new = db_session.scalar(select(Question).where(Question.replaces_id == question.id))
    assert new is not None
    assert (new.version, new.stem) == (2, "Who won the first prize?")
    assert [o.text for o in new.options] == ["Maya Patel", "Tom Reed", "Ana Lima", "Lee Chan"]
    assert new.options[3].feedback == "Lee was a judge."
    assert new.status == QuestionStatus.READY
    old = db_session.get(Question, question.id)
    assert old is not None and old.status == QuestionStatus.RETIRED
    assert old.stem == "Who won first prize at the science fair?"  # the old row is unchanged
    # The answered quiz keeps the version the student answered; the fresh one moves on.
    assert db_session.get(QuizItem, item.id).question_id == question.id  # type: ignore[union-attr]
    assert db_session.get(QuizItem, fresh_quiz.items[0].id).question_id == new.id  # type: ignore[union-attr]
    answer = db_session.scalar(select(Response).where(Response.attempt_id == attempt.id))
    assert answer is not None and answer.question_id == question.id
    db_session.commit()
    # Opening the old version's editor leads to the newest version.
    response = logged_in.get(page)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/teacher/questions/{new.id}/edit"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"correct": None}, "Mark exactly one option as correct."),
        ({"correct": ["0", "1"]}, "Mark exactly one option as correct."),
        (
            {"options-1-text": "", "options-2-text": ""},
            "Give at least 2 options.",
        ),
        (
            {
                "options-3-text": "Four",
                "options-4-text": "Five",
                "options-5-text": "Six",
                "options-5-feedback": "",
            },
            "Give at most 5 options.",
        ),
        ({"sentence": ""}, "Choose the sentence of the article that proves the answer."),
        ({"stem": "   "}, "Write the question."),
        ({"stem": "x" * 301}, "Keep the question to 300 characters or fewer."),
        ({"options-1-text": "  FORTY-two "}, "Two options are the same"),
        ({"correct": "2", "options-2-text": ""}, "The option marked correct is empty."),
    ],
)
def test_editor_validation_errors_change_nothing(
    logged_in: FlaskClient, bank: Bank, db_session: Session, changes: dict[str, Any], message: str
) -> None:
    question = bank.questions[1]
    page = f"/teacher/questions/{question.id}/edit"
    data = _edit_data(question, **changes)
    data = {k: v for k, v in data.items() if v is not None}
    response = post(logged_in, page, data, form_page=page)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalar(select(Question).where(Question.replaces_id == question.id)) is None
    db_session.commit()
    assert _status(db_session, question.id) == QuestionStatus.DRAFT


def test_true_false_keeps_true_and_false(
    logged_in: FlaskClient, bank: Bank, db_session: Session, make_question: Any
) -> None:
    tf = make_question(
        bank.article,
        stem="The fair took place on Friday.",
        options=("True", "False"),
        kind=QuestionKind.TRUE_FALSE,
        sentence_index=0,
    )
    page = f"/teacher/questions/{tf.id}/edit"
    response = post(logged_in, page, _edit_data(tf, **{"options-1-text": "Maybe"}), form_page=page)
    assert response.status_code == 400
    assert "keeps the two options True and False" in response.get_data(as_text=True)
    # Flipping the key is fine.
    response = post(logged_in, page, _edit_data(tf, correct="1"), form_page=page)
    assert response.status_code == 302
    db_session.expire_all()
    new = db_session.scalar(select(Question).where(Question.replaces_id == tf.id))
    assert new is not None and [o.is_correct for o in new.options] == [False, True]
    assert [o.text for o in new.options] == ["True", "False"]
