"""A page's menu and breadcrumb rows are furniture, never the article's title: the headline
after them is (the title also decides which references the gates count as clear)."""

from __future__ import annotations

import pytest

from question_bank.ingest import _navigation_like, clean_article

BODY = (
    "Divers have found a wooden ship that sank in 1915. The wreck lies 3,000 metres down. "
    "Its name can still be read on the stern, scientists said on Wednesday.\n"
)


@pytest.mark.parametrize(
    "menu",
    [
        "Home > News > Science & Environment",
        "World | Middle East | Business",
        "Skip to main content",
        "Home » Science",
    ],
)
def test_the_headline_after_a_menu_row_is_the_title(menu: str) -> None:
    text = f"{menu}\n\nLost ship found under the ice after a century\n\n{BODY}"
    assert clean_article(text).title == "Lost ship found under the ice after a century"


@pytest.mark.parametrize(
    ("line", "navigation"),
    [
        ("Home > News > Science", True),
        ("Sport | Football | Results", True),
        ("Jump to navigation", True),
        ("Menu", True),
        ("Rock / pop legend dies at 80", False),
        ("Cats | Dogs", False),
        ("Ships, storms and sailors: a history", False),
        ("Prices rose 5% > inflation, the report said.", False),
        ("Home  News  Sport  Business  Weather  What's On  Sign in", True),
        ("Home and away", False),
        ("Local news and weather for the region", False),
    ],
)
def test_navigation_rows(line: str, navigation: bool) -> None:
    assert _navigation_like(line) is navigation


def test_a_plain_headline_is_still_the_title() -> None:
    text = f"Lost ship found under the ice after a century\n\n{BODY}"
    assert clean_article(text).title == "Lost ship found under the ice after a century"


@pytest.mark.parametrize(
    "above",
    [
        ["DEPARTMENT OF HARBOURS"],  # the agency's name in capitals
        ["Coastal Research Service", "Press Release"],  # agency name, then a label
        ["The Riverside Herald"],  # the paper's masthead
        ["Harbour Safety Agency", "Department of Transport"],  # agency, then its department
        ["Science", "Oceans"],  # one-word section labels
        ["Nature | Oceans"],  # a short section row
        ["Skip directly to site content", "An official website of the harbour board"],
        ["Old Home Page", "Home > Oceans > Wrecks"],  # whatever stood above a breadcrumb
    ],
)
def test_a_masthead_or_section_label_above_the_headline_is_not_the_title(
    above: list[str],
) -> None:
    text = "\n\n".join([*above, "Lost ship found under the ice after a century", BODY])
    assert clean_article(text).title == "Lost ship found under the ice after a century"


def test_a_short_headline_and_one_with_an_abbreviation_are_titles() -> None:
    assert clean_article(f"SCIENCE | NATURE\n\nHelp for Herons\n\n{BODY}").title == (
        "Help for Herons"
    )
    headline = "The U.S. Navy: a ship's last voyage (1915)"
    assert clean_article(f"Harbour Museum\n\n{headline}\n\n{BODY}").title == headline


def test_a_title_case_headline_ending_in_an_exclamation_mark_is_the_title() -> None:
    headline = 'Old Ship "Lady Grey" Found Under The Ice -- Upside Down!'
    article = clean_article(f"{headline}\n\nBy A Reporter on May 2, 2024\n\n{BODY}")
    assert article.title == headline
    assert all("Upside Down" not in s.text for s in article.sentences)


def test_a_sentence_with_many_names_ending_in_an_exclamation_mark_stays_text() -> None:
    line = "Riverside United beat Harbour Town in Lowport on Sunday!"
    article = clean_article(f"{line}\n\n{BODY}")
    assert any(s.text == line for s in article.sentences)


@pytest.mark.parametrize(
    "lines",
    [
        # a dateline or a reference number between the masthead and the headline
        "Kids Science Desk\nTuesday 4 June 2024\n\nLost ship found under the ice after a century",
        "PORT AUTHORITY\n\nPress release\nNo. 12-2024\nOslo, 3 May 2024\n\n"
        "Lost ship found under the ice after a century",
        "Updated 5 May 2024 10:32 GMT\n\nLost ship found under the ice after a century",
    ],
)
def test_a_date_line_or_reference_number_is_not_the_title(lines: str) -> None:
    text = f"{lines}\n\n{BODY}"
    assert clean_article(text).title == "Lost ship found under the ice after a century"


def test_a_headline_may_exclaim_before_its_second_part() -> None:
    head = "Found at last! Lost ship lies under the ice after a century"
    text = f"{head}\n\nKids Science Desk | Nature\nTuesday 4 June 2024\n\n{BODY}"
    assert clean_article(text).title == head


@pytest.mark.parametrize(
    "headline",
    [
        "What lies under the ice? Divers find a lost ship",
        "The day the sea gave up its secret: what sank the Aurora?",
        "Why Did The Ship Sink?",
    ],
)
def test_a_question_headline_above_the_text_is_the_title(headline: str) -> None:
    """A headline phrased as a question is the title when it stands above all the text, and is
    not kept as a sentence of the article."""
    clean = clean_article(f"{headline}\n\n{BODY}")
    assert clean.title == headline
    assert headline not in clean.text


def test_a_question_heading_inside_the_text_is_not_the_title() -> None:
    """Further down, a question heading is an FAQ heading, not the headline."""
    text = f"Lost ship found under the ice\n\n{BODY}\nWhy did the ship sink?\n\n{BODY}"
    assert clean_article(text).title == "Lost ship found under the ice"
    only = f"{BODY}\nWhy did the ship sink?\n\n{BODY}"
    assert clean_article(only).title is None


def test_an_exclamation_headline_in_sentence_case_is_the_title() -> None:
    headline = "Divers find a lost ship under the ice after a century!"
    clean = clean_article(f"{headline}\n\n{BODY}")
    assert clean.title == headline
    assert headline not in clean.text


def test_an_exclamation_inside_the_text_stays_text() -> None:
    text = f"Lost ship found under the ice\n\n{BODY}\nWhat a find it was for the divers!\n\n{BODY}"
    clean = clean_article(text)
    assert clean.title == "Lost ship found under the ice"
    assert "What a find it was for the divers!" in clean.text


def test_a_two_word_section_label_above_the_headline_is_not_the_title() -> None:
    text = (
        "Skip to content\n\nHome | News | Sport | Scotland\n\nForth Valley\n\n"
        "Lost ship found under the ice after a century\n\nBy Ada Colm\n\n" + BODY
    )
    assert clean_article(text).title == "Lost ship found under the ice after a century"
    # a three-word title above an agency line stays the title
    text = "Wolves in Kelby\n\nNational Park Service, Department of Parks\n\n" + BODY
    assert clean_article(text).title == "Wolves in Kelby"


def test_a_site_alert_banner_is_furniture_and_the_heading_after_it_the_title() -> None:
    text = (
        "Kelby National Park\n\nHome > Learn > Nature > The Ice Caves\n\n"
        "Alerts: 1 - The north trail is temporarily closed. See all alerts.\n\n"
        "The Longest Ice Cave\n\n" + BODY
    )
    clean = clean_article(text)
    assert clean.title == "The Longest Ice Cave"
    assert "Alerts" not in clean.text


def test_a_menu_row_without_separators_is_not_the_title() -> None:
    text = (
        "Skip to content\n\nKelby Coast News\n\n"
        "Home  News  Sport  Business  Weather  What's On  Sign in\n\n"
        "Lost ship found under the ice after a century\n\nBy Ada Colm\n\n" + BODY
    )
    assert clean_article(text).title == "Lost ship found under the ice after a century"
