"""Round 8 general rules (hand-written text): a hard true/false balance in every article's
selection (True at most 60% of the T/F items), ..."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from question_bank.generator import generate
from question_bank.ranking import (
    SHORT_QUIZ,
    TRUE_ONLY_KEEP,
    article_balance_ok,
    balance_ok,
)

DATA = Path(__file__).parent / "data"
ARTICLES = sorted(DATA.glob("*.txt"))


def _truths(text: str) -> tuple[int, int]:
    n_true, n_false, _ = _counts(text)
    return n_true, n_false


def _counts(text: str) -> tuple[int, int, int]:
    n_true = n_false = n_other = 0
    for q in generate(text).questions:
        if q.kind != "true_false":
            n_other += 1
            continue
        correct = next(o.text for o in q.options if o.correct)
        if correct == "True":
            n_true += 1
        else:
            n_false += 1
    return n_true, n_false, n_other


def test_balance_rule() -> None:
    assert balance_ok(0, 0)
    assert not balance_ok(1, 0)
    assert balance_ok(1, 1)
    assert not balance_ok(2, 1)
    assert balance_ok(3, 2)
    assert not balance_ok(4, 2)
    assert balance_ok(2, 3)
    assert not balance_ok(1, 3)
    assert balance_ok(0, 1)


def test_article_balance_rule() -> None:
    # round 11: with no false statement selected, the old rule dropped every true one, so an
    # article with few safe false statements gave no quiz at all (3 of 6 held-out articles);
    # now a selection short of SHORT_QUIZ questions keeps up to TRUE_ONLY_KEEP true ones
    assert (TRUE_ONLY_KEEP, SHORT_QUIZ) == (2, 4)
    assert article_balance_ok(2, 0, 0)
    assert not article_balance_ok(3, 0, 0)
    assert article_balance_ok(2, 0, 2)
    assert not article_balance_ok(2, 0, 3)
    assert article_balance_ok(1, 0, 3)
    assert not article_balance_ok(1, 0, 4)
    # where a false statement is selected, the 60% cap still holds
    assert not article_balance_ok(2, 1, 0)
    assert article_balance_ok(1, 1, 0)
    assert not article_balance_ok(4, 2, 0)


# Many true statements are easy to make from this text; false ones are rarer, so an
# unbalanced selection is what a greedy pick would give.
TRUE_HEAVY = (
    "Hillford School opened a new library on Monday.\n\n"
    "The library has 4,000 books and 20 computers.\n\n"
    "Head teacher Anna Grey cut the ribbon at the opening.\n\n"
    "Pupils in Hillford painted a large mural of a whale on the library wall.\n\n"
    "The mural took the pupils three weeks to finish.\n\n"
    "Local author Ben Cole read a story to the youngest children.\n\n"
    "Hillford School raised the money for the library with a sponsored walk.\n\n"
    "The library will open every weekday from 8am to 4pm.\n"
)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_true_false_balance_on_dev_articles(path: Path) -> None:
    n_true, n_false, n_other = _counts(path.read_text(encoding="utf-8"))
    assert article_balance_ok(n_true, n_false, n_other), (n_true, n_false, n_other)


def test_true_false_balance_on_true_heavy_text() -> None:
    n_true, n_false, n_other = _counts(TRUE_HEAVY)
    assert n_true >= 1, "the text should give true statements"
    assert article_balance_ok(n_true, n_false, n_other), (n_true, n_false, n_other)


def _stems(text: str) -> list[str]:
    return [q.stem for q in generate(text).questions]


def _all_stems(text: str) -> list[str]:
    res = generate(text)
    return [q.stem for q in res.questions] + [r.stem for r in res.rejected]


def test_context_words_rejected() -> None:
    text = (
        "Harbour clean-up\n\n"
        "Volunteers in Portwell collected 90 bags of rubbish from the harbour on Sunday. "
        "Another 40 volunteers joined them in the afternoon. "
        "The council also gave the group 20 new litter pickers."
    )
    for s in _stems(text):
        low = s.lower()
        assert "another" not in low and " also " not in low, s


def test_verb_keeps_its_complement() -> None:
    text = (
        "Sports day\n\n"
        "Pupils at Brook Lane School in York took part in their summer sports day on Friday. "
        "More than 200 children ran in 10 races on the school field."
    )
    for s in _stems(text):
        if "took part" in s or "take part" in s:
            assert "sports day" in s, s


def test_without_condition_kept() -> None:
    text = (
        "Egg race\n\n"
        "The egg-and-spoon race was the favourite race of the day at Brook Lane School. "
        "Only three runners reached the finish line without dropping their egg."
    )
    for s in _stems(text):
        if "finish line" in s:
            assert "without" in s, s


def test_boilerplate_is_furniture() -> None:
    text = (
        "Agency gives grants to rural libraries\n\n"
        "The State Library Agency gave $2 million to 30 rural libraries on Monday.\n\n"
        "Each library will receive about $66,000 to buy books and computers.\n\n"
        "For more information, visit the agency website.\n\n"
        "The State Library Agency is an equal opportunity provider and employer.\n\n"
        "Contact: Press Office\n\n"
        "###\n"
    )
    for s in _all_stems(text):
        assert "equal opportunity" not in s, s
        assert "information" not in s, s


def test_no_swap_into_is_a_category() -> None:
    text = (
        "Parks agency\n\n"
        "The Parks Agency is an independent federal agency. "
        "Director Lena Ortiz opened the new visitor centre in Clearwater on Monday. "
        "The Forest Trust gave $40,000 to the project."
    )
    res = generate(text)
    for q in res.questions:
        if q.kind == "true_false":
            correct = next(o.text for o in q.options if o.correct)
            if correct == "False":
                assert " is an independent" not in q.stem, q.stem


NUMBERS_AND_NAMES = (
    "Riverside Zoo welcomes a baby giraffe\n\n"
    "A baby giraffe was born at Riverside Zoo on Tuesday. "
    "Keeper Lena Park looks after the giraffes. "
    "The calf was 1.8 metres tall at birth. "
    "The zoo has 12 giraffes in all. "
    "Visitors can see the calf from next Saturday. "
    "The zoo opened in 1962.\n"
)


def test_false_statements_swap_numbers_and_dates_not_names() -> None:
    from question_bank.analysis import NAME_LABELS
    from question_bank.distractors import false_swap_allowed

    assert not any(false_swap_allowed(label) for label in NAME_LABELS)
    assert all(false_swap_allowed(label) for label in ("CARDINAL", "DATE", "QUANTITY", "TIME"))
    res = generate(NUMBERS_AND_NAMES, all_reasons=True)
    swaps = [q.stem for q in res.questions if q.transformation == "tf-false-swap"]
    swaps += [r.stem for r in res.rejected if r.transformation == "tf-false-swap"]
    assert swaps, "the text should give false statements on its numbers and dates"
    words = set(re.findall(r"\d+(?:\.\d+)?|\w+", NUMBERS_AND_NAMES))
    for stem in swaps:
        # the words the swap put in (absent from the article) are a number or a date
        new = [w for w in re.findall(r"\d+(?:\.\d+)?|\w+", stem) if w not in words]
        assert new and all(re.fullmatch(r"[\d.]+|\w+day", w) for w in new), (stem, new)


def test_alias_options_never_together() -> None:
    from question_bank.gates import _edit_distance, _initials

    assert _initials("Oregon State University") == "OSU"
    assert _initials("U.S. Department of Agriculture") == "USDA"
    assert _edit_distance("Smyth", "Smith") == 1
    text = (
        "River study\n\n"
        "Scientists from Oregon State University (OSU) counted 400 salmon in the Rogue River. "
        "The team from OSU worked with the Salmon Trust and Riverwatch. "
        "Oregon State University will repeat the count in May. "
        "Riverwatch paid for the boats, and the Salmon Trust paid for the nets."
    )
    for q in generate(text).questions:
        opts = {o.text for o in q.options}
        assert not ({"OSU", "Oregon State University"} <= opts), opts


def test_place_written_as_place_is_not_an_organisation() -> None:
    text = (
        "Water grants\n\n"
        "The Rural Water Agency gave $3 million to small towns on Monday. "
        "Elm Creek, a town of 2,000 people, will receive $400,000 to replace old pipes. "
        "The Rural Water Agency will also help Stone Ford, Ohio, with $300,000."
    )
    for q in generate(text).questions:
        if q.stem.lower().startswith(("who", "which organisation")):
            correct = next(o.text for o in q.options if o.correct)
            assert correct not in ("Elm Creek", "Stone Ford"), q.stem


def test_restriction_and_it_subject() -> None:
    text = (
        "Storms\n\n"
        "A thunderstorm forms when warm, wet air rises quickly into cold air. "
        "In most storms it lasts less than 30 minutes. "
        "Lightning can heat the air to 30,000 degrees Celsius."
    )
    for s in _stems(text):
        assert "30 minutes" not in s or "most storms" in s, s
        assert not s.lower().startswith(("the thunderstorm lasts", "a thunderstorm lasts")), s


def test_the_money_refers_back() -> None:
    text = (
        "New pool for Ashby\n\n"
        "Ashby Town Council will build a new swimming pool in Ashby Park. "
        "The pool will cost £2 million and open in June 2027. "
        "The money will come from a national sports fund."
    )
    for s in _stems(text):
        assert not s.startswith("The money"), s
