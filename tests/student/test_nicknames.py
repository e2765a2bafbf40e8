"""question_bank.nicknames: generated names and the rules for typed ones (no database)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from question_bank import nicknames


def test_generated_nicknames_are_friendly_and_valid() -> None:
    rng = random.Random(7)
    names = {nicknames.generate(rng) for _ in range(200)}
    assert len(names) > 50  # actually random, not one fixed name
    for name in names:
        adjective, animal = name.split(" ")
        assert adjective in nicknames.ADJECTIVES and animal in nicknames.ANIMALS
        assert nicknames.clean(name) == name
    longest = max(len(a) for a in nicknames.ADJECTIVES) + 1 + max(len(a) for a in nicknames.ANIMALS)
    assert longest <= nicknames.MAX_LENGTH


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Otter  ", "Otter"),
        ("Brave\u00a0\u00a0 Otter", "Brave Otter"),
        ("ＯＴＴＥＲ", "OTTER"),  # NFKC folds full-width letters
        ("=1+1", "=1+1"),
        ("@SUM(1)", "@SUM(1)"),
        ("Zoë", "Zoë"),
        ("x" * 20, "x" * 20),
        ("ﬁsh", "fish"),
    ],
)
def test_clean_accepts(raw: str, expected: str) -> None:
    assert nicknames.clean(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "\t\n",
        "x" * 21,
        "x" * 10_000,
        "Ot\x00ter",
        "Otter\x1b[31m",
        "\u202eretto",  # right-to-left override
        "Ot\u2066ter",  # bidi isolate
        "Ot\u200bter",  # zero-width space
        "Ot\u200dter",  # zero-width joiner
        "Ot\ufeffter",  # BOM
        "Ot\u2028ter",  # line separator
        "Ot\ue000ter",  # private use
    ],
)
def test_clean_refuses(raw: str) -> None:
    with pytest.raises(nicknames.NicknameError):
        nicknames.clean(raw)


def test_length_counts_after_nfkc() -> None:
    # "㍻" is one character that NFKC expands to two: eleven of them become 22.
    with pytest.raises(nicknames.NicknameError, match="too long"):
        nicknames.clean("㍻" * 11)


def test_key_folds_case_and_width() -> None:
    assert nicknames.key("Otter") == nicknames.key("OTTER") == nicknames.key("ｏｔｔｅｒ")
    assert nicknames.key("Straße") == nicknames.key("STRASSE")
    assert nicknames.key("Otter") != nicknames.key("Otters")


@given(st.text(max_size=60))
def test_clean_either_refuses_or_returns_a_safe_stored_form(raw: str) -> None:
    try:
        cleaned = nicknames.clean(raw)
    except nicknames.NicknameError:
        return
    assert 1 <= len(cleaned) <= nicknames.MAX_LENGTH
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert nicknames.clean(cleaned) == cleaned  # idempotent
    assert len(nicknames.key(cleaned)) <= 80  # fits Attempt.nickname_key
