"""The bank's data model: SQLAlchemy 2.0 typed models, plain SQLAlchemy (no Flask).

Tables are created only by the Alembic migrations in ``question_bank/migrations``; nothing here
touches a database at import time.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so migrations (and SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


def _enum(cls: type[enum.Enum]) -> Enum:
    # Stored as short strings (portable across SQLite and PostgreSQL, easy to read in a dump).
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class QuestionKind(enum.StrEnum):
    MCQ = "mcq"
    TRUE_FALSE = "true_false"


class QuestionStatus(enum.StrEnum):
    DRAFT = "draft"
    READY = "ready"
    REJECTED = "rejected"
    RETIRED = "retired"


class FeedbackMode(enum.StrEnum):
    IMMEDIATE = "immediate"
    DEFERRED = "deferred"


class Teacher(Base):
    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    # Rotated on logout and password change: a copied session cookie stops working.
    session_nonce: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="owner")
    quizzes: Mapped[list[Quiz]] = relationship(back_populates="owner")


class LoginFailure(Base):
    """Failed logins, stored in the database so throttling holds across all server workers."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    # A keyed hash of the client address (never the address itself), for the per-IP limit.
    client_key: Mapped[str | None] = mapped_column(String(64), index=True)
    failed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Topic(Base):
    """Several articles reporting one event."""

    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="topic")


class Article(Base):
    __tablename__ = "article"
    __table_args__ = (UniqueConstraint("owner_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("topic.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    outlet: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(String(2000), default="")
    published_on: Mapped[date | None] = mapped_column(Date)
    original_text: Mapped[str] = mapped_column(Text)
    # The text every offset (sentences, evidence) points into.
    text: Mapped[str] = mapped_column(Text)
    # sha256 of the original text: importing the same article twice stores it once.
    content_hash: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    owner: Mapped[Teacher] = relationship(back_populates="articles")
    topic: Mapped[Topic | None] = relationship(back_populates="articles")
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="article", order_by="Sentence.index", cascade="all, delete-orphan"
    )
    questions: Mapped[list[Question]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )
    entities: Mapped[list[ArticleEntity]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )
    rejected_candidates: Mapped[list[RejectedQuestion]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )


class Sentence(Base):
    __tablename__ = "sentence"
    __table_args__ = (UniqueConstraint("article_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    usable: Mapped[bool] = mapped_column(Boolean, default=True)
    skip_reason: Mapped[str | None] = mapped_column(String(200))

    article: Mapped[Article] = relationship(back_populates="sentences")


class ArticleEntity(Base):
    """A canonical entity of an article: the distractor pool for other articles and topics."""

    __tablename__ = "article_entity"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    mentions: Mapped[int] = mapped_column(Integer, default=1)

    article: Mapped[Article] = relationship(back_populates="entities")


class Question(Base):
    """One version of a question. An edit stores a new row that ``replaces`` the old one."""

    __tablename__ = "question"
    __table_args__ = (Index("ix_question_article_status", "article_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    kind: Mapped[QuestionKind] = mapped_column(_enum(QuestionKind))
    stem: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text, default="")
    sentence_id: Mapped[int | None] = mapped_column(ForeignKey("sentence.id", ondelete="SET NULL"))
    evidence_text: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    status: Mapped[QuestionStatus] = mapped_column(
        _enum(QuestionStatus), default=QuestionStatus.DRAFT, index=True
    )
    rejection_reason: Mapped[str | None] = mapped_column(String(200))
    difficulty: Mapped[float] = mapped_column(Float, default=0.5)
    reading_grade: Mapped[float] = mapped_column(Float, default=0.0)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    transformation: Mapped[str] = mapped_column(String(40), default="manual")
    answer_type: Mapped[str] = mapped_column(String(20), default="")
    # The fact asked about ({subject, relation, value, value_type}), for cross-source checks.
    fact: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    article: Mapped[Article] = relationship(back_populates="questions")
    sentence: Mapped[Sentence | None] = relationship()
    options: Mapped[list[Option]] = relationship(
        back_populates="question", order_by="Option.position", cascade="all, delete-orphan"
    )
    replaces: Mapped[Question | None] = relationship(remote_side=[id])

    @property
    def correct_option(self) -> Option | None:
        return next((o for o in self.options if o.is_correct), None)


class Option(Base):
    __tablename__ = "option"
    __table_args__ = (UniqueConstraint("question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    is_correct: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)
    feedback: Mapped[str] = mapped_column(Text, default="")

    question: Mapped[Question] = relationship(back_populates="options")


class RejectedQuestion(Base):
    """A generated candidate that a gate refused, kept with its reasons for review and measuring."""

    __tablename__ = "rejected_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[QuestionKind] = mapped_column(_enum(QuestionKind))
    stem: Mapped[str] = mapped_column(Text)
    transformation: Mapped[str] = mapped_column(String(40))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)

    article: Mapped[Article] = relationship(back_populates="rejected_candidates")


class Quiz(Base):
    __tablename__ = "quiz"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    feedback_mode: Mapped[FeedbackMode] = mapped_column(
        _enum(FeedbackMode), default=FeedbackMode.IMMEDIATE
    )
    attempts_allowed: Mapped[int] = mapped_column(Integer, default=1)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    owner: Mapped[Teacher] = relationship(back_populates="quizzes")
    items: Mapped[list[QuizItem]] = relationship(
        back_populates="quiz", order_by="QuizItem.position", cascade="all, delete-orphan"
    )
    attempts: Mapped[list[Attempt]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan"
    )


class QuizItem(Base):
    __tablename__ = "quiz_item"
    __table_args__ = (UniqueConstraint("quiz_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"))
    # A specific question version: teacher edits make new versions and never change this one.
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer)

    quiz: Mapped[Quiz] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()


class Attempt(Base):
    """One student's go at a quiz: a nickname, a resume token, answers. Nothing else is kept."""

    __tablename__ = "attempt"
    __table_args__ = (UniqueConstraint("quiz_id", "nickname_key", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    nickname: Mapped[str] = mapped_column(String(40))
    # Case-folded NFKC nickname: "Otter" and "otter" are the same child in one quiz.
    nickname_key: Mapped[str] = mapped_column(String(80))
    number: Mapped[int] = mapped_column(Integer, default=1)
    resume_token: Mapped[str] = mapped_column(String(64), unique=True)
    # Question order (quiz item ids) and option order per item, fixed at the start.
    item_order: Mapped[list[int]] = mapped_column(JSON, default=list)
    option_order: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    max_score: Mapped[int] = mapped_column(Integer, default=0)

    quiz: Mapped[Quiz] = relationship(back_populates="attempts")
    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )


class Response(Base):
    __tablename__ = "response"
    # Exactly one answer per attempt and item: double-clicks and replays cannot add a second.
    __table_args__ = (UniqueConstraint("attempt_id", "quiz_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    quiz_item_id: Mapped[int] = mapped_column(ForeignKey("quiz_item.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="RESTRICT"))
    option_id: Mapped[int] = mapped_column(ForeignKey("option.id", ondelete="RESTRICT"))
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    quiz_item: Mapped[QuizItem] = relationship()
    option: Mapped[Option] = relationship()
