"""question_bank: turn news articles into evidence-backed quiz questions, and keep them.

A library: it never imports Flask. Stages are pure functions over the frozen dataclasses in
:mod:`question_bank.types`; persistence functions take a SQLAlchemy ``Session``, flush, and
never commit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from question_bank.types import GenerationResult, IngestError, QuestionDraft

__all__ = ["GenerationResult", "IngestError", "QuestionDraft", "generate"]

if TYPE_CHECKING:
    from question_bank.generator import generate
else:

    def __getattr__(name: str) -> Any:
        # Lazy: importing the package must stay cheap (spaCy loads only when generating).
        if name == "generate":
            from question_bank.generator import generate

            return generate
        raise AttributeError(name)
