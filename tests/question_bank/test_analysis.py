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
