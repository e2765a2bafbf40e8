"""Round 10 (G4): false items must be false by the article; vague references; answer types."""

from __future__ import annotations

import random
import re

from question_bank.generator import generate

_BOUND_TEXT = (
    "Giant Tortoises of the Islands\n\n"
    "Giant tortoises are some of the oldest animals on Earth. "
    "Giant tortoises can live for more than 100 years. "
    "A tortoise can weigh up to 400 kilograms. "
    "Rangers count the tortoises every spring on the islands.\n\n"
    "June 1858 was unusually hot. Engineer Joseph Bazalgette built new sewers.\n"
)


def _items(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(transformation, stem, reasons) of every selected and rejected item."""
    result = generate(text, rng=random.Random(0), all_reasons=True)
    out = [(q.transformation, q.stem, ()) for q in result.questions]
    out += [(r.transformation, r.stem, r.reasons) for r in result.rejected]
    return out


def test_no_false_swap_inside_a_bound() -> None:
    items = _items(_BOUND_TEXT)
    swaps = [
        (stem, reasons)
        for tr, stem, reasons in items
        if tr.startswith("tf-false") and re.search(r"\b(?:more than|up to) \d", stem)
    ]
    assert swaps, "the test article should give a bounded number swap to judge"
    for stem, reasons in swaps:
        assert any("inside a bound" in r for r in reasons), stem


def test_no_date_swap_for_a_subject_or_a_state() -> None:
    items = _items(_BOUND_TEXT)
    swaps = [
        (stem, reasons)
        for tr, stem, reasons in items
        if tr.startswith("tf-false") and "unusually hot" in stem and "June 1858" not in stem
    ]
    assert swaps, "the test article should give a month swap to judge"
    for stem, reasons in swaps:
        assert any("not an event's date" in r or "a state" in r for r in reasons), stem
    # a single dated event may still be swapped
    ok = _items("The Station\n\nThe station opened in April 1865. It cost a lot of money.\n")
    assert not any("not an event's date" in r for _, _, reasons in ok for r in reasons)


_PLACES_TEXT = (
    "The Moon Mission\n\n"
    "Japan sent a small lander called Kaguya to the Moon in 2023. "
    "Scientists in Ecuador watched the landing on television. "
    "The lander took many photos of the craters.\n"
)


def test_place_swapped_into_an_ordinary_action_is_refused() -> None:
    swaps = [
        (stem, reasons)
        for tr, stem, reasons in _items(_PLACES_TEXT)
        if tr.startswith("tf-false") and stem.startswith("Ecuador sent")
    ]
    # false statements no longer swap names at all (distractors.false_swap_allowed), a
    # stronger rule than the one-holder gate this test was written for
    assert not swaps, swaps


_NAME_TEXT = (
    "A Lander on the Moon\n\n"
    "Japan sent the Smart Lander for Investigating Moon to the Moon in 2023. "
    "The Smart Lander for Investigating Moon landed on January 20, 2024. "
    "The contest took place in Birmingham on Saturday.\n"
)


def test_a_title_case_name_is_not_cut_before_for_or_of() -> None:
    items = _items(_NAME_TEXT)
    cut = [
        (stem, reasons)
        for _, stem, reasons in items
        if "Smart Lander" in stem and "Smart Lander for" not in stem
    ]
    assert cut, "the test article should give a shortened name to judge"
    for stem, reasons in cut:
        assert any("is cut to 'Smart Lander'" in r for r in reasons), stem
    # a place before "on <day>" is not a cut name
    assert not any("Birmingham on" in r for _, _, reasons in items for r in reasons)


_TWO_COUNTRIES = (
    "England Beat Spain in the Final\n\n"
    "England beat Spain 2-1 in the final of the World Cup in Sydney on Sunday. "
    "The country's under-17 and under-20 teams also won trophies last year. "
    "Sarina Wiegman was the coach of England. Mary Earps was the goalkeeper.\n"
)


def test_the_country_s_is_vague_when_the_article_has_two_countries() -> None:
    hits = [(stem, reasons) for _, stem, reasons in _items(_TWO_COUNTRIES) if "country's" in stem]
    assert hits, "the test article should give a statement with 'the country's'"
    for stem, reasons in hits:
        assert any("of that kind" in r for r in reasons), stem
    one = _TWO_COUNTRIES.replace("England beat Spain 2-1", "England won 2-1")
    one = one.replace("England Beat Spain", "England Win")
    assert not any("of that kind" in r for _, stem, reasons in _items(one) for r in reasons)


def _gate_item(text: str, needle: str, stem: str, key: str, label: str, slot: tuple[str, str]):
    from question_bank.analysis import analyse
    from question_bank.candidates import Candidate
    from question_bank.distractors import Item
    from question_bank.gates import GateContext
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article
    from question_bank.types import EvidenceSpan, OptionDraft

    parsed = parse_article(clean_article(text, fmt="text"))
    analysis = analyse(parsed)
    ctx = GateContext(
        band="8-11", names=frozenset(), usable_sentences=frozenset(range(20)), analysis=analysis
    )
    k, ps = next((k, ps) for k, ps in enumerate(parsed.sentences) if needle in ps.span.text)
    s = ps.span
    cand = Candidate(
        kind="mcq", transformation="wh-x", stem=stem, key=key, key_label=label,
        answer_type="x", statement=stem, key_in_statement=key,
        evidence=EvidenceSpan(s.text, s.start, s.end, s.index), sentence_position=k,
        slot=slot, subject=key, key_canonical=key,
    )  # fmt: skip
    opts = (OptionDraft(key, True), OptionDraft("A", False), OptionDraft("B", False))
    return Item(cand, "mcq", stem, opts, "wh-x", "article"), ctx


_CHARGE = (
    "The Lionesses\n\n"
    "Sarina Wiegman stayed in charge of the Lionesses after the tournament. "
    "Spain's men won the World Cup in South Africa in 2010. "
    "The contest took place in Birmingham on Saturday, and 42 schools took part.\n"
)


def test_a_question_keeps_its_complement_and_object() -> None:
    from question_bank.gates import gate_lost_complement

    item, ctx = _gate_item(
        _CHARGE, "stayed in charge", "Who stayed in charge?", "Sarina Wiegman", "PERSON",
        ("stay", "nsubj"),
    )  # fmt: skip
    assert "of what?" in (gate_lost_complement(item, ctx) or "")
    whole = item.__class__(
        item.cand, "mcq", "Who stayed in charge of the Lionesses?", item.options, "wh-x", "article"
    )
    assert gate_lost_complement(whole, ctx) is None
    item, ctx = _gate_item(
        _CHARGE, "South Africa", "Where did Spain's men win in 2010?", "South Africa", "GPE",
        ("win", "pobj:in"),
    )  # fmt: skip
    assert "lost its object" in (gate_lost_complement(item, ctx) or "")
    item, ctx = _gate_item(
        _CHARGE, "Birmingham", "Where did the contest take place?", "Birmingham", "GPE",
        ("take", "pobj:in"),
    )  # fmt: skip
    assert gate_lost_complement(item, ctx) is None  # "took part" is another clause's verb


_SEWERS = (
    "The Great Stink\n\n"
    "The Metropolitan Board of Works paid engineer Joseph Bazalgette to build new sewers. "
    "The Prince of Wales opened the Crossness Pumping Station in April 1865. "
    "The sewers carried waste away from the River Thames. "
    "The Thames Water company runs the sewers today.\n"
)


def test_organisation_question_needs_an_organisation_answer_and_options() -> None:
    from dataclasses import replace

    from question_bank.gates import gate_org_answer_kind
    from question_bank.types import OptionDraft

    item, ctx = _gate_item(
        _SEWERS, "Prince of Wales",
        "Which organisation opened the Crossness Pumping Station in April 1865?",
        "Prince of Wales", "ORG", ("open", "nsubj"),
    )  # fmt: skip
    assert "title" in (gate_org_answer_kind(item, ctx) or "")
    org, ctx = _gate_item(
        _SEWERS, "paid engineer", "Which organisation paid Joseph Bazalgette?",
        "Metropolitan Board of Works", "ORG", ("pay", "nsubj"),
    )  # fmt: skip
    opts = (
        OptionDraft("Metropolitan Board of Works", True),
        OptionDraft("Thames Water", False),
        OptionDraft("River Thames", False),
    )
    assert "place" in (gate_org_answer_kind(replace(org, options=opts), ctx) or "")
    assert gate_org_answer_kind(replace(org, options=opts[:2]), ctx) is None


def test_date_swap_for_a_state_is_refused_and_for_an_event_kept() -> None:
    from dataclasses import replace

    from question_bank.gates import gate_swap_ruled_out
    from question_bank.types import OptionDraft

    text = (
        "The Great Stink\n\n"
        "In June 1858 the weather in London was unusually hot. "
        "The Prince of Wales opened the Crossness Pumping Station in April 1865.\n"
    )
    tf = (OptionDraft("True", False), OptionDraft("False", True))
    item, ctx = _gate_item(text, "weather", "x", "June 1858", "DATE", ("be", "time"))
    state = replace(
        item, kind="true_false", stem="In April 1858 the weather in London was unusually hot.",
        options=tf, truth=False, swapped="April 1858",
    )  # fmt: skip
    assert "a state" in (gate_swap_ruled_out(state, ctx) or "")
    item, ctx = _gate_item(text, "opened", "x", "April 1865", "DATE", ("open", "time"))
    event = replace(
        item, kind="true_false",
        stem="The Prince of Wales opened the Crossness Pumping Station in June 1865.",
        options=tf, truth=False, swapped="June 1865",
    )  # fmt: skip
    assert gate_swap_ruled_out(event, ctx) is None
