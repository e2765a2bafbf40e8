"""Round 14 (precision): a number key that loses its bound, a dropped "yet"/"no longer", and a
situational "it" replaced by a name. Every sentence here is made up."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from question_bank.generator import generate
from tests.question_bank.conftest import make_item as _item


def _items(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(transformation, stem, reasons) of every selected and rejected item."""
    result = generate(text, rng=random.Random(0), all_reasons=True)
    out = [(q.transformation, q.stem, ()) for q in result.questions]
    out += [(r.transformation, r.stem, r.reasons) for r in result.rejected]
    return out


def _ctx(sentences: Sequence[str], title: str | None = None) -> Any:
    """A gate context with the parse and analysis of an article made of ``sentences``."""
    from question_bank.analysis import analyse
    from question_bank.gates import GateContext
    from question_bank.nlp import parse_article
    from tests.question_bank.conftest import make_clean

    parsed = parse_article(make_clean(list(sentences), title=title))
    a = analyse(parsed)
    return GateContext(band="8-11", names=frozenset(), usable_sentences=frozenset(), analysis=a)


# --- 1. a number key inside a bound ("more than two hours") -------------------------------

_DRONE = (
    "Drone Carries Medicine to Island Clinic\n\n"
    "A delivery drone called Kestrel carried medicine to a clinic on Tarn Island last week. "
    "In total, the drone made 64 trips and spent more than three hours in the air. "
    "A bamboo plant can grow more than 30 centimetres in a single day. "
    "The island has nearly 900 people. "
    "The drone flew about 40 kilometres each trip.\n"
)


def test_number_key_that_drops_its_bound_is_refused() -> None:
    from question_bank.gates import gate_number_bound

    drone = "In total, the drone made 64 trips and spent more than three hours in the air."
    plant = "A bamboo plant can grow more than 30 centimetres in a single day."
    ferry = "The ferry can carry up to 400 passengers."
    crowd = "Nearly 900 people live on the island."
    hall = "The new hall holds at least 250 pupils."
    pond = "Fewer than 20 frogs were found in the pond."
    tree = "The oldest oak in the park is over 300 years old."
    refused = [
        _item("How many hours did the drone spend in the air?", drone, "three hours"),
        _item("How many centimetres can a bamboo plant grow in a single day?", plant, "30 cm"),
        _item("How many passengers can the ferry carry?", ferry, "400 passengers"),
        _item("How many people live on the island?", crowd, "900 people"),
        _item("How many pupils does the new hall hold?", hall, "250 pupils"),
        _item("How many frogs were found in the pond?", pond, "20 frogs"),
        # true/false: the number kept, or swapped, without its bound
        _item("The ferry can carry 400 passengers.", ferry, "400", kind="tf"),
        _item("The ferry can carry 600 passengers.", ferry, "400", kind="tf", swapped="600"),
        _item("30 frogs were found in the pond.", pond, "20", kind="tf", swapped="30"),
        _item("The oldest oak in the park is 300 years old.", tree, "300", kind="tf"),
    ]
    for it in refused:
        reason = gate_number_bound(it, None)
        assert reason and "bound" in reason, it.stem
    kept = [
        _item("How many trips did the drone make?", drone, "64 trips"),
        # "nearly"/"about" keep their existing "About how many" form
        _item("About how many people live on the island?", crowd, "900 people"),
        _item(
            "About how many kilometres did the drone fly?",
            "The drone flew about 40 kilometres.",
            "40 kilometres",
        ),
        # the bound shown with the number
        _item("The ferry can carry up to 400 passengers.", ferry, "400", kind="tf"),
        _item("Nearly 900 people live on the island.", crowd, "900", kind="tf"),
        _item("The oldest oak in the park is over 300 years old.", tree, "300", kind="tf"),
        # a number of the same sentence that has no bound
        _item("The drone made 64 trips.", drone, "64", kind="tf"),
        # a bound on another number is not the key's
        _item("How many frogs were found?", "Over 30 ponds were checked and 20 frogs found.", "20"),
    ]
    for it in kept:
        assert gate_number_bound(it, None) is None, it.stem


def test_generated_number_question_without_its_bound_is_refused() -> None:
    items = _items(_DRONE)
    hours = [(s, rs) for _, s, rs in items if s.startswith("How many hours did the drone")]
    assert hours, "the test article should give the hours question to judge"
    for stem, reasons in hours:
        assert any("bound" in r for r in reasons), (stem, reasons)
    plant = [(s, rs) for _, s, rs in items if s.startswith("How many centimetres can")]
    for stem, reasons in plant:
        assert any("bound" in r for r in reasons), (stem, reasons)
    # an unbounded count and the "About how many" forms stay
    for _, stem, reasons in items:
        if stem.startswith(("How many trips", "About how many")):
            assert not any("bound" in r for r in reasons), (stem, reasons)
    assert any(s.startswith("How many trips") and not rs for _, s, rs in items)


# --- 2. a dropped "yet" / "no longer" / "never" reverses the meaning ------------------------

_TUNNEL = [
    "A new tunnel under Pellan Harbour will link the north and south shores.",
    "The final section of the tunnel has yet to open.",
    "Ferries no longer cross the harbour at night.",
    "The old ferry pier was never repaired after the storm.",
    "Drivers could scarcely believe the size of the digging machine.",
    "The Pellan council is yet to choose a name for the tunnel.",
    "Engineer Ruth Ambler said the tunnel has taken six years to build.",
]


def test_statement_dropping_yet_or_no_longer_is_refused() -> None:
    from question_bank.gates import gate_faithful

    ctx = _ctx(_TUNNEL)

    def judge(stem: str, pos: int, kind: str = "tf") -> str | None:
        return gate_faithful(_item(stem, _TUNNEL[pos], "x", kind=kind, label="", pos=pos), ctx)

    refused = [
        ("The final section of the tunnel has to open.", 1, "tf"),
        ("Ferries cross the harbour at night.", 2, "tf"),
        ("The old ferry pier was repaired after the storm.", 3, "tf"),
        ("Drivers could believe the size of the digging machine.", 4, "tf"),
        ("The Pellan council is to choose a name for the tunnel.", 5, "tf"),
        ("Which council is to choose a name for the tunnel?", 5, "mcq"),
    ]
    for stem, pos, kind in refused:
        reason = judge(stem, pos, kind)
        assert reason and "negation" in reason, stem
    kept = [
        ("The final section of the tunnel has yet to open.", 1, "tf"),
        ("Ferries no longer cross the harbour at night.", 2, "tf"),
        ("Which council is yet to choose a name for the tunnel?", 5, "mcq"),
        ("Ruth Ambler said the tunnel has taken six years to build.", 6, "tf"),
    ]
    for stem, pos, kind in kept:
        assert judge(stem, pos, kind) is None, stem


def test_generated_statement_without_yet_is_refused() -> None:
    text = "Harbour Tunnel Nears the End of Work\n\n" + " ".join(_TUNNEL) + "\n"
    items = _items(text)
    shortened = (
        "The final section of the tunnel has to open.",
        "Ferries cross the harbour at night.",
    )
    bad = [(s, rs) for _, s, rs in items if s in shortened]
    assert bad, "the test article should give a statement without 'yet'/'no longer'"
    for stem, reasons in bad:
        assert any("negation" in r for r in reasons), (stem, reasons)
    said = [rs for _, s, rs in items if s.startswith("Ruth Ambler said")]
    assert not any("negation" in r for rs in said for r in rs)


# --- 3. a situational or expletive "it" replaced by a name ----------------------------------

_ROVER = [
    "The Orla Space Agency switched off its moon rover on Monday after six years.",
    "It's a sad ending, but scientists say there is plenty to celebrate.",
    "It is thought that the rover took 9,000 photos.",
    "Kelso Bridge opened to walkers in May.",
    "It is 300 metres long.",
    "Brightway Motors was founded in 1990 by two brothers.",
    "It is the largest car company in Tarland.",
    "It was time to celebrate, said the mayor of Tarland.",
]


def test_situational_it_replaced_by_a_name_is_refused() -> None:
    from question_bank.gates import gate_situational_it

    ctx = _ctx(_ROVER, title="Orla Space Agency, Kelso Bridge and Brightway Motors")
    a = ctx.analysis
    its = {
        pos: next(t for t in a.parsed.sentences[pos].doc_span if t.lower_ == "it")
        for pos in (1, 2, 4, 6, 7)
    }
    # the analysis guesses these; set them so the test judges only the gate
    a.resolved[its[1].i] = "Orla Space Agency"
    a.resolved[its[2].i] = "Orla Space Agency"
    a.resolved[its[4].i] = "Kelso Bridge"
    a.resolved[its[6].i] = "Brightway Motors"
    a.resolved[its[7].i] = "Brightway Motors"

    def judge(stem: str, pos: int, key: str, **kw: Any) -> str | None:
        return gate_situational_it(_item(stem, _ROVER[pos], key, pos=pos, **kw), ctx)

    refused = [
        ("The Orla Space Agency's a sad ending.", 1, "Orla Space Agency", {"kind": "tf"}),
        (
            "Brightway Motors's a sad ending.",
            1,
            "Orla Space Agency",
            {"kind": "tf", "swapped": "Brightway Motors"},
        ),
        ("Which organisation's a sad ending?", 1, "Orla Space Agency", {"label": "ORG"}),
        (
            "The Orla Space Agency is thought that the rover took 9,000 photos.",
            2,
            "Orla Space Agency",
            {"kind": "tf"},
        ),
        ("Brightway Motors was time to celebrate.", 7, "Brightway Motors", {"kind": "tf"}),
    ]
    for stem, pos, key, kw in refused:
        reason = judge(stem, pos, key, **kw)
        assert reason and "'it'" in reason, stem
    kept = [
        # the "it" kept, or the question about another part of the sentence
        ("It's a sad ending, but scientists say there is plenty to celebrate.", 1, "x", {}),
        ("Who say there is plenty to celebrate?", 1, "scientists", {}),
        ("How many photos is the rover thought to have taken?", 2, "9,000 photos", {}),
        # a referential "it": a measured size, or a kind noun that fits the name
        ("Kelso Bridge is 300 metres long.", 4, "300", {"kind": "tf"}),
        ("Brightway Motors is the largest car company in Tarland.", 6, "Tarland", {"kind": "tf"}),
    ]
    for stem, pos, key, kw in kept:
        assert judge(stem, pos, key, **kw) is None, stem


_AGENCY = (
    "Orla Space Agency Says Goodbye to Its Rover\n\n"
    "The Orla Space Agency built a moon rover called Pebble in 2018. "
    "The Orla Space Agency switched off the rover on Monday after six years. "
    "It's a sad ending, but scientists say there is plenty to celebrate. "
    "Pebble drove 40 kilometres across the Moon.\n"
)


def test_generated_sad_ending_statement_is_refused() -> None:
    items = _items(_AGENCY)
    bad = [(s, rs) for _, s, rs in items if "a sad ending" in s and not s.startswith("It")]
    assert bad, "the test article should give a statement with 'it' replaced"
    for stem, reasons in bad:
        assert any("'it'" in r for r in reasons), (stem, reasons)
    # other sentences are not touched
    drove = [rs for _, s, rs in items if "drove 40 kilometres" in s]
    assert drove and not any("'it'" in r for rs in drove for r in rs)
