"""Glue between the student views and question_bank.attempts: which attempt this browser holds
(resume tokens kept in the session cookie), and the article split into sentence spans."""

from __future__ import annotations

from dataclasses import dataclass

from flask import session
from sqlalchemy.orm import Session

from question_bank import attempts
from question_bank.models import Attempt, Quiz, Sentence

SESSION_KEY = "attempts"
MAX_REMEMBERED = 20  # quizzes one device remembers (the cookie must stay small)


def remembered_token(quiz: Quiz) -> str | None:
    tokens = session.get(SESSION_KEY)
    if not isinstance(tokens, dict):
        return None
    token = tokens.get(str(quiz.id))
    return token if isinstance(token, str) else None


def remembered_tokens() -> dict[str, str]:
    """Every resume token this browser holds, by quiz id (as a string)."""
    tokens = session.get(SESSION_KEY)
    if not isinstance(tokens, dict):
        return {}
    return {str(k): v for k, v in tokens.items() if isinstance(v, str)}


def remember(attempt: Attempt) -> None:
    """Keep the attempt's resume token in the (persistent, 12 h) session cookie."""
    tokens = session.get(SESSION_KEY)
    tokens = dict(tokens) if isinstance(tokens, dict) else {}
    tokens.pop(str(attempt.quiz_id), None)
    tokens[str(attempt.quiz_id)] = attempt.resume_token
    while len(tokens) > MAX_REMEMBERED:
        tokens.pop(next(iter(tokens)))
    session[SESSION_KEY] = tokens
    session.permanent = True


def current_attempt(db: Session, quiz: Quiz) -> Attempt | None:
    """This browser's attempt in ``quiz``, found by its resume token only."""
    return attempts.by_token(db, remembered_token(quiz), quiz_id=quiz.id)


@dataclass(frozen=True)
class Segment:
    text: str
    sentence_index: int | None  # None: text between sentences


def article_paragraphs(text: str, sentences: list[Sentence]) -> list[list[Segment]]:
    """The article text as paragraphs (split at newlines) of sentence and gap segments.

    Every character of ``text`` appears once, in order; a newline inside a sentence is shown as
    a space, so the sentence stays one element that a link can target.
    """
    paragraphs: list[list[Segment]] = [[]]

    def add_gap(gap: str) -> None:
        lines = gap.split("\n")
        for i, line in enumerate(lines):
            if i > 0 and paragraphs[-1]:
                paragraphs.append([])
            if line.strip() or (line and paragraphs[-1]):
                paragraphs[-1].append(Segment(line, None))

    position = 0
    for sentence in sorted(sentences, key=lambda s: s.start):
        start, end = max(sentence.start, position), min(sentence.end, len(text))
        if end <= start:
            continue
        add_gap(text[position:start])
        paragraphs[-1].append(Segment(text[start:end].replace("\n", " "), sentence.index))
        position = end
    add_gap(text[position:])
    return [p for p in paragraphs if any(s.text.strip() for s in p)]
