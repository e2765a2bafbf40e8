from __future__ import annotations

import pytest

from quizapp.text_filters import explanation_without_quote

EVIDENCE = "Each spent about 10 minutes outside the capsule."


@pytest.mark.parametrize(
    ("explanation", "expected"),
    [
        (
            f'Each one was outside for about 10 minutes. The article says: "{EVIDENCE}"',
            "Each one was outside for about 10 minutes.",
        ),
        (
            f"They were outside for 10 minutes. From the article: “{EVIDENCE}”",
            "They were outside for 10 minutes.",
        ),
        ("A teacher wrote this instead.", "A teacher wrote this instead."),
        (EVIDENCE, ""),
        ("", ""),
        (None, ""),
    ],
)
def test_explanation_without_quote(explanation: str | None, expected: str) -> None:
    assert explanation_without_quote(explanation, EVIDENCE) == expected


def test_no_evidence_keeps_explanation() -> None:
    assert explanation_without_quote("Plain words.", None) == "Plain words."
