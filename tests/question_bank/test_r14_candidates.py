"""Round 14 (candidates): general defects blind raters found in MCQ stems. Every article here
is hand-written for the test (made-up names and places)."""

from __future__ import annotations

import random

import pytest

from question_bank.candidates import Candidate, build_candidates
from question_bank.generator import generate


def _candidates(text: str) -> tuple[Candidate, ...]:
    """Every candidate the builder makes for a hand-written article."""
    from question_bank.analysis import analyse
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article

    parsed = parse_article(clean_article(text, fmt="text"))
    return build_candidates(parsed, analyse(parsed))


def _stems(text: str) -> list[str]:
    """Stems of every selected and rejected item of the generator."""
    result = generate(text, rng=random.Random(0))
    return [q.stem for q in result.questions] + [r.stem for r in result.rejected]


# ------------------------------------------------------------ 1. active past of a passive

_WORKS = (
    "A New Library for Elmfield\n\n"
    "The new library in Elmfield opened in May 2021. "
    "Its construction was overseen by Ann Fordham. "
    "The old mill was rebuilt by Dan Dorrow in 2019. "
    "The whole project was undertaken by Rhona Kellway. "
    "The first exhibition was chosen by Tom Reddick. "
    "The opening speech was given by Maya Lindqvist. "
    "The old plans were withdrawn by Greta Holm in 2018.\n"
)


def _agent_stems(text: str) -> dict[str, str]:
    """wh-agent stem -> key."""
    return {c.stem: c.key for c in _candidates(text) if c.transformation == "wh-agent"}


def test_passive_to_active_uses_the_past_tense_not_the_participle() -> None:
    stems = _agent_stems(_WORKS)
    assert stems.get("Who oversaw its construction?") == "Ann Fordham", stems
    # (people, not firms: a firm with no kind noun of its own is no longer asked about with
    # the generic "Which organisation ...?", round 16)
    assert stems.get("Who undertook the whole project?") == "Rhona Kellway", stems
    assert "Who rebuilt the old mill in 2019?" in stems, stems
    assert "Who chose the first exhibition?" in stems, stems
    assert "Who gave the opening speech?" in stems, stems
    assert any(s.endswith(" withdrew the old plans in 2018?") for s in stems), stems
    for stem in stems:
        assert not any(w in stem.split() for w in ("overseen", "undertaken", "withdrawn")), stem


@pytest.mark.parametrize(
    ("lemma", "participle", "past"),
    [
        ("oversee", "overseen", "oversaw"),
        ("foresee", "foreseen", "foresaw"),
        ("undertake", "undertaken", "undertook"),
        ("rebuild", "rebuilt", "rebuilt"),
        ("withdraw", "withdrawn", "withdrew"),
        ("overcome", "overcome", "overcame"),
        ("become", "become", "became"),
        ("undergo", "undergone", "underwent"),
        ("forgive", "forgiven", "forgave"),
        ("mistake", "mistaken", "mistook"),
        ("rewrite", "rewritten", "rewrote"),
        ("see", "seen", "saw"),
        ("take", "taken", "took"),
        ("go", "gone", "went"),
        ("do", "done", "did"),
        ("run", "run", "ran"),
        ("come", "come", "came"),
        ("shine", "shone", "shone"),
        ("lie", "lain", "lay"),
        ("forbid", "forbidden", "forbade"),
        ("strive", "striven", "strove"),
        ("awake", "awoken", "awoke"),
        ("arise", "arisen", "arose"),
        ("freeze", "frozen", "froze"),
        ("shrink", "shrunk", "shrank"),
        ("tear", "torn", "tore"),
        ("swear", "sworn", "swore"),
        ("beat", "beaten", "beat"),
        ("show", "shown", "showed"),
        ("build", "built", "built"),
        ("find", "found", "found"),
        ("open", "opened", "opened"),
        ("carry", "carried", "carried"),
        ("feed", "fed", "fed"),
    ],
)
def test_past_tense_of_a_participle(lemma: str, participle: str, past: str) -> None:
    from question_bank.candidates import past_tense

    assert past_tense(lemma, participle) == past


def test_an_unknown_irregular_participle_is_not_guessed() -> None:
    from question_bank.candidates import past_tense

    # not an -ed participle and not a known verb: no past tense (the transform is refused)
    assert past_tense("zorbeat", "zorbeaten") is None
    assert past_tense("glimpen", "glimpen") is None
    # a lemma that does not match its participle (a mis-lemmatised form) is refused too
    assert past_tense("see", "taken") is None


# ------------------------------------------------------------ 2. a name keeps its capital

_HELICOPTER = (
    "A Tiny Helicopter on Mars\n\n"
    "The tiny helicopter is called Endurance. "
    "Endurance weighs just 1.6 kilograms. "
    "The helicopter flew 40 times over the red dust.\n"
)


def test_a_name_moved_inside_the_stem_keeps_its_capital() -> None:
    stems = [c.stem for c in _candidates(_HELICOPTER) if c.kind == "mcq"]
    assert "How many kilograms does Endurance weigh?" in stems, stems
    assert not any("endurance" in s for s in stems), stems


def test_a_common_word_at_the_start_is_still_lowercased() -> None:
    text = (
        "The River Garden\n\n"
        "Volunteers from Hollin planted a garden by the river. "
        "The garden covers 300 square metres. "
        "Gardeners planted 40 apple trees in April 2022.\n"
    )
    stems = [c.stem for c in _candidates(text) if c.kind == "mcq"]
    assert any(" the garden " in s for s in stems) or any(" gardeners " in s for s in stems), stems
    assert not any(" The garden " in s or " Gardeners " in s for s in stems), stems


# ------------------------------------------------------------ 3. the tense of an age question

_CRASH = (
    "Van Crash on the Coast Road\n\n"
    "A man has died after a van crashed on the coast road near Pellford on Sunday. "
    "Ben Colby, 24, was driving the van when it crashed. "
    "Police said Ben Colby died at the scene. "
    "His sister, Lucy Colby, 31, is helping the police.\n"
)


def test_age_question_takes_the_tense_of_its_sentence() -> None:
    ages = {c.stem: c for c in _candidates(_CRASH) if c.transformation == "wh-age"}
    assert "How old was Ben Colby?" in ages, ages
    assert ages["How old was Ben Colby?"].statement == "Ben Colby was 24 years old."
    assert "How old is Ben Colby?" not in ages
    assert "How old is Lucy Colby?" in ages, ages  # present tense: "is helping"
    assert ages["How old is Lucy Colby?"].statement == "Lucy Colby is 31 years old."


# ------------------------------------------------------------ 4. a dash aside is cut

_COURT = (
    "An Old Court Case\n\n"
    "In 1961 a farmer sued the Darrow Milling company over a broken dam. "
    "The firm paid out around $628,000 in damages - more than $10 million in today's money. "
    "The new dam holds 40,000 litres of water – enough for the whole valley. "
    "The farmer rebuilt the mill in 1963 — with help from his three sons. "
    "The valley’s mayor, Rosa Penhall – a former miller – opened the new mill in 1964.\n"
)

_DASHES = (" - ", " – ", " — ", "(", ")")


def test_a_dash_aside_is_not_part_of_a_stem_or_statement() -> None:
    cands = _candidates(_COURT)
    assert cands
    for c in cands:
        for text in (c.stem, c.statement):
            assert not any(d in text for d in _DASHES), text
            assert "today's money" not in text, text
            assert "enough for" not in text and "his three sons" not in text, text
            assert "former miller" not in text, text
    stems = {c.stem for c in cands}
    assert "How much money did Darrow Milling pay out?" in stems or any(
        s.startswith("How much money did") and s.endswith("pay out in damages?") for s in stems
    ), stems


def test_no_candidate_when_the_clause_is_inside_the_aside() -> None:
    text = (
        "Harbour Works\n\n"
        "Work on the harbour wall began in Kessock in March 2020. "
        "The wall was finished early – the builders worked 300 nights in a row. "
        "The harbour opened to boats in June 2021.\n"
    )
    for c in _candidates(text):
        assert "300 nights" not in c.stem and "300 nights" not in c.key, c


# ------------------------------------------------------------ 5. no Where / role questions

_REGATTA = (
    "Rowing Regatta in Tarnby\n\n"
    "The Tarnby Rowing Club held its summer regatta in Calder Bay on Saturday. "
    "Club captain Nora Hessel won the single sculls race in 7 minutes. "
    "Ivo Brandt, the coach of the Tarnby Rowing Club, trained the crews for six months. "
    "The crews sailed from Westhaven to Calder Bay in two hours. "
    "The race was started by Mayor Lena Ostrova at 10am.\n"
)


def test_no_where_or_role_question_is_built() -> None:
    cands = _candidates(_REGATTA)
    assert cands
    kinds = {c.transformation for c in cands}
    assert not kinds & {"wh-where", "wh-role"}, kinds
    for c in cands:
        if c.kind == "mcq":
            assert not c.stem.startswith(("Where ", "Who was the ", "Who is the ")), c.stem
    result = generate(_REGATTA, rng=random.Random(0))
    for q in (*result.questions, *result.rejected):
        assert q.transformation not in ("wh-where", "wh-role"), q.stem
