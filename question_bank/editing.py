"""Teacher edits: versioned question edits and quiz changes (order, settings, open, results).

An edit never changes a question row that students may have answered: it stores a new
``Question`` (``version + 1``, ``replaces_id`` = the old id) with its own options and retires the
old row. Quiz items with no responses yet move to the new version; items that already have
responses keep the version the students answered.

Functions take a ``Session``, flush, and never commit: the caller commits once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from question_bank.bank import QuizSettings
from question_bank.exports.base import ImportedQuestion
from question_bank.models import (
    Article,
    Attempt,
    FeedbackMode,
    Option,
    Question,
    QuestionKind,
    QuestionStatus,
    Quiz,
    QuizItem,
    Response,
    Sentence,
    Teacher,
    utcnow,
)

MAX_STEM_CHARS = 300
MAX_OPTION_CHARS = 300
MAX_FEEDBACK_CHARS = 1000
MAX_EXPLANATION_CHARS = 2000
MIN_OPTIONS = 2
MAX_OPTIONS = 5
MAX_ATTEMPTS_ALLOWED = 10
TRUE_FALSE_TEXTS = ("true", "false")


class EditError(ValueError):
    """An edit was refused; ``errors`` maps a field name (or ``"form"``) to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(m for ms in errors.values() for m in ms))


@dataclass(frozen=True)
class OptionEdit:
    """One option row of the editor. Empty rows (no text) are ignored."""

    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class QuestionEdit:
    stem: str
    options: tuple[OptionEdit, ...]
    explanation: str
    sentence_id: int | None


def validate_edit(question: Question, edit: QuestionEdit) -> dict[str, list[str]]:
    """Every problem with ``edit`` for ``question``, by field; empty when the edit is fine."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    stem = edit.stem.strip()
    if not stem:
        add("stem", "Write the question.")
    elif len(stem) > MAX_STEM_CHARS:
        add("stem", f"Keep the question to {MAX_STEM_CHARS} characters or fewer.")
    if len(edit.explanation.strip()) > MAX_EXPLANATION_CHARS:
        add("explanation", f"Keep the explanation to {MAX_EXPLANATION_CHARS} characters or fewer.")

    rows = [o for o in edit.options if o.text.strip()]
    if any(o.correct and not o.text.strip() for o in edit.options):
        add("options", "The option marked correct is empty.")
    if len(rows) < MIN_OPTIONS:
        add("options", f"Give at least {MIN_OPTIONS} options.")
    if len(rows) > MAX_OPTIONS:
        add("options", f"Give at most {MAX_OPTIONS} options.")
    keys = [" ".join(o.text.split()).casefold() for o in rows]
    if len(set(keys)) != len(keys):
        add("options", "Two options are the same; make every option different.")
    if any(len(o.text.strip()) > MAX_OPTION_CHARS for o in rows):
        add("options", f"Keep each option to {MAX_OPTION_CHARS} characters or fewer.")
    if any(len(o.feedback.strip()) > MAX_FEEDBACK_CHARS for o in edit.options):
        add("options", f"Keep each feedback to {MAX_FEEDBACK_CHARS} characters or fewer.")
    correct = sum(1 for o in rows if o.correct)
    if correct != 1:
        add("correct", "Mark exactly one option as correct.")
    if question.kind == QuestionKind.TRUE_FALSE and sorted(k for k in keys) != sorted(
        TRUE_FALSE_TEXTS
    ):
        add("options", "A true/false question keeps the two options True and False.")

    sentence_ids = {s.id for s in question.article.sentences}
    if edit.sentence_id is None:
        add("sentence", "Choose the sentence of the article that proves the answer.")
    elif edit.sentence_id not in sentence_ids:
        add("sentence", "Choose a sentence from this question's article.")
    return errors


def latest_version(session: Session, question: Question) -> Question:
    """The newest version in ``question``'s chain of edits (``question`` itself if unedited)."""
    current = question
    for _ in range(1000):  # a chain longer than this would be a data error; stop anyway
        newer = session.scalar(
            select(Question).where(Question.replaces_id == current.id).order_by(Question.id.desc())
        )
        if newer is None:
            break
        current = newer
    return current


def responses_for_item(session: Session, item_id: int) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(Response).where(Response.quiz_item_id == item_id)
        )
        or 0
    )


def edit_question(session: Session, question: Question, edit: QuestionEdit) -> Question:
    """Store ``edit`` as a new version of ``question``; returns the new version.

    Raises :class:`EditError` (nothing changed) when the edit is not valid.
    """
    if question.status == QuestionStatus.RETIRED:
        raise EditError({"form": ["This version was replaced. Edit the newest version instead."]})
    errors = validate_edit(question, edit)
    if errors:
        raise EditError(errors)
    sentence = session.get(Sentence, edit.sentence_id)
    assert sentence is not None  # checked by validate_edit
    status = question.status
    if status not in (QuestionStatus.DRAFT, QuestionStatus.READY):
        status = QuestionStatus.DRAFT
    reasons = [r for r in (question.reasons or []) if r != "edited by teacher"]
    new = Question(
        article_id=question.article_id,
        kind=question.kind,
        stem=" ".join(edit.stem.split()),
        explanation=edit.explanation.strip(),
        sentence_id=sentence.id,
        evidence_text=sentence.text,
        evidence_start=sentence.start,
        evidence_end=sentence.end,
        status=status,
        rejection_reason=None,
        difficulty=question.difficulty,
        reading_grade=question.reading_grade,
        score=question.score,
        reasons=[*reasons, "edited by teacher"],
        transformation=question.transformation,
        answer_type=question.answer_type,
        fact=dict(question.fact) if question.fact else None,
        version=question.version + 1,
        replaces_id=question.id,
    )
    rows = [o for o in edit.options if o.text.strip()]
    new.options = [
        Option(
            text=" ".join(o.text.split()),
            is_correct=o.correct,
            position=i,
            feedback=o.feedback.strip(),
        )
        for i, o in enumerate(rows)
    ]
    session.add(new)
    session.flush()
    # Quiz items nobody has answered yet move to the new version; answered ones keep theirs.
    items = session.scalars(select(QuizItem).where(QuizItem.question_id == question.id))
    for item in items:
        if responses_for_item(session, item.id) == 0:
            item.question_id = new.id
    # The old row stays for history (and for the attempts that answered it), out of the bank.
    question.status = QuestionStatus.RETIRED
    session.flush()
    return new


# ------------------------------------------------------------------------------- quizzes


class QuizEditError(ValueError):
    """A quiz change was refused; the message is meant for the teacher."""


def move_item(session: Session, quiz: Quiz, item_id: int, direction: str) -> None:
    """Move one item of ``quiz`` up or down by one place."""
    if direction not in ("up", "down"):
        raise QuizEditError("Move an item up or down.")
    items = sorted(quiz.items, key=lambda i: (i.position, i.id))
    index = next((n for n, i in enumerate(items) if i.id == item_id), None)
    if index is None:
        raise QuizEditError("That question is not in this quiz.")
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items):
        item.position = position
    session.flush()


def set_questions(session: Session, quiz: Quiz, questions: Sequence[Question]) -> None:
    """Replace a quiz's questions (only while nobody has started it)."""
    if quiz.attempts:
        raise QuizEditError("Students have started this quiz; its questions can no longer change.")
    if not questions:
        raise QuizEditError("A quiz needs at least one question.")
    for q in questions:
        if q.article.owner_id != quiz.owner_id:
            raise QuizEditError("You can only use your own questions.")
    quiz.items.clear()
    session.flush()
    quiz.items.extend(QuizItem(question=q, position=i) for i, q in enumerate(questions))
    session.flush()


def update_settings(session: Session, quiz: Quiz, title: str, settings: QuizSettings) -> None:
    """Change a quiz's title and settings."""
    if not title.strip():
        raise QuizEditError("Give the quiz a title.")
    if not 1 <= settings.attempts_allowed <= MAX_ATTEMPTS_ALLOWED:
        raise QuizEditError(f"Allow between 1 and {MAX_ATTEMPTS_ALLOWED} attempts.")
    quiz.title = " ".join(title.split())[:200]
    quiz.shuffle_questions = settings.shuffle_questions
    quiz.shuffle_options = settings.shuffle_options
    quiz.feedback_mode = FeedbackMode(settings.feedback_mode)
    quiz.attempts_allowed = settings.attempts_allowed
    session.flush()


def set_open(session: Session, quiz: Quiz, is_open: bool) -> None:
    """Open or close a quiz for new answers."""
    quiz.is_open = is_open
    quiz.closed_at = None if is_open else utcnow()
    session.flush()


def delete_results(session: Session, quiz: Quiz) -> int:
    """Delete every attempt (and its responses) of ``quiz``; returns how many attempts."""
    attempt_ids = list(session.scalars(select(Attempt.id).where(Attempt.quiz_id == quiz.id)))
    if attempt_ids:
        session.execute(delete(Response).where(Response.attempt_id.in_(attempt_ids)))
        session.execute(delete(Attempt).where(Attempt.id.in_(attempt_ids)))
    session.flush()
    session.expire(quiz, ["attempts"])
    return len(attempt_ids)


# ------------------------------------------------------------------------------- imports


@dataclass(frozen=True)
class ImportOutcome:
    article: Article
    stored: list[Question]
    skipped: list[tuple[str, str]]  # (stem, why)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _find_sentence(article: Article, item: ImportedQuestion) -> Sentence | None:
    evidence = item.evidence_text or ""
    if not evidence.strip():
        return None
    if item.evidence_start is not None and item.evidence_end is not None:
        for s in article.sentences:
            if (
                s.start == item.evidence_start
                and s.end == item.evidence_end
                and (_norm(s.text) == _norm(evidence))
            ):
                return s
    wanted = _norm(evidence)
    for s in article.sentences:
        if _norm(s.text) == wanted:
            return s
    for s in article.sentences:
        if wanted in _norm(s.text):
            return s
    return None


def _imported_problem(item: ImportedQuestion) -> str | None:
    texts = [o.text for o in item.options if o.text.strip()]
    if not item.stem.strip():
        return "it has no question text"
    if len(item.stem.strip()) > MAX_STEM_CHARS:
        return f"the question is longer than {MAX_STEM_CHARS} characters"
    if not MIN_OPTIONS <= len(texts) <= MAX_OPTIONS:
        return f"it has {len(texts)} options (2 to 5 are allowed)"
    if sum(1 for o in item.options if o.correct and o.text.strip()) != 1:
        return "it does not have exactly one correct option"
    if len({_norm(t) for t in texts}) != len(texts):
        return "two of its options are the same"
    return None


def store_imported(
    session: Session,
    owner: Teacher,
    items: Sequence[ImportedQuestion],
    *,
    article: Article | None = None,
    title: str = "Imported questions",
) -> ImportOutcome:
    """Store imported questions as Drafts, each tied to an evidence sentence.

    With ``article``, each question's evidence must be one of its sentences (others are
    skipped). Without, a new article is made whose text is the questions' evidence sentences
    (or, lacking evidence, their explanations), one paragraph each: honest about where the
    questions came from, and every question still points at the text that supports it.
    """
    from question_bank.bank import content_hash

    skipped: list[tuple[str, str]] = []
    usable: list[ImportedQuestion] = []
    for item in items:
        problem = _imported_problem(item)
        if problem:
            skipped.append((item.stem, problem))
        else:
            usable.append(item)
    if article is None:
        passages: list[str] = []
        for item in usable:
            passage = " ".join((item.evidence_text or item.explanation or "").split())
            if passage and passage not in passages:
                passages.append(passage)
        if not passages:
            raise EditError({"form": ["None of the questions has evidence or an explanation."]})
        text = "\n\n".join(passages)
        digest = content_hash(text)
        existing = session.scalar(
            select(Article).where(Article.owner_id == owner.id, Article.content_hash == digest)
        )
        if existing is not None:
            article = existing
        else:
            article = Article(
                owner=owner,
                title=(" ".join(title.split()) or "Imported questions")[:300],
                outlet="Imported",
                original_text=text,
                text=text,
                content_hash=digest,
                source_name="import",
            )
            offset = 0
            for index, passage in enumerate(passages):
                article.sentences.append(
                    Sentence(index=index, start=offset, end=offset + len(passage), text=passage)
                )
                offset += len(passage) + 2
            session.add(article)
            session.flush()
    stored: list[Question] = []
    for item in usable:
        sentence = _find_sentence(article, item)
        if sentence is None and not item.evidence_text and item.explanation:
            sentence = _find_sentence(
                article,
                ImportedQuestion(
                    kind=item.kind, stem=item.stem, options=(), evidence_text=item.explanation
                ),
            )
        if sentence is None:
            skipped.append((item.stem, "its evidence is not a sentence of the article"))
            continue
        question = Question(
            article_id=article.id,
            kind=item.kind,
            stem=" ".join(item.stem.split()),
            explanation=item.explanation.strip(),
            sentence_id=sentence.id,
            evidence_text=sentence.text,
            evidence_start=sentence.start,
            evidence_end=sentence.end,
            status=QuestionStatus.DRAFT,
            score=0.0,
            reasons=["imported"],
            transformation="imported",
        )
        question.options = [
            Option(
                text=" ".join(o.text.split()),
                is_correct=o.correct,
                position=i,
                feedback=o.feedback.strip(),
            )
            for i, o in enumerate(o for o in item.options if o.text.strip())
        ]
        session.add(question)
        stored.append(question)
    session.flush()
    return ImportOutcome(article=article, stored=stored, skipped=skipped)
