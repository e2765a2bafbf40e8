"""Kid-friendly explanations: one plain sentence stating the fact, then the quoted evidence.

Format: ``<one sentence> The article says: "<evidence>"``. The sentence states the fact (for a
false true/false item it also gives the right value: "... 10 minutes, not 20 minutes."); it never
repeats the answer as "The answer is X." The quote is kept for exports (general feedback); the
web page strips it when it shows the evidence as its own block.
"""

from __future__ import annotations

import re

from question_bank.distractors import Item
from question_bank.types import OptionDraft

_LOWER_STARTS = ("The ", "A ", "An ")


def _inline(statement: str) -> str:
    """A statement ready to follow "The article says": lower-case a leading article word."""
    s = statement.strip().rstrip(".")
    if s.startswith(_LOWER_STARTS):
        s = s[0].lower() + s[1:]
    return s


def _sentence(text: str) -> str:
    s = text.strip().rstrip(".!?").strip()
    if not s:
        return ""
    return s[0].upper() + s[1:] + "."


def fact_sentence(item: Item) -> str:
    """The one plain sentence stating the fact the item tests."""
    cand = item.cand
    statement = cand.true_statement or cand.statement
    if item.kind == "true_false" and item.truth is False and item.swapped:
        return _sentence(
            _corrected(
                statement.strip().rstrip("."), cand.key_in_statement or cand.key, item.swapped
            )
        )
    return _sentence(statement)


def _corrected(statement: str, right: str, wrong: str) -> str:
    """The true statement with the wrong value set beside the right one: "Giraffes are
    pregnant for about 15 months, not 20 months." / "Sara Hill, not Sam Lee, was ..."."""
    at = statement.find(right)
    if at < 0:
        return f"{statement} ({right}, not {wrong})"
    end = at + len(right)
    rest = statement[end:]
    unit = re.match(r" ([a-z]+)\b", rest)
    if unit and right[:1].isdigit() and wrong[:1].isdigit():
        end += unit.end()
        rest = statement[end:]
        right_w, wrong_w = right + unit.group(0), wrong + unit.group(0)
    else:
        right_w, wrong_w = right, wrong
    head = statement[:at] + right_w
    if not rest.strip():
        return f"{head}, not {wrong_w}"
    return f"{head}, not {wrong_w},{rest}"


def explanation(item: Item) -> str:
    """One plain sentence saying what the article says, then the quote."""
    quote = item.cand.evidence.text.strip().replace('"', "'")
    return f'{fact_sentence(item)} The article says: "{quote}"'


def with_feedback(item: Item) -> tuple[OptionDraft, ...]:
    """Options with short feedback: wrong options get a gentle "Not quite" and the fact."""
    fact = fact_sentence(item)
    out = []
    for o in item.options:
        fb = "Well done!" if o.correct else f"Not quite! {fact}"
        out.append(OptionDraft(text=o.text, correct=o.correct, feedback=fb))
    return tuple(out)
