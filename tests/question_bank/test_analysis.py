"""Entity merging, type voting and pronoun resolution on small articles of other topics."""

from __future__ import annotations

from question_bank.analysis import analyse, normalise_name
from question_bank.nlp import parse_article
from tests.question_bank.conftest import make_clean


def _analyse(sentences):
    parsed = parse_article(make_clean(sentences))
    return parsed, analyse(parsed)


def test_normalise_name_strips_titles_and_possessive():
    assert normalise_name("Mr Jones's") == "Jones"
    assert normalise_name("Dr. Amelia Hart") == "Amelia Hart"
    assert normalise_name("the Royal Society") == "Royal Society"


def test_surname_mentions_merge_into_full_name():
    _, a = _analyse(
        [
            "Science teacher Priya Raman opened the school science fair on Friday.",
            "Ms Raman said the pupils had worked for months.",
            "Later, Raman gave the first prize to Oliver Grant.",
        ]
    )
    names = {e.name for e in a.entities if e.label == "PERSON"}
    assert "Priya Raman" in names
    assert "Raman" not in names
    raman = a.entity("Priya Raman")
    assert raman is not None and raman.mentions >= 3
    assert a.gender.get("Priya Raman") == "f"


def test_pronoun_resolves_to_gender_compatible_antecedent():
    parsed, a = _analyse(
        [
            "Mayor Helen Brooks met engineer Mr David Okoro at the town hall.",
            "She asked the council to vote on a new bridge.",
        ]
    )
    she = next(t for t in parsed.doc if t.text == "She")
    assert a.resolved.get(she.i) == "Helen Brooks"


def test_pronoun_with_two_unknown_people_stays_unresolved():
    parsed, a = _analyse(
        [
            "Alex Morgan and Sam Taylor visited the volcano.",
            "They said it was hot.",
        ]
    )
    they = next(t for t in parsed.doc if t.text == "They")
    assert they.i in a.unresolved


def test_type_cues_fix_spacy_labels():
    _, a = _analyse(
        [
            "Bramford Rovers beat Leeds United 2-1 in the final on Sunday.",
            "Striker Marcus Bell scored for United.",
            "Water from the River Wend flooded Mill Lane in the town of Ashbury.",
        ]
    )
    labels = {e.name: e.label for e in a.entities}
    assert labels.get("Leeds United") == "ORG"
    assert labels.get("Bramford Rovers") == "ORG"
    assert labels.get("Marcus Bell") == "PERSON"
    assert labels.get("River Wend") == "LOC"
    assert labels.get("Mill Lane") == "FAC"
    assert a.canonical("United") == "Leeds United"


def test_common_word_in_quotes_is_not_a_name():
    _, a = _analyse(['The pilot replied "Copy" and the crew laughed.', "Dr Maya Lin smiled."])
    assert "Copy" not in {e.name for e in a.entities}


def test_also_true_uses_synonyms_and_conjoined_subjects():
    from question_bank.analysis import also_true

    _, a = _analyse(
        [
            "Engineer Priya Raman stepped out of the capsule first.",
            "Then Leo Grant left the capsule too.",
            "Mayor Helen Brooks and Dr Omar Haddad opened the new bridge.",
        ]
    )
    assert also_true(a, ("exit", "nsubj"), "Priya Raman")
    assert also_true(a, ("leave", "nsubj"), "Leo Grant")
    assert also_true(a, ("open", "nsubj"), "Omar Haddad")
    assert not also_true(a, ("open", "nsubj"), "Priya Raman")
    assert also_true(a, ("open", "nsubj"), "Brooks", key="Helen Brooks")  # alias of the key


def test_followed_by_shares_movement_verb():
    from question_bank.analysis import also_true

    _, a = _analyse(
        [
            "Captain Ana Silva climbed out of the boat.",
            "She was followed by diver Tom Hale.",
        ]
    )
    assert also_true(a, ("exit", "nsubj"), "Tom Hale")
