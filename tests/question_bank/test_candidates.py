"""Candidate builders: roles, pairs, "each" subjects, quantities with units and number words."""

from __future__ import annotations

import random

from question_bank.analysis import analyse
from question_bank.candidates import build_candidates
from question_bank.distractors import attach_options
from question_bank.nlp import parse_article
from tests.question_bank.conftest import make_clean

CREW = [
    "The four-person crew of the Orion mission reached orbit on Monday.",
    "Mission pilot Karen Walsh flew the spacecraft.",
    "Engineer Tom Baxter repaired a broken antenna.",
    "Karen Walsh and Tom Baxter tested the new suits.",
    "Each spent about 20 minutes outside the capsule.",
    "The museum cost £45 million.",
    "Flight director Amy Chen watched from Houston.",
    "Doctor Sam Green checked the suits.",
]


def _cands(sentences):
    parsed = parse_article(make_clean(sentences))
    analysis = analyse(parsed)
    return parsed, analysis, build_candidates(parsed, analysis)


def test_role_statement_without_role_question():
    # role MCQs ("Who was the mission pilot?") are no longer output (round 14: 2 of 11
    # acceptable blind); the true/false statement of the role stays
    _, _, cands = _cands(CREW)
    stems = {c.stem: c for c in cands}
    assert "Who was the mission pilot?" not in stems
    assert stems["Karen Walsh was the mission pilot."].key == "Karen Walsh"


def test_pair_subject_and_each():
    _, _, cands = _cands(CREW)
    stems = {c.stem: c for c in cands}
    assert stems["Which two people tested the new suits?"].key == "Karen Walsh and Tom Baxter"
    q = "About how many minutes did Karen Walsh and Tom Baxter each spend outside the capsule?"
    assert stems[q].key == "20 minutes"


def test_hyphenated_size_and_money():
    _, _, cands = _cands(CREW)
    stems = {c.stem: c for c in cands}
    assert stems["How many people were in the crew of the Orion mission?"].key == "four"
    assert stems["How much did the museum cost?"].key == "£45 million"


def test_number_word_distractors_same_format_sorted():
    parsed, analysis, cands = _cands(CREW)
    items = attach_options(cands, parsed, analysis, rng=random.Random(0))
    q = next(i for i in items if i.stem.startswith("How many people were in the crew"))
    texts = [o.text for o in q.options]
    assert "four" in texts and all(t.isalpha() for t in texts)
    order = ["one", "two", "three", "four", "five", "six", "seven"]
    assert texts == sorted(texts, key=order.index)
    money = next(i for i in items if i.stem == "How much did the museum cost?")
    assert all(o.text.startswith("£") and o.text.endswith(" million") for o in money.options)


def test_pair_distractors_are_other_pairs():
    parsed, analysis, cands = _cands(CREW)
    items = attach_options(cands, parsed, analysis, rng=random.Random(0))
    q = next(i for i in items if i.stem == "Which two people tested the new suits?")
    for o in q.options:
        assert " and " in o.text
    assert sum(o.correct for o in q.options) == 1


RECALL = [
    "The new Stonebridge Library opened on Monday.",
    "The library was built by construction firm Harlow Group.",
    "Harlow Group also built a school in Leeds.",
    "The town hall was designed by architect Mia Ford.",
    "Ravi Kumar, the founder of Brightway, cut the ribbon.",
    "Mayor Lisa Grant was followed by council leader Omar Reid.",
    "The park covers about 1,200 square miles of forest, meadow and mountain.",
]


def test_passive_agent_becomes_active_question():
    _, _, cands = _cands(RECALL)
    by_stem = {c.stem: c for c in cands if c.kind == "mcq"}
    assert by_stem["Who designed the town hall?"].key == "Mia Ford"
    assert by_stem["Who followed Lisa Grant?"].key == "Omar Reid"
    agent = [c for c in cands if c.transformation == "wh-agent" and c.key == "Harlow Group"]
    assert agent and agent[0].stem.endswith("built the library?")


def test_role_of_organisation():
    # the role MCQ is no longer output (round 14); its true/false statement stays
    _, _, cands = _cands(RECALL)
    stems = {c.stem: c for c in cands}
    assert "Who was the founder of Brightway?" not in stems
    assert stems["Ravi Kumar was the founder of Brightway."].key == "Ravi Kumar"
