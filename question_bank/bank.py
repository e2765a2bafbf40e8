"""Persistence for the bank: store generated articles and questions, query them.

Every function takes a ``Session``, flushes when it needs ids, and never commits: the caller
(a web request, a CLI command, a test) owns the transaction and commits once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from question_bank.models import (
    Article,
    ArticleEntity,
    Option,
    Question,
    QuestionKind,
    QuestionStatus,
    Quiz,
    QuizItem,
    RejectedQuestion,
    Sentence,
    Teacher,
)
from question_bank.types import CleanArticle, GenerationResult, QuestionDraft, SentenceSpan

DEFAULT_READY_THRESHOLD = 0.6

# Join codes avoid look-alike characters (0/O, 1/I/L) so children can type them from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class BankError(ValueError):
    """A bank operation was refused; the message is meant for the user."""


def content_hash(original_text: str) -> str:
    return hashlib.sha256(original_text.encode("utf-8")).hexdigest()


def find_article_by_text(session: Session, owner: Teacher, original_text: str) -> Article | None:
    return session.scalar(
        select(Article).where(
            Article.owner_id == owner.id, Article.content_hash == content_hash(original_text)
        )
    )


def distractor_pool(
    session: Session, owner: Teacher, *, exclude_article_id: int | None = None
) -> dict[str, list[str]]:
    """Entity names by label from the owner's other articles (distractors after the own)."""
    query = (
        select(ArticleEntity.label, ArticleEntity.name)
        .join(Article)
        .where(Article.owner_id == owner.id)
        .order_by(ArticleEntity.mentions.desc(), ArticleEntity.id)
    )
    if exclude_article_id is not None:
        query = query.where(Article.id != exclude_article_id)
    pool: dict[str, list[str]] = {}
    for label, name in session.execute(query):
        names = pool.setdefault(label, [])
        if name not in names:
            names.append(name)
    return pool


def stored_clean_article(article: Article) -> CleanArticle:
    """The stored article as the generator's ``CleanArticle`` (same text, same sentences)."""
    return CleanArticle(
        original=article.original_text,
        text=article.text,
        title=article.title,
        sentences=tuple(
            SentenceSpan(
                index=s.index,
                start=s.start,
                end=s.end,
                text=s.text,
                usable=s.usable,
                skip_reason=s.skip_reason,
            )
            for s in article.sentences
        ),
    )


def title_from_text(clean: CleanArticle, max_chars: int = 90) -> str:
    """A stand-in title when the article has none: its first usable sentence, shortened."""
    first = next((s.text for s in clean.sentences if s.usable), None) or clean.text.strip()
    first = " ".join(first.split())
    if len(first) <= max_chars:
        return first.rstrip(".")
    cut = first[:max_chars].rsplit(" ", 1)[0].rstrip(",;:-–—")
    return f"{cut}…" if cut else "Untitled article"


def _question_from_draft(
    article: Article, draft: QuestionDraft, sentence: Sentence | None
) -> Question:
    question = Question(
        article=article,
        kind=QuestionKind(draft.kind),
        stem=draft.stem,
        explanation=draft.explanation,
        sentence=sentence,
        evidence_text=draft.evidence.text,
        evidence_start=draft.evidence.start,
        evidence_end=draft.evidence.end,
        status=QuestionStatus.DRAFT,
        difficulty=draft.difficulty,
        reading_grade=draft.reading_grade,
        score=draft.score,
        reasons=list(draft.reasons),
        transformation=draft.transformation,
        answer_type=draft.answer_type,
        fact=(
            {
                "subject": draft.fact.subject,
                "relation": draft.fact.relation,
                "value": draft.fact.value,
                "value_type": draft.fact.value_type,
            }
            if draft.fact
            else None
        ),
    )
    question.options = [
        Option(text=o.text, is_correct=o.correct, position=i, feedback=o.feedback)
        for i, o in enumerate(draft.options)
    ]
    return question


def store_generated(
    session: Session,
    owner: Teacher,
    result: GenerationResult,
    *,
    title: str | None = None,
    outlet: str = "",
    url: str = "",
    source_name: str = "",
    ready_threshold: float | None = None,
) -> Article:
    """Store an article with its sentences, entities, Draft questions and rejected candidates.

    Questions scoring at least ``ready_threshold`` (when given) are stored as Ready instead.
    """
    clean = result.article
    article = Article(
        owner=owner,
        title=(title or clean.title or title_from_text(clean))[:300],
        outlet=outlet[:200],
        url=url[:2000],
        original_text=clean.original,
        text=clean.text,
        content_hash=content_hash(clean.original),
        source_name=source_name[:300],
    )
    article.sentences = [
        Sentence(
            index=s.index,
            start=s.start,
            end=s.end,
            text=s.text,
            usable=s.usable,
            skip_reason=s.skip_reason,
        )
        for s in clean.sentences
    ]
    by_index = {s.index: s for s in article.sentences}
    article.entities = [
        ArticleEntity(label=e.label, name=e.name[:300], mentions=e.mentions)
        for e in result.entities
    ]
    for draft in result.questions:
        question = _question_from_draft(article, draft, by_index.get(draft.evidence.sentence_index))
        if ready_threshold is not None and draft.score >= ready_threshold:
            question.status = QuestionStatus.READY
        # Question(article=article) has already put it in article.questions (the backref)
    article.rejected_candidates = [
        RejectedQuestion(
            kind=QuestionKind(r.kind),
            stem=r.stem,
            transformation=r.transformation,
            evidence_start=r.evidence.start,
            evidence_end=r.evidence.end,
            reasons=list(r.reasons),
        )
        for r in result.rejected
    ]
    session.add(article)
    session.flush()
    return article


def questions_query(
    owner: Teacher,
    *,
    status: QuestionStatus | None = None,
    article_ids: Sequence[int] | None = None,
) -> Select[tuple[Question]]:
    """The owner's current question versions (newest first by score), optionally filtered."""
    query = (
        select(Question)
        .join(Article)
        .where(Article.owner_id == owner.id)
        .options(selectinload(Question.options))
        .order_by(Question.score.desc(), Question.id)
    )
    if status is not None:
        query = query.where(Question.status == status)
    else:
        query = query.where(Question.status != QuestionStatus.RETIRED)
    if article_ids is not None:
        query = query.where(Question.article_id.in_(list(article_ids)))
    return query


def best_questions(
    session: Session,
    owner: Teacher,
    article_ids: Sequence[int],
    n: int,
    *,
    status: QuestionStatus = QuestionStatus.READY,
    per_article: int | None = None,
) -> list[Question]:
    """The ``n`` best questions of ``status`` from these articles, taken round-robin by article."""
    if n < 1:
        raise BankError("Ask for at least one question.")
    by_article: dict[int, list[Question]] = {}
    for q in session.scalars(questions_query(owner, status=status, article_ids=article_ids)):
        by_article.setdefault(q.article_id, []).append(q)
    if per_article is not None:
        by_article = {k: v[:per_article] for k, v in by_article.items()}
    chosen: list[Question] = []
    queues = [by_article[a] for a in article_ids if a in by_article]
    while len(chosen) < n and any(queues):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return chosen


def new_join_code(session: Session) -> str:
    """A fresh, unused join code."""
    for _ in range(50):
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if session.scalar(select(func.count()).where(Quiz.join_code == code)) == 0:
            return code
    raise BankError("Could not find a free join code; try again.")  # pragma: no cover


def normalise_join_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass(frozen=True)
class QuizSettings:
    shuffle_questions: bool = False
    shuffle_options: bool = True
    feedback_mode: str = "immediate"
    attempts_allowed: int = 1


def create_quiz(
    session: Session,
    owner: Teacher,
    title: str,
    questions: Iterable[Question],
    *,
    settings: QuizSettings | None = None,
) -> Quiz:
    """Create an open quiz over these question versions, in this order."""
    from question_bank.models import FeedbackMode

    settings = settings or QuizSettings()
    items = list(questions)
    if not items:
        raise BankError("A quiz needs at least one question.")
    if not title.strip():
        raise BankError("Give the quiz a title.")
    for q in items:
        if q.article.owner_id != owner.id:
            raise BankError("You can only use your own questions.")
    if settings.attempts_allowed < 1:
        raise BankError("Allow at least one attempt.")
    quiz = Quiz(
        owner=owner,
        title=title.strip()[:200],
        join_code=new_join_code(session),
        shuffle_questions=settings.shuffle_questions,
        shuffle_options=settings.shuffle_options,
        feedback_mode=FeedbackMode(settings.feedback_mode),
        attempts_allowed=settings.attempts_allowed,
    )
    quiz.items = [QuizItem(question=q, position=i) for i, q in enumerate(items)]
    session.add(quiz)
    session.flush()
    return quiz


def quiz_by_code(session: Session, code: str) -> Quiz | None:
    return session.scalar(select(Quiz).where(Quiz.join_code == normalise_join_code(code)))


def mark_ready_above(session: Session, article: Article, threshold: float) -> int:
    """Mark the article's Draft questions scoring at least ``threshold`` as Ready; return count."""
    count = 0
    for q in article.questions:
        if q.status == QuestionStatus.DRAFT and q.score >= threshold:
            q.status = QuestionStatus.READY
            count += 1
    session.flush()
    return count


def counts_by_status(session: Session, article_ids: Sequence[int]) -> Mapping[str, int]:
    rows = session.execute(
        select(Question.status, func.count())
        .where(Question.article_id.in_(list(article_ids)))
        .group_by(Question.status)
    )
    return {str(status): n for status, n in rows}
