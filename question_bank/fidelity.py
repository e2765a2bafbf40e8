"""Checks that a shortened statement keeps the meaning of its evidence sentence.

Cheap, parse-based checks on the one parse of the article (no re-parse): a true/false
statement must not drop a measurement or a quantity that the evidence gives for a word it keeps
("A crack about 3 kilometres long opened in the ground" -> "A crack opened in the ground" is a
truism), must not keep "everyone"/"those" without the relative clause that says who, must not
cut a name at an inner "and"/"of", and must not restate the headline (answerable without
reading).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Container, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from question_bank.analysis import NAME_LABELS
from question_bank.candidates import _lead_children
from question_bank.gates import _SETTING_NOUNS, _WORLD_NOUNS
from question_bank.rx import rx
from question_bank.verbatim import _known, _title_lemmas

if TYPE_CHECKING:  # pragma: no cover
    from question_bank.distractors import Item
    from question_bank.nlp import ParsedArticle

_MEASURE_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# dependency links that attach a measurement to a word without a clause in between
_PHRASAL = frozenset(
    {"nummod", "npadvmod", "amod", "quantmod", "compound", "pobj", "prep", "advmod", "nmod",
     "appos", "attr", "acomp", "dobj"}
)  # fmt: skip
_EMPTY_HEADS = frozenset(
    {"everyone", "everybody", "everything", "anyone", "anybody", "anything", "those", "all",
     "people", "someone", "something", "one", "ones", "many", "some", "others"}
)  # fmt: skip
_STOP = frozenset(
    {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "from",
     "is", "was", "are", "were", "be", "been", "has", "have", "had", "it", "its", "as", "that"}
)  # fmt: skip
_WORD = re.compile(r"\d[\d,.]*\d|[A-Za-z0-9][A-Za-z0-9'’-]*")


def _stem_words(stem: str) -> set[str]:
    return {w.lower().strip("'’") for w in _WORD.findall(stem)}


def _is_measure(t: Any) -> bool:
    if not t.like_num:
        return False
    return t.ent_type_ in _MEASURE_LABELS or (not t.ent_type_ and t.text[:1].isdigit())


def dropped_measure(statement: str, sent: Any) -> str | None:
    """The (true) statement keeps a word whose measurement in the evidence it drops."""
    words = _stem_words(statement)
    depth = 0
    inside: set[int] = set()
    for t in sent:  # "(10.52 GMT)": a conversion in brackets may go
        depth += t.text in "(["
        if depth:
            inside.add(t.i)
        depth -= t.text in ")]" and depth > 0
    for t in sent:
        if not _is_measure(t) or t.lower_ in words or t.i in inside:
            continue
        if not t.text[:1].isdigit() and t.dep_ != "nummod":
            continue  # "one of its crew": a pronoun-like number, not a measurement
        h, hops, via_prep = t, 0, False
        while h.dep_ in _PHRASAL and h.head.i != h.i and hops < 5:
            if h.dep_ == "appos" and h.lower_ not in words and via_prep:
                break  # "..., a trip of about 60 miles": an aside dropped whole
            via_prep = via_prep or h.dep_ in ("prep", "pobj")
            h = h.head
            hops += 1
            if h.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and h.lower_ in words:
                if h.pos_ == "VERB" and h.dep_ not in ("ROOT", "conj"):
                    break
                return f"dropped the measurement '{t.text}' of '{h.text}': a truism"
    for t in sent:
        if t.lower_ not in _EMPTY_HEADS or t.lower_ not in words:
            continue
        kids = [c for c in t.children if c.dep_ in ("relcl", "acl", "prep")]
        if (
            t.pos_ in ("PRON", "NOUN", "DET")
            and kids
            and not any(c.lower_ in words and c.dep_ != "prep" for c in kids)
        ):
            return f"dropped what '{t.text}' means"
    return None


_FOCUS = frozenset(
    {"only", "never", "almost", "nearly", "hardly", "barely", "just", "rarely", "seldom",
     "mostly", "mainly", "partly", "usually", "sometimes", "often"}
)  # fmt: skip


def dropped_focus(statement: str, sent: Any) -> str | None:
    """A focus or frequency adverb of a kept word is dropped: "The bridge was only ever meant
    to be raised in an emergency" without "only" says the opposite."""
    words = _stem_words(statement)
    for t in sent:
        if t.lower_ not in _FOCUS or t.lower_ in words or t.dep_ not in ("advmod", "quantmod"):
            continue
        head = t.head
        while head.pos_ == "ADV" and head.dep_ == "advmod" and head.lower_ not in words:
            head = head.head  # "only ever meant": the adverb chain ends at the verb
        if head.lower_ in words or head.lemma_.lower() in words:
            return f"dropped the qualifier '{t.text}'"
    return None


_TIME_MARKS = frozenset({"when", "after", "before", "until", "since", "once"})
_WHEN_WORDS = re.compile(
    r"\d|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|yesterday|today)\b"
)


def dropped_time_clause(statement: str, sent: Any) -> str | None:
    """The only time information, a clause with a number or date ("when he was 21 years
    old"), is dropped from a statement that keeps its verb: what is left ("Ibn Battuta left
    home", "Maya learned to play chess") is a truism."""
    if _WHEN_WORDS.search(statement):
        return None  # the statement still says when
    words = _stem_words(statement)
    for v in sent:
        if v.dep_ != "advcl" or v.lower_ in words:
            continue
        if v.head.lower_ not in words and v.head.lemma_.lower() not in words:
            continue
        marks = [c for c in v.children if c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS]
        timed = any(
            t.like_num and t.ent_type_ != "ORDINAL" or t.ent_type_ in ("DATE", "TIME")
            for t in v.subtree
        )
        if marks and timed:
            return f"dropped the time clause '{marks[0].text} ...'"
    return None


def lost_co_subject(statement: str, sent: Any, ents: Sequence[Any] | None = None) -> str | None:
    """The evidence's subject joins two or more people ("A then B became the first two ...",
    "A and B each ..."); a statement that keeps only one of them says something else."""
    root = sent.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1:
        return None
    head = subj[0]
    lo, hi = head.left_edge.i, head.right_edge.i
    # names inside a relative clause or a prepositional phrase are not doers
    aside = {
        t.i
        for c in head.subtree
        if c.dep_ in ("relcl", "acl", "prep", "poss") and c.i != head.i
        for t in c.subtree
    }
    people = [
        e
        for e in (sent.ents if ents is None else ents)
        if e.label_ == "PERSON" and lo <= e.start and e.end - 1 <= hi and e.start not in aside
    ]
    if len(people) < 2:
        return None
    doc = sent.doc
    joined = any(
        doc[j].lower_ in ("and", "then", "&", "with", "plus")
        for a, b in zip(people, people[1:], strict=False)
        for j in range(a.end, b.start)
    )
    if not joined:
        return None
    kept = [e for e in people if e.text in statement or e.text.split()[-1] in statement]
    if 0 < len(kept) < len(people):
        return "dropped one of the subject's names"
    return None


def name_cut(item: Item, sent: Any, ents: Sequence[Any] | None = None) -> str | None:
    """A multi-word name cut at an inner "and"/"of"/"the" ("Now and Then" -> "Now");
    ``ents`` are ``sent.ents`` when the caller has them already."""
    stem = item.stem
    for ent in sent.ents if ents is None else ents:
        if ent.label_ not in NAME_LABELS and ent.label_ != "WORK_OF_ART":
            continue
        if ent.text in stem or len(ent) < 3:
            continue
        for k in range(1, len(ent) - 1):
            if ent[k].lower_ not in ("and", "of", "&", "the", "for", "in", "on"):
                continue
            prefix = ent[:k].text
            m = re.search(r"(?<![A-Za-z])" + re.escape(prefix) + r"(?![A-Za-z])", stem)
            if m is None:
                break
            rest = stem[m.end() :].lstrip()
            if not rest.lower().startswith(ent[k].lower_):
                return f"the name '{ent.text}' is cut to '{prefix}'"
            break
    return _title_chain_cut(stem, sent)


_CHAIN_LINKS = frozenset({"for", "of"})


def _cap(t: Any) -> bool:
    return bool(t.text[:1].isupper() and (t.pos_ == "PROPN" or t.i != t.sent.start))


def _title_chain_cut(stem: str, sent: Any) -> str | None:
    """A title-case name whose parse is split ("Smart Lander for Investigating Moon": the
    model tags only part of it) cut before its "for"/"of" ("the Smart Lander")."""
    toks = list(sent)
    for k in range(1, len(toks) - 1):
        link = toks[k]
        if link.lower_ not in _CHAIN_LINKS or not _cap(toks[k + 1]) or not _cap(toks[k - 1]):
            continue
        if toks[k - 1].pos_ != "PROPN" or toks[k + 1].ent_type_ in ("DATE", "TIME"):
            continue
        j = k - 1
        while j > 0 and _cap(toks[j - 1]):
            j -= 1
        prefix = sent.doc[toks[j].i : link.i].text
        m = re.search(r"(?<![A-Za-z])" + re.escape(prefix) + r"(?![A-Za-z])", stem)
        if m is None:
            continue
        if not stem[m.end() :].lstrip().lower().startswith(link.lower_):
            e = k + 1
            while e + 1 < len(toks) and _cap(toks[e + 1]):
                e += 1
            return f"the name '{sent.doc[toks[j].i : toks[e].i + 1].text}' is cut to '{prefix}'"
    return None


def _lemmas(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in _STOP or len(w) < 3:
            continue
        out.add(w)
    return out


def _close(a: str, b: str) -> bool:
    return a == b or len(os.path.commonprefix((a, b))) >= max(4, min(len(a), len(b)) - 2)


def restates_title(item: Item, title: str | None) -> str | None:
    """A true/false statement from the lead that says what the headline says: guessable."""
    if not title or item.kind != "true_false" or item.cand.sentence_position > 1:
        return None
    words = _lemmas(item.stem)
    tw = _lemmas(title)
    if len(words) < 3:
        return None
    hit = sum(1 for w in words if any(_close(w, x) for x in tw))
    if hit * 4 >= len(words) * 3:
        return "restates the headline: answerable without reading"
    return None


_RATE = re.compile(
    r"\b(?:every|each|per|a|an) (?:day|week|month|year|hour|night|morning|evening|weekend|term)\b",
    re.I,
)
_AMOUNT = re.compile(r"\d|\b(?:hours?|minutes?|seconds?|days?|weeks?|an hour|a minute)\b", re.I)


def dropped_rate(statement: str, sent: Any) -> str | None:
    """The statement keeps an amount but drops how often ("practises for about an hour" from
    "... for about an hour every day"): without the rate the amount means something else."""
    if not _AMOUNT.search(statement):
        return None
    for m in _RATE.finditer(sent.text):
        if m.group(0).lower() not in statement.lower():
            return f"dropped the rate '{m.group(0)}'"
    return None


_EXCEPTIONS = frozenset({"aside", "apart", "other", "except", "excluding", "besides", "barring"})


_FRONT_DOMAIN = re.compile(
    r"^(?:In|At|During|Inside|Within|Under|For)\s+(?:a|an|the|each|every|this|that)\s+"
    r"((?:[\w'’-]+\s+){0,3}?[\w'’-]+),\s"
)


def dropped_domain(stem: str, evidence: str) -> str | None:
    """The sentence opens with the setting its claim holds in ("In a spell-off, every correct
    word earns a point"; "Under the new rules, ..."); a stem without that setting states a
    general claim the article does not make. Times and numbers are left to other checks."""
    m = _FRONT_DOMAIN.match(evidence.strip())
    if m is None or re.search(r"\d", m.group(1)):
        return None
    head = m.group(1).split()[-1].lower()
    if head in (
        "meantime",
        "end",
        "past",
        "future",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "year",
        "month",
        "day",
        "time",
        "meanwhile",
        "decades",
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "way",
        "case",
    ):
        return None  # a time or a manner, not a setting
    if re.search(rf"\b{re.escape(head[:5])}", stem.lower()):
        return None
    return f"dropped the setting '{m.group(0).strip().rstrip(',')}' the claim holds in"


def dropped_exception(statement: str, sent: Any) -> str | None:
    """The sentence limits its claim with an exception ("Aside from storms, landings are
    the most dangerous part") that the statement drops: the shortened claim is wider."""
    words = _stem_words(statement)
    for t in sent:
        low = t.lower_
        nxt = t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""
        if low in ("aside", "apart", "other") and nxt != ("than" if low == "other" else "from"):
            continue  # "took the clock apart": a particle, not an exception
        if low in _EXCEPTIONS and low not in words:
            return f"dropped the exception '{t.text} {nxt} ...'"
    return None


_TIME_NOUNS = frozenset(
    {"day", "week", "month", "year", "decade", "century", "morning", "afternoon", "evening",
     "night", "summer", "winter", "spring", "autumn", "season", "weekend", "time", "era"}
)  # fmt: skip


def _timed(t: Any) -> bool:
    """A noun phrase that says when ("that week", "last summer", "each year")."""
    return t.lemma_.lower() in _TIME_NOUNS or t.ent_type_ == "DATE"


# verbs of saying: an opening "As the minister said," is an attribution, not a scene
_SAYING = frozenset({"say", "tell", "report", "announce", "add", "explain", "write"})


def dropped_opening(statement: str, sent: Any, verb: str = "") -> str | None:
    """A scene-setting phrase before the subject ("After the flood,", "Little more than a
    year ago", "In a heatwave,", "For the home side,", "When they are frightened,") limits
    the whole clause: the statement without it says more than the article does ("Kelby
    Rovers were bottom of the league"). One-word openers ("But", "However", "Luckily",
    "Yesterday"), attributions and purposes ("To date the bones,") may go; a phrase whose
    words the statement keeps (moved to the end) is kept. On the rated sets, statements that
    dropped such a phrase were acceptable 7 of 30 times, the other shortened statements 90
    of 189. ``verb``: the lemma of the statement's verb; a fact the clause only mentions (a
    role in an appositive) is not scoped by the opening. A time phrase after the subject
    ("The weather that week was cold") may not be dropped either."""
    root = sent.root
    clause_verbs = {root.lemma_.lower()} | {
        c.lemma_.lower() for c in root.children if c.dep_ == "conj"
    }
    if verb and verb.lower() not in clause_verbs:
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
    if not subjects:
        return None
    subj = subjects[-1]  # "Hundreds of years ago, wolves lived ...": the tagger's two subjects
    words = _stem_words(statement)
    before = {c.i for c in _lead_children(root, subj)} | {
        c.i for c in subjects[:-1] if c.dep_ in ("nsubj", "nsubjpass")
    }
    for c in root.children:
        after = c.i >= subj.left_edge.i
        if after and not (c.dep_ == "npadvmod" and _timed(c)):
            continue  # (kept: "The sea that week was calm", a time phrase after it)
        if not after and c.i not in before:
            continue
        span = c.doc[c.left_edge.i : c.right_edge.i + 1]
        if len(span) == 1:
            continue  # "But", "However", "Luckily", "Yesterday": links, comments, deixis
        if c.dep_ == "advcl" and any(t.lemma_.lower() in _SAYING for t in span):
            continue  # "As the minister said, ...": an attribution
        if c.dep_ == "advcl" and span[0].lower_ == "to" and span[1].tag_ == "VB":
            continue  # "To date the bones, ...": a purpose, which the claim does not need
        content = [t for t in span if (t.is_alpha and not t.is_stop) or t.like_num]
        if content and not all(t.lower_ in words or t.lemma_.lower() in words for t in content):
            return f"dropped the {'time' if after else 'opening'} '{span.text}'"
    return None


def cut_before_verb(statement: str, sent: Any) -> str | None:
    """The statement is the start of its sentence cut just before a finite verb ("A group of
    volunteers called the Ludlow Clock Friends." from "... called the Ludlow Clock Friends
    raised £62,000 ..."): the parse took a participle for the main verb; the shown words do
    not say what the sentence says."""
    head = statement.strip().rstrip(".").strip()
    text = sent.text
    if not head or not text.startswith(head) or len(head) >= len(text.rstrip(". ")):
        return None
    at = sent.start_char + len(head)
    for t in sent:
        if t.idx < at or t.is_punct and t.text != ",":
            continue
        if t.text == ",":
            return None  # a clause ends there: a cut at a comma may be a whole clause
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return f"cut before the verb '{t.text}': the shown words are not the sentence's fact"
        return None
    return None


def _align(statement: str, sent: Any) -> list[int]:
    """The sentence tokens (document indices) the statement's words keep, matched in order
    (a word not found, a swapped value or a resolved pronoun's name, is skipped)."""
    toks = list(sent)
    out: list[int] = []
    j = 0
    for w in _WORD.findall(statement):
        low = w.lower()
        for k in range(j, len(toks)):
            if toks[k].lower_ == low:
                out.append(toks[k].i)
                j = k + 1
                break
    return out


_WH_OPENERS = frozenset({"where", "what", "how", "why", "who", "whom", "which", "whether"})
_CONDITION_PREPS = frozenset({"in", "during", "under", "without", "with"})
_ONE_OF_A_KIND = frozenset({"first", "last", "only", "next"})
# adverbs that complete a verb's meaning ("ran aground", "went abroad", "fell apart")
_PLACE_ADVERBS = frozenset(
    {"aground", "ashore", "abroad", "overboard", "home", "away", "apart", "back", "down", "up",
     "out", "off", "together", "ahead", "aside", "upstairs", "downstairs", "inside", "outside",
     "offshore", "overseas", "underground", "uphill", "downhill", "astray", "adrift", "aloft"}
)  # fmt: skip
# verbs of causing a feeling: the point of the sentence is what caused it
_CAUSE_VERBS = frozenset(
    {"surprise", "shock", "amaze", "astonish", "stun", "delight", "impress", "thrill", "excite",
     "upset", "worry", "frighten", "scare", "puzzle", "baffle", "confuse", "disappoint",
     "anger", "annoy", "please", "inspire", "alarm"}
)  # fmt: skip
_ARGUMENT_DEPS = frozenset(
    {"prep", "dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative", "agent", "advcl"}
)


def name_prefix_cut(stem: str, sent: Any) -> str | None:
    """A name of a thing (not a person) shown without the capitalised words that start it
    ("Prediction Center" for "Climate Prediction Center", "World Cup" for "Women's World
    Cup"): a different or broken name."""
    doc = sent.doc
    for t in sent:
        if t.pos_ != "PROPN" or t.ent_type_ == "PERSON" or t.dep_ == "compound":
            continue
        first = t.i  # walk left over the name's capitalised compounds ("Women's" too)
        while first - 1 >= sent.start:
            p = doc[first - 1]
            if p.dep_ == "compound" and p.pos_ == "PROPN" and first <= p.head.i <= t.i:
                first -= 1
            elif (
                p.dep_ == "case"
                and first - 2 >= sent.start
                and doc[first - 2].dep_ == "poss"
                and doc[first - 2].pos_ == "NOUN"
                and doc[first - 2].text[:1].isupper()
                and doc[first - 2].head.i == t.i
            ):
                first -= 2
            else:
                break
        if first == t.i or not doc[first].text[:1].isupper():
            continue
        if doc[first].lower_.rstrip(".") in _TITLE_WORDS:
            continue
        full = sent.doc[first : t.i + 1].text
        for k in range(first + 1, t.i):  # a part of two words or more
            if sent.doc[k].dep_ == "case" or not sent.doc[k].text[:1].isupper():
                continue
            part = sent.doc[k : t.i + 1].text
            shown = rf"(?<![A-Z][\w.'’-] )(?<![\w'’-]){re.escape(part)}(?![\w-])(?! [A-Z])"
            if rx(shown).search(stem) and full not in stem:
                return f"the name '{full}' is cut to '{part}'"
    return None


def glued_clauses(stem: str, evidence: str) -> str | None:
    """Two clauses shown without the ", and" / ", but" that joins them ("X cut a ribbon at
    10am about 300 people queued outside" from "... at 10am, and about 300 people ..."):
    ungrammatical. Text-based: the parser often misreads such a sentence as one clause."""
    for m in re.finditer(r"(\S+),\s+(?:and|but)\s+(\S+)", evidence):
        left, right = m.group(1), m.group(2)
        if rx(rf"(?<!\S){re.escape(left)}\s+{re.escape(right)}(?!\S)").search(stem):
            return f"two clauses joined without their ', {m.group(0).split()[1]}'"
    return None


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)


def dropped_year(stem: str, evidence: str) -> str | None:
    """A date shown without the year the evidence gives it ("on August 12" from "on August
    12, 2045"): a far-off date reads as this year's."""
    for m in re.finditer(
        rf"\b({_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}),?\s+(\d{{4}})\b", evidence
    ):
        day, year = m.group(1), m.group(2)
        if rx(rf"\b{re.escape(day)}\b").search(stem) and year not in stem:
            return f"the date '{day}' without its year {year}"
    return None


_TITLE_WORDS = frozenset(
    {"president", "prime", "minister", "king", "queen", "prince", "princess", "sir", "dame",
     "dr", "professor", "prof", "lord", "lady", "mr", "mrs", "ms", "saint", "st", "mount",
     "lake", "river", "cape", "fort", "port"}
)  # fmt: skip


def lost_argument(statement: str, sent: Any) -> str | None:
    """A shortened statement cut where its verb's argument goes on, so what is left is broken
    or says something else: cut before an object clause ("X worked out." from "X worked out
    where they were"), before an object the verb shares with the next verb ("had to upgrade."
    from "had to upgrade or replace equipment"), inside a title joined by "and" ("tried to
    finish Now." from "... Now and Then"), without what the first/only one did ("became the
    first city in the world." from "... in the world to charge a fee"), or without a fronted
    condition with "a/an" ("The Moon covers the Sun." from "In a total eclipse, ...")."""
    kept = _align(statement, sent)
    if not kept:
        return None
    doc = sent.doc
    keep = set(kept)
    last = doc[kept[-1]]
    nxt = doc[last.i + 1] if last.i + 1 < sent.end else None
    if nxt is not None and nxt.i not in keep:
        if nxt.lower_ in _WH_OPENERS and last.pos_ in ("VERB", "ADP", "PART"):
            return f"cut before the object clause '{nxt.text} ...' of '{last.text}'"
        after = doc[nxt.i + 1] if nxt.i + 1 < sent.end else None
        if nxt.lower_ in ("and", "or", "&") and after is not None and after.i not in keep:
            if _cap(last) and last.i != sent.start and _cap(after) and last.dep_ != "nsubj":
                return f"cut inside the title '{last.text} {nxt.text} {after.text}'"
            if last.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in last.children):
                for c in last.children:
                    if (
                        c.dep_ == "conj"
                        and c.pos_ == "VERB"
                        and c.i == after.i
                        and any(x.dep_ == "dobj" and x.i not in keep for x in c.children)
                    ):
                        return f"'{last.text}' lost the object it shares with '{c.text}'"
    if nxt is not None and nxt.i not in keep:
        if (
            last.pos_ == "NOUN"
            and nxt.dep_ == "prep"
            and nxt.head.i == last.i
            and nxt.lower_ in ("of", "on", "for", "to")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in last.children)
        ):
            return f"'the {last.text}' lost its '{nxt.text} ...' ({nxt.text} what?)"
        if last.ent_type_ in ("DATE", "CARDINAL") and any(
            c.dep_ in ("conj", "appos") and c.i not in keep and c.ent_type_ == last.ent_type_
            for c in last.children
        ):
            return f"a list cut after '{last.text}'"
    root = sent.root
    for c in root.children if root.i in keep else ():
        first_tok = doc[c.left_edge.i]
        if (
            c.dep_ in ("prep", "advcl")
            and c.i > root.i
            and first_tok.lower_ == "since"
            and not any(x.i in keep for x in c.subtree)
            and any(a.lower_ in ("has", "have") for a in root.children if a.dep_ == "aux")
        ):
            return "dropped the 'since ...' a present perfect needs"
    for i in kept:
        t = doc[i]
        # "became the first in the world to ...": the ordinal itself may be the head
        head_ordinal = t.lower_ in _ONE_OF_A_KIND and t.dep_ in ("attr", "dobj")
        if not head_ordinal and (
            t.pos_ != "NOUN"
            or t.dep_ not in ("attr", "dobj")
            or not any(
                c.dep_ in ("amod", "advmod") and (c.lower_ in _ONE_OF_A_KIND or c.tag_ == "JJS")
                for c in t.children
            )
        ):
            continue
        for x in doc[t.i + 1 : sent.end]:
            if x.tag_ == "TO" and x.head.i not in keep and x.i not in keep:
                verb = x.head
                if verb.head.i in (t.i, t.head.i) and verb.i > t.i:
                    return f"dropped what the '{t.text}' one did ('to {verb.text} ...')"
    root = sent.root
    ends_at_root = last.i == root.i or (last.dep_ == "prt" and last.head.i == root.i)
    if root.i in keep and ends_at_root and root.pos_ == "VERB":
        lost = [
            c
            for c in root.children
            if c.i > last.i and c.dep_ in _ARGUMENT_DEPS and not any(x.i in keep for x in c.subtree)
        ]
        if lost and nxt is not None and any(nxt.i in {x.i for x in c.subtree} for c in lost):
            return f"ends at the verb '{root.text}': dropped its '{lost[0].text} ...'"
    if root.i in keep and root.i + 1 < sent.end:
        after_root = doc[root.i + 1]
        if (
            after_root.i not in keep
            and after_root.head.i == root.i
            and (
                after_root.dep_ == "prt"
                or after_root.dep_ in ("advmod", "acomp")
                and after_root.lower_ in _PLACE_ADVERBS
            )
        ):
            return f"dropped '{after_root.text}' from '{root.text} {after_root.text}'"
    if root.i in keep and root.lemma_.lower() in _CAUSE_VERBS:
        for c in root.children:
            if c.i > root.i and c.i not in keep and c.dep_ in ("prep", "advcl"):
                first = doc[c.left_edge.i] if c.dep_ == "advcl" else c
                if first.lower_ in ("by", "when", "with", "after", "because"):
                    return f"'{root.text}' without what caused it ('{first.text} ...')"
    if (
        root.i in keep
        and root.lemma_.lower() == "spend"
        and any(
            c.i > root.i and c.i not in keep and c.dep_ in _ARGUMENT_DEPS for c in root.children
        )
    ):
        return f"'{root.text}' time without what it was spent on"
    if any(doc[i].lower_ == "record" and doc[i].dep_ in ("amod", "compound") for i in keep):
        for ent in sent.ents:
            if ent.label_ == "DATE" and not any(x.i in keep for x in ent):
                return f"'record' without the time it refers to ('{ent.text}')"
    if root.i in keep:
        for c in root.children:
            if c.dep_ != "prep" or c.i > root.i or c.lower_ not in _CONDITION_PREPS:
                continue
            if c.i in keep or any(x.i in keep for x in c.subtree):
                continue
            obj = [x for x in c.children if x.dep_ == "pobj"]
            if obj and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in obj[0].children):
                return f"dropped the condition '{c.text} {doc[c.i + 1].text} ...'"
    return None


_DEMONSTRATIVE = frozenset({"the", "this", "that", "these", "those"})
_POST_PREPS = frozenset({"of", "from", "for", "into", "near", "at", "in", "between", "along", "on"})
_SELF_NAMING = frozenset({"first", "last", "next", "final", "only", "same", "whole", "main"})


def known_nouns(parsed: ParsedArticle) -> frozenset[str]:
    """What a reader knows the article is about: the title's and the first three sentences'
    nouns, and a noun the article uses three times or more (a thing it keeps talking about)."""
    lead = parsed.sentences[0].doc_span if parsed.sentences else None
    out = set(_title_lemmas(parsed.clean.title, lead))
    for ps in parsed.sentences[1:3]:
        out.update(t.lemma_.lower() for t in ps.doc_span if t.pos_ == "NOUN")
    counts = Counter(t.lemma_.lower() for t in parsed.tokens() if t.pos_ == "NOUN")
    out.update(w for w, n in counts.items() if n >= 3)
    return frozenset(out)


def vague_definite(
    stem: str, sent: Any, known: frozenset[str], resolved: Container[int]
) -> str | None:
    """The stem keeps a subject or object "the <noun>" of its sentence that only the article
    can tell apart ("A dog walker spotted the black cases."): not a name's phrase, not the
    title's or the lead's subject, not a thing every reader knows, not pinned down by a
    superlative, an ordinal or a phrase after it, not resolved to a name."""
    low = " " + re.sub(r"[^\w’'-]+", " ", stem.lower()) + " "
    for t in sent:
        if t.dep_ not in ("nsubj", "nsubjpass", "dobj") or t.pos_ != "NOUN":
            continue
        dets = [c for c in t.children if c.dep_ == "det" and c.lower_ in _DEMONSTRATIVE]
        if not dets or t.i in resolved:
            continue
        phrase = sent.doc[dets[0].i : t.i + 1].text.lower()
        if " " + re.sub(r"[^\w’'-]+", " ", phrase) + " " not in low:
            continue
        lemma = t.lemma_.lower()
        if lemma in _WORLD_NOUNS or lemma in _SETTING_NOUNS or _known(t, known):
            continue
        if any(c.dep_ in ("compound", "nmod") and _known(c, known) for c in t.children):
            continue  # "the tournament prize" in an article about a tournament
        after = low.split(" " + re.sub(r"[^\w’'-]+", " ", phrase) + " ", 1)[1].split()
        if after and after[0] in _POST_PREPS:
            continue  # "the roads into Grindavik": pinned down by the phrase after it
        if any(x.pos_ == "PROPN" or x.ent_type_ for x in t.subtree if x.i != t.i):
            continue
        if any(
            x.tag_ in ("JJS", "RBS") or x.lower_ in _SELF_NAMING or x.ent_type_ == "ORDINAL"
            for x in t.subtree
            if x.i < t.i
        ):
            continue
        if any(c.dep_ in ("prep", "relcl", "acl", "poss", "appos") for c in t.children):
            continue  # "the money from the cake sale", "the man who found it"
        if any(x.lemma_.lower() == lemma for x in sent if x.i < dets[0].i):
            continue  # introduced earlier in the same sentence
        return f"vague '{phrase}': only the article says which"
    return None


def iter_fidelity_reasons(
    item: Item,
    parsed: ParsedArticle,
    *,
    known: frozenset[str] | None = None,
    resolved: Container[int] = (),
) -> Iterator[str]:
    """The fidelity problems of the item, one check at a time (none: it keeps the meaning of
    its evidence); a caller who needs only the first stops there.
    ``known`` (the title's and lead's nouns, see ``known_nouns``) turns on the check for a
    vague "the <noun>"; ``resolved`` are the tokens analysis resolved to a name."""
    pos = item.cand.sentence_position
    if not 0 <= pos < len(parsed.sentences):
        return
    sent = parsed.sentences[pos].doc_span
    statement = item.cand.statement or item.stem
    simplified = statement.rstrip(".") != item.cand.evidence.text.strip().rstrip(".")
    if item.kind == "true_false" and simplified:
        r = (
            dropped_measure(statement, sent)
            or dropped_focus(statement, sent)
            or dropped_time_clause(statement, sent)
            or dropped_exception(statement, sent)
            or dropped_rate(statement, sent)
            or lost_argument(statement, sent)
            or dropped_opening(statement, sent, item.cand.slot[0])
        )
        if r:
            yield r
    about_verb = item.cand.slot[0] == sent.root.lemma_.lower()  # not a role/age fact
    ents = parsed.sentences[pos].ents()  # made once per sentence, not per item and check
    r = lost_co_subject(statement, sent, ents) if simplified and about_verb else None
    if r:
        yield r
    r = name_cut(item, sent, ents)
    if r:
        yield r
    r = name_prefix_cut(item.stem, sent)
    if r:
        yield r
    r = dropped_year(item.stem, item.cand.evidence.text)
    if r:
        yield r
    r = dropped_domain(item.stem, item.cand.evidence.text)
    if r:
        yield r
    r = glued_clauses(item.stem, item.cand.evidence.text)
    if r:
        yield r
    r = cut_before_verb(statement, sent) if item.kind == "true_false" else None
    if r:
        yield r
    r = restates_title(item, parsed.clean.title)
    if r:
        yield r
    r = vague_definite(item.stem, sent, known, resolved) if known is not None else None
    if r:
        yield r
