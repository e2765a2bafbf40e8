"""Round 13 (candidates/analysis): numbered names, tense of roles, undatable When-questions,
distractors of the slot's kind. Every article here is hand-written for the test."""

from __future__ import annotations

import random

from question_bank.generator import generate


def _items(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(transformation, stem, reasons) of every selected and rejected item."""
    result = generate(text, rng=random.Random(0))
    out = [(q.transformation, q.stem, ()) for q in result.questions]
    out += [(r.transformation, r.stem, r.reasons) for r in result.rejected]
    return out


def _stems(text: str) -> list[str]:
    return [stem for _, stem, _ in _items(text)]


_PROBES = (
    "Two Probes Still Talk to Earth\n\n"
    "Pioneer 4 was launched by the European space agency ESA on 3 March 1981. "
    "Pioneer 9 was launched nine days later, on 12 March 1981. "
    "Both probes flew past Jupiter and Saturn. "
    "In 2010 Pioneer 4 became the first probe to leave the solar wind. "
    "Engineers at ESA say Pioneer 4 is now more than 20 billion kilometres from Earth.\n"
)


def test_names_that_differ_by_a_number_stay_apart() -> None:
    from question_bank.analysis import analyse
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article

    parsed = parse_article(clean_article(_PROBES, fmt="text"))
    names = {e.name for e in analyse(parsed).entities}
    assert {"Pioneer 4", "Pioneer 9"} <= names, names
    assert "Pioneer" not in names
    stems = _stems(_PROBES)
    launched = [s for s in stems if "launched" in s and "Pioneer" in s]
    assert launched
    for s in launched:
        assert "Pioneer 4" in s or "Pioneer 9" in s, s


def test_a_number_in_a_name_is_not_a_value_to_ask_or_swap() -> None:
    text = (
        "Moon Missions\n\n"
        "Orbiter 11 landed on the Moon in July 1979. "
        "Orbiter 13 was damaged by a storm in April 1980, and its crew returned safely. "
        "The crew of Orbiter 11 brought back rocks from the Moon.\n"
    )
    stems = _stems(text)
    assert any("Orbiter 11" in s for s in stems)
    assert not any("Orbiter ____" in s for s in stems)
    assert not any(
        ("Orbiter " in s) and not any(f"Orbiter {n}" in s for n in ("11", "13")) for s in stems
    ), stems


def test_a_score_is_not_part_of_a_name() -> None:
    from question_bank.analysis import is_name_number
    from question_bank.nlp import get_nlp

    doc = get_nlp()("The final score was Rovers 2, United 1. Game 7 was played in Leeds.")
    nums = {t.text: is_name_number(t) for t in doc if t.like_num}
    assert nums["2"] is False
    assert nums["7"] is True


def test_no_when_question_on_an_ongoing_action() -> None:
    text = (
        "The Probe That Stopped Making Sense\n\n"
        "In November 2023, the Kestrel probe was still sending radio signals home, but the "
        "messages no longer made sense. "
        "In March 2024, engineers at the Orion Centre found a broken chip. "
        "The repair team was checking the data in May 2024. "
        "The Kestrel probe was launched by the Orion Centre in 1990.\n"
    )
    items = _items(text)
    when = [s for tr, s, _ in items if tr == "wh-when"]
    assert not any("sending" in s or "checking" in s for s in when), when
    assert any("launched" in s for s in when), when
    # no date swap makes a "false" statement of an ongoing action (other months fit too)
    assert not any(
        tr.startswith("tf-false") and "sending" in s and "2023" not in s
        for tr, s, _ in items
        if "November" not in s
        and any(m in s for m in ("January", "February", "July", "September", "December"))
    )


def test_no_when_question_that_drops_what_made_the_date_unique() -> None:
    text = (
        "The Probe That Stopped Making Sense\n\n"
        "The Kestrel probe was launched by the Orion Centre in 1990. "
        "In November 2023, the Kestrel probe began sending home signals that made no sense. "
        "The first time it was used was in 2022, when a girl from Ohio won.\n"
    )
    stems = _stems(text)
    assert not any(s.startswith("When") and "began sending" in s for s in stems), stems
    assert not any("first time" in s for s in stems if s.startswith(("When", "In what"))), stems


def test_role_question_takes_the_tense_of_its_evidence() -> None:
    from question_bank.candidates import role_be
    from question_bank.nlp import get_nlp

    def be_of(sentence: str, name: str) -> str:
        doc = get_nlp()(sentence)
        tok = next(t for t in doc if t.text == name)
        return role_be(tok)

    past = (
        "The idea of a new hall was championed in the late 1940s by Walter Brandt, "
        "the Dutch-born conductor of the City Symphony Orchestra."
    )
    assert be_of(past, "Brandt") == "was"
    assert be_of("Walter Brandt, the conductor of the City Orchestra, says the hall is too small.",
                 "Brandt") == "is"  # fmt: skip
    assert be_of("Walter Brandt is the head of the City Orchestra.", "Brandt") == "is"
    assert be_of("Walter Brandt was the head of the City Orchestra.", "Brandt") == "was"
    text = (
        "A Hall for the City\n\n"
        "The idea of a new concert hall for Dunmore was championed in the late 1940s by Walter "
        "Brandt, the Dutch-born conductor of the Dunmore Symphony Orchestra. "
        "The city council chose a site by the river in 1952. "
        "The hall opened in 1961 with a concert by the orchestra.\n"
    )
    stems = _stems(text)
    assert not any(s.startswith("Who is") for s in stems), stems
    assert not any(" is the conductor" in s for s in stems), stems


def test_place_slot_takes_only_places_as_distractors() -> None:
    from dataclasses import replace

    from question_bank.analysis import analyse
    from question_bank.candidates import build_candidates
    from question_bank.distractors import attach_options
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article

    text = (
        "The Architect of the River Hall\n\n"
        "Karl Strand designed the River Hall in Dunmore. "
        "The steel frame was made by the engineering firm Brack & Sons. "
        "The glass came from the firm Velmar. "
        "The hall opened in Dunmore in 1975. "
        "Karl Strand died in Copenhagen on 3 May 2001, aged 88.\n"
    )
    parsed = parse_article(clean_article(text, fmt="text"))
    analysis = analyse(parsed)
    cloze = [c for c in build_candidates(parsed, analysis) if "died in ____" in c.stem]
    assert cloze
    # the parser may call the town an organisation: the slot still wants a place
    as_org = replace(cloze[0], key_label="ORG")
    for item in attach_options([as_org], parsed, analysis, rng=random.Random(0)):
        opts = {o.text for o in item.options}
        assert not opts & {"Brack & Sons", "Velmar"}, opts


def test_a_surname_two_people_share_is_no_distractor() -> None:
    text = (
        "A Family of Builders\n\n"
        "The new bridge over the Tay was designed by Marta Kovacs, an engineer from Perth. "
        "Kovacs won the design contest in 2015. "
        "The steel was tested by Paul Green. "
        "The lights were fitted by Sarah Dunn. "
        "Her son, Erik Kovacs, painted the railings. "
        "Kovacs said the bridge was her proudest work. "
        "The bridge was opened by Alan Hill in 2019.\n"
    )
    result = generate(text, rng=random.Random(0))
    for q in result.questions:
        wrong = {o.text for o in q.options if not o.correct}
        assert "Kovacs" not in wrong, (q.stem, wrong)


def test_a_common_thing_after_the_is_no_organisation_distractor() -> None:
    from question_bank.analysis import analyse
    from question_bank.distractors import _common_thing, build_fact_index
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article

    text = (
        "Astronomers Vote on Planets\n\n"
        "The Star Society met at its Grand Council in Vienna. "
        "Small worlds circle the Sun far beyond Neptune. "
        "The Sun holds the planets in their paths. "
        "The Star Society was founded in 1919.\n"
    )
    parsed = parse_article(clean_article(text, fmt="text"))
    index = build_fact_index(parsed, analyse(parsed))
    assert _common_thing("Sun", index)
    assert not _common_thing("Vienna", index)
    assert not _common_thing("Star Society", index)


def test_a_day_of_a_date_is_not_a_name_number() -> None:
    from question_bank.analysis import is_name_number
    from question_bank.nlp import get_nlp

    doc = get_nlp()(
        "The ship sailed on June 5 and arrived on March 3, 2020. Voyager 1 was launched."
    )
    nums = {t.text: is_name_number(t) for t in doc if t.like_num}
    assert nums["5"] is False and nums["3"] is False
    assert nums["1"] is True
