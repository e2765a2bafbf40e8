"""Round 13 (precision): general rules for false swaps and vague references."""

from __future__ import annotations

import random

from question_bank.generator import generate


def _items(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(transformation, stem, reasons) of every selected and rejected item."""
    result = generate(text, rng=random.Random(0))
    out = [(q.transformation, q.stem, ()) for q in result.questions]
    out += [(r.transformation, r.stem, r.reasons) for r in result.rejected]
    return out


_BOATS = (
    "Pupils race model boats on the lake\n\n"
    "Two schools raced model boats on Hollow Lake on Saturday. "
    "Maria Lopez had been in the race twice before. "
    "Tom Baker went first and finished in four minutes. "
    "Tom Baker's team are in contention for the county cup. "
    "Model boats are sold widely in Norway. "
    "The teacher, Anna Berg, said the pupils from Denmark and Norway worked hard. "
    "Maria Lopez won the race in three minutes.\n"
)


def _false_swaps(text: str, start: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (stem, reasons)
        for tr, stem, reasons in _items(text)
        if tr.startswith("tf-false") and stem.startswith(start)
    ]


def test_name_swap_into_a_turn_or_a_possessor_is_refused() -> None:
    # "went first" is a turn, not a result: another person may have gone first elsewhere
    turn = _false_swaps(_BOATS, "Maria Lopez went first")
    assert turn and all(any("one-holder" in r for r in rs) for _, rs in turn)
    # a person's team may be the key's team too
    poss = _false_swaps(_BOATS, "Maria Lopez's team")
    assert poss and all(any("possessor" in r for r in rs) for _, rs in poss)
    # a habit stated of one place is not denied of another
    habit = _false_swaps(_BOATS, "Model boats are sold widely in")
    assert habit and all(any("general statement" in r for r in rs) for _, rs in habit)
    # a win is one-holder: a swap there is not refused as an ordinary action
    won = _false_swaps(_BOATS, "Tom Baker won the race")
    assert not any("one-holder" in r for _, rs in won for r in rs)
