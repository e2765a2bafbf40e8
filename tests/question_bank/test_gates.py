"""Each hard gate rejects the flaw it is named after and passes a clean item."""

from __future__ import annotations

from question_bank.candidates import Candidate
from question_bank.distractors import Item
from question_bank.gates import GateContext, check, fk_grade
from question_bank.types import EvidenceSpan, OptionDraft

EV = EvidenceSpan(text="Priya Raman opened the science fair on Friday.", start=0, end=46,
                  sentence_index=0)  # fmt: skip
CTX = GateContext(band="8-11", names=frozenset({"priya", "raman", "oliver", "grant"}),
                  usable_sentences=frozenset({0}))  # fmt: skip


def _item(stem="Who opened the science fair on Friday?", options=None, key="Priya Raman",
          evidence=EV, kind="mcq", truth=None, swapped="", vague=""):  # fmt: skip
    cand = Candidate(
        kind=kind, transformation="wh-subject", stem=stem, key=key, key_label="PERSON",
        answer_type="person", statement="Priya Raman opened the science fair on Friday.",
        key_in_statement=key, evidence=evidence, sentence_position=0, slot=("open", "nsubj"),
        subject=key, key_canonical=key, vague=vague,
    )  # fmt: skip
    if options is None:
        options = (OptionDraft("Oliver Grant", False), OptionDraft("Priya Raman", True),
                   OptionDraft("Maria Lopez", False))  # fmt: skip
    return Item(cand, kind, stem, tuple(options), "wh-subject", "article", truth=truth,
                swapped=swapped)  # fmt: skip


def test_clean_item_passes():
    assert check(_item(), CTX) == ()


def test_two_correct_options_rejected():
    opts = (OptionDraft("Oliver Grant", True), OptionDraft("Priya Raman", True),
            OptionDraft("Maria Lopez", False))  # fmt: skip
    assert any("correct" in r for r in check(_item(options=opts), CTX))


def test_answer_in_stem_rejected():
    reasons = check(_item(stem="Who is Raman, who opened the science fair on Friday?"), CTX)
    assert any("answer word" in r for r in reasons)


def test_pronoun_stem_rejected():
    assert any("pronoun" in r for r in check(_item(stem="What did she open on Friday?"), CTX))


def test_furniture_evidence_rejected():
    ev = EvidenceSpan(text="Image source, Getty Images Priya Raman opened the fair.", start=0,
                      end=55, sentence_index=0)  # fmt: skip
    assert any("furniture" in r for r in check(_item(evidence=ev), CTX))


def test_glued_and_typo_evidence_rejected():
    ev = EvidenceSpan(text="Priya Raman opened theschoolFair and will reutrn soon.", start=0,
                      end=54, sentence_index=0)  # fmt: skip
    reasons = check(_item(evidence=ev), CTX)
    assert any("glued" in r or "typo" in r for r in reasons)


def test_true_false_with_not_rejected():
    item = _item(stem="Priya Raman did not open the science fair.", kind="true_false",
                 options=(OptionDraft("True", False), OptionDraft("False", True)),
                 truth=False, swapped="x")  # fmt: skip
    assert any("negation" in r for r in check(item, CTX))


def test_key_much_longer_than_distractors_rejected():
    opts = (OptionDraft("Al", False), OptionDraft("Priya Raman of the Science Department", True),
            OptionDraft("Bo", False))  # fmt: skip
    item = _item(options=opts, key="Priya Raman of the Science Department")
    assert any("longer" in r for r in check(item, CTX))


def test_reading_grade_of_hard_stem_is_high():
    assert fk_grade("Who facilitated the interdisciplinary methodological symposium?") > 8
    assert fk_grade("Who won the race?") < 4


def test_robust_grade_is_stable_on_short_stems():
    from question_bank.gates import robust_grade

    easy = robust_grade("How many kilometres did the volcano send ash into the sky?")
    hard = robust_grade("Who facilitated the interdisciplinary methodological symposium?")
    assert easy <= 7.0 < hard
    # a unit repeated in every option is read once
    opts = ("5 kilometres", "6 kilometres", "7 kilometres")
    assert robust_grade("How far did the ash go?", opts) < 7.0
