"""Storing imported questions: Drafts on a chosen article or on articles built from evidence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank import exports
from question_bank.bank import BankError
from question_bank.exports.base import ImportedOption, ImportedQuestion, ImportFormatError
from question_bank.exports.imports import import_gift, import_moodle_xml, store_imported
from question_bank.models import Article, Question, QuestionKind, QuestionStatus, Teacher


def _count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
def test_import_into_new_articles_built_from_evidence(
    db_session: Session,
    bank: list[Question],
    make_teacher: Callable[..., Teacher],
    fmt: str,
) -> None:
    data = exports.export_bank(bank, fmt)
    imported = import_gift(data.decode()) if fmt == "gift" else import_moodle_xml(data)
    other = make_teacher()
    stored = store_imported(db_session, other, imported)
    db_session.commit()

    assert len(stored) == len(bank)
    titles = {q.article.title for q in stored}
    assert titles == {q.article.title for q in bank}
    for question, item in zip(stored, imported, strict=True):
        assert question.status == QuestionStatus.DRAFT
        assert question.article.owner_id == other.id
        assert question.stem == item.stem and question.kind == item.kind
        assert [(o.text, o.is_correct, o.feedback) for o in question.options] == [
            (o.text, o.correct, o.feedback) for o in item.options
        ]
        assert question.explanation == item.explanation
        # The evidence is a real passage of the new article, and a sentence of it.
        text = question.article.text
        assert text[question.evidence_start : question.evidence_end] == item.evidence_text
        assert question.sentence is not None and question.sentence.text == item.evidence_text
        assert f"source question q{item.source_id}v{item.source_version}" in question.reasons

    # Importing the same file again reuses the articles (same text) instead of failing.
    before = _count(db_session, Article)
    store_imported(db_session, other, imported)
    db_session.commit()
    assert _count(db_session, Article) == before


def test_import_onto_a_chosen_article_finds_the_evidence(
    db_session: Session, bank: list[Question]
) -> None:
    fair_questions = [q for q in bank if q.article.title == "Science fair"]
    article = fair_questions[0].article
    imported = import_gift(exports.export_bank(fair_questions, "gift").decode())
    stored = store_imported(db_session, article.owner, imported, article=article)
    for question, original in zip(stored, sorted(fair_questions, key=lambda q: q.id), strict=True):
        assert question.article_id == article.id
        assert (question.evidence_start, question.evidence_end) == (
            original.evidence_start,
            original.evidence_end,
        )
        assert question.sentence_id == original.sentence_id
        assert question.id != original.id and question.status == QuestionStatus.DRAFT


def test_evidence_from_another_article_is_refused_and_nothing_is_stored(
    db_session: Session, bank: list[Question]
) -> None:
    fair = bank[0].article
    imported = import_moodle_xml(exports.export_bank(bank, "moodle-xml"))
    before = _count(db_session, Question)
    with pytest.raises(ImportFormatError, match="not in the article"):
        store_imported(db_session, fair.owner, imported, article=fair)
    db_session.rollback()
    assert _count(db_session, Question) == before


def test_another_teachers_article_is_refused(
    db_session: Session, bank: list[Question], make_teacher: Callable[..., Teacher]
) -> None:
    imported = import_gift(exports.export_bank(bank[:1], "gift").decode())
    with pytest.raises(BankError):
        store_imported(db_session, make_teacher(), imported, article=bank[0].article)


NO_EVIDENCE = ImportedQuestion(
    kind=QuestionKind.MCQ,
    stem="Which planet is red?",
    options=(ImportedOption("Mars", True), ImportedOption("Venus", False)),
)


def test_questions_without_evidence_need_a_chosen_article(
    db_session: Session, bank: list[Question]
) -> None:
    owner = bank[0].article.owner
    with pytest.raises(ImportFormatError, match="choose an article"):
        store_imported(db_session, owner, [NO_EVIDENCE])
    (stored,) = store_imported(db_session, owner, [NO_EVIDENCE], article=bank[0].article)
    assert (stored.evidence_text, stored.evidence_start, stored.evidence_end) == ("", 0, 0)
    assert any("without evidence" in reason for reason in stored.reasons)


@pytest.mark.parametrize(
    "bad",
    [
        NO_EVIDENCE.__class__(kind=QuestionKind.MCQ, stem=" ", options=NO_EVIDENCE.options),
        NO_EVIDENCE.__class__(
            kind=QuestionKind.MCQ, stem="Q?", options=(ImportedOption("A", True),)
        ),
        NO_EVIDENCE.__class__(
            kind=QuestionKind.MCQ,
            stem="Q?",
            options=(ImportedOption("A", True), ImportedOption("B", True)),
        ),
    ],
)
def test_incomplete_questions_are_refused(
    db_session: Session, bank: list[Question], bad: ImportedQuestion
) -> None:
    with pytest.raises(ImportFormatError, match="Question 2"):
        store_imported(
            db_session, bank[0].article.owner, [NO_EVIDENCE, bad], article=bank[0].article
        )


def test_store_flushes_but_never_commits(db_session: Session, bank: list[Question]) -> None:
    imported = import_gift(exports.export_bank(bank, "gift").decode())
    before = _count(db_session, Question)
    stored = store_imported(db_session, bank[0].article.owner, imported)
    assert all(q.id is not None for q in stored)  # flushed
    db_session.rollback()
    assert _count(db_session, Question) == before
