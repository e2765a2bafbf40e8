"""Round 9 (G3): money options keep the currency sign the article writes before the amount."""

from __future__ import annotations

import random
from pathlib import Path

from question_bank.generator import generate

DATA = Path(__file__).parent / "data"


def test_money_options_keep_their_currency_sign() -> None:
    seen = 0
    for name in ("r9g3_kids_library_bus.txt", "r9g1b_kids_weather_station.txt"):
        res = generate((DATA / name).read_text(encoding="utf-8"), rng=random.Random(0))
        for q in res.questions:
            if q.kind != "mcq" or not q.stem.startswith("How much"):
                continue
            seen += 1
            assert all(o.text.startswith("£") for o in q.options), q.options
            correct = [o.text for o in q.options if o.correct]
            assert len(correct) == 1
            assert correct[0] in q.evidence.text
    assert seen >= 1


def test_approximate_amounts_and_plural_day_parts_keep_their_shape() -> None:
    seen = 0
    for path in sorted(DATA.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "about £" not in text and "mornings" not in text:
            continue
        for q in generate(text, rng=random.Random(0)).questions:
            if q.kind != "mcq":
                continue
            key = next(o.text for o in q.options if o.correct)
            for word in ("about ", "more than "):
                if key.startswith(word):
                    seen += 1
                    assert word != "more than "  # smaller neighbours of "more than" are true
                    assert all(o.text.startswith(word) for o in q.options), q.options
            if key.endswith(" mornings"):
                seen += 1
                assert all(o.text.endswith(" mornings") for o in q.options), q.options
    assert seen >= 2
