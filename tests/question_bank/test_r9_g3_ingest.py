"""Round 9 (G3): a short plain statement is a sentence; short page furniture is not."""

from __future__ import annotations

import pytest

from question_bank.ingest import clean_article

BODY = (
    "The town council opened a new library on Monday after two years of building work.\n"
    "The building has three floors and a garden where children can read in the summer.\n"
    "More than 400 people visited the library on its first day, the council said.\n"
)


@pytest.mark.parametrize(
    "short",
    [
        "The station cost £350.",
        "Many schools were closed.",
        "The concert was cancelled.",
        "Bookworm runs on electricity.",
        "Not everyone agreed.",
    ],
)
def test_short_statement_is_usable(short: str) -> None:
    article = clean_article(BODY + short + "\n")
    sent = next(s for s in article.sentences if s.text == short)
    assert sent.usable, sent.skip_reason


@pytest.mark.parametrize(
    "furniture",
    [
        "Isaacman now in space!",
        "Crash!",
        "Updated 3 hours ago.",
        "Main image credits.",
        "Pictured above.",
        "It is big.",
        '"Copy," she replies.',
    ],
)
def test_short_furniture_stays_unusable(furniture: str) -> None:
    article = clean_article(BODY + furniture + "\n")
    found = [s for s in article.sentences if s.text == furniture]
    assert not found or not found[0].usable
