"""Round 15 (precision): defects blind raters found on unseen articles, each fixed by a general
rule: a currency sign shown twice, a double full stop, a date swapped into another shape, a
typo copied from the article, a person option that is no name, an answer the title gives away.
Every sentence here is made up."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from question_bank.generator import generate


def _all(text: str) -> list[Any]:
    """Every selected and rejected item of ``text`` (rejected ones with all their reasons)."""
    result = generate(text, rng=random.Random(0), all_reasons=True)
    return [*result.questions, *result.rejected]


def _mcq(stem: str, options: list[tuple[str, bool]], key: str, label: str = "MONEY") -> Any:
    """A hand-made MCQ item with the given options, for gate tests."""
    from question_bank.candidates import Candidate
    from question_bank.distractors import Item
    from question_bank.types import EvidenceSpan, OptionDraft

    cand = Candidate(
        kind="mcq",
        transformation="cloze",
        stem=stem,
        key=key,
        key_label=label,
        answer_type="money",
        statement=stem,
        key_in_statement=key,
        evidence=EvidenceSpan(stem, 0, len(stem), 0),
        sentence_position=0,
        slot=("pay", "dobj"),
        subject="",
    )
    opts = tuple(OptionDraft(t, c) for t, c in options)
    return Item(cand, "mcq", stem, opts, "cloze", "numeric")


# --- 1. a currency sign shown twice -------------------------------------------------------


@pytest.mark.parametrize("sign", ["£", "$", "€"])
def test_currency_blank_shows_the_sign_once(sign: str) -> None:
    """A money cloze whose blank follows the sign: the stem keeps the sign, the options do not
    repeat it (and the item is still asked)."""
    text = (
        "Fees Rise at City Pool\n\n"
        "The Kelby city pool raised its prices on Monday after a long winter. "
        f"Adults now pay a {sign}7 swimming fee. "
        "The pool has 12 lanes and a slide for children. "
        "Manager Ida Lunde said the pool opened in 1998."
    )
    hits = [q for q in generate(text, rng=random.Random(0)).questions if "swimming fee" in q.stem]
    assert hits, "the money cloze is still asked"
    for q in hits:
        assert f"{sign}____" in q.stem
        assert not any(sign in o.text for o in q.options)
        assert [o.text for o in q.options if o.correct] == ["7"]


def test_gate_refuses_a_sign_before_the_blank_and_in_the_options() -> None:
    from question_bank.gates import gate_currency_twice

    doubled = _mcq("Visitors pay a $____ entry fee.", [("$2", False), ("$12", True)], "12")
    assert gate_currency_twice(doubled, None)  # type: ignore[arg-type]
    twice = _mcq("Visitors pay a ____ entry fee.", [("$$2", False), ("$12", True)], "12")
    assert gate_currency_twice(twice, None)  # type: ignore[arg-type]
    in_options = _mcq("Visitors pay a ____ entry fee.", [("€2", False), ("€12", True)], "€12")
    assert gate_currency_twice(in_options, None) is None  # type: ignore[arg-type]
    stem_only = _mcq("Visitors pay a £____ entry fee.", [("2", False), ("12", True)], "12")
    assert gate_currency_twice(stem_only, None) is None  # type: ignore[arg-type]


# --- 2. a double full stop after an abbreviation -----------------------------------------

_DESK = (
    "Station Gets New Help Desk\n\n"
    "Brindle Station opened a new help desk on Monday. "
    "The help desk at Brindle Station is open until 2:30 p.m. "
    "The new desk was paid for by Fenwick Builders Ltd. "
    "Tom Reed said the desk will help 500 people a day. "
    "The station was opened in 1885 by Lord Harwick Jr.\n\n"
    "The station also sells maps, snacks and drinks."
)


def test_no_stem_ends_with_two_full_stops() -> None:
    """A sentence ending in an abbreviation keeps one period in every stem and statement; the
    statement on that sentence is still made."""
    items = _all(_DESK)
    assert not [i.stem for i in items if ".." in i.stem.replace("...", "")]
    assert any(i.stem.endswith("by Lord Harwick Jr.") for i in items)


@pytest.mark.parametrize("end", ["p.m.", "etc.", "Ltd.", "Jr."])
def test_single_full_stop(end: str) -> None:
    from question_bank.distractors import single_full_stop

    assert single_full_stop(f"The last one is {end}.") == f"The last one is {end}"
    assert single_full_stop(f"The last one is {end}") == f"The last one is {end}"
    assert single_full_stop("They waited...") == "They waited..."


def test_gate_refuses_a_double_full_stop() -> None:
    from question_bank.gates import gate_double_full_stop

    bad = _mcq("The desk is open until 2:30 p.m..", [("True", True), ("False", False)], "x")
    assert gate_double_full_stop(bad, None)  # type: ignore[arg-type]
    good = _mcq("The desk is open until 2:30 p.m.", [("True", True), ("False", False)], "x")
    assert gate_double_full_stop(good, None) is None  # type: ignore[arg-type]
    dots = _mcq("The fans waited...", [("True", True), ("False", False)], "x")
    assert gate_double_full_stop(dots, None) is None  # type: ignore[arg-type]


# --- 3. a date swapped into another shape, or shown without its preposition ---------------

_TUNNEL = (
    "New Rail Tunnel Opens Under the Kelby Hills\n\n"
    "A new rail tunnel under the Kelby Hills opened on Wednesday after nine years of work. "
    "The tunnel is 14 kilometres long and cost about 900 million pounds. "
    "Regular passenger services through the Kelby Valley Tunnel will start on 11 December, "
    "after months of test runs. "
    "Freight trains already use the tunnel at night. "
    "The first trams in Kelby ran in the 1890s."
)


def test_a_date_keeps_its_preposition_and_shape() -> None:
    """'will start on 11 December' is never shown as 'will start December' nor swapped to
    'will start April'; the whole sentence is still a candidate."""
    result = generate(_TUNNEL, rng=random.Random(0), all_reasons=True)
    shown = [q.stem for q in result.questions]
    assert not [s for s in shown if "will start" in s and "will start on" not in s]
    false = [r for r in result.rejected if r.transformation == "tf-false-swap"]
    assert not [r.stem for r in false if "will start" in r.stem and "will start on" not in r.stem]
    cut = [r for r in result.rejected if r.stem.endswith("will start December.")]
    assert all(any("lost its 'on'" in x for x in r.reasons) for r in cut)
    items = [*shown, *(r.stem for r in result.rejected)]
    assert any("will start on 11 December, after months of test runs." in s for s in items)


def test_a_decade_is_swapped_for_a_nearby_decade() -> None:
    """'the 1890s' becomes another decade of the same century or the next ('the 1870s',
    'the 1900s'), never 'the 2390s'."""
    items = _all(_TUNNEL)
    decades = [s for i in items for s in re.findall(r"\b(\d{3}0)s\b", i.stem)]
    assert "1890" in decades
    assert all(1850 <= int(d) <= 1930 for d in decades), decades


def test_date_shapes() -> None:
    from question_bank.distractors import date_shape

    assert date_shape("11 December") == ("D", "M")
    assert date_shape("December 11") == ("M", "D")
    assert date_shape("April") == ("M",)
    assert date_shape("2019") == ("Y",)
    assert date_shape("Friday") == ("W",)
    assert date_shape("June 2021") == ("M", "Y")
    assert date_shape("2:30 p.m.") == ("T",)


def test_date_swap_fits_only_the_same_shape_with_its_preposition() -> None:
    from question_bank.distractors import date_swap_fits

    ev = "Regular services on the Tarn line will start on 11 December, the council said."
    day = _tf_date(ev, "Regular services will start on 11 December.", "11 December")
    assert date_swap_fits(day, "8 December", "Regular services will start on 8 December.")
    assert not date_swap_fits(day, "April", "Regular services will start on April.")
    month = _tf_date(ev, "Regular services will start December.", "December")
    assert not date_swap_fits(month, "April", "Regular services will start April.")
    year_ev = "The old mill on the river closed in 1956 after a fire."
    year = _tf_date(year_ev, "The old mill closed in 1956.", "1956")
    assert date_swap_fits(year, "1951", "The old mill closed in 1951.")
    assert not date_swap_fits(year, "May", "The old mill closed in May.")


def test_gate_refuses_date_options_of_mixed_shapes() -> None:
    from question_bank.gates import gate_date_shape

    mixed = _mcq(
        "When will regular services start?",
        [("11 December", True), ("April", False), ("8 December", False)],
        "11 December",
        label="DATE",
    )
    assert gate_date_shape(mixed, None)  # type: ignore[arg-type]
    same = _mcq(
        "When will regular services start?",
        [("11 December", True), ("14 December", False), ("8 December", False)],
        "11 December",
        label="DATE",
    )
    assert gate_date_shape(same, None) is None  # type: ignore[arg-type]
    blank = _mcq(
        "Regular services will start on ____.",
        [("April", True), ("May", False), ("June", False)],
        "April",
        label="DATE",
    )
    assert gate_date_shape(blank, None)  # type: ignore[arg-type]


def _tf_date(evidence: str, statement: str, key: str) -> Any:
    """A true/false candidate on ``evidence`` whose date key is ``key``."""
    from question_bank.candidates import Candidate
    from question_bank.types import EvidenceSpan

    return Candidate(
        kind="true_false",
        transformation="tf-statement",
        stem=statement,
        key=key,
        key_label="DATE",
        answer_type="date",
        statement=statement,
        key_in_statement=key,
        evidence=EvidenceSpan(evidence, 0, len(evidence), 0),
        sentence_position=0,
        slot=("start", "time"),
        subject="",
    )


# --- 4. a slip on a very common word copied into a question --------------------------------


@pytest.mark.parametrize(
    ("typo", "fixed"),
    [("thier", "their"), ("teh", "the"), ("recieve", "receive"), ("freind", "friend")],
)
def test_a_swapped_letter_in_a_common_word_is_corrected(typo: str, fixed: str) -> None:
    """Two letters swapped in a very common word are corrected in the cleaned text, with
    every sentence's offsets exact."""
    from question_bank.ingest import clean_article

    text = (
        "Storm Hits Harbour Town\n\n"
        f"Nine fishing boats lost {typo} nets in the storm at Port Addle on Monday. "
        "The harbour wall was repaired by a team of 40 builders."
    )
    clean = clean_article(text)
    first = clean.sentences[0]
    assert f" {fixed} " in first.text and typo not in clean.text
    assert first.usable
    assert all(clean.text[s.start : s.end] == s.text for s in clean.sentences)


@pytest.mark.parametrize("typo", ["wich", "goverment"])
def test_a_dropped_letter_in_a_common_word_leaves_the_sentence_out(typo: str) -> None:
    """A letter dropped from a very common word ("wich", "goverment"): the sentence is not
    quoted to a child (real words look like that too, so it is not changed)."""
    from question_bank.ingest import clean_article

    text = (
        "Storm Hits Harbour Town\n\n"
        f"The harbour wall, {typo} was built in 1890, will be repaired in May. "
        "The harbour wall was repaired by a team of 40 builders."
    )
    clean = clean_article(text)
    assert not clean.sentences[0].usable
    assert typo in (clean.sentences[0].skip_reason or "")
    assert clean.sentences[1].usable


def test_a_slip_opening_a_sentence() -> None:
    """'Thier' opening a sentence is corrected when the article makes the same slip in lower
    case; alone it may be a name, and the sentence is left out."""
    from question_bank.ingest import clean_article

    both = clean_article(
        "Storm Hits Harbour Town\n\n"
        "Nine fishing boats lost thier nets in the storm at Port Addle on Monday. "
        "Thier owners met at the harbour wall on Tuesday."
    )
    assert both.sentences[1].text.startswith("Their owners") and both.sentences[1].usable
    alone = clean_article(
        "Storm Hits Harbour Town\n\n"
        "Nine fishing boats lost their nets in the storm at Port Addle on Monday. "
        "Teh owners met at the harbour wall on Tuesday."
    )
    assert not alone.sentences[1].usable


def test_rare_real_words_near_common_ones_are_kept() -> None:
    """Real words a letter away from very common ones stay as written and usable."""
    from question_bank.ingest import clean_article

    text = (
        "Otters Return to the River\n\n"
        "An otter swam to and fro near the old mill on the River Tarn. "
        "A wasp landed on the bank as the boats veer away from the odes painted on the wall."
    )
    clean = clean_article(text)
    assert clean.text.endswith(text.split("\n\n", 1)[1])
    assert all(s.usable for s in clean.sentences)


def test_no_question_quotes_a_typo() -> None:
    items = _all(
        "Mine Rescue in Dalby\n\n"
        "Nine miners lost thier way in a flooded tunnel at the Dalby mine on Monday. "
        "A rescue team of 30 people found the miners after two days. "
        "The mine opened in 1950 and employs 400 people."
    )
    assert not [i.stem for i in items if "thier" in i.stem.lower()]
    assert any("lost their way" in i.stem for i in items)


# --- 5. a person option that is no one's name -----------------------------------------------

_CAVE = (
    "Cave Paintings Found in Brackley Hills\n\n"
    "A team of explorers found old paintings in a cave in the Brackley Hills last spring. "
    "Peter Walsh was born in Norby in 1935. "
    "The cave was first entered by Peter Walsh in 1961. "
    "Sarah Collins and Daniel Moore studied the paintings for two years. "
    "Sarah Collins said the paintings show deer and horses. "
    "The paintings are older than the pyramids, says Geologist Dr Ana Ruiz."
)


@pytest.mark.parametrize(
    "name",
    ["Geologist Dr", "Egyptologist Dr", "Dr", "Coach Eva Lind", "geologist Ana Ruiz", "Lee Mrs"],
)
def test_not_a_person_name(name: str) -> None:
    from question_bank.distractors import looks_like_person_name

    assert not looks_like_person_name(name)


@pytest.mark.parametrize(
    "name", ["Ana Ruiz", "Dr Ana Ruiz", "Sir Tomas Berg", "Vincent van Gogh", "Berg", "Ed Lee Jr"]
)
def test_a_person_name(name: str) -> None:
    from question_bank.distractors import looks_like_person_name

    assert looks_like_person_name(name)


def test_person_options_are_names() -> None:
    """No person question offers a job word or a title as a person; the questions on the
    article's people are still asked."""
    result = generate(_CAVE, rng=random.Random(0), all_reasons=True)
    options = [[o.text for o in q.options] for q in result.questions]
    people = [o for o in options if "Peter Walsh" in o or "Sarah Collins and Daniel Moore" in o]
    assert people, "the questions on the article's people are still made"
    assert not [o for o in people if any("Dr" in x or "Geologist" in x for x in o)]


def test_gate_refuses_a_person_option_that_is_no_name() -> None:
    from question_bank.gates import gate_person_option_not_a_name

    bad = _mcq(
        "Who was born in Norby?",
        [("Tomas Berg", True), ("Geologist Dr", False), ("Lena Holt", False)],
        "Tomas Berg",
        label="PERSON",
    )
    assert gate_person_option_not_a_name(bad, None)  # type: ignore[arg-type]
    good = _mcq(
        "Who was born in Norby?",
        [("Tomas Berg", True), ("Dr Ana Ruiz", False), ("Lena Holt", False)],
        "Tomas Berg",
        label="PERSON",
    )
    assert gate_person_option_not_a_name(good, None) is None  # type: ignore[arg-type]


# --- 6. an answer the headline gives away ------------------------------------------------------

_RACE = (
    "Okafor wins city marathon in Leeds\n\n"
    "Ada Okafor has won the 2024 city marathon in Leeds. "
    "She finished the race in 2 hours and 31 minutes. "
    "Ada Okafor was born in Kenmore in 1998. "
    "More than 9,000 runners took part in the race on Sunday. "
    "Ben Adler came second and Tom Reyes was third."
)
_SHOW = (
    "Kelby Museum unites 28 masterpieces by Anna Lund\n\n"
    "A new show at the Kelby Museum brings together 28 of the paintings by Anna Lund. "
    "The show opens on 4 March and runs for 12 weeks. "
    "Anna Lund painted the pictures between 1901 and 1930. "
    "Tickets cost £9 for adults. "
    "The museum was built in 1887 and has 14 rooms."
)


def test_the_headline_gives_away_the_winner() -> None:
    """'Who has won the city marathon?' is obvious under 'Okafor wins city marathon'; a
    question on another fact of the same person is still asked."""
    result = generate(_RACE, rng=random.Random(0), all_reasons=True)
    shown = [q.stem for q in result.questions]
    assert not [s for s in shown if s.startswith("Who has won")]
    refused = [r for r in result.rejected if r.stem.startswith("Who has won")]
    assert refused and all(any("headline" in x for x in r.reasons) for r in refused)
    assert any("Kenmore" in s for s in shown)


def test_the_headline_gives_away_the_true_number() -> None:
    """'... brings together 18 of the paintings' is obviously false under 'unites 28
    masterpieces', and '28 of the paintings' obviously true, though the headline words
    differ; the article's other numbers are still asked."""
    result = generate(_SHOW, rng=random.Random(0), all_reasons=True)
    shown = [q.stem for q in result.questions]
    assert not [s for s in shown if "brings together" in s]
    refused = [r for r in result.rejected if "brings together" in r.stem]
    assert refused and all(any("headline" in x for x in r.reasons) for r in refused)
    assert any("1887" in s or "built" in s for s in shown)


def test_gate_title_gives_away_needs_the_headline_to_say_it() -> None:
    """The key's name in the headline refuses a question only when the stem asks about what
    the headline says (a word in common)."""
    from question_bank.gates import gate_title_gives_away

    ctx = _title_ctx("Okafor wins city marathon in Leeds", "Ada Okafor was born in Kenmore.")
    won = _mcq("Who has won the city marathon?", [("Ada Okafor", True)], "Ada Okafor", "PERSON")
    assert gate_title_gives_away(won, ctx)
    born = _mcq("Who was born in Kenmore?", [("Ada Okafor", True)], "Ada Okafor", "PERSON")
    assert gate_title_gives_away(born, ctx) is None


def test_gate_title_gives_away_a_number_in_other_words() -> None:
    """A number is specific: the headline's '28' gives away '28 of the paintings' (true) and
    '18 of the paintings' (false) though the headline says 'masterpieces'; another number of
    the article is not given away."""
    from question_bank.distractors import Item
    from question_bank.gates import gate_title_gives_away
    from question_bank.types import OptionDraft

    sentence = "The show brings together 28 of the paintings by Anna Lund."
    ctx = _title_ctx("Museum unites 28 masterpieces", sentence)

    def tf(stem: str, key: str, swapped: str = "") -> Item:
        cand = _tf_date(sentence, stem, key)
        truth = not swapped
        opts = (OptionDraft("True", truth), OptionDraft("False", not truth))
        return Item(cand, "true_false", stem, opts, "tf", "numeric", truth=truth, swapped=swapped)

    assert gate_title_gives_away(tf("The show brings together 28 of the paintings.", "28"), ctx)
    false = tf("The show brings together 18 of the paintings.", "28", swapped="18")
    assert gate_title_gives_away(false, ctx)
    other = tf("The show runs for 12 weeks.", "12")
    assert gate_title_gives_away(other, ctx) is None


def _title_ctx(title: str, sentence: str) -> Any:
    """A gate context for a one-sentence article under ``title``."""
    from question_bank.analysis import analyse
    from question_bank.gates import GateContext
    from question_bank.nlp import parse_article
    from tests.question_bank.conftest import make_clean

    a = analyse(parse_article(make_clean([sentence], title=title)))
    return GateContext(band="8-11", names=frozenset(), usable_sentences=frozenset(), analysis=a)


def test_a_bare_year_moves_as_a_year() -> None:
    """'The 2020 Census' (the year parsed as a plain number) gets year options ('2018'),
    never '1020' or '4020'; a count stays a count."""
    items = _all(
        "Kelby Grows Again\n\n"
        "The town of Kelby has grown for the third time in a row. "
        "The 2020 Census faced hard problems in the town of Kelby. "
        "The town has 14 schools and 3 parks. "
        "The mayor, Nora Bell, said the town will build 200 new homes."
    )
    census = [i for i in items if "Census" in i.stem]
    assert census
    years = [int(y) for i in census for y in re.findall(r"\b\d{4}\b", i.stem)]
    years += [int(o.text) for i in census for o in getattr(i, "options", ()) if o.text.isdigit()]
    assert all(2010 <= y <= 2030 for y in years), years
