"""Selection: limit default, mix preference, one age question, spread."""

from __future__ import annotations

from question_bank.ranking import default_limit


def test_default_limit():
    assert default_limit(4) == 8
    assert default_limit(30) == 15
    assert default_limit(100) == 20


def test_seed_selection_has_at_most_one_age_question(seed_results):
    for _text, res in seed_results.values():
        ages = [q for q in res.questions if q.transformation == "wh-age"]
        assert len(ages) <= 1
        per_sentence: dict[int, int] = {}
        for q in res.questions:
            per_sentence[q.evidence.sentence_index] = (
                per_sentence.get(q.evidence.sentence_index, 0) + 1
            )
        # a long sentence (30+ words) may give a third item, a true/false one (round 7)
        for q in res.questions:
            n = per_sentence[q.evidence.sentence_index]
            assert n <= 2 or (n == 3 and len(q.evidence.text.split()) >= 30)
