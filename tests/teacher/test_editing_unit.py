"""question_bank.editing and question_bank.review as library functions (no web)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from question_bank import editing, review
from question_bank.models import Attempt, QuestionStatus, Response
from tests.teacher.conftest import Bank


def _edit(question: Any, **changes: Any) -> editing.QuestionEdit:
    values: dict[str, Any] = {
        "stem": question.stem,
        "options": tuple(
            editing.OptionEdit(o.text, o.is_correct, o.feedback) for o in question.options
        ),
        "explanation": question.explanation,
        "sentence_id": question.sentence_id,
    }
    values.update(changes)
    return editing.QuestionEdit(**values)


def test_edit_chain_and_latest_version(bank: Bank, db_session: Session) -> None:
    q1 = bank.questions[1]
    q2 = editing.edit_question(db_session, q1, _edit(q1, stem="How many pupils took part?"))
    q3 = editing.edit_question(db_session, q2, _edit(q2, sentence_id=bank.article.sentences[0].id))
    db_session.commit()
    assert (q2.version, q3.version) == (2, 3)
    assert (q2.replaces_id, q3.replaces_id) == (q1.id, q2.id)
    assert q1.status == q2.status == QuestionStatus.RETIRED
    assert q3.status == QuestionStatus.DRAFT
    assert q3.evidence_text == bank.article.sentences[0].text
    assert bank.article.text[q3.evidence_start : q3.evidence_end] == q3.evidence_text
    assert editing.latest_version(db_session, q1).id == q3.id
    with pytest.raises(editing.EditError):
        editing.edit_question(db_session, q1, _edit(q1))  # old versions cannot be edited


def test_rejected_question_edited_becomes_draft(bank: Bank, db_session: Session) -> None:
    q = bank.questions[2]
    review.reject(db_session, q, "vague")
    new = editing.edit_question(db_session, q, _edit(q, stem="Where was the science fair held?"))
    assert new.status == QuestionStatus.DRAFT and new.rejection_reason is None
    db_session.commit()


def test_evidence_must_come_from_the_same_article(
    bank: Bank, db_session: Session, make_article: Any
) -> None:
    other = make_article(bank.teacher, text="A different story. It has two sentences.", title="B")
    q = bank.questions[0]
    errors = editing.validate_edit(q, _edit(q, sentence_id=other.sentences[0].id))
    assert list(errors) == ["sentence"]
    db_session.commit()


def test_move_item_and_delete_results(bank: Bank, db_session: Session, make_quiz: Any) -> None:
    quiz = make_quiz(bank.teacher, [bank.questions[0], bank.questions[1], bank.questions[2]])
    last = quiz.items[2].id
    editing.move_item(db_session, quiz, last, "up")
    editing.move_item(db_session, quiz, last, "up")
    editing.move_item(db_session, quiz, last, "up")  # already first: stays
    order = [i.id for i in sorted(quiz.items, key=lambda i: i.position)]
    assert order[0] == last and len(set(i.position for i in quiz.items)) == 3
    with pytest.raises(editing.QuizEditError):
        editing.move_item(db_session, quiz, 10_000, "up")
    with pytest.raises(editing.QuizEditError):
        editing.move_item(db_session, quiz, last, "sideways")
    attempt = Attempt(quiz=quiz, nickname="Kit", nickname_key="kit", resume_token="r" * 30)
    db_session.add(attempt)
    db_session.flush()
    q = quiz.items[0].question
    db_session.add(
        Response(
            attempt_id=attempt.id,
            quiz_item_id=quiz.items[0].id,
            question_id=q.id,
            option_id=q.options[0].id,
            correct=q.options[0].is_correct,
        )
    )
    db_session.flush()
    assert editing.delete_results(db_session, quiz) == 1
    assert quiz.attempts == []
    db_session.commit()


def test_approve_best_takes_highest_scores_and_skips_keyless(
    bank: Bank, db_session: Session
) -> None:
    keyless = bank.questions[2]
    for option in keyless.options:
        option.is_correct = False
    db_session.flush()
    chosen = review.approve_best(db_session, bank.article, 5)
    assert [q.id for q in chosen] == [bank.questions[1].id]
    with pytest.raises(review.ReviewError):
        review.approve(db_session, keyless)
    with pytest.raises(review.ReviewError):
        review.reject(db_session, keyless, "not-a-reason")
    with pytest.raises(review.ReviewError):
        review.approve_best(db_session, bank.article, 0)
    db_session.rollback()
