from __future__ import annotations

from question_bank.bank import title_from_text
from question_bank.types import CleanArticle, SentenceSpan


def _clean(text: str, usable: bool = True) -> CleanArticle:
    return CleanArticle(
        original=text,
        text=text,
        title=None,
        sentences=(SentenceSpan(0, 0, len(text), text, usable=usable),),
    )


def test_title_from_short_first_sentence() -> None:
    assert title_from_text(_clean("The town opened a new library.")) == (
        "The town opened a new library"
    )


def test_title_from_long_first_sentence_is_cut_at_a_word() -> None:
    text = "The council of the small coastal town voted on Tuesday evening to " * 3 + "x."
    title = title_from_text(_clean(text))
    assert title.endswith("…")
    assert len(title) <= 91
    assert text.startswith(title[:-1])
