"""Domain values shared by the generator stages.

Every stage of the pipeline (ingest -> analyse -> candidates -> distractors -> gate -> rank)
takes and returns these frozen dataclasses, so each stage can be tested alone and nothing here
knows about Flask or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuestionKindName = Literal["mcq", "true_false"]


class IngestError(ValueError):
    """The input cannot be turned into an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence of the cleaned text: ``text == cleaned[start:end]``.

    ``usable`` is False for sentences the generator must not quote or ask about (page
    furniture that survived cleaning, broken text, quoted questions ...); ``skip_reason`` says why.
    """

    index: int
    start: int
    end: int
    text: str
    usable: bool = True
    skip_reason: str | None = None


@dataclass(frozen=True)
class CleanArticle:
    """An article after ingest: the cleaned text every offset points into."""

    original: str
    text: str
    title: str | None
    sentences: tuple[SentenceSpan, ...]
    # Lines removed as page furniture, with the rule that removed them (for review and tests).
    dropped: tuple[tuple[str, str], ...] = ()
    # Repairs made (glued words split, typos corrected): (before, after).
    repairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EvidenceSpan:
    """The sentence that proves a question: ``article.text[start:end] == text``."""

    text: str
    start: int
    end: int
    sentence_index: int


@dataclass(frozen=True)
class OptionDraft:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class FactKey:
    """The fact a question asks about, for cross-source checks: (subject, relation) -> value."""

    subject: str
    relation: str
    value: str
    value_type: str


@dataclass(frozen=True)
class QuestionDraft:
    """A generated question, ready to store as a Draft."""

    kind: QuestionKindName
    stem: str
    options: tuple[OptionDraft, ...]
    explanation: str
    evidence: EvidenceSpan
    score: float
    reasons: tuple[str, ...]
    reading_grade: float
    difficulty: float
    transformation: str
    answer_type: str = ""
    fact: FactKey | None = None

    @property
    def key(self) -> OptionDraft:
        return next(o for o in self.options if o.correct)


@dataclass(frozen=True)
class RejectedCandidate:
    """A candidate a hard gate refused, with every reason, for the review screen and measuring."""

    kind: QuestionKindName
    stem: str
    transformation: str
    evidence: EvidenceSpan
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class EntityInfo:
    """One canonical entity of an article (after merging mentions)."""

    name: str
    label: str
    mentions: int = 1
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GenerationResult:
    article: CleanArticle
    questions: tuple[QuestionDraft, ...]
    rejected: tuple[RejectedCandidate, ...] = ()
    entities: tuple[EntityInfo, ...] = field(default=())
