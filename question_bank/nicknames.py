"""Student nicknames: friendly generated ones ("Brave Otter") and checks for typed ones.

A nickname is the only thing a student tells us about themselves, so it is checked carefully:
1-20 characters after NFKC normalisation, trimmed, inner runs of spaces collapsed, and no
control, format (bidi overrides, zero-width), private-use, unassigned or surrogate characters.
Spreadsheet-looking names such as ``=1+1`` are allowed and stored as typed: the CSV export
neutralises them, not this module.
"""

from __future__ import annotations

import random
import unicodedata

MIN_LENGTH = 1
MAX_LENGTH = 20

# Kind words only; every combination must read well aloud to a class.
ADJECTIVES: tuple[str, ...] = (
    "Brave",
    "Bright",
    "Bouncy",
    "Calm",
    "Cheerful",
    "Clever",
    "Cosy",
    "Curious",
    "Daring",
    "Friendly",
    "Gentle",
    "Giggly",
    "Happy",
    "Helpful",
    "Jolly",
    "Kind",
    "Lively",
    "Lucky",
    "Merry",
    "Mighty",
    "Nimble",
    "Patient",
    "Plucky",
    "Polite",
    "Proud",
    "Quick",
    "Quiet",
    "Shiny",
    "Smart",
    "Speedy",
    "Sunny",
    "Swift",
    "Thoughtful",
    "Wise",
    "Zippy",
)
ANIMALS: tuple[str, ...] = (
    "Badger",
    "Beaver",
    "Bee",
    "Dolphin",
    "Duck",
    "Eagle",
    "Falcon",
    "Fox",
    "Frog",
    "Gecko",
    "Giraffe",
    "Hedgehog",
    "Heron",
    "Koala",
    "Lemur",
    "Lion",
    "Llama",
    "Lynx",
    "Meerkat",
    "Moose",
    "Narwhal",
    "Otter",
    "Owl",
    "Panda",
    "Parrot",
    "Penguin",
    "Puffin",
    "Rabbit",
    "Robin",
    "Seal",
    "Sloth",
    "Squirrel",
    "Tiger",
    "Turtle",
    "Walrus",
    "Whale",
    "Wombat",
    "Zebra",
)

# Unicode general categories never allowed in a nickname: controls, format characters (bidi
# overrides and isolates, zero-width joiners and spaces, soft hyphen), surrogates, private use,
# unassigned, and line/paragraph separators.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


class NicknameError(ValueError):
    """The nickname cannot be used; the message is written for a child."""


def generate(rng: random.Random) -> str:
    """A friendly nickname such as "Brave Otter" (always within the length limit)."""
    return f"{rng.choice(ADJECTIVES)} {rng.choice(ANIMALS)}"


def clean(raw: str) -> str:
    """The nickname as it will be stored and shown, or :class:`NicknameError` saying why not."""
    if not raw.strip():
        raise NicknameError("Please type a nickname.")
    # Refuse absurd input before normalising it (NFKC can expand characters).
    if len(raw) > MAX_LENGTH * 8:
        raise NicknameError(f"That nickname is too long. Use at most {MAX_LENGTH} characters.")
    text = unicodedata.normalize("NFKC", raw)
    for ch in text:
        if unicodedata.category(ch) in _FORBIDDEN_CATEGORIES:
            raise NicknameError(
                "That nickname has a hidden or special character. Please retype it."
            )
    # Any kind of space counts as one plain space; ends are trimmed.
    text = " ".join(text.split())
    if len(text) < MIN_LENGTH:
        raise NicknameError("Please type a nickname.")
    if len(text) > MAX_LENGTH:
        raise NicknameError(f"That nickname is too long. Use at most {MAX_LENGTH} characters.")
    return text


def key(nickname: str) -> str:
    """The comparison key: "Otter", "OTTER" and "ｏｔｔｅｒ" are the same name in one quiz."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", nickname).casefold())
