"""Storing imported questions (GIFT, Moodle XML) in a teacher's bank, as Drafts.

Imported questions are attached either to an article the teacher picks (each question's
evidence must then be a passage of that article, or absent) or to new articles built from the
imported evidence: one per category/article title, whose text is the evidence sentences in
order. Either way every stored question keeps ``article.text[start:end] == evidence_text``.

Like every bank function this flushes and never commits; on any error nothing is added.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from question_bank.bank import BankError, content_hash, find_article_by_text
from question_bank.exports.base import ImportedQuestion, ImportFormatError
from question_bank.exports.gift import decode_gift, import_gift
from question_bank.exports.moodle_xml import import_moodle_xml
from question_bank.models import (
    Article,
    Option,
    Question,
    QuestionStatus,
    Sentence,
    Teacher,
)

__all__ = [
    "ImportFormatError",
    "ImportedQuestion",
    "decode_gift",
    "import_gift",
    "import_moodle_xml",
    "store_imported",
]

DEFAULT_TITLE = "Imported questions"
TRANSFORMATION = "imported"


def _check(number: int, item: ImportedQuestion) -> None:
    where = f"Question {number}"
    if not item.stem.strip():
        raise ImportFormatError(f"{where}: the question has no text.")
    if len(item.options) < 2 or any(not o.text.strip() for o in item.options):
        raise ImportFormatError(f"{where}: it needs at least two non-empty answers.")
    if sum(o.correct for o in item.options) != 1:
        raise ImportFormatError(f"{where}: exactly one answer must be right.")


def _locate(article: Article, item: ImportedQuestion, number: int) -> tuple[int, int] | None:
    """Where the evidence is in ``article.text`` (the given offsets first), or None."""
    text = item.evidence_text
    if not text:
        return None
    start, end = item.evidence_start, item.evidence_end
    if start is not None and end is not None and article.text[start:end] == text:
        return start, end
    found = article.text.find(text)
    if found < 0:
        raise ImportFormatError(
            f"Question {number}: its evidence sentence is not in the article "
            f"“{article.title}”; import it without choosing an article, or choose its own."
        )
    return found, found + len(text)


def _reasons(item: ImportedQuestion) -> list[str]:
    reasons = ["imported"]
    if item.source_id is not None:
        reasons.append(f"source question q{item.source_id}v{item.source_version}")
    if item.evidence_start is not None and item.evidence_end is not None:
        reasons.append(f"source evidence offsets {item.evidence_start}-{item.evidence_end}")
    if not item.evidence_text:
        reasons.append("imported without evidence: check it against the article")
    return reasons


def _question(article: Article, item: ImportedQuestion, span: tuple[int, int] | None) -> Question:
    sentence = None
    if span is not None:
        sentence = next(
            (s for s in article.sentences if (s.start, s.end) == span),
            None,
        )
    question = Question(
        article=article,
        kind=item.kind,
        stem=item.stem,
        explanation=item.explanation,
        sentence=sentence,
        evidence_text=item.evidence_text or "",
        evidence_start=span[0] if span else 0,
        evidence_end=span[1] if span else 0,
        status=QuestionStatus.DRAFT,
        reasons=_reasons(item),
        transformation=TRANSFORMATION,
    )
    question.options = [
        Option(text=o.text, is_correct=o.correct, position=i, feedback=o.feedback)
        for i, o in enumerate(item.options)
    ]
    return question


def _article_from_evidence(
    session: Session, owner: Teacher, title: str, items: list[tuple[int, ImportedQuestion]]
) -> Article:
    sentences: list[str] = []
    for _number, item in items:
        assert item.evidence_text  # checked by the caller
        if item.evidence_text not in sentences:
            sentences.append(item.evidence_text)
    text = " ".join(sentences)
    existing = find_article_by_text(session, owner, text)
    if existing is not None:
        return existing
    article = Article(
        owner=owner,
        title=title[:300],
        original_text=text,
        text=text,
        content_hash=content_hash(text),
        source_name="import",
    )
    offset = 0
    for index, sentence in enumerate(sentences):
        article.sentences.append(
            Sentence(index=index, start=offset, end=offset + len(sentence), text=sentence)
        )
        offset += len(sentence) + 1
    session.add(article)
    return article


def store_imported(
    session: Session,
    owner: Teacher,
    imported: Sequence[ImportedQuestion],
    *,
    article: Article | None = None,
) -> list[Question]:
    """Store imported questions as Drafts of ``article`` or of new articles made from evidence.

    Raises :class:`ImportFormatError` (nothing stored) when a question is incomplete, when its
    evidence is not in the chosen article, or when, without a chosen article, it has no evidence
    to build one from; :class:`BankError` when the article belongs to another teacher.
    """
    if not imported:
        raise ImportFormatError("There are no questions to import.")
    numbered = list(enumerate(imported, start=1))
    for number, item in numbered:
        _check(number, item)
    if article is not None and article.owner_id != owner.id:
        raise BankError("You can only add questions to your own articles.")

    questions: list[Question] = []
    if article is not None:
        spans = [_locate(article, item, number) for number, item in numbered]
        with session.no_autoflush:
            questions = [
                _question(article, item, span)
                for (_, item), span in zip(numbered, spans, strict=True)
            ]
    else:
        missing = [number for number, item in numbered if not item.evidence_text]
        if missing:
            raise ImportFormatError(
                f"Question {missing[0]} has no source sentence to build an article from; "
                "choose an article to attach the questions to."
            )
        groups: dict[str, list[tuple[int, ImportedQuestion]]] = {}
        for number, item in numbered:
            title = (item.category or "").strip() or DEFAULT_TITLE
            groups.setdefault(title, []).append((number, item))
        by_number: dict[int, Question] = {}
        for title, items in groups.items():
            target = _article_from_evidence(session, owner, title, items)
            with session.no_autoflush:  # the next group's article lookup must not flush these
                for number, item in items:
                    question = _question(target, item, _locate(target, item, number))
                    session.add(question)
                    by_number[number] = question
        questions = [by_number[number] for number, _ in numbered]
    session.add_all(questions)
    session.flush()
    return questions
