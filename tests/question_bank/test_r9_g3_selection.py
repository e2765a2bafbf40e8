"""Round 9 (G3): selection keeps every MCQ that passed the gates when balancing true/false."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from question_bank.generator import generate
from question_bank.ranking import article_balance_ok

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests/question_bank/data").glob("r9g3_*.txt")
)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_no_mcq_dropped_for_the_true_false_balance(path: Path) -> None:
    res = generate(path.read_text(encoding="utf-8"), rng=random.Random(0))
    for rej in res.rejected:
        if rej.kind == "mcq":
            assert not any(r.startswith("balance") for r in rej.reasons), (rej.stem, rej.reasons)
    tf = [q for q in res.questions if q.kind == "true_false"]
    n_true = sum(1 for q in tf if any(o.correct and o.text == "True" for o in q.options))
    # round 11: a short selection with no false statement keeps up to 2 true ones
    n_other = len(res.questions) - len(tf)
    assert article_balance_ok(n_true, len(tf) - n_true, n_other)
