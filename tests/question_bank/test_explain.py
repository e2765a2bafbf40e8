"""Explanations: one plain sentence stating the fact, then the quote; no "The answer is"."""

from __future__ import annotations

from question_bank.candidates import Candidate
from question_bank.distractors import Item
from question_bank.explain import explanation, with_feedback
from question_bank.types import EvidenceSpan, OptionDraft

EV = EvidenceSpan(text="Each spent about 10 minutes outside the capsule.", start=0, end=48,
                  sentence_index=0)  # fmt: skip


def _cand(kind="mcq"):
    return Candidate(
        kind=kind, transformation="wh-how-many", stem="About how many minutes did each spend "
        "outside?", key="10 minutes", key_label="QUANTITY", answer_type="count",
        statement="Each spent about 10 minutes outside the capsule.", key_in_statement="10",
        evidence=EV, sentence_position=0, slot=("spend", "quantity"), subject="",
    )  # fmt: skip


def test_mcq_explanation_is_fact_then_quote():
    opts = (OptionDraft("5 minutes", False), OptionDraft("10 minutes", True),
            OptionDraft("15 minutes", False))  # fmt: skip
    item = Item(_cand(), "mcq", _cand().stem, opts, "wh-how-many", "numeric")
    text = explanation(item)
    assert not text.startswith("The answer is")
    assert text == f'Each spent about 10 minutes outside the capsule. The article says: "{EV.text}"'
    assert text.count("10 minutes") == 2  # once in the sentence, once in the quote
    fb = with_feedback(item)
    assert fb[1].feedback == "Well done!"
    assert fb[0].feedback.startswith("Not quite! Each spent about 10 minutes")


def test_false_statement_explanation_gives_the_right_value():
    cand = _cand("true_false")
    item = Item(cand, "true_false", "Each spent about 20 minutes outside the capsule.",
                (OptionDraft("True", False), OptionDraft("False", True)), "tf-false-swap",
                "numeric", truth=False, swapped="20")  # fmt: skip
    text = explanation(item)
    assert text.startswith("Each spent about 10 minutes, not 20 minutes, outside the capsule.")
    assert text.endswith(f'The article says: "{EV.text}"')
