"""End-to-end generation: seed invariants and small hand-written articles on other topics."""

from __future__ import annotations

import random
import re

import pytest

from question_bank.generator import generate, generate_clean
from tests.question_bank.conftest import SEEDS, make_clean

FAIR = [
    "Science teacher Priya Raman opened the school science fair on Friday.",
    "Oliver Grant built a model volcano from clay and paper.",
    "The judges gave the first prize to Oliver Grant.",
    "Ms Raman thanked the parents for their help.",
    "Mia Chen and Tom Reed won the prize for the best poster.",
    "Tom Reed also designed a solar oven.",
    "The school opened in 1985.",
]
COUNCIL = [
    "The city council voted on Tuesday to build a new bridge in Riverton.",
    "Mayor Helen Brooks supported the plan.",
    "Work on the bridge will start in 2026.",
    "Engineer David Okoro designed the bridge.",
    "The old bridge was built in 1952.",
]
VOLCANO = [
    "Mount Etna erupted in Italy on Sunday.",
    "The volcano sent ash 6 kilometres into the sky.",
    "Flights were stopped at Catania airport.",
    "Dr Laura Rossi studies the volcano.",
    "Mount Etna is the tallest active volcano in Europe.",
]


def _all(sentences):
    """Every gated-in item and every rejected candidate, keyed by transformation."""
    return generate_clean(make_clean(sentences), rng=random.Random(0))


# --------------------------------------------------------------------------- seeds


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_invariants(path, seed_results):
    text, result = seed_results[path.name]
    clean = result.article
    for q in result.questions:
        ev = q.evidence
        assert clean.text[ev.start : ev.end] == ev.text
        assert sum(o.correct for o in q.options) == 1
        assert not re.search(r"reutrn|[a-z]SpaceX|Image source|Media caption|WATCH:", ev.text)
        first = q.stem.split()[0].lower()
        assert first not in {"he", "she", "it", "they", "this", "his", "her", "their"}
        if q.kind == "true_false":
            assert [o.text for o in q.options] == ["True", "False"]
            assert not re.search(r"\bnot\b|n't", q.stem)
        else:
            texts = [o.text.lower() for o in q.options]
            assert len(set(texts)) == len(texts)
            nums = [re.search(r"\d[\d,.]*", o.text) for o in q.options]
            if all(nums) and all(q.answer_type == t for t in ("count",)):
                vals = [float(m.group(0).replace(",", "").rstrip(".")) for m in nums if m]
                assert vals == sorted(vals)
            key = q.key.text
            # the key (or a word of it) is stated by the evidence sentence
            stated = any(w.lower() in ev.text.lower() for w in re.findall(r"\w+", key))
            via_pronoun = (
                q.fact is not None
                and q.fact.subject == key
                and re.search(r"\b(he|she|it|they)\b", ev.text, re.I)
            )
            assert stated or via_pronoun
            # no distractor is stated in the evidence sentence
            for o in q.options:
                if not o.correct and len(o.text) > 3:
                    assert o.text.lower() not in ev.text.lower()


@pytest.mark.xfail(
    reason="known gap: no seed yields 8 questions with 5 MCQ and 3 T/F yet (docs/QUALITY.md)",
    strict=True,  # a seed that starts passing fails here: then remove this mark
)
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_counts(path, seed_results):
    _, result = seed_results[path.name]
    mcq = [q for q in result.questions if q.kind == "mcq"]
    tf = [q for q in result.questions if q.kind == "true_false"]
    assert len(result.questions) >= 8 and len(mcq) >= 5 and len(tf) >= 3
    assert len({q.evidence.sentence_index for q in result.questions}) >= 5


def test_determinism():
    text = SEEDS[0].read_text(encoding="utf-8")
    a = generate(text, rng=random.Random(7))
    b = generate(text, rng=random.Random(7))
    assert [(q.stem, [o.text for o in q.options]) for q in a.questions] == [
        (q.stem, [o.text for o in q.options]) for q in b.questions
    ]


def test_bad_arguments():
    with pytest.raises(ValueError):
        generate("Some text here.", band="5-7")
    with pytest.raises(ValueError):
        generate("Some text here.", limit=0)


# --------------------------------------------------------------------------- hand-written


def _stems(result):
    return [q.stem for q in result.questions] + [r.stem for r in result.rejected]


def test_wh_word_person_date_place():
    res = _all(VOLCANO)
    stems = _stems(res)
    assert "On which day did Mount Etna erupt in Italy?" in stems
    # Where-questions are no longer built (round 14: 0 of 9 acceptable blind)
    assert not any(s.startswith("Where ") for s in stems)
    assert "Who studies the volcano?" in stems


def test_wh_word_year_and_count():
    stems = _stems(_all(COUNCIL))
    assert "In what year was the old bridge built?" in stems
    assert "How many kilometres did the volcano send ash into the sky?" in _stems(_all(VOLCANO))


def test_when_question_options_are_weekdays():
    res = _all(VOLCANO)
    q = next(q for q in res.questions if q.stem == "On which day did Mount Etna erupt in Italy?")
    assert q.key.text == "Sunday"
    assert all(o.text.endswith("day") for o in q.options)


def test_false_statement_swaps_a_value_never_not():
    res = _all(COUNCIL)
    false_items = [r for r in res.rejected if r.transformation == "tf-false-swap"] + [
        q for q in res.questions if q.transformation == "tf-false-swap"
    ]
    assert false_items
    for q in false_items:
        assert not re.search(r"\bnot\b|n't", q.stem)
    stems = [q.stem for q in false_items]
    assert any(re.search(r"built in (19[45]\d)\.", s) and "1952" not in s for s in stems)


def test_conjoined_subject_not_offered_as_distractor():
    res = _all(FAIR)
    for q in res.questions:
        if q.kind == "mcq" and q.answer_type == "person":
            texts = {o.text for o in q.options if not o.correct}
            if "prize" in q.stem and "poster" in q.stem:
                assert not texts & {"Mia Chen", "Tom Reed"}
    # no "Who won the prize for the best poster?": two people won it
    assert "Who won the prize for the best poster?" not in [q.stem for q in res.questions]


def test_pronoun_subject_resolved_in_stem():
    res = _all(
        [
            "Dr Laura Rossi studies volcanoes in Italy.",
            "She climbed Mount Etna in 2019.",
            "Laura Rossi wrote a book about Mount Vesuvius.",
        ]
    )
    stems = _stems(res)
    assert "In what year did Laura Rossi climb Mount Etna?" in stems
    assert not any(s.startswith(("She ", "He ")) for s in stems)


def test_one_sentence_gives_when_and_where_slots_and_weekday_swap():
    text = [
        "Maya Collins is a young sailor from Wales.",
        "Maya Collins set off from Cardiff Bay in a small boat on Tuesday for a ten-day trip "
        "around the coast, along with her coach and two friends from the sailing club.",
        "She said the trip was for charity.",
    ]
    res = _all(text)
    stems = _stems(res)
    assert "On which day did Maya Collins set off?" in stems
    assert "Where did Maya Collins set off from?" not in stems  # no Where-questions (round 14)
    false_days = [
        r.stem
        for r in (*res.questions, *res.rejected)
        if r.transformation == "tf-false-swap" and "set off on" in r.stem
    ]
    assert false_days and all("Tuesday" not in s for s in false_days)


def test_descriptive_role_not_asked():
    text = [
        "Billionaire Sam Ortiz opened the new library in Dunmore on Friday.",
        "Engineer Lucy Park designed the building.",
        "Sam Ortiz paid for the library.",
    ]
    res = _all(text)
    assert not any(q.stem.endswith("the billionaire?") for q in res.questions)
    assert not any(q.stem.endswith("the billionaire.") for q in res.questions)


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.name)
def test_first_reason_mode_keeps_the_questions_and_the_first_reason(seed) -> None:
    """By default the gates stop at a rejected candidate's first reason (speed); with
    all_reasons=True every gate runs. Only the rejected candidates' later reasons may differ:
    the questions, the rejected candidates and each one's first reason are the same."""
    text = seed.read_text(encoding="utf-8")
    fast = generate(text, rng=random.Random(0))
    full = generate(text, rng=random.Random(0), all_reasons=True)
    assert fast.questions == full.questions
    assert [(r.stem, r.reasons[0]) for r in fast.rejected] == [
        (r.stem, r.reasons[0]) for r in full.rejected
    ]
    pairs = list(zip(fast.rejected, full.rejected, strict=True))
    assert all(set(f.reasons) <= set(a.reasons) for f, a in pairs)
    # the mode is not a no-op: some rejected candidate fails more than one gate (seed 001 has
    # none since round 14 stopped building Where/role questions, so seed 000 checks it)
    if seed.name.startswith("000_"):
        assert any(len(a.reasons) > len(f.reasons) for f, a in pairs)
