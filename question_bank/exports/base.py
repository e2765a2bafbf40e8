"""What every exchange format shares: the imported-question value, errors, names, feedback.

An export followed by an import must give back the same questions, keys, feedback and
evidence, so the pieces both directions depend on live here: the ``q<id>v<version>`` name,
how the general feedback is built from the explanation and the evidence (and split again),
and :class:`ImportedQuestion`, the format-independent result of every importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from question_bank.models import Option, Question, QuestionKind


class ImportFormatError(ValueError):
    """The file is not valid GIFT / Moodle XML (or uses something we cannot import).

    The message is meant for the teacher and says where the problem is.
    """


@dataclass(frozen=True)
class ImportedOption:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class ImportedQuestion:
    """One question read from an exchange file, before it is stored."""

    kind: QuestionKind
    stem: str
    options: tuple[ImportedOption, ...]
    explanation: str = ""
    evidence_text: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    source_id: int | None = None
    source_version: int | None = None
    # The article title (our category), when the file says it.
    category: str | None = None

    @classmethod
    def from_question(cls, question: Question) -> ImportedQuestion:
        """What an import of ``question``'s export must give back (used by round-trip tests)."""
        return cls(
            kind=question.kind,
            stem=question.stem,
            options=tuple(
                ImportedOption(o.text, o.is_correct, o.feedback or "") for o in question.options
            ),
            explanation=question.explanation or "",
            evidence_text=question.evidence_text,
            evidence_start=question.evidence_start,
            evidence_end=question.evidence_end,
            source_id=question.id,
            source_version=question.version,
            category=question.article.title,
        )


# ---------------------------------------------------------------- names


NAME_RE = re.compile(r"^q(\d+)v(\d+)$")


def question_name(question: Question) -> str:
    """The exported name and idnumber of a question version: ``q<id>v<version>``."""
    return f"q{question.id}v{question.version}"


def parse_question_name(name: str | None) -> tuple[int | None, int | None]:
    match = NAME_RE.match((name or "").strip())
    if not match:
        return None, None
    return int(match.group(1)), int(match.group(2))


def true_false_options(question: Question) -> tuple[Option, Option]:
    """The True and the False option of a true/false question (by text, else by position)."""
    by_text = {o.text.strip().casefold(): o for o in question.options}
    true_opt = by_text.get("true", question.options[0] if question.options else None)
    false_opt = by_text.get("false", question.options[1] if len(question.options) > 1 else None)
    if true_opt is None or false_opt is None or true_opt is false_opt:
        raise ValueError(f"True/false question {question.id} needs a True and a False option.")
    return true_opt, false_opt


# XML 1.0 cannot carry these code points (lxml refuses them): replaced, never silently dropped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


# ---------------------------------------------------------------- general feedback

QUOTE_LEAD = "The article says: "


def quote_sentence(evidence: str) -> str:
    return f'{QUOTE_LEAD}"{evidence}"'


def general_feedback(explanation: str, evidence: str | None) -> str:
    """The explanation followed by the quote of the evidence (unless it already quotes it)."""
    explanation = explanation or ""
    if not evidence or evidence in explanation:
        return explanation
    if not explanation:
        return quote_sentence(evidence)
    return f"{explanation} {quote_sentence(evidence)}"


def split_general_feedback(feedback: str, evidence: str | None) -> str:
    """The explanation back from :func:`general_feedback`.

    The exact inverse for every non-empty explanation; an empty explanation comes back as the
    quote itself (the general feedback cannot tell the two apart, and the quote explains).
    """
    if not evidence:
        return feedback
    quote = quote_sentence(evidence)
    if feedback.endswith(" " + quote):
        head = feedback[: -len(quote) - 1]
        # general_feedback() appends the quote only when the explanation lacks the evidence.
        if evidence not in head:
            return head
    return feedback


# ---------------------------------------------------------------- HTML to text


class _TextExtractor(HTMLParser):
    BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Text of an HTML fragment: tags dropped (script/style with their content), entities decoded.

    Text we exported as escaped HTML comes back exactly (``&lt;script&gt;`` is text, not a tag).
    """
    if "<" not in html and "&" not in html:
        return html
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    return text.strip("\n") if "<" in html else text
