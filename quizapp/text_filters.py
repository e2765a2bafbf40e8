"""Template filters shared by the student and teacher pages."""

from __future__ import annotations

import re

from flask import Flask

_LEAD_IN = re.compile(
    r"\s*(?:the article says|from the article|in the article|the text says)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_QUOTES = " \"'“”‘’"


def explanation_without_quote(explanation: str | None, evidence: str | None) -> str:
    """The explanation's own words, without the quoted evidence the page already shows.

    Generated explanations end with the evidence quote (exports carry it as general feedback);
    a page that shows the quote as its own block would otherwise say it twice. An explanation
    that does not contain the evidence (for example one a teacher rewrote) is left as it is.
    """
    text = (explanation or "").strip()
    if not evidence or evidence not in text:
        return text
    start = text.find(evidence)
    before = _LEAD_IN.sub("", text[:start].rstrip(_QUOTES)).rstrip()
    after = text[start + len(evidence) :].lstrip(_QUOTES).strip()
    return " ".join(part for part in (before, after) if part)


def init_app(app: Flask) -> None:
    app.add_template_filter(explanation_without_quote, "without_quote")
