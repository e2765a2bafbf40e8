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
    ],
)
def test_navigation_rows(line: str, navigation: bool) -> None:
    assert _navigation_like(line) is navigation


def test_a_plain_headline_is_still_the_title() -> None:
    text = f"Lost ship found under the ice after a century\n\n{BODY}"
    assert clean_article(text).title == "Lost ship found under the ice after a century"
