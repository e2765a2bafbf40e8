"""Rounds 16-18 (precision): kinds and defects the blind-rated sets showed to fail, each
handled by a general rule: a generic "Which organisation/place/group ...?" question, a race
result asked with "When", a false statement that moves one end of a range, a number cut from
what it counts, an elliptical opening ("If correct, ..."); a dropped scene-setting opening, a
comparison without its standard, a headless superlative (round 17); a he/she resolved past a
rival antecedent (round 18). Every sentence here is made up."""

from __future__ import annotations

import random
from typing import Any

import pytest

from question_bank.generator import generate
from tests.question_bank.conftest import make_item


def _item(stem: str, evidence: str, key: str, *, swapped: str = "", mcq: bool = False) -> Any:
    """A hand-made item on ``evidence``: an MCQ, or a true/false statement (false when
    ``swapped`` is given)."""
    return make_item(stem, evidence, key, kind="mcq" if mcq else "tf", swapped=swapped)


def _ctx() -> Any:
    from question_bank.gates import GateContext

    return GateContext(band="8-11", names=frozenset(), usable_sentences=frozenset({0}))


# --- 1. generic wh-words for non-person names ----------------------------------------------

_ORGS = (
    "Council Backs New Library\n\n"
    "The Harwick Trust paid for the new library in Dunmore. "
    "The Pellam Foundation gave the town 4,000 books last spring. "
    "The Dunmore Historical Society opened a small museum on the top floor. "
    "Librarian Ada Colm said 300 children joined in the first week. "
    "The library is open from Monday to Saturday."
)


def test_no_generic_which_question_about_an_organisation() -> None:
    """Organisations named with no kind noun of their own are not asked with "Which
    organisation ...?" (nor any other generic wh-word); the facts can still be asked in other
    forms."""
    result = generate(_ORGS, rng=random.Random(0), all_reasons=True)
    stems = [q.stem for q in [*result.questions, *result.rejected]]
    assert stems, "the article still gives candidates"
    for s in stems:
        assert not s.startswith(("Which organisation", "Which place", "Which group", "Which event"))
    assert result.questions, "the article still gives questions"


def test_generic_which_is_about_the_label_and_the_kind_noun() -> None:
    from question_bank.candidates import Candidate, generic_which
    from question_bank.types import EvidenceSpan

    ev = EvidenceSpan("The Harwick Trust paid for it.", 0, 30, 0)
    base = Candidate(
        kind="mcq",
        transformation="wh-subject",
        stem="Which organisation paid for it?",
        key="Harwick Trust",
        key_label="ORG",
        answer_type="organisation",
        statement=ev.text,
        key_in_statement="Harwick Trust",
        evidence=ev,
        sentence_position=0,
        slot=("pay", "nsubj"),
        subject="Harwick Trust",
    )
    from dataclasses import replace

    assert generic_which(base)
    assert not generic_which(replace(base, kind_noun="charity", stem="Which charity paid?"))
    assert not generic_which(replace(base, key_label="PERSON", stem="Who paid for it?"))
    assert not generic_which(replace(base, transformation="cloze", stem="The ____ paid."))
    assert generic_which(replace(base, key_label="GPE", stem="Which place ...?"))


# --- 2. a race result is not a time of day --------------------------------------------------


@pytest.mark.parametrize("result", ["12:58.40", "3:31.07", "2:04:15"])
def test_race_result_gets_no_when_question(result: str) -> None:
    text = (
        "Lind Takes Gold in Oslo\n\n"
        "Mara Lind won the final in Oslo on Saturday. "
        f"The Swedish runner crossed the line in {result} at the Bislett stadium. "
        "Her coach, Per Aune, said she had trained for six years. "
        "About 9,000 fans watched the race."
    )
    result_all = generate(text, rng=random.Random(0), all_reasons=True)
    for q in [*result_all.questions, *result_all.rejected]:
        if q.stem.startswith(("When", "At what time")):
            assert result not in [o.text for o in getattr(q, "options", ())], q.stem


def test_result_time_pattern() -> None:
    from question_bank.candidates import RESULT_TIME

    for t in ("12:58.40", "3:31.07", "2:04:15", "1:59:40"):
        assert RESULT_TIME.fullmatch(t), t
    for t in ("16:00", "9:30", "10:45", "1998"):
        assert not RESULT_TIME.fullmatch(t), t


# --- 3. a false statement that moves one end of a range -------------------------------------


@pytest.mark.parametrize(
    ("evidence", "statement", "key", "swapped"),
    [
        (
            "A koala can eat between 20 and 50 kilograms of leaves a week.",
            "A koala can eat between 30 and 50 kilograms of leaves a week.",
            "20",
            "30",
        ),
        (
            "A koala can eat between 20 and 50 kilograms of leaves a week.",
            "A koala can eat between 20 and 40 kilograms of leaves a week.",
            "50",
            "40",
        ),
        (
            "The festival runs for 3 to 5 days each summer.",
            "The festival runs for 4 to 5 days each summer.",
            "3",
            "4",
        ),
        (
            "The bridge was built from 1931 to 1937 by local firms.",
            "The bridge was built from 1931 to 1935 by local firms.",
            "1937",
            "1935",
        ),
    ],
)
def test_swap_at_a_range_end_is_refused(
    evidence: str, statement: str, key: str, swapped: str
) -> None:
    from question_bank.gates import gate_swap_ruled_out

    item = _item(statement, evidence, key, swapped=swapped)
    reason = gate_swap_ruled_out(item, _ctx())
    assert reason is not None and "range" in reason


@pytest.mark.parametrize(
    ("evidence", "statement", "key", "swapped"),
    [
        (
            "The ferry can carry 600 passengers.",
            "The ferry can carry 400 passengers.",
            "600",
            "400",
        ),
        (
            "Kano scored 5 goals and 3 assists this season.",
            "Kano scored 7 goals and 3 assists this season.",
            "5",
            "7",
        ),
    ],
)
def test_swap_outside_a_range_is_kept(
    evidence: str, statement: str, key: str, swapped: str
) -> None:
    from question_bank.gates import gate_swap_ruled_out

    assert gate_swap_ruled_out(_item(statement, evidence, key, swapped=swapped), _ctx()) is None


# --- 4. a number cut from what it counts; an elliptical opening -----------------------------


@pytest.mark.parametrize(
    ("stem", "evidence"),
    [
        (
            "Which party looks set to end the night with fewer than 8?",
            "The Kelby Party looks set to end the night with fewer than 8 seats.",
        ),
        (
            "Forecasters predicted a quiet summer with 5 to 9.",
            "Forecasters predicted a quiet summer with 5 to 9 heatwaves.",
        ),
    ],
)
def test_number_cut_from_its_noun_is_refused(stem: str, evidence: str) -> None:
    from question_bank.gates import gate_cut_count

    reason = gate_cut_count(_item(stem, evidence, "x", mcq=stem.endswith("?")), _ctx())
    assert reason is not None and "cut from" in reason


@pytest.mark.parametrize(
    ("stem", "evidence"),
    [
        ("Who won the cup in 2019?", "In 2019 Ada Colm won the cup for the first time."),
        ("The team has won 3.", "The team has won 3 and lost 2."),
        ("Who scored in the 89th minute?", "Kano scored in the 89th minute."),
        ("The library opened at 9.", "The library opened at 9 in the morning."),
    ],
)
def test_number_with_nothing_cut_is_kept(stem: str, evidence: str) -> None:
    from question_bank.gates import gate_cut_count

    assert gate_cut_count(_item(stem, evidence, "x", mcq=stem.endswith("?")), _ctx()) is None


def test_elliptical_opening_is_refused() -> None:
    from question_bank.gates import gate_cut_count

    ev = "If correct, the Blue Party would have a majority of about 320."
    item = _item(ev, ev, "320")
    reason = gate_cut_count(item, _ctx())
    assert reason is not None and "elliptical" in reason
    full = "If the poll is correct, the Blue Party would have a majority of about 320."
    assert gate_cut_count(_item(full, full, "320"), _ctx()) is None


# --- 5. a dropped scene-setting opening -----------------------------------------------------


def _sentence(text: str) -> Any:
    from question_bank.nlp import get_nlp

    return get_nlp()(text)[:]


@pytest.mark.parametrize(
    ("evidence", "statement"),
    [
        (
            "Little more than a year ago, Kelby Rovers were bottom of the league.",
            "Kelby Rovers were bottom of the league.",
        ),
        (
            "After the collapse, wind tests of new bridge designs became standard practice.",
            "Wind tests of new bridge designs became standard practice.",
        ),
        (
            "At its fastest, a giant marrow can put on two kilograms in a single day.",
            "A giant marrow can put on two kilograms in a single day.",
        ),
        (
            "When they are stressed by heat, the corals push the algae out.",
            "The corals push the algae out.",
        ),
    ],
)
def test_a_dropped_opening_is_refused(evidence: str, statement: str) -> None:
    from question_bank.fidelity import dropped_opening

    reason = dropped_opening(statement, _sentence(evidence))
    assert reason is not None and reason.startswith("dropped the opening"), reason


@pytest.mark.parametrize(
    ("evidence", "statement"),
    [
        ("However, the museum reopened its doors.", "The museum reopened its doors."),
        ("Yesterday, the ferry carried 600 passengers.", "The ferry carried 600 passengers."),
        (
            "To date the bones, the team used a new laser method.",
            "The team used a new laser method.",
        ),
        (
            "In March 2019, the council opened a new library.",
            "The council opened a new library in March 2019.",
        ),
        (
            "As the mayor said, the council opened a new library.",
            "The council opened a new library.",
        ),
    ],
)
def test_an_opening_that_may_go_or_is_kept_is_not_refused(evidence: str, statement: str) -> None:
    from question_bank.fidelity import dropped_opening

    assert dropped_opening(statement, _sentence(evidence)) is None


def test_the_opening_does_not_scope_a_role_the_clause_only_mentions() -> None:
    from question_bank.fidelity import dropped_opening

    sent = _sentence("Then, high above the town, team captain Ada Colm lifted the cup.")
    assert dropped_opening("Ada Colm lifted the cup.", sent, "lift") is not None
    assert dropped_opening("Ada Colm was the team captain.", sent, "be") is None


def test_no_true_statement_drops_its_opening_end_to_end() -> None:
    """Before round 16 this article gave "A giant marrow can put on more than 2 kilograms in
    a single day." as a true statement: only at its fastest can it."""
    text = (
        "Giant Marrows at the Kelby Show\n\n"
        "Gardeners from across the county brought their biggest vegetables to the Kelby Show "
        "on Saturday. "
        "At its fastest, a giant marrow can put on more than 2 kilograms in a single day. "
        "During the long drought, farmers in the valley lost half of their crops. "
        "For most of the last century, the show's biggest prize went to a family from Dunmore. "
        "Judge Ada Colm said the winning marrow weighed 95 kilograms. "
        "About 3,000 visitors came to the show this year."
    )
    result = generate(text, rng=random.Random(0), all_reasons=True)
    assert not [q for q in result.questions if q.stem.startswith("A giant marrow can put")]
    refused = {r.stem: r.reasons for r in result.rejected}
    reasons = refused["A giant marrow can put on more than 2 kilograms in a single day."]
    assert "dropped the opening 'At its fastest'" in reasons


# --- 6. a comparison without its standard ---------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "The United States follows a different timetable.",
        "The cave has suffered further problems.",
        "Another 2,000 mugs were sold in Canada.",
        "The remaining states will keep their seats.",
        "The return of beavers has helped many other animals.",
    ],
)
def test_a_comparison_without_its_standard_is_refused(statement: str) -> None:
    from question_bank.gates import gate_compared_without_standard

    item = _item(statement, statement, "x")
    assert gate_compared_without_standard(item, _ctx()) is not None


@pytest.mark.parametrize(
    "statement",
    [
        "The United States follows a different timetable from Europe.",
        "Fares will be the same as on the old line.",
        "The two teams played each other in May.",
        "No other country has won the cup five times.",
        "The crew remaining inside had to wear the new suit.",
        "Wolves eat animals other than deer.",
    ],
)
def test_a_comparison_with_its_standard_is_kept(statement: str) -> None:
    from question_bank.gates import gate_compared_without_standard

    item = _item(statement, statement, "x")
    assert gate_compared_without_standard(item, _ctx()) is None


@pytest.mark.parametrize(
    ("statement", "vague"),
    [
        ("The biggest was estimated to be around 390 years old.", True),
        ("The first had four wheels and a small engine.", True),
        ("The oldest is kept in a museum in Kelby.", True),
        ("The biggest shark was estimated to be around 390 years old.", False),
        ("The first train left Kelby at 6am.", False),
        ("The test was a success.", False),
    ],
)
def test_a_headless_superlative_subject_is_refused(statement: str, vague: bool) -> None:
    from question_bank.gates import gate_headless_superlative

    item = _item(statement, statement, "x")
    assert (gate_headless_superlative(item, _ctx()) is not None) is vague


# --- 7. a he/she with a rival antecedent stays unresolved (round 18) ------------------------


def _resolved_she(text: str, before: str) -> str | None:
    """What analysis resolves the "She" that starts the sentence beginning ``before`` to."""
    from question_bank.analysis import analyse
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article

    parsed = parse_article(clean_article(text))
    a = analyse(parsed)
    at = parsed.clean.text.index(before)
    tok = next(t for t in parsed.doc if t.idx == at)
    assert tok.text == "She"
    return a.resolved.get(tok.i)


def test_she_after_an_unnamed_subject_is_not_the_object() -> None:
    """ "The 15-year-old from Kelby beat Mara Lind. She sealed victory ..." is about the
    15-year-old, not Mara Lind: left unresolved rather than guessed."""
    text = (
        "Teenager Wins Kelby Open\n\n"
        "Ada Colm won the Kelby Open on Sunday. "
        "Mara Lind said she hoped to win her first title in Kelby. "
        "The 15-year-old from Dunmore beat Sweden's Mara Lind, 19, in two sets. "
        "She sealed victory with an ace on her third match point. "
        "About 3,000 fans watched the final."
    )
    assert _resolved_she(text, "She sealed") is None


def test_she_after_a_person_of_unknown_gender_is_not_an_earlier_woman() -> None:
    """Only Mara Lind is known to be "she"; Ada Colm, named later, may be: left unresolved."""
    text = (
        "Teenager Wins Kelby Open\n\n"
        "Mara Lind said she was proud of her run to the final. "
        "The first set was close before Ada Colm broke again to take it. "
        "She moved ahead early in the second set. "
        "About 3,000 fans watched the final."
    )
    assert _resolved_she(text, "She moved") is None


def test_she_after_a_named_subject_is_still_resolved() -> None:
    text = (
        "Teenager Wins Kelby Open\n\n"
        "Mara Lind said she was proud of her run to the final. "
        "Mara Lind beat Ada Colm's sister in the semi-final. "
        "She sealed victory with an ace on her third match point. "
        "About 3,000 fans watched the final."
    )
    assert _resolved_she(text, "She sealed") == "Mara Lind"


@pytest.mark.parametrize(
    ("evidence", "statement", "reason"),
    [
        (
            "Hundreds of years ago, sea eagles nested all along the coasts of Kelby.",
            "Sea eagles nested all along the coasts of Kelby.",
            "dropped the opening 'Hundreds of years ago'",
        ),
        (
            "The weather that week was cold and still.",
            "The weather was cold and still.",
            "dropped the time 'that week'",
        ),
    ],
)
def test_a_dropped_time_phrase_is_refused(evidence: str, statement: str, reason: str) -> None:
    """A fronted time phrase the tagger reads as a second subject, and a time phrase right
    after the subject, are scene-setting too (round 18)."""
    from question_bank.fidelity import dropped_opening

    assert dropped_opening(statement, _sentence(evidence)) == reason
