"""Conservative verbatim candidates: a short, plain, self-contained sentence as it stands.

Simplifying a sentence is where most broken statements come from (a name cut at "and", a verb
that lost its object, a dropped measurement that leaves a truism). A sentence that is already
short and plain needs no simplification: it is shown word for word as a true statement, with
one number or name swapped (by the distractor stage) as a false one, and a number in it may be
blanked as a fill-in-the-blank question. "Self-contained" is checked on the parse: a subject
and a finite verb, no pronoun or demonstrative pointing back, no leading connector, no
quotation, no hedging modal, no negation, one clause, and a subject a reader of the quiz can
identify (a name, an indefinite phrase, or a noun of the title or the lead).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from question_bank.analysis import NAME_LABELS, PRONOUNS, ArticleAnalysis, is_name_number
from question_bank.candidates import (
    ATTRIBUTION_VERBS,
    MAX_STEM_WORDS,
    VAGUE_SUBJECTS,
    Candidate,
    answer_type_of,
    is_number_token,
)
from question_bank.nlp import ParsedSentence
from question_bank.types import EvidenceSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

MIN_WORDS = 5
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# a date a child can check on a calendar: "June", "14 June", "December 1817", "Saturday"
_DATE_KEY = (
    rf"(?:(?:(?:{_DAYS}),? )?(?:\d{{1,2}} )?(?:{_MONTHS})(?: \d{{1,2}})?(?:,? (?:1[5-9]|20)\d\d)?"
    rf"|(?:{_DAYS}))"
)
_CLOCK = r"\d{1,2}(?:[.:]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)"
_HEDGES = frozenset(
    {"could", "might", "may", "would", "should", "must", "can", "believe", "think", "expect",
     "likely", "probably", "possibly", "perhaps", "reportedly", "allegedly", "seem", "appear",
     "hope", "plan", "want", "suspicion", "suspect", "say", "claim"}
)  # fmt: skip
_CONTEXT_WORDS = frozenset(
    {"this", "that", "these", "those", "there", "here", "then", "such", "also", "too",
     "other", "another", "again", "instead", "later", "earlier", "afterwards", "meanwhile",
     "however", "still", "yet", "now", "today", "yesterday", "tomorrow", "tonight", "latest",
     "same", "former", "latter", "above", "below", "both", "either", "neither", "last",
     "next", "previous", "following", "recently", "similar", "different", "likewise",
     "equally", "similarly", "already", "back", "remaining"}
)  # fmt: skip
_PERSONAL = PRONOUNS | frozenset(
    {"we", "us", "our", "ours", "i", "me", "my", "mine", "you", "your", "yours", "one"}
)
_DETS_DEFINITE = frozenset({"the"})
# numbers that are a bound, not a value: a swap would not make the statement clearly false
BOUND_WORDS = frozenset(
    {"more", "less", "fewer", "least", "most", "over", "under", "up", "than", "only",
     "below", "above", "within", "beyond"}
)  # fmt: skip


def _title_lemmas(title: str | None, lead: Span | None) -> frozenset[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", title or "")}
    out = set(words)
    out.update(w[:-1] for w in words if w.endswith("s") and len(w) > 3)
    if lead is not None:
        out.update(t.lemma_.lower() for t in lead if t.pos_ == "NOUN")
    return frozenset(out)


def _np_identifiable(head: Token, known: frozenset[str], analysis: ArticleAnalysis) -> bool:
    """A noun phrase a child can identify without the rest of the article."""
    if head.i in analysis.token_mention and analysis.token_mention[head.i].label in NAME_LABELS:
        return True
    if head.pos_ == "PROPN":
        return True
    if head.pos_ != "NOUN":
        return head.like_num  # "30 of them" is not a NOUN head; a bare number is fine
    dets = [c for c in head.children if c.dep_ in ("det", "poss")]
    if not dets:
        return head.tag_ in ("NNS", "NN") and head.lower_ not in VAGUE_SUBJECTS
    det = dets[0]
    if det.dep_ == "poss":
        return det.pos_ == "PROPN" or det.i in analysis.token_mention
    if det.lower_ not in _DETS_DEFINITE:
        return det.lower_ in ("a", "an", "no", "every")
    # "the X": anchored by a name inside the phrase, an of-phrase, or a known topic noun
    for t in head.subtree:
        if t.i != head.i and (t.pos_ == "PROPN" or t.i in analysis.token_mention):
            return True
    return _known(head, known)


def _known(head: Token, known: frozenset[str]) -> bool:
    """The noun is one the title or the lead uses (also derived: "eruption" after "erupts")."""
    lemma = head.lemma_.lower()
    if lemma in known or head.lower_ in known:
        return True
    return any(len(os.path.commonprefix((lemma, w))) >= 5 for w in known)


def main_clause(ps: ParsedSentence) -> tuple[Span, str]:
    """The sentence, or its first clause when a second clause follows after "and"/"but"
    ("The harp had a broken string, and five violins are still missing." -> "The harp had a
    broken string."): the tokens kept and their text, word for word."""
    span = ps.doc_span
    text = ps.span.text.strip()
    root = span.root
    conj = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    ccs = [c for c in root.children if c.dep_ == "cc" and c.lower_ in ("and", "but")]
    if len(conj) != 1 or len(ccs) != 1 or not root.i < ccs[0].i < conj[0].i:
        return span, text
    cut = ccs[0].i
    doc = span.doc
    if doc[cut - 1].text == ",":
        cut -= 1
    tail = {t.i for t in conj[0].subtree} | {ccs[0].i, cut}
    if any(t.i not in tail and t.i >= cut for t in span if not t.is_punct):
        return span, text  # something after the cut belongs to the first clause
    kept = doc[span.start : cut]
    if len(kept) < MIN_WORDS:
        return span, text
    return kept, kept.text.strip() + "."


def plain_sentence(ps: ParsedSentence, analysis: ArticleAnalysis, known: frozenset[str]) -> bool:
    """The sentence (or its main clause) can be shown word for word as one self-contained
    fact."""
    span, text = main_clause(ps)
    n = len(text.split())
    if not MIN_WORDS <= n <= MAX_STEM_WORDS or not text.endswith("."):
        return False
    if re.search(r"[\"“”‘’;:!?()\[\]]|(?<![A-Za-z])'|—|–| - ", text):
        return False  # quotes, asides, lists, dashes
    root = ps.doc_span.root
    finite = root.pos_ in ("VERB", "AUX") and root.tag_ in ("VBD", "VBZ", "VBP", "MD")
    if not finite and not any(c.dep_ in ("aux", "auxpass") and c.i < root.i for c in root.children):
        return False
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1 or subj[0].i > root.i:
        return False
    first = span[0]
    if first.lower_ in _CONTEXT_WORDS or first.dep_ in ("cc", "advmod", "mark", "prep"):
        return False
    if any(c.dep_ in ("neg", "expl", "ccomp", "csubj", "parataxis") for c in root.children):
        return False
    if any(c.dep_ == "advcl" and c.i < root.i for c in root.children):
        return False  # a leading condition or time clause sets the scene for the rest
    if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i < span.end
           for c in root.children):  # fmt: skip
        return False  # two ideas joined: "found the bus and called the police"
    if any(c.dep_ == "punct" and c.text == "," and c.i < span.end for c in root.children):
        return False  # clause-level commas: a second clause or an aside on the verb
    if root.lemma_ in ATTRIBUTION_VERBS:
        return False
    # a modal inside a relative clause ("the most dangerous activity an astronaut can do")
    # describes the noun; it does not hedge the sentence's claim
    in_relcl = {x.i for t in span if t.dep_ == "relcl" for x in t.subtree}
    for t in span:
        low = t.lower_
        if t.tag_ == "MD" and t.i in in_relcl and low in ("can", "could", "will", "would"):
            continue
        if t.pos_ == "PRON" and low in _PERSONAL and t.i not in analysis.resolved:
            return False
        if t.pos_ == "PRON" and low in _PERSONAL:
            return False  # a resolved pronoun still reads as a back reference verbatim
        if low in _CONTEXT_WORDS and t.dep_ in ("det", "advmod", "nsubj", "dobj", "pobj", "amod"):
            return False
        if low in _HEDGES or t.lemma_.lower() in _HEDGES:
            return False
        if t.i in analysis.unresolved or t.i in analysis.resolved:
            return False  # "the town" that means Grindavik: the simplified form names it
        if low in VAGUE_SUBJECTS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return False
        if (
            t.dep_ in ("nsubj", "nsubjpass", "dobj")
            and t.pos_ == "NOUN"
            and not _np_identifiable(t, known, analysis)
        ):
            return False
    return _np_identifiable(subj[0], known, analysis)


def _bounded(t: Token) -> bool:
    doc = t.doc
    # "up" bounds only as "up to" ("up to 10 metres"), not in "made up of six pupils"
    before = {
        doc[j].lower_
        for j in range(max(0, t.i - 3), t.i)
        if doc[j].lower_ != "up" or doc[j + 1].lower_ == "to"
    }
    return bool(before & BOUND_WORDS) or any(c.lower_ in BOUND_WORDS for c in t.children)


def _role(tok: Token) -> str:
    head = tok
    while head.dep_ in ("compound", "flat", "amod", "nummod", "quantmod") and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("nsubj", "nsubjpass"):
        return "nsubj"
    if head.dep_ == "dobj":
        return "dobj"
    if head.dep_ == "pobj":
        return "pobj:" + head.head.lower_
    return head.dep_ or "part"


def _core(tok: Token, root: Token) -> bool:
    """The token is (in) the subject, object or a prepositional object of the root verb."""
    t = tok
    while t.dep_ in ("compound", "flat", "amod", "nummod", "quantmod", "nmod", "poss"):
        t = t.head
    if t.dep_ == "pobj":
        t = t.head.head if t.head.dep_ == "prep" else t
        return t.i == root.i
    return t.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and t.head.i == root.i


def _keys(span: Span, analysis: ArticleAnalysis) -> list[tuple[str, str, str, str, str, str]]:
    """(key, key_in_statement, label, canonical, role, unit) swap targets in preference order:
    a number with its unit, a year, a plain number, then a named person/organisation/place
    (a person or organisation: place swaps are too often also true) in a core role of the
    verb (number swaps give the cleanest false statements)."""
    out: list[tuple[str, str, str, str, str, str]] = []
    names: list[tuple[str, str, str, str, str, str]] = []
    seen: set[int] = set()
    root = span.root
    for t in span:
        m = analysis.token_mention.get(t.i)
        if m is None or m.start in seen or m.label not in ("PERSON", "ORG"):
            continue
        seen.add(m.start)
        if m.start < span.start or m.end > span.end or not _core(span.doc[m.end - 1], root):
            continue
        text = span.doc[m.start : m.end].text
        if text.lower().startswith("the "):
            text = text[4:]
        names.append((m.canonical, text, m.label, m.canonical, _role(span.doc[m.end - 1]), ""))
    for t in span:
        if not is_number_token(t) or _bounded(t) or is_name_number(t):
            continue  # "Apollo 11": the number is part of a name
        if t.ent_type_ in ("DATE", "TIME"):
            continue  # dates and times: below, as whole entities
        if t.ent_type_ not in ("CARDINAL", "QUANTITY", "MONEY", ""):
            continue
        unit = t.head if t.dep_ == "nummod" and t.head.tag_ == "NNS" else None
        if not t.text[:1].isdigit():
            # a number word counts only with its unit: "two cellos", or with at most two
            # describing words between ("six lookout towers", "four new electric cranes")
            if unit is None or t.lower_ in ("one", "a") or not t.i < unit.i <= t.i + 3:
                continue
            between = span.doc[t.i + 1 : unit.i]
            if any(w.dep_ not in ("amod", "compound") or w.head.i != unit.i for w in between):
                continue
            if any(w.pos_ not in ("ADJ", "NOUN") or not w.is_lower for w in between):
                continue
            if len(between):
                key = span.doc[t.i : unit.i + 1].text
                out.append((key, key, "CARDINAL", key, _role(unit), unit.text))
                continue
        elif not re.fullmatch(r"\d[\d,.]*", t.text):
            continue
        if unit is not None and unit.i == t.i + 1:
            key = f"{t.text} {unit.text}"
            out.append((key, key, "CARDINAL", key, _role(unit), unit.text))
        else:  # "30 active volcanic systems": the bare number, the noun stays in the text
            out.append((t.text, t.text, "CARDINAL", t.text, "number", "-"))
    for ent in span.ents:
        text = ent.text
        clock = re.match(_CLOCK, text)
        if ent.label_ == "CARDINAL" and clock and clock.group(0) == text and not _bounded(ent[0]):
            # "9.20pm" tagged as a number: a clock time all the same
            out.append((text, text, "TIME", text, "time", ""))
            continue
        if ent.label_ not in ("DATE", "TIME") or _bounded(ent[0]):
            continue
        if ent.label_ == "TIME" and clock:
            text = clock.group(0)
        elif not (re.fullmatch(r"(1[5-9]|20)\d\d", text) or re.fullmatch(_DATE_KEY, text)):
            continue
        out.append((text, text, ent.label_, text, "time", ""))
    out.sort(key=lambda k: (not k[5], k[2] not in ("DATE", "TIME")))
    out = [(k, i, lab, c, r, "" if u == "-" else u) for k, i, lab, c, r, u in out]
    return out + names


def verbatim_candidates(
    ps: ParsedSentence,
    position: int,
    analysis: ArticleAnalysis,
    known: frozenset[str],
) -> list[Candidate]:
    """The sentence as a true/false statement (one swap target, or true-only when it has
    none) and, for a number with its unit, a fill-in-the-blank MCQ."""
    if not plain_sentence(ps, analysis, known):
        return []
    span, text = main_clause(ps)
    s = ps.span
    ev = EvidenceSpan(text=s.text, start=s.start, end=s.end, sentence_index=s.index)
    lemma = span.root.lemma_.lower()
    subj = next(c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass"))
    sm = analysis.token_mention.get(subj.i)
    subject = sm.canonical if sm is not None else " ".join(t.text for t in subj.subtree)
    keys = [k for k in _keys(span, analysis) if text.count(k[1]) == 1]
    out: list[Candidate] = []
    base = dict(
        statement=text,
        evidence=ev,
        sentence_position=position,
        subject=subject,
        true_statement=text,
    )
    if not keys:
        out.append(
            Candidate(
                kind="true_false",
                transformation="tf-statement",
                stem=text,
                key=subject,
                key_label="",
                answer_type="statement",
                key_in_statement="",
                slot=(lemma, "statement"),
                key_canonical=text,
                **base,  # type: ignore[arg-type]
            )
        )
        return out
    key, in_stmt, label, canonical, role, unit = keys[0]
    out.append(
        Candidate(
            kind="true_false",
            transformation="tf-statement",
            stem=text,
            key=key,
            key_label=label,
            answer_type=answer_type_of(label),
            key_in_statement=in_stmt,
            slot=(lemma, role),
            unit=unit,
            key_canonical=canonical,
            **base,  # type: ignore[arg-type]
        )
    )
    for key, in_stmt, label, canonical, role, unit in keys:
        if label in NAME_LABELS:
            continue  # a blanked name: the stem may not say what kind of name it wants
        blanked = text.replace(in_stmt, "____", 1).rstrip(".") + "."
        transformation = "cloze"
        lead = re.match(r"(?:(about|around|almost|nearly) )?____ ", blanked, re.I)
        if lead and unit and role == "nsubj" and key.lower().endswith(" " + unit.lower()):
            # a count as the subject: "Four whales died on the beach." -> "How many whales
            # died on the beach?" (the subject question keeps the word order)
            approx = f"{lead.group(1).capitalize()} how" if lead.group(1) else "How"
            blanked = f"{approx} many {unit} {blanked[lead.end() :].rstrip('.')}?"
            transformation = "wh-how-many"  # a word key keeps its capital, as its options do
        out.append(
            Candidate(
                kind="mcq",
                transformation=transformation,
                stem=blanked,
                key=key,
                key_label=label,
                answer_type=answer_type_of(label),
                key_in_statement=in_stmt,
                slot=(lemma, role),
                unit=unit,
                key_canonical=canonical,
                **base,  # type: ignore[arg-type]
            )
        )
        break
    return out
