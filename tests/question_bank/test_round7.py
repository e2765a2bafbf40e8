"""Round 7 general rules: numbers in words become digits in one format, a weekday with a part
of the day is a time, local setting nouns are not vague, an MCQ and a true/false item may come
from different slots of one sentence, restrictive conditions and comparisons are not dropped,
a range is never cut in half, days of the month stay valid (hand-written text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from question_bank.candidates import spoken_value, spoken_values
from question_bank.generator import generate

DATA = Path(__file__).parent / "data"
R7 = sorted(DATA.glob("r7_*.txt"))


def _items(text: str) -> list[tuple[str, str, list[str]]]:
    return [(q.kind, q.stem, [o.text for o in q.options]) for q in generate(text).questions]


def _passed_gates(text: str) -> list[str]:
    """Stems selected, or passed by every gate and left out only for the true/false balance."""
    res = generate(text)
    return [q.stem for q in res.questions] + [
        r.stem for r in res.rejected if all(x.startswith("balance") for x in r.reasons)
    ]


def test_spoken_numbers() -> None:
    assert spoken_value("two hundred") == 200
    assert spoken_value("twenty-five") == 25
    assert spoken_value("hundred") == 100
    assert spoken_value("one thousand five hundred") == 1500
    assert spoken_values("They saw two hundred birds and twenty-five deer.") == {200, 25}


def test_number_words_and_digits_never_mixed() -> None:
    text = (
        "Pupils plant a wood\n\n"
        "Pupils at Elm Lane School planted two hundred trees on Saturday morning. "
        "The school plans to plant another hundred trees next spring."
    )
    for kind, _stem, opts in _items(text):
        if kind == "mcq" and any(re.search(r"\d", o) for o in opts):
            assert all(re.search(r"\d", o) for o in opts), opts
        assert not re.search(r"\b(?:hundred|twenty|thirty)\b", " ".join(opts)), opts


def test_weekday_part_of_day_is_a_time() -> None:
    import random

    from question_bank.analysis import analyse
    from question_bank.candidates import build_candidates
    from question_bank.distractors import build_fact_index, date_distractors
    from question_bank.ingest import clean_article
    from question_bank.nlp import parse_article

    text = "Fair day\n\nPupils at Elm Lane School held a fair on Saturday morning."
    parsed = parse_article(clean_article(text, fmt="text", title=None))
    a = analyse(parsed)
    cands = [c for c in build_candidates(parsed, a) if c.key == "Saturday morning"]
    assert cands
    opts = date_distractors(cands[0], a, build_fact_index(parsed, a), random.Random(0))
    assert len(opts) >= 2 and all(o.endswith(" morning") for o in opts)


def test_setting_nouns_are_not_vague() -> None:
    text = (
        "Clean-up day\n\n"
        "Pupils from Elm Lane School cleaned the beach at Westport on Sunday. "
        "Volunteers from the town council brought gloves, bags and litter pickers. "
        "The pupils collected 40 bags of rubbish near the river."
    )
    stems = [s for _, s, _ in _items(text)]
    assert any("the town council" in s or "the river" in s for s in stems), stems


def test_restrictive_condition_not_dropped() -> None:
    text = (
        "Food checks\n\n"
        "Inspectors check every cafe and shop in the county. "
        "A shop that only sells packaged sweets may be inspected every two years. "
        "A busy takeaway that cooks raw meat may be inspected every six months."
    )
    for _, s, _ in _items(text):
        assert not re.match(r"A shop may|A busy takeaway may", s), s


def test_comparison_not_dropped() -> None:
    text = (
        "Birds fly high\n\n"
        "Scientists tracked 40 swifts over the Alps in 2023. "
        "The birds flew higher at night than during the day. "
        "The swifts spent ten months in the air."
    )
    for _, s, _ in _items(text):
        assert s != "The birds flew at night.", s


def test_range_not_cut_in_half() -> None:
    text = (
        "Park plan approved\n\n"
        "Members of Westbrook Council voted 9 to 4 on Monday to build a new park. "
        "The park will have 40 new trees and a pond."
    )
    for _, s, _ in _items(text):
        assert "voted to 4" not in s and "vote to 4" not in s, s


def test_day_of_month_swaps_stay_valid() -> None:
    text = (
        "Water kits\n\n"
        "The water-saving programme opened for applications on 1 March 2025. "
        "The deadline for applications is 31 January 2026. "
        "Each kit includes a shower head and two tap inserts."
    )
    for _, s, opts in _items(text):
        for d in re.findall(r"\b(\d{1,2}) (?:January|March)\b", s + " " + " ".join(opts)):
            assert 1 <= int(d) <= 31, s


# known gap; r7_charity_run since false statements stopped swapping names (it lost a name
# swap and, with it, two true statements to the true/false balance)
_BELOW_5 = {"r7_charity_run.txt", "r7_cycle_path.txt", "r7_farm_trip.txt", "r7_tree_planting.txt"}


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(reason="known gap: fewer than 5 questions", strict=True),
        )
        if p.name in _BELOW_5
        else p
        for p in R7
    ],
    ids=lambda p: p.name,
)
def test_round7_recall(path: Path) -> None:
    qs = generate(path.read_text(encoding="utf-8")).questions
    assert len(qs) >= 5


def test_own_subject_possessive_is_clear() -> None:
    text = (
        "Farm visits\n\n"
        "Pupils from Oak Road School visited Hill Farm on Friday. "
        "The farm opened its doors to schools in 2019. "
        "The pupils fed 12 lambs with bottles of milk."
    )
    stems = [s for _, s, _ in _items(text)]
    assert any("its doors" in s for s in stems), stems


def test_attributed_claim_as_true_statement() -> None:
    text = (
        "New wood\n\n"
        "Pupils at Elm Lane School planted 300 trees on Friday. "
        "The head teacher, Amira Khan, said the new wood would shelter birds and insects. "
        "A local nursery donated most of the trees."
    )
    stems = _passed_gates(text)
    assert "Amira Khan said the new wood would shelter birds and insects." in stems, stems


def test_modifier_before_a_conjoined_head_is_not_the_head() -> None:
    text = (
        "New wood\n\n"
        "Pupils at Elm Lane School planted 300 trees on Friday. "
        "Parents helped the youngest children carry the small oak and birch saplings. "
        "The school plans to plant 100 more trees next year."
    )
    stems = _passed_gates(text)
    assert any(s.startswith("Parents helped") for s in stems), stems


def test_possessive_keeps_the_whole_name() -> None:
    from question_bank.gates import GateContext  # noqa: F401  (the gate runs in generate)

    text = (
        "Space trip\n\n"
        "The Star Dawn mission is run by Elon Musk's company SpaceX. "
        "The Star Dawn mission lasted five days. "
        "Elon Musk watched the launch from Florida."
    )
    stems = [s for _, s, _ in _items(text)]
    assert not any(re.search(r"\bElon\b(?! Musk)", s) for s in stems), stems


def test_conjoined_verb_shares_the_subject() -> None:
    text = (
        "Basketball final\n\n"
        "The Riverside Rockets won the cup final on Sunday. "
        "Captain Leon Wood scored 24 points and grabbed 11 rebounds. "
        "The team will play in Europe next season."
    )
    stems = [s for _, s, _ in _items(text)]
    assert any("rebounds" in s and "Leon Wood" in s for s in stems), stems


def test_superlative_limit_not_dropped() -> None:
    text = (
        "Spacewalks\n\n"
        "Two astronauts left the station on Monday for a spacewalk. "
        "A spacewalk is considered one of the most dangerous activities an astronaut can do. "
        "The walk lasted six hours."
    )
    for _, s, _ in _items(text):
        assert not s.endswith("most dangerous activities."), s


def test_time_phrase_of_a_past_event_may_go() -> None:
    text = (
        "Cave rescue\n\n"
        "Diver Ravi Mistry, 41, was the first to enter the cave after opening the gate. "
        "Diver Ann Cole followed him ten minutes later. "
        "The rescue took 6 hours."
    )
    stems = _passed_gates(text)
    assert any("first to enter the cave" in s and "after" not in s for s in stems), stems


def test_number_question_keeps_rate_and_what_it_measures() -> None:
    text = (
        "Dairy visit\n\n"
        "Pupils from Oak Road School visited Hill Farm on Friday. "
        "Each cow gives about 25 litres of milk every day. "
        "The farm has 60 cows."
    )
    stems = [s for _, s, _ in _items(text)]
    litres = [s for s in stems if "litres" in s]
    assert all("of milk" in s and "every day" in s for s in litres), litres


def test_inverted_copula_not_a_statement() -> None:
    text = (
        "Space trip\n\n"
        "Onboard are the pilot Ravi Mistry and the engineer Ann Cole. "
        "The flight lasted five days. "
        "The capsule landed in the sea on Sunday."
    )
    for _, s, _ in _items(text):
        assert not s.startswith("Onboard are"), s
