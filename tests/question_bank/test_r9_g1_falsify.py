"""Round 9 (G1b): extra false statements, each made false by the article (falsify.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from question_bank.analysis import analyse
from question_bank.candidates import build_candidates
from question_bank.descriptions import with_place_descriptions
from question_bank.distractors import attach_options
from question_bank.falsify import _pick, extra_false_items
from question_bank.ingest import clean_article
from question_bank.nlp import parse_article

DATA = Path(__file__).parent / "data"

ARTICLE = (
    "Rescuers help stranded whales back to sea\n\n"
    "More than 40 whales stranded on a beach in Australia on Tuesday.\n\n"
    "Volunteers kept the whales wet with buckets of seawater.\n\n"
    "Four whales died on the beach.\n\n"
    "About 900 people came to help during the day.\n"
)


def _extra(text: str, *, drop_false: bool = False):
    clean = clean_article(text, fmt="text")
    parsed = parse_article(clean)
    analysis = with_place_descriptions(parsed, analyse(parsed))
    items = attach_options(
        build_candidates(parsed, analysis), parsed, analysis, rng=random.Random(0)
    )
    if drop_false:  # as if the statement stage had found no swap target
        items = [x for x in items if x.truth is not False]
    return items, extra_false_items(items, parsed, analysis, rng=random.Random(0))


def test_a_true_statement_without_a_swap_gets_a_number_swap() -> None:
    _, extra = _extra(ARTICLE, drop_false=True)
    died = [x for x in extra if x.cand.statement == "Four whales died on the beach."]
    assert died, [x.stem for x in extra]
    assert died[0].truth is False and died[0].stem != died[0].cand.statement
    assert died[0].stem.endswith(" whales died on the beach.")
    dated = [x for x in extra if "Tuesday" in x.cand.statement]
    assert all("Tuesday" not in x.stem for x in dated)


def test_no_second_false_statement_when_one_exists() -> None:
    items, extra = _extra(ARTICLE)
    have = {x.cand.statement for x in items if x.truth is False}
    assert not any(x.cand.statement in have for x in extra)


def test_approximate_values_move_far_enough() -> None:
    assert _pick("About 900 people came.", "900", ["1,000", "800", "600"]) == "600"
    assert _pick("About 900 people came.", "900", ["1,000", "800"]) == ""
    assert _pick("Nine hundred and 900 came.", "900", ["1,000"]) == "1,000"


@pytest.mark.parametrize("path", sorted(DATA.glob("r9g1*.txt")), ids=lambda p: p.name)
def test_extra_false_statements_differ_only_by_the_swap(path: Path) -> None:
    items, extra = _extra(path.read_text(encoding="utf-8"))
    already = {(x.cand.sentence_position, x.cand.statement) for x in items if x.truth is False}
    for x in extra:
        assert x.truth is False and x.kind == "true_false"
        assert (x.cand.sentence_position, x.cand.statement) not in already
        assert x.swapped and x.swapped != x.cand.key_in_statement
        assert x.cand.key_in_statement in x.cand.evidence.text
        key = x.cand.key_in_statement
        undone = x.stem.replace(x.swapped, key, 1).lower()
        statement = x.cand.statement.lower()
        assert undone in (statement, statement.replace("the " + key.lower(), key.lower(), 1))
        assert " not " not in f" {x.stem} "


# --------------------------------------------------------------- vague "the <noun>" (fidelity)

ORCHESTRA = (
    "Youth orchestra finds its stolen instruments\n\n"
    "A youth orchestra from Leeds has got back instruments stolen from its tour bus.\n\n"
    "The instruments were taken from the bus outside a hotel on Sunday night.\n\n"
    "Police officers searched the streets around the hotel for two days.\n\n"
    "Musicians from other orchestras offered to lend their own instruments.\n\n"
    "A dog walker spotted the black cases in a field near Bolton.\n\n"
    "Four violins were still missing on Friday.\n\n"
    "A dog walker found the black cases.\n\n"
    "The harp had a broken string.\n"
)


def _all_stems(text: str) -> dict[str, tuple[str, ...]]:
    from question_bank.generator import generate

    result = generate(text, rng=random.Random(0), all_reasons=True)
    out = {q.stem: () for q in result.questions}
    out.update({r.stem: r.reasons for r in result.rejected})
    return out


def test_vague_definite_object_or_subject_is_rejected() -> None:
    stems = _all_stems(ORCHESTRA)
    for stem in ("A dog walker found the black cases.", "The harp had a broken string."):
        assert stem in stems, sorted(stems)
        assert any(r.startswith("vague 'the") for r in stems[stem]), (stem, stems[stem])


def test_title_topic_and_anchored_phrases_are_not_vague() -> None:
    from question_bank.fidelity import known_nouns, vague_definite

    clean = clean_article(ORCHESTRA, fmt="text")
    parsed = parse_article(clean)
    known = known_nouns(parsed)
    sent = parsed.sentences[1].doc_span  # "The instruments were taken from the bus ..."
    assert vague_definite("The instruments were taken on Sunday night.", sent, known, ()) is None
    sent = parsed.sentences[4].doc_span
    assert vague_definite("A dog walker spotted the black cases.", sent, known, ())
    assert (
        vague_definite("A dog walker spotted the black cases in a field.", sent, known, ()) is None
    )


def test_counted_subject_becomes_a_how_many_question() -> None:
    stems = _all_stems(ARTICLE)
    assert "How many whales died on the beach?" in stems, sorted(stems)


def test_statement_cut_before_the_main_verb_is_rejected() -> None:
    from question_bank.fidelity import cut_before_verb

    text = (
        "Clock tower ticks again\n\n"
        "A clock tower in the town of Ludlow has started keeping time again.\n\n"
        "A group of volunteers called the Ludlow Clock Friends raised £62,000 to repair it.\n"
    )
    parsed = parse_article(clean_article(text, fmt="text"))
    sent = parsed.sentences[1].doc_span
    assert cut_before_verb("A group of volunteers called the Ludlow Clock Friends.", sent)
    assert cut_before_verb("A group of volunteers raised £62,000.", sent) is None


def test_dropped_exception_is_rejected_but_a_particle_is_not() -> None:
    from question_bank.fidelity import dropped_exception

    text = (
        "Spacewalk completed\n\n"
        "Aside from launches, spacewalks are the most dangerous part of a mission.\n\n"
        "Engineers took the clock apart and carried each piece down 96 steps.\n"
    )
    parsed = parse_article(clean_article(text, fmt="text"))
    first, second = parsed.sentences[0].doc_span, parsed.sentences[1].doc_span
    assert dropped_exception("Spacewalks are the most dangerous part of a mission.", first)
    assert dropped_exception("Engineers carried each piece down 96 steps.", second) is None


def test_dropped_rate_is_rejected() -> None:
    from question_bank.fidelity import dropped_rate

    text = (
        "Young chess champion\n\n"
        "Maya practises for about an hour every day after school.\n\n"
        "Maya plays chess at her school club.\n"
    )
    parsed = parse_article(clean_article(text, fmt="text"))
    first, second = parsed.sentences[0].doc_span, parsed.sentences[1].doc_span
    assert dropped_rate("Maya practises for about an hour.", first)
    assert dropped_rate("Maya practises for about an hour every day.", first) is None
    assert dropped_rate("Maya plays chess.", second) is None


def test_no_swap_after_since() -> None:
    text = (
        "Spelling bee grows\n\n"
        "The spelling bee was held in London on Saturday.\n\n"
        "The number of children entering has doubled since 2020.\n"
    )
    items, extra = _extra(text, drop_false=True)
    assert not any("since" in x.cand.statement and x.swapped for x in extra), [
        x.stem for x in extra
    ]
