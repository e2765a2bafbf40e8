"""Item statistics (stats.py) on hand-made data, and the charts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from question_bank import charts
from question_bank.stats import AttemptRecord, ItemInfo, OptionInfo, item_statistics

# Three items, options 1x (key), 2x, 3x for item x.
ITEMS = [
    ItemInfo(
        item_id=x,
        number=x,
        question_id=100 + x,
        stem=f"Q{x}",
        options=(
            OptionInfo(10 * x + 1, "key", True),
            OptionInfo(10 * x + 2, "B", False),
            OptionInfo(10 * x + 3, "C", False),
        ),
    )
    for x in (1, 2, 3)
]


def right(x: int) -> tuple[int, bool]:
    return (10 * x + 1, True)


def wrong(x: int, option: int = 2) -> tuple[int, bool]:
    return (10 * x + option, False)


# Totals: a1 3, a2 2, a3 2, a4 1, a5 0, a6 1 -> ranked a1 a2 a3 a4 a6 a5 (ties by id).
# Top third (2): a1, a2; bottom third (2): a6, a5.
ATTEMPTS = [
    AttemptRecord(1, {1: right(1), 2: right(2), 3: right(3)}),
    AttemptRecord(2, {1: right(1), 2: right(2), 3: wrong(3)}),
    AttemptRecord(3, {1: right(1), 2: wrong(2), 3: right(3)}),
    AttemptRecord(4, {1: wrong(1), 2: right(2), 3: wrong(3)}),
    AttemptRecord(5, {1: wrong(1), 2: wrong(2, 3), 3: wrong(3, 3)}),
    AttemptRecord(6, {1: right(1), 2: wrong(2)}),  # skipped item 3 (scores 0)
]


def test_facility_discrimination_and_efficiency_by_hand() -> None:
    s1, s2, s3 = item_statistics(ITEMS, ATTEMPTS)
    # Item 1: correct by a1 a2 a3 a6 -> 4/6. Top mean 1, bottom (a6=1, a5=0) 0.5 -> 0.5.
    # Best possible with 4 correct of 6, groups of 2: (min(4,2) - max(0, 4-4)) / 2 = 1.
    assert s1.facility == pytest.approx(4 / 6)
    assert s1.discrimination == pytest.approx(0.5)
    assert s1.efficiency == pytest.approx(0.5)
    # Item 2: correct by a1 a2 a4 -> 3/6. Top 1, bottom 0 -> 1.0; efficiency 1.
    assert s2.facility == pytest.approx(0.5)
    assert s2.discrimination == pytest.approx(1.0)
    assert s2.efficiency == pytest.approx(1.0)
    # Item 3: correct by a1 a3 -> 2/6 (a6's missing answer scores 0). Top (1, 0) 0.5, bottom 0.
    assert s3.facility == pytest.approx(2 / 6)
    assert s3.discrimination == pytest.approx(0.5)
    assert s3.responses == 5


def test_option_frequencies_and_unchosen_distractor_flag() -> None:
    s1, s2, s3 = item_statistics(ITEMS, ATTEMPTS)
    assert [(o.text, o.count) for o in s1.options] == [("key", 4), ("B", 2), ("C", 0)]
    assert s1.options[0].share == pytest.approx(4 / 6)
    assert s1.flags == ("Distractor never chosen: 'C'.",)
    assert s2.flags == ()  # every option chosen, facility 50%
    assert [o.count for o in s3.options] == [2, 2, 1]


def test_key_possibly_wrong_too_easy_and_too_hard() -> None:
    # Item 1 is answered "B" by the two best students (they are best on items 2 and 3).
    attempts = [
        AttemptRecord(1, {1: wrong(1), 2: right(2), 3: right(3)}),
        AttemptRecord(2, {1: wrong(1), 2: right(2), 3: right(3)}),
        AttemptRecord(3, {1: right(1), 2: right(2), 3: wrong(3, 3)}),
        AttemptRecord(4, {1: right(1), 2: right(2), 3: wrong(3)}),
        AttemptRecord(5, {1: right(1), 2: right(2), 3: wrong(3)}),
        AttemptRecord(6, {1: wrong(1, 3), 2: right(2), 3: wrong(3)}),
    ]
    s1, s2, s3 = item_statistics(ITEMS, attempts)
    assert any(f.startswith("Key possibly wrong") and "'B'" in f for f in s1.flags)
    assert s1.discrimination == pytest.approx(0.0 - 0.5)  # top 0, bottom (a5=1, a6=0) 0.5
    assert any(f.startswith("Far too easy") for f in s2.flags)  # 6/6
    assert s2.efficiency is None  # everybody right: no discrimination possible
    assert s3.facility == pytest.approx(2 / 6)
    assert not any(f.startswith("Too hard") for f in s3.flags)  # 33% is not below 20%


def test_too_hard_threshold() -> None:
    attempts = [AttemptRecord(i, {1: right(1) if i == 1 else wrong(1)}) for i in range(1, 7)]
    (s1, _s2, _s3) = item_statistics(ITEMS, attempts)
    assert s1.facility == pytest.approx(1 / 6)
    assert any(f.startswith("Too hard") for f in s1.flags)
    attempts[1] = AttemptRecord(2, {1: right(1)})
    (s1, _s2, _s3) = item_statistics(ITEMS, attempts)
    assert not any(f.startswith("Too hard") for f in s1.flags)


def test_no_flags_and_no_discrimination_with_few_attempts() -> None:
    attempts = [AttemptRecord(1, {1: right(1)}), AttemptRecord(2, {1: right(1)})]
    s1, _s2, _s3 = item_statistics(ITEMS, attempts)
    assert s1.facility == 1.0
    assert s1.discrimination is None and s1.efficiency is None
    assert s1.flags == ()  # fewer than 5 responses: facility flags wait for more data
    assert item_statistics(ITEMS, [])[0].facility is None


def test_charts_are_accessible_svg_with_escaped_text() -> None:
    svg = charts.score_histogram_svg([0, 1, 1, 3], 3)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Score distribution"  # type: ignore[union-attr]
    desc = root.find(f"{ns}desc").text  # type: ignore[union-attr]
    assert desc == ("Number of students per score: score 0: 1; score 1: 2; score 2: 0; score 3: 1")
    assert len(root.findall(f"{ns}rect")) == 4
    assert "style=" not in svg  # CSP: no inline style
    bars = charts.facility_bars_svg([("<b>Q1</b>", 0.5), ("Q2", None)])
    root = ET.fromstring(bars)
    assert "&lt;b&gt;" in bars and "<b>" not in bars
    assert "Q2: no data" in root.find(f"{ns}desc").text  # type: ignore[union-attr,operator]
    assert charts.score_bins(list(range(41)), 40)[0] == ("0-3", 4)
