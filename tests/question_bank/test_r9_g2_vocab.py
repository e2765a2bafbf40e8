"""Round 9 (G2): the vocabulary and notation gate for the reading band."""

from __future__ import annotations

from question_bank.gates import rare_words, word_zipf


def test_inflected_and_british_forms_are_not_rare():
    for w in ("radishes", "practised", "organiser", "loaves", "footbridge"):
        assert word_zipf(w) >= 2.5, w


def test_jargon_acronyms_and_notation_are_rare():
    assert "foreshock" in rare_words("The first quake was a foreshock.", threshold=2.5)
    assert "DNS" in rare_words("A DNS fault stopped the website.")
    assert "M6.4" in rare_words("The M6.4 event shook the town.")


def test_everyday_acronyms_and_names_pass():
    assert rare_words("Pupils watched the BBC on TV.", threshold=2.5) == []
    assert rare_words("Shift4 paid for the trip.", threshold=2.5) == []


def test_topic_word_family_is_exempt():
    # "inhal*" used again and again in the article: the child has met the word
    assert rare_words("Inhalers help.", exempt=frozenset({"inhal*"})) == []
