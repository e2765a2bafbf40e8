"""Kid-friendly explanations: one plain sentence plus the quote of the evidence sentence."""

from __future__ import annotations

from question_bank.distractors import Item
from question_bank.types import OptionDraft

_LOWER_STARTS = ("The ", "A ", "An ")


def _inline(statement: str) -> str:
    """A statement ready to follow "The article says": lower-case a leading article word."""
    s = statement.strip().rstrip(".")
    if s.startswith(_LOWER_STARTS):
        s = s[0].lower() + s[1:]
    return s


def explanation(item: Item) -> str:
    """One plain sentence saying what the article says, then the quote."""
    cand = item.cand
    quote = f"From the article: “{cand.evidence.text.strip()}”"
    if item.kind == "true_false":
        if item.truth:
            return f"True! The article says {_inline(cand.statement)}. {quote}"
        return (
            f"False. The article says {_inline(cand.statement)} "
            f"({cand.key_in_statement}, not {item.swapped}). {quote}"
        )
    return f"The answer is {cand.key}. The article says {_inline(cand.statement)}. {quote}"


def with_feedback(item: Item) -> tuple[OptionDraft, ...]:
    """Options with short feedback: wrong options get a gentle "Not quite" and the fact."""
    out = []
    for o in item.options:
        if item.kind == "true_false":
            fb = (
                "Well done!"
                if o.correct
                else f"Not quite! The article says {_inline(item.cand.statement)}."
            )
        elif o.correct:
            fb = "Well done!"
        else:
            fb = f"Not quite! The article says {_inline(item.cand.statement)}."
        out.append(OptionDraft(text=o.text, correct=o.correct, feedback=fb))
    return tuple(out)
