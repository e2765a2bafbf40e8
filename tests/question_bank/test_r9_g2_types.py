"""Round 9 (G2): answer types voted from the article's own kind nouns and uses, no invented
fallback names among real ones, and false swaps that the article really makes false."""

from __future__ import annotations

import random

from question_bank.analysis import analyse
from question_bank.generator import generate, generate_clean
from question_bank.nlp import parse_article
from tests.question_bank.conftest import make_clean


def _labels(sentences: list[str]) -> dict[str, str]:
    a = analyse(parse_article(make_clean(sentences)))
    return {e.name: e.label for e in a.entities}


def test_kind_noun_types_a_company_and_a_product():
    labels = _labels(
        [
            "The cream, called Zentrix, is made by the drug company Morvane Labs.",
            "Zentrix costs about £30 for a small tube.",
            "Patients took two doses of Zentrix every day.",
            "Morvane Labs said it would cut the price next year.",
        ]
    )
    assert labels.get("Morvane Labs") == "ORG"
    assert labels.get("Zentrix") == "PRODUCT"


def test_united_kingdom_is_a_place_not_a_club():
    labels = _labels(["About two million people in the United Kingdom keep a dog as a pet."])
    assert labels.get("United Kingdom") in ("GPE", "LOC")


def test_no_invented_fallback_names_among_real_people():
    # one named person only: an MCQ would need invented names, so none is asked
    text = (
        "Local baker Tomasz Wierzbicki opened a new shop in the high street on Monday.\n"
        "Tomasz Wierzbicki said the shop would sell bread, cakes and pies.\n"
        "The shop will open at seven o'clock every morning.\n"
        "It has taken two years to get ready.\n"
    )
    res = generate(text, rng=random.Random(0))
    from question_bank.distractors import fallback_names

    invented = {n for names in fallback_names().values() for n in names}
    for q in res.questions:
        assert not invented & {o.text for o in q.options}, q.stem


def test_person_swapped_into_an_ordinary_action_is_not_a_false_item():
    clean = make_clean(
        [
            "Lena Ortiz travelled to the coast by train in June.",
            "Her friend Marco Bianchi stayed at home with his dog.",
            "Lena Ortiz won the town's painting prize in July.",
            "Marco Bianchi came second in the painting prize.",
        ]
    )
    res = generate_clean(clean, rng=random.Random(0))
    stems = [q.stem for q in res.questions] + [r.stem for r in res.rejected]
    shown = {q.stem for q in res.questions}
    # "Marco Bianchi travelled to the coast" may be true in the world: never a false item
    assert not any(s.startswith("Marco Bianchi travelled") for s in shown)
    assert stems  # the article still yields candidates


def test_who_question_needs_more_than_the_topic_words():
    clean = make_clean(
        [
            "Chess is a game for two players.",
            "Nina Shah learned to play chess at her school.",
            "Her coach, Tom Reed, has taught chess for many years.",
            "Nina Shah won the city chess cup in May.",
            "Tom Reed said chess helps children think.",
            "The chess club meets every Tuesday.",
        ]
    )
    res = generate_clean(clean, rng=random.Random(0))
    shown = [q.stem for q in res.questions]
    assert "Who learned to play chess?" not in shown
    reasons = [x for r in res.rejected for x in r.reasons]
    assert any("ordinary action" in x for x in reasons) or not any(
        r.stem == "Who learned to play chess?" for r in res.rejected
    )


def test_place_scale_keeps_towns_with_towns():
    from question_bank.distractors import place_scale, same_place_kind

    assert place_scale("England") == "country"
    assert place_scale("the United States") == "country"
    assert place_scale("Europe") == "region"
    assert place_scale("Durham") == "local"
    assert not same_place_kind("Durham", "GPE", "England", "GPE")
    assert not same_place_kind("Grindavik", "GPE", "Mid-Atlantic Ridge", "LOC")
    assert same_place_kind("Durham", "GPE", "Harrogate", "GPE")


def test_name_particles_do_not_relate_two_people():
    a = analyse(
        parse_article(
            make_clean(
                [
                    "Omar ibn Said wrote a book about his life in 1831.",
                    "Teacher Yusuf ibn Tashfin said he had read the book twice.",
                    "Omar ibn Said died in North Carolina.",
                ]
            )
        )
    )
    people = [e.name for e in a.entities if e.label == "PERSON"]
    assert len(people) == 2, people
    assert not a.are_related(people[0], people[1])
