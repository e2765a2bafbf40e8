"""Round 15 (candidates): general defects blind raters found in stems and true/false
statements. Every article here is hand-written for the test (made-up names and places)."""

from __future__ import annotations

from question_bank.candidates import Candidate, build_candidates


def _candidates(text: str) -> tuple[Candidate, ...]:
    """Every candidate the builder makes for a hand-written article."""
    from question_bank.analysis import analyse
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article

    parsed = parse_article(clean_article(text, fmt="text"))
    return build_candidates(parsed, analyse(parsed))


def _texts(text: str) -> list[str]:
    """Every stem and statement the builder makes (questions, true and false statements)."""
    out: list[str] = []
    for c in _candidates(text):
        out.extend([c.stem, c.statement])
    return out


def _of(texts: list[str], *words: str) -> list[str]:
    """The texts holding every one of ``words``."""
    return [t for t in texts if all(w in t for w in words)]


# ------------------------------------------------------------ 1. a fronted scene is kept

_OTTERS = (
    "Otters Return to Northern Rivers\n\n"
    "In Valdoria, otters became a protected species in 2012. "
    "In Merrow, otters became a protected species in 2015. "
    "At Pennock School, classes spent the morning planting trees. "
    "Across the Tarrow valley, farmers built new fences along the river. "
    "In fact, the river otters eat fish and frogs every day. "
    "For many years, the old mill stood empty beside the river.\n"
)


def test_a_fronted_place_stays_in_the_stem_and_statement() -> None:
    texts = _texts(_OTTERS)
    # each year's question and statement says where: the two places have different years
    otters = _of(texts, "otters", "protected species")
    assert otters, texts
    for t in otters:
        assert "Valdoria" in t or "Merrow" in t, t
    assert any(t.startswith("In what year") and t.endswith("in Valdoria?") for t in otters), otters
    # a school, a valley: the statement keeps the phrase that says which classes, which farmers
    classes = _of(texts, "spent the morning planting trees")
    assert classes, texts
    assert all("at Pennock School" in t for t in classes), classes
    farmers = _of(texts, "built new fences")
    assert farmers, texts
    assert all("across the Tarrow valley" in t for t in farmers), farmers
    # the scene is kept, never asked about nor swapped
    for c in _candidates(_OTTERS):
        assert c.key not in ("Valdoria", "Merrow", "Pennock School"), c
    # kept as before: "In fact" and "For many years" restrict nothing, nothing tacked on
    assert not any("in fact" in t.lower() for t in texts), texts
    assert "The river otters eat fish and frogs every day." in texts, texts
    assert not any(t.endswith("for many years.") for t in texts), texts


_VISIT = (
    "Pupils Paint a Mural\n\n"
    "While visiting Hembry Castle, the pupils painted a large mural. "
    "After the storm, the pupils painted a small mural.\n"
)


def test_a_fronted_clause_naming_a_place_refuses_the_clause() -> None:
    texts = _texts(_VISIT)
    # the clause "While visiting Hembry Castle" says which pupils: without it, refused
    assert not _of(texts, "large mural"), texts
    # a time clause restricts no place: the other sentence still gives its statement
    assert _of(texts, "small mural"), texts


_SCHOOL = (
    "Head Teacher Plants a Tree\n\n"
    "At Pennock School, head teacher Ana Berg planted a tree on Monday. "
    "Tom Reddick, the leader of Merrow Council, spoke for ten minutes.\n"
)


def test_a_role_from_a_sentence_with_a_fronted_scene_is_not_stated_without_it() -> None:
    texts = _texts(_SCHOOL)
    # "Ana Berg was the head teacher." would drop "At Pennock School": refused
    assert not _of(texts, "Ana Berg", "head teacher"), texts
    # the clause itself keeps its scene
    assert any(t.endswith("planted a tree on Monday at Pennock School.") for t in texts), texts
    # a role stated without a fronted scene is still made
    assert "Tom Reddick was the leader of Merrow Council." in texts, texts


# ------------------------------------------------------------ 2. "called X" names, it is no act

_VET = (
    "A Doctor Who Mixed Medicines\n\n"
    "In 1903, a French doctor called Ellen Marsk, working in Odderby, mixed two medicines. "
    "A Dutch baker called Anna Veld baked a giant cake in 1905. "
    "The villagers called the new horse Grey Storm. "
    "Ellen Marsk named her first boat Sea Lark in 1911.\n"
)


def test_a_naming_participle_is_not_the_verb_of_a_question() -> None:
    cands = _candidates(_VET)
    texts = [t for c in cands for t in (c.stem, c.statement)]
    # "a French doctor called Ellen Marsk": "called" names her, nobody called anybody
    assert not _of(texts, "call Ellen Marsk"), texts
    assert not _of(texts, "called Ellen Marsk mixed"), texts
    # a naming verb's name is not asked as its object ("Which ... did the villagers call?")
    assert not [c for c in cands if c.transformation == "wh-object" and c.key == "Grey Storm"]
    # nor does its statement cut the words before the name ("The villagers called Grey Storm.")
    assert "The villagers called Grey Storm." not in texts, texts
    # kept: the naming phrase inside a subject, and a question on who did the naming
    assert "In what year did a Dutch baker called Anna Veld bake a giant cake?" in texts, texts
    assert any(c.transformation == "wh-subject" and c.key == "Ellen Marsk" for c in cands), texts


# ------------------------------------------------------------ 3. no adverb left dangling

_PRAISE = (
    "Mara Wins Praise at Riverside Race\n\n"
    "Mara Lindell, who had won twice before, was praised simply for finishing the race. "
    "The old mill was used largely for storing grain. "
    "The coach was mainly worried about the weather on the hill. "
    "Jens Holt was chosen partly because of his speed.\n"
)
_FOCUS = ("simply", "just", "only", "mainly", "largely", "partly", "mostly", "merely")


def test_no_stem_or_statement_ends_on_an_adverb_whose_complement_was_cut() -> None:
    texts = _texts(_PRAISE)
    for t in texts:
        assert t.rstrip("?.").split()[-1] not in _FOCUS, t
    # "praised simply for finishing the race": the complement was a clause, so no candidate
    assert not _of(texts, "praised"), texts
    # kept: the adverb with its complement
    assert "The coach was mainly worried about the weather on the hill." in texts, texts
    assert any(t.endswith("partly because of his speed?") for t in texts), texts


def test_dangling_focus_needs_a_cut_complement() -> None:
    from question_bank.candidates import dangling_focus

    ev = "Mara Lindell was praised simply for finishing the race."
    assert dangling_focus("Who was praised simply?", ev)
    assert dangling_focus("Mara Lindell was praised simply.", ev)
    assert not dangling_focus("Who was praised simply for finishing the race?", ev)
    # an adverb that ends its sentence in the evidence too cut nothing
    assert not dangling_focus("The crew had left already.", "The crew had left already.")


# ------------------------------------------------------------ 4. an aside goes whole

_BRONZE = (
    "Tralia Wins Bronze in Rowing\n\n"
    "For Tralia, the bronze medal was still a historic achievement, the country's best ever "
    "result in Olympic rowing. "
    "Tralia's Mira Holt, riding her first race, finished third, 9 minutes behind. "
    "Mira Holt, a teacher from Odderby, won the race in 2019.\n"
)


def test_a_removed_appositive_takes_its_whole_phrase_with_it() -> None:
    texts = _texts(_BRONZE)
    # "..., the country's best ever result in Olympic rowing": none of it is left behind
    assert not _of(texts, "ever result"), texts
    assert not _of(texts, "achievement in Olympic"), texts
    assert "The bronze medal was a historic achievement for Tralia." in texts, texts
    # kept: an appositive between two commas still goes, the clause stays
    assert "Mira Holt won the race in 2019." in texts, texts


def test_a_statement_or_stem_needs_a_finite_verb() -> None:
    texts = _texts(_BRONZE)
    # the parse made "riding" the main verb: "Mira Holt riding her first race." is no sentence
    assert not _of(texts, "riding"), texts
    assert "In what year did Mira Holt win the race?" in texts, texts


# ------------------------------------------------------------ 5. a name is never cut at its start

_CLEANUP = (
    "A Day to Clean the Sea\n\n"
    "World Ocean Cleanup Day is held on 3 June. "
    "Volunteers around the world collect rubbish from the ocean and its beaches. "
    "Merrow's Ana Solis collected 200 bags of rubbish. "
    "The billionaire Jens Brask funded the new boats. "
    "Billionaire Jens Brask gave 5,000 dollars to the Blue Tide Club in 2020.\n"
)


def test_a_name_in_a_stem_or_key_is_never_a_suffix_of_the_evidence_name() -> None:
    cands = _candidates(_CLEANUP)
    texts = [t for c in cands for t in (c.stem, c.statement)]
    # "world" and "ocean" are lower-case words elsewhere: the name still starts at "World"
    assert "When is World Ocean Cleanup Day held?" in texts, texts
    # only "Solis" was tagged: "Ana" stays with it, and the cut name is no key
    assert "How many bags of rubbish did Merrow's Ana Solis collect?" in texts, texts
    for c in cands:
        for t in (c.stem, c.statement):
            assert not t.startswith(("Cleanup Day", "Solis")), t
            assert " Cleanup Day" not in t.replace("Ocean Cleanup Day", ""), t
        assert c.key not in ("Cleanup Day", "Ocean Cleanup Day", "Solis"), c
    # kept: a descriptor before a person's name is not part of it ("Billionaire Jens Brask")
    assert any(c.transformation == "wh-subject" and c.key == "Jens Brask" for c in cands), texts
