"""Fixtures for the generator tests: a stand-in cleaner for hand-written articles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


def make_item(
    stem: str,
    evidence: str,
    key: str,
    *,
    kind: str = "mcq",
    swapped: str = "",
    label: str = "CARDINAL",
    pos: int = 0,
) -> Any:
    """An item on ``evidence`` (sentence ``pos`` of its article): an MCQ, or a true/false
    statement (false when ``swapped`` is given)."""
    from question_bank.candidates import Candidate
    from question_bank.distractors import Item
    from question_bank.types import EvidenceSpan, OptionDraft

    cand = Candidate(
        kind="mcq" if kind == "mcq" else "true_false",
        transformation="wh-how-many" if kind == "mcq" else "tf-statement",
        stem=stem,
        key=key,
        key_label=label,
        answer_type="count",
        statement=stem if kind != "mcq" else evidence,
        key_in_statement=key,
        evidence=EvidenceSpan(evidence, 0, len(evidence), pos),
        sentence_position=pos,
        slot=("be", "nsubj"),
        subject="",
    )
    if kind == "mcq":
        opts = (OptionDraft(key, True), OptionDraft("y", False), OptionDraft("z", False))
        return Item(cand, "mcq", stem, opts, "wh-how-many", "numeric")
    truth = not swapped
    opts = (OptionDraft("True", truth), OptionDraft("False", not truth))
    tr = "tf-false-swap" if swapped else "tf-true"
    return Item(cand, "true_false", stem, opts, tr, "article", truth=truth, swapped=swapped)


@pytest.fixture(scope="session")
def seed_results():
    """Generation results of every seed article (parsed once per test session)."""
    from question_bank.generator import generate

    return {p.name: (p.read_text(encoding="utf-8"), generate(p.read_text(encoding="utf-8")))
            for p in SEEDS}  # fmt: skip
