"""Round 12 (precision): gates for kinds of items raters judged unusable."""

from __future__ import annotations

import random

from question_bank.generator import generate


def _items(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(transformation, stem, reasons) of every selected and rejected item."""
    result = generate(text, rng=random.Random(0))
    out = [(q.transformation, q.stem, ()) for q in result.questions]
    out += [(r.transformation, r.stem, r.reasons) for r in result.rejected]
    return out


def _reasons(text: str, contains: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(stem, reasons) for _, stem, reasons in _items(text) if contains in stem]


_PRONOUN_TEXT = (
    "The Long Walk Across the Ice\n\n"
    "Explorer Peter Lund and his friend Jonas Berg planned a long walk across Greenland. "
    "Lund set out in 1998 on what he called the Great Ice Walk. "
    "He hoped to make the first crossing of the ice cap on skis. "
    "Berg carried the radio and cooked the meals.\n"
)


def test_person_swapped_into_a_pronoun_slot_is_refused() -> None:
    items = _items(_PRONOUN_TEXT)
    swaps = [
        (stem, reasons)
        for tr, stem, reasons in items
        if tr.startswith("tf-false") and stem.startswith("Jonas Berg hoped")
    ]
    assert swaps, "the test article should give a person swap into 'He hoped' to judge"
    for stem, reasons in swaps:
        assert any("only by a pronoun" in r for r in reasons), stem
    # a swap where the evidence names the person is still judged by the other gates
    assert not any(
        "only by a pronoun" in r for _, stem, rs in items if "carried" in stem for r in rs
    )
