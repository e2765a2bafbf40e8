"""Repair one frequent misparse of the small English model, in place, before any stage reads it.

"The new ferry service launched from the harbour in Oban on September 10." is often
parsed with the noun "service" as the root and "launched" as a reduced relative clause
(``acl``), as if the sentence were a headline fragment. A sentence that ends with a full stop
needs a main verb, so when the root is a noun at the head of the opening noun phrase and the
first verb after it is such an ``acl`` (past tense, no subject, auxiliary, marker or comma of
its own, with a complement), that verb becomes the root and the noun its subject. Nothing else
in the tree moves, so every stage (candidates, gates, fidelity) sees one consistent parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from question_bank.nlp import ParsedArticle


def _head_of_opening_phrase(span: Span) -> int:
    """Index (in the doc) of the last noun of the sentence's opening run of determiners,
    adjectives, numbers and nouns; -1 when the sentence does not open with a noun phrase."""
    last = -1
    for t in span:
        if t.pos_ in ("NOUN", "PROPN"):
            last = t.i
        elif t.pos_ not in ("DET", "ADJ", "NUM", "PART") and t.dep_ not in ("poss", "case"):
            break
    return last


def acl_main_verb(span: Span) -> Token | None:
    """The verb the parse hung as an ``acl`` though it is the sentence's main verb."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i != _head_of_opening_phrase(span):
        return None
    if not span.text.rstrip().endswith("."):
        return None
    for t in span:
        if t.i <= root.i:
            continue
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "acl":
            return None  # another verb first: not this misparse
        if t.dep_ != "acl":
            continue
        if t.pos_ != "VERB" or t.tag_ not in ("VBD", "VBN"):
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in t.children):
            return None
        if span.doc[t.i - 1].is_punct or t.i - span.start < 2:
            return None
        if not any(c.dep_ in ("prep", "dobj", "npadvmod", "advmod") for c in t.children):
            return None
        if any(x.dep_ == "agent" or x.lower_ == "by" for x in t.children):
            return None  # "the bridge designed by ...": a real passive participle
        return t
    return None


def repair_parse(parsed: ParsedArticle) -> int:
    """Make each misparsed ``acl`` verb its sentence's root; returns how many were repaired.
    The sentence boundaries (ingest's) are checked unchanged, else the repair is undone."""
    doc = parsed.doc
    before = [(ps.doc_span.start, ps.doc_span.end) for ps in parsed.sentences]
    starts = [t.is_sent_start for t in doc]
    done = 0
    for ps in parsed.sentences:
        span = ps.doc_span
        verb = acl_main_verb(span)
        if verb is None:
            continue
        noun = span.root
        punct = [c for c in noun.children if c.dep_ == "punct" and c.i > verb.i]
        saved = [(t, t.head, t.dep_, t.tag_) for t in (verb, noun, *punct)]
        try:
            verb.head = verb
            verb.dep_ = "ROOT"
            if verb.tag_ == "VBN":
                verb.tag_ = "VBD"
            noun.head = verb
            noun.dep_ = "nsubj"
            for p in punct:
                p.head = verb
        except (ValueError, AttributeError):  # pragma: no cover - spaCy refused the edit
            for t, head, dep, tag in saved:
                t.head, t.dep_, t.tag_ = head, dep, tag
            continue
        ok = (
            [t.is_sent_start for t in doc] == starts
            and ps.doc_span.root.i == verb.i
            and [(p.doc_span.start, p.doc_span.end) for p in parsed.sentences] == before
        )
        if not ok:  # pragma: no cover - defensive
            for t, head, dep, tag in saved:
                t.head, t.dep_, t.tag_ = head, dep, tag
            continue
        done += 1
    return done
