"""Fixtures for the generator tests: a stand-in cleaner for hand-written articles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from question_bank.types import CleanArticle, SentenceSpan

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def make_clean(sentences: Sequence[str], title: str | None = None) -> CleanArticle:
    """A CleanArticle built from plain sentences (one per line), offsets exact."""
    spans = []
    pos = 0
    parts = []
    for i, s in enumerate(sentences):
        spans.append(SentenceSpan(index=i, start=pos, end=pos + len(s), text=s))
        parts.append(s)
        pos += len(s) + 1
    text = "\n".join(parts)
    return CleanArticle(original=text, text=text, title=title, sentences=tuple(spans))


@pytest.fixture(scope="session")
def seed_results():
    """Generation results of every seed article (parsed once per test session)."""
    from question_bank.generator import generate

    return {p.name: (p.read_text(encoding="utf-8"), generate(p.read_text(encoding="utf-8")))
            for p in SEEDS}  # fmt: skip
