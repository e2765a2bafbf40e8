"""Page labels that end in a full stop are still furniture: "Last updated: May 2, 2024.",
"Our Standards: ...", "Citation: ..."; sentences that merely start with the same words are not."""

from __future__ import annotations

import pytest

from question_bank.ingest import _classify, clean_article


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Last updated: May 2, 2024.", "timestamp"),
        ("Page last reviewed: 12 March 2023", "timestamp"),
        ("Updated on 4 May 2021.", "timestamp"),
        ("Our Standards: The Newsroom Trust Principles.", "boilerplate"),
        ("Citation: Act of Parliament for the harbour, 12 May 1851.", "boilerplate"),
        ("Copyright: The Riverside Herald 2024.", "boilerplate"),
    ],
)
def test_labels_with_a_full_stop_are_furniture(line: str, rule: str) -> None:
    assert _classify(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Updated figures show 40 cases in 2023.",
        "Published accounts say the bridge opened in 1932.",
        "Reviewed on Monday, the plan was approved in 2021.",
    ],
)
def test_sentences_starting_with_the_same_words_are_text(line: str) -> None:
    assert _classify(line) is None


def test_a_last_updated_line_is_not_a_sentence_of_the_article() -> None:
    text = (
        "Harbour reopens after storm\n\n"
        "The harbour reopened on Friday after a storm damaged its wall. "
        "Repairs cost £2 million.\n\nLast updated: May 2, 2024.\n"
    )
    article = clean_article(text)
    assert all("Last updated" not in s.text for s in article.sentences)
    assert any("reopened" in s.text for s in article.sentences if s.usable)


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to understand how you use our site. By continuing, you accept our use "
        "of cookies. Accept | Learn more",
        "This website uses cookies. Accept all cookies | Cookie settings",
    ],
)
def test_a_cookie_banner_is_furniture(line: str) -> None:
    assert _classify(line) == "notice"


def test_a_sentence_about_cookies_is_text() -> None:
    assert _classify("The bakery said it would use cookies as prizes at the fair.") is None
