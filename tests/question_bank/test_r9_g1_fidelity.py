"""Round 9 (G1): fidelity checks and verbatim candidates, on small made-up articles."""

from __future__ import annotations

import random

from question_bank.generator import generate


def _stems(text: str) -> list[str]:
    result = generate(text, rng=random.Random(0))
    return [q.stem for q in result.questions]


def _all(text: str) -> list[tuple[str, tuple[str, ...]]]:
    result = generate(text, rng=random.Random(0))
    return [(q.stem, ()) for q in result.questions] + [(r.stem, r.reasons) for r in result.rejected]


ARTICLE = (
    "Volcano erupts near fishing town\n\n"
    "A volcano near the town of Grindale erupted on Wednesday night.\n\n"
    "A crack about 3 kilometres long opened in the ground north of Grindale.\n\n"
    "Mayor Anna Berg thanked everyone who had helped with the evacuation.\n\n"
    "A new bridge can cost more than £3,000 in the area.\n\n"
    "Iceland has about 30 active volcanic systems.\n\n"
    "The country had 12 eruptions in 2021, and scientists expect more.\n"
)


def test_truism_without_its_measurement_is_not_asked() -> None:
    for stem, reasons in _all(ARTICLE):
        if stem.startswith("A crack opened in the ground"):
            assert any("measurement" in r for r in reasons) or reasons, stem
    assert not any(s.startswith("A crack opened in the ground") for s in _stems(ARTICLE))


def test_everyone_without_its_clause_is_not_asked() -> None:
    assert not any(s.rstrip(".").endswith("thanked everyone") for s in _stems(ARTICLE))


def test_no_false_swap_of_a_bound_number() -> None:
    # "more than £3,000" is also true of "more than £2,000": never a false statement
    assert not any("more than £" in s and "£3,000" not in s for s in _stems(ARTICLE))
    for stem, _ in _all(ARTICLE):
        if "can cost more than" in stem:
            assert "£3,000" in stem


def test_verbatim_sentence_gives_a_false_number_swap() -> None:
    items = generate(ARTICLE, rng=random.Random(0))
    cands = [*items.questions]
    stems = [q.stem for q in cands] + [r.stem for r in items.rejected]
    swapped = [s for s in stems if s.startswith("Iceland has about") and "30" not in s]
    assert swapped, stems


def test_generation_is_deterministic() -> None:
    assert _stems(ARTICLE) == _stems(ARTICLE)


def test_the_town_is_named_when_the_article_names_one_town() -> None:
    text = (
        "Volcano erupts near fishing town\n\n"
        "A volcano erupted on Wednesday night north of the fishing town of Grindavik.\n\n"
        "The town was evacuated in November 2023.\n\n"
        "About 3,800 people lived in Grindavik before the eruptions started.\n"
    )
    stems = [s for s, _ in _all(text)]
    assert any("Grindavik was evacuated" in s or "was Grindavik evacuated" in s for s in stems)
    assert not any("the town was evacuated" in s.lower() for s in stems)


def test_the_town_stays_when_two_towns_are_named() -> None:
    text = (
        "Floods hit two towns\n\n"
        "Water reached the market town of Ashbury on Monday.\n\n"
        "Rain also fell on the nearby town of Bexley on Tuesday.\n\n"
        "The town was evacuated in November 2023.\n"
    )
    stems = [s for s, _ in _all(text)]
    assert not any("Ashbury was evacuated" in s or "Bexley was evacuated" in s for s in stems)


def test_lead_statement_ranks_below_a_later_one() -> None:
    from question_bank.candidates import Candidate
    from question_bank.distractors import Item
    from question_bank.ranking import score_item
    from question_bank.types import EvidenceSpan, OptionDraft

    def item(pos: int) -> Item:
        text = "Keepers fed the otters fresh fish."
        cand = Candidate(
            kind="true_false", transformation="tf-statement", stem=text, key="Keepers",
            key_label="", answer_type="statement", statement=text, key_in_statement="",
            evidence=EvidenceSpan(text, 0, len(text), pos), sentence_position=pos,
            slot=("feed", "statement"), subject="Keepers",
        )  # fmt: skip
        opts = (OptionDraft("True", True), OptionDraft("False", False))
        return Item(cand, "true_false", text, opts, "tf-true", "none", truth=True)

    lead = score_item(item(0), n_sentences=20, names=frozenset())
    later = score_item(item(2), n_sentences=20, names=frozenset())
    assert lead.score < later.score
    assert any("lead sentence" in r for r in lead.reasons)


def test_dropped_time_clause_with_a_number_is_a_truism() -> None:
    text = (
        "Young champion\n\n"
        "Maya Chen won the county chess title on Sunday.\n\n"
        "Maya learned to play chess when she was five.\n\n"
        "She practises for an hour after school.\n"
    )
    truisms = ("Maya Chen learned to play chess", "Maya learned to play chess")
    chosen = _stems(text)
    assert not any(s.rstrip(".") in truisms for s in chosen), chosen
    reasons = [r for s, rs in _all(text) if s.rstrip(".") in truisms for r in rs]
    assert any("time clause" in r for r in reasons), reasons
