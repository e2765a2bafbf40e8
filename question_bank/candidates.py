"""Overgenerate question candidates from the dependency parse of usable sentences.

Each usable sentence is reduced to one simple clause (subject, auxiliaries, verb, the verb's
objects and prepositional phrases), dropping appositives, parentheticals, relative and adverbial
clauses, leading adverbials and attribution. From that clause we build:

* wh-questions whose wh-word comes from the answer's type (Who / When / Where / How many /
  How much / How old / Which <noun>), with do-support or subject-aux inversion;
* a cloze ("____") when the answer sits inside a phrase a wh-question would mangle;
* the declarative statement (for true/false and explanations) with the answer's substring, so a
  false statement can swap exactly one value.

Candidates carry no options yet; ``distractors`` adds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from question_bank.analysis import (
    FEMALE,
    MALE,
    NAME_LABELS,
    NEUTER,
    PLACE_LABELS,
    PLURAL,
    TITLES,
    ArticleAnalysis,
    Mention,
    _cues,
    is_name_number,
)
from question_bank.nlp import ParsedArticle, ParsedSentence
from question_bank.types import EvidenceSpan, QuestionKindName

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

MAX_STEM_WORDS = 20

# Verbs that introduce reported speech, opinion or belief: the clause is someone's claim.
ATTRIBUTION_VERBS = frozenset(
    {"say", "tell", "add", "claim", "believe", "think", "report", "confirm", "reveal", "warn",
     "announce", "explain", "argue", "suggest", "insist", "hope", "expect", "feel", "write",
     "reply", "ask", "point", "describe", "note", "admit", "deny", "indicate", "seem", "appear",
     "show"}
)  # fmt: skip
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "into", "inside", "outside"})
DIRECTIONAL_PREPS = frozenset({"from", "to", "into"})
# Relative time words: "yesterday" is not an answer a child can check against the calendar.
RELATIVE_TIME = re.compile(
    r"\b(today|yesterday|tomorrow|tonight|now|recently|earlier|later|this|last|next|ago|"
    r"currently|soon|moment|previous|few|some|several|days?|weeks?|years?|months?|hours?|"
    r"minutes?|time)\b",
    re.I,
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DROP_IN_PHRASE = frozenset(
    {"relcl", "appos", "advcl", "parataxis", "dep", "intj", "mark", "meta", "preconj", "punct"}
)
_SKIP_ADVERBS = frozenset(
    {"however", "also", "then", "so", "still", "now", "already", "just", "even", "only",
     "additionally", "meanwhile", "instead", "though", "too", "actually", "clearly", "certainly",
     "yet", "once", "again", "currently", "here", "there", "previously", "apparently"}
)  # fmt: skip
APPROX = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some"})
# a single-quoted span of 3+ words is speech; a short 'scare quote' is left to the gates
_SPEECH = re.compile(r"(?:^|[\s(])[‘'][^‘’']*\s[^‘’']*\s[^‘’']*[’'](?=[\s.,;:!?)]|$)")
VAGUE_SUBJECTS = frozenset(
    {"each", "both", "all", "some", "many", "one", "others", "another", "most", "few", "none",
     "everyone", "everything", "something", "someone", "anyone", "nobody", "which", "who"}
)  # fmt: skip


# Question kinds no longer output, by measurement on blind-rated sets: "Where ...?" questions
# were acceptable to both raters 0 of 9 times (distractors that are not places, garbled stems)
# and role questions ("Who was the captain?", which team's?) 2 of 11. Their builders still
# run (other candidates of the same clause depend on what they found: a plain statement is
# only built when the clause gave no question), but no candidate of these kinds is returned.
DROPPED_TRANSFORMATIONS = frozenset({"wh-where", "wh-role"})

# Name labels whose only wh-word is a generic one ("Which organisation", "Which place",
# "Which group", "Which event"). Such questions were acceptable to both raters 1 of 13 times
# on the rated sets (options of mixed kinds, because the tagger's ORG/GPE labels are the only
# thing that types them: places offered as organisations, a person among clubs). A question
# about such a name is only asked with the article's own kind noun ("Which club ...?"), with
# no fallback to the generic word (no ``alt_stem``); its cloze and true/false forms are
# unaffected.
GENERIC_WHICH_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})


# a time with fractions of a second or hours:minutes:seconds is a result or a duration
# ("3:31.07", "2:04:15"), which the tagger labels TIME but no "When ...?" asks for
RESULT_TIME = re.compile(r"\d{1,2}:\d\d(?::\d\d)?[.,]\d+|\d{1,2}:\d\d:\d\d")


def generic_which(c: Candidate) -> bool:
    """A wh-question about a non-person name with no kind noun of its own."""
    return (
        c.kind == "mcq"
        and c.transformation.startswith("wh-")
        and c.key_label in GENERIC_WHICH_LABELS
        and not c.kind_noun
    )


@dataclass(frozen=True)
class Candidate:
    """A question before options: the stem, the key and the statement it comes from."""

    kind: QuestionKindName
    transformation: str
    stem: str
    key: str
    key_label: str  # PERSON / ORG / GPE / DATE / TIME / CARDINAL / QUANTITY / MONEY / ...
    answer_type: str  # person / place / organisation / date / time / count / money / age / thing
    statement: str  # the true declarative sentence (simplified)
    key_in_statement: str  # substring of ``statement`` that the key fills
    evidence: EvidenceSpan
    sentence_position: int  # position of the sentence in the article (0 = first)
    slot: tuple[str, str]  # (verb lemma, role) the key fills, for also-true checks
    subject: str  # canonical subject of the clause (for FactKey)
    unit: str = ""  # unit noun kept with numeric options ("minutes")
    key_canonical: str = ""  # canonical entity of the key (for exclusion of aliases)
    truth: bool = True  # for true/false candidates: the value of the statement as shown
    true_statement: str = ""  # for false T/F: the statement the article makes
    vague: str = ""  # non-empty: why the stem is vague (kept for the gates to report)
    # "Which <kind_noun>" stems: distractors must be of that kind, else ``alt_stem`` (the
    # generic wh-word) is used, or no MCQ when it is empty
    kind_noun: str = ""
    alt_stem: str = ""


def _true_twin(statement: str, common: dict[str, Any]) -> Candidate:
    """The true/false form of a fact: its statement, keyed True, sharing the MCQ's fields."""
    return Candidate(
        kind="true_false",
        transformation="tf-statement",
        stem=statement,
        true_statement=statement,
        **common,
    )


@dataclass(frozen=True)
class _Part:
    dep: str
    head: Token
    tokens: tuple[Token, ...]
    prep: str = ""  # lower-cased preposition for prep parts
    # a fronted scene ("In Valdoria, ...", "At Pennock School, ..."), moved to the clause's
    # end: always kept in stems and statements, never asked about or swapped
    scene: bool = False


@dataclass(frozen=True)
class _Clause:
    sent: ParsedSentence
    position: int
    subj: _Part
    auxes: tuple[Token, ...]
    verb: Token
    parts: tuple[_Part, ...]  # after the verb, in order (then a fronted scene, see _Part)
    leading: tuple[_Part, ...]  # before the subject (dropped from stems; date answers only)
    subject_override: str = ""  # "A and B each" for an "Each ..." subject bound to a pair


# --------------------------------------------------------------------------- rendering


def _paren_tokens(span: Span) -> set[int]:
    """Token indices inside (...) or [...] (and the brackets), dropped from every stem."""
    out: set[int] = set()
    depth = 0
    for t in span:
        if t.text in "([":
            depth += 1
        if depth:
            out.add(t.i)
        if t.text in ")]" and depth:
            depth -= 1
    return out


_DASHES = frozenset({"-", "–", "—", "--"})


def _aside_dash(t: Token) -> bool:
    """A dash that sets off an aside: spaced (" - ", " – ", " — ") or an em dash between
    words; not a word-internal hyphen ("well-known") nor a range or score between numbers
    ("3 - 1")."""
    if t.text not in _DASHES or t.i == 0 or t.i + 1 >= len(t.doc):
        return False
    prev, nxt = t.doc[t.i - 1], t.doc[t.i + 1]
    if prev.like_num and nxt.like_num:
        return False
    spaced = bool(prev.whitespace_) and bool(t.whitespace_)
    return spaced or t.text in ("—", "--")


def _aside_tokens(span: Span) -> set[int]:
    """Token indices of dash asides (and their dashes), dropped from every stem and statement
    (rubric: the stem asks one fact, plainly): between a pair of dashes ("Rosa Penhall – a
    former miller – opened ...") or from a lone dash to the end of the sentence ("paid out
    $628,000 in damages - more than $10 million in today's money")."""
    dashes = [t.i for t in span if _aside_dash(t)]
    out: set[int] = set()
    for k in range(0, len(dashes), 2):
        end = dashes[k + 1] if k + 1 < len(dashes) else span.end - 1
        out.update(range(dashes[k], end + 1))
    return out


_ASIDE_DEPS = frozenset({"appos", "acl", "relcl", "advcl"})


def _comma_aside_tokens(span: Span) -> set[int]:
    """Token indices of an appositive or a participial/relative phrase set off by a comma,
    from its comma to the next comma (or the sentence's end): "a historic achievement, the
    country's best ever result in Olympic rowing" loses all of ", the country's best ever
    result in Olympic rowing", even when the parse hangs "result in ..." elsewhere (rubric: a
    stem or statement is grammatical English; the cut gave "a historic achievement ever
    result in Olympic rowing"). An adverbial clause counts when it is a participle; a name in
    apposition to a common noun is not cut ("a local firm, Harper Ltd,": the name stands for
    the noun, see ``_phrase``)."""
    doc = span.doc
    out: set[int] = set()
    for t in span:
        if t.dep_ not in _ASIDE_DEPS or t.head.i >= t.i:
            continue
        if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.pos_ == "NOUN":
            continue
        if t.dep_ == "advcl" and t.tag_ not in ("VBG", "VBN"):
            continue
        comma = t.left_edge.i - 1
        if comma <= span.start or doc[comma].text != "," or comma <= t.head.i:
            continue
        close = t.right_edge.i + 1
        while (
            close < span.end - 1
            and doc[close].text not in (",", ";")
            and not _aside_dash(doc[close])
        ):
            close += 1
        out.update(range(comma, close))
    return out


def _phrase(tok: Token, banned: set[int]) -> list[Token]:
    """The token's subtree without relative clauses, appositives, comma-set-off material and
    parentheticals; conjoined verbs are dropped, conjoined nouns kept."""
    out = [tok]
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.lefts):
        for child in tok.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i not in banned:
                return _phrase(child, banned)  # "a local firm, Harper Ltd,": the name stands
    for child in tok.children:
        if child.i in banned:
            continue
        dep = child.dep_
        if dep == "punct":
            nxt = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
            if (
                child.text == ","
                and nxt is not None
                and nxt.dep_ == "conj"
                and nxt.head.i == tok.i
                and any(c.dep_ == "cc" for c in (*tok.children, *nxt.subtree))
                and not _contrast(tok)
            ):
                out.append(child)  # "forest, meadow and mountain": the list keeps its commas
                continue
            # keep word-internal hyphens/apostrophes ("privately-funded")
            if (
                child.text in "-'’"
                and not child.whitespace_
                and child.i > 0
                and (not child.doc[child.i - 1].whitespace_)
            ):
                out.append(child)
            continue
        if dep == "appos" and tok.pos_ == "NOUN" and _close_appos(tok, child):
            out.extend(_phrase(child, banned))  # "employee Ann Lee": the name is the point
            continue
        if dep in _DROP_IN_PHRASE and not (
            dep == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            continue
        if dep in ("conj", "cc") and tok.pos_ in ("VERB", "AUX"):
            continue
        if dep in ("conj", "cc") and _contrast(tok):
            continue  # "a charity rather than a government agency": the contrast goes
        if dep == "appos" and tok.pos_ == "NOUN" and child.pos_ == "PROPN":
            out.extend(_phrase(child, banned))  # "employee, Ann Lee": the name is the point
            continue
        if dep == "prep" and not any(c.dep_ in ("pobj", "prep") for c in child.children):
            continue  # clausal or dangling prepositions ("after opening the gate")
        if dep == "prep" and any(t.tag_ == "VBG" for t in child.subtree):
            continue  # "with X taking her turn": an absolute clause, not a place or thing
        # material set off by a comma right before it is parenthetical ("Ann Lee, 41, ...")
        if (
            child.i > tok.i
            and child.left_edge.i > 0
            and child.doc[child.left_edge.i - 1].text
            in (
                ",",
                "–",
                "—",
            )
        ) and dep not in ("conj", "cc"):
            continue
        if dep == "acl" and child.tag_ == "VBG" and child.i > tok.i + 1:
            continue
        out.extend(_phrase(child, banned))
    out.sort(key=lambda t: t.i)
    return out


def _close_appos(tok: Token, child: Token) -> bool:
    """A proper-noun appositive right after its common noun, no comma: "employee Sarah Lee"."""
    if child.pos_ != "PROPN" or child.i < tok.i:
        return False
    between = tok.doc[tok.i + 1 : child.left_edge.i]
    return not any(t.is_punct for t in between) and child.left_edge.i == tok.i + 1


def _named(tok: Token) -> Token:
    """The token naming the phrase: the name of "employee Sarah Lee", else the token."""
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "appos" and _close_appos(tok, c):
                return c
    return tok


def _contrast(tok: Token) -> bool:
    """The token's conjunction is a contrast ("X rather than Y", "X, not Y"), not a list."""
    return any(c.dep_ == "cc" and c.lower_ in ("than", "not") for c in tok.children)


def _pron_replacement(tok: Token, analysis: ArticleAnalysis) -> str | None:
    """The name a resolved pronoun or description stands for: its canonical name, or the
    full name the article spells out when the canonical one is cut ("Solis" of "Ana Solis")."""
    name = analysis.resolved.get(tok.i)
    if name is None:
        return None
    name = _cut_canonicals(analysis).get(name) or name
    low = tok.lower_
    if tok.tag_ == "PRP$" or low in ("his", "its", "their", "hers"):
        return name + "’s"
    if tok.pos_ == "NOUN":  # "the company" -> the name; the determiner is dropped by caller
        return name
    return name


def _own_subject_possessive(tok: Token) -> bool:
    """ "The farm opened its doors": "its" is the clause's own (non-pronoun) subject, so the
    question "When did the farm open its doors?" is clear without the article."""
    if tok.lower_ not in ("its", "their") or tok.tag_ != "PRP$":
        return False
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not subj and verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1 or subj[0].pos_ not in ("NOUN", "PROPN"):
        return False
    plural = subj[0].tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj[0].children)
    return plural == (tok.lower_ == "their")


def _render(
    tokens: list[Token] | tuple[Token, ...],
    analysis: ArticleAnalysis,
    *,
    at_start: bool,
    bound: str = "",
) -> tuple[str, str]:
    """Text of tokens (original spacing, resolved pronouns replaced) and a vagueness reason.

    A possessive/object pronoun resolved to ``bound`` (the clause's own named subject) stays a
    pronoun: "Lee took her turn", not "Lee took Ann Lee's turn".
    """
    pieces: list[str] = []
    vague = ""
    prev: Token | None = None
    toks = list(tokens)
    skip: set[int] = set()
    for t in toks:
        # "the company" resolved: drop the determiner, the head becomes the name
        if t.i in analysis.resolved and t.pos_ == "NOUN" and t.i > 0:
            skip.add(t.i - 1)
            skip.update(x.i for x in t.lefts if x.dep_ in ("det", "amod", "compound"))
    for t in toks:
        if t.i in skip:
            continue
        text = t.text
        low = t.lower_
        if (
            t.i in analysis.resolved
            and bound
            and analysis.resolved[t.i] == bound
            and (t.pos_ == "PRON")
        ):
            text = t.text
        elif t.i in analysis.resolved:
            text = _pron_replacement(t, analysis) or text
        elif t.i in analysis.unresolved and not _own_subject_possessive(t):
            vague = f"unresolved reference '{t.text}'"
        elif (
            low in MALE | FEMALE | NEUTER | PLURAL
            and t.pos_ == "PRON"
            and not _own_subject_possessive(t)
        ):
            vague = f"unresolved pronoun '{t.text}'"
        elif low in ("this", "that", "these", "those") and t.dep_ in ("det", "nsubj", "dobj"):
            vague = f"vague reference '{t.text}'"
        elif low in VAGUE_SUBJECTS and t.dep_ in ("nsubj", "nsubjpass"):
            vague = f"vague subject '{t.text}'"
        elif low in ("we", "us", "our", "i", "me", "my", "you", "your") and t.pos_ == "PRON":
            vague = f"first/second person '{t.text}'"
        if prev is not None:
            gap = t.i != prev.i + 1
            pieces.append(" " if gap else prev.whitespace_)
        pieces.append(text)
        prev = t
    out = "".join(pieces).strip()
    out = re.sub(r"\s+", " ", out)
    if not at_start and toks and out:
        first = next((t for t in toks if t.i not in skip), toks[0])
        if (
            first.i not in analysis.resolved
            and first.pos_ != "PROPN"
            and first.i not in analysis.token_mention
            and (not first.ent_type_ or first.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY"))
            and first.text not in ("I",)
            and first.text[:1].isupper()
            and (first.text[1:].islower() or len(first.text) == 1)
            and first.lower_ not in _names_capitalised_mid_sentence(analysis)
        ):
            out = out[0].lower() + out[1:]
    return out, vague


_OPENERS = frozenset({'"', "“", "‘", "'", ":", "(", "[", "-", "–", "—"})


def _names_capitalised_mid_sentence(analysis: ArticleAnalysis) -> frozenset[str]:
    """Lower-cased words the article capitalises in the middle of a sentence, standing alone
    ("a helicopter called Endurance"): a name, so its capital stays when it opens the sentence
    and moves inside a stem ("How many kilograms does Endurance weigh?", not "... does
    endurance ...": rubric, a stem is correct English and names stay names). Only a single
    capitalised word counts (not a word of a longer name: "Valley Police" does not make
    "Police" a name), and no stop word ("The" of "The Herald")."""
    parsed = analysis.parsed
    if parsed is None:
        return frozenset()

    def make() -> frozenset[str]:
        words: set[str] = set()
        doc = parsed.doc
        for ps in parsed.sentences:
            text = ps.span.text.rstrip()
            if not text.endswith((".", "!", "?")):
                continue  # a headline capitalises every word
            span = ps.doc_span
            for t in span[1:]:
                prev = doc[t.i - 1]
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if (
                    t.is_alpha
                    and len(t.text) > 1
                    and t.text[0].isupper()
                    and t.text[1:].islower()
                    and not t.is_stop
                    and prev.text not in _OPENERS
                    and not prev.text[:1].isupper()
                    and not (nxt is not None and nxt.i < span.end and nxt.text[:1].isupper())
                ):
                    words.add(t.lower_)
        return frozenset(words)

    return parsed.memo("candidates.mid_sentence_capitals", make)


# --------------------------------------------------------------------------- clause extraction


def _sentence_ok(ps: ParsedSentence) -> bool:
    text = ps.span.text.strip()
    if not ps.span.usable or len(text) < 20:
        return False
    if text.endswith("?") or not text.endswith((".", "!")):
        return False  # questions and headlines (no final stop) are poor material
    if any(q in text for q in '"“”«»') or _SPEECH.search(text):
        return False  # direct speech: the question would put words in someone's mouth
    if ":" in text[:40]:
        return False  # "Explained: ...", "10.58am: ..." labels and timelines
    return text[0].isupper() or text[0].isdigit()


# prepositions of a fronted phrase that sets the scene: where, among whom, for whom
_SCENE_PREPS = frozenset(
    {"in", "at", "for", "across", "throughout", "inside", "outside", "within", "near", "among",
     "amongst", "around", "on", "along", "beyond"}
)  # fmt: skip
# nouns of a fronted phrase that says when or links the sentence ("In the end", "At the same
# time", "On the other hand", "For this reason"), not where or for whom
_NOT_SCENE_NOUNS = frozenset(
    {"time", "moment", "end", "beginning", "start", "past", "future", "present", "meantime",
     "wake", "aftermath", "day", "night", "week", "weekend", "month", "year", "decade",
     "century", "morning", "afternoon", "evening", "season", "spring", "summer", "autumn",
     "winter", "hour", "minute", "second", "period", "era", "age", "half", "quarter", "round",
     "stage", "phase", "while", "lifetime", "hand", "way", "whole", "course", "result", "bid",
     "effort", "order", "addition", "fact", "case", "example", "instance", "average", "total",
     "contrast", "comparison", "response", "return", "turn", "sense", "view", "light", "spite",
     "term", "lieu", "practice", "theory", "reality", "short", "general", "particular",
     "conclusion", "summary", "reason", "purpose", "process", "opinion", "word", "part",
     "effect", "top", "respect", "regard", "advance", "detail", "doubt", "truth", "principle",
     "meanwhile", "event", "first", "last", "least"}
)  # fmt: skip
_LEAD_DEPS = frozenset({"prep", "advcl", "npadvmod", "advmod"})


def _time_word(t: Token) -> bool:
    """A word that says when: a number, a month, a weekday, or a common word of a date or
    time ("years", "morning"); not a name the tagger took for a date ("In Merrow")."""
    return (
        t.like_num
        or t.text in WEEKDAYS
        or t.text in _MONTH_NAMES
        or (t.ent_type_ in ("DATE", "TIME") and t.pos_ != "PROPN")
    )


# entity labels of a place, a group or an institution
_SCENE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})
# labels of names that are none of those: a person, a product, a title, an event
_NOT_SCENE_LABELS = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})


def _names_a_place(t: Token) -> bool:
    """A word of a name of a place, a group or an institution: so tagged, or a proper noun
    the tagger gave no such other label (a made-up place it took for a date); not a month or
    a weekday."""
    if t.text in WEEKDAYS or t.text in _MONTH_NAMES:
        return False
    if t.ent_type_ in _SCENE_LABELS:
        return True
    return t.pos_ == "PROPN" and t.ent_type_ not in _NOT_SCENE_LABELS


def _scene_prep(prep: Token) -> bool:
    """A fronted prepositional phrase that says where, among whom or for whom the clause holds
    ("In Valdoria", "At Pennock School", "For older pupils", "Across the valley"): it restricts
    the whole clause, so a stem or statement keeps it (rubric: a true statement is true as
    shown; "Otters became protected in 2012" is false of the place that protected them in
    2015). Not a time ("In 2012", "In the end"), a linking phrase ("In fact", "For this
    reason") or an idiom of a bare noun ("In total", "On average")."""
    if prep.dep_ != "prep" or prep.lower_ not in _SCENE_PREPS:
        return False
    pobjs = [c for c in prep.children if c.dep_ == "pobj"]
    if len(pobjs) != 1:
        return False
    pobj = pobjs[0]
    if any(_time_word(t) for t in prep.subtree):
        return False
    if pobj.pos_ == "PROPN":
        return True
    if pobj.pos_ != "NOUN" or pobj.lemma_.lower() in _NOT_SCENE_NOUNS:
        return False
    return pobj.tag_ == "NNS" or any(
        c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in pobj.children
    )


def _restricting_lead(child: Token) -> bool:
    """A fronted phrase or adverbial clause that names a place, a group or an institution but
    cannot be kept at the clause's end ("While visiting Hembry Castle, ...", "Like Valdoria,
    ...", "In Merrow in 2015, ..."): it
    restricts the clause (or compares it), so no candidate is built from that clause (rubric:
    a statement is true as shown)."""
    if child.dep_ not in _LEAD_DEPS or _scene_prep(child):
        return False
    return any(_names_a_place(t) for t in child.subtree)


def _lead_children(verb: Token, subj: Token) -> list[Token]:
    """The verb's dependants that stand before its subject (a fronted phrase or clause)."""
    return [c for c in verb.children if c.i < subj.left_edge.i and c.dep_ in _LEAD_DEPS]


def _fronted_scene(span: Span) -> bool:
    """The sentence opens with a scene or a clause naming a place, group or institution ("At
    Pennock School, head teacher Ana Berg ..."): a fact built from words of the sentence
    without its clause (a role: "Ana Berg was the head teacher.") would drop it (rubric: a
    statement is true as shown)."""
    root = span.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1:
        return False
    return any(_scene_prep(c) or _restricting_lead(c) for c in _lead_children(root, subj[0]))


# verbs that give a name ("a doctor called Ellen Marsk", "a boat nicknamed Sea Lark")
NAMING_VERBS = frozenset({"call", "name", "nickname", "title", "dub", "rename", "christen"})


def _naming_participle(verb: Token, subj: Token) -> bool:
    """The verb is a participle giving its noun a name ("a French doctor called Ellen Marsk,
    working in Odderby, mixed ..."; "a horse known as Grey Storm won ..."), misparsed as the
    clause's verb: naming, not an act, so no question or statement is built on it (rubric: a
    stem says what the evidence says; "Who did a French doctor call?" does not). Read so when
    the verb follows its subject right away with no auxiliary, a name comes next, and either
    the subject is indefinite ("a doctor") or a comma or another verb follows the name; "The
    farmers called Jens Holt a hero" stays a verb."""
    lemma = verb.lemma_.lower()
    if lemma not in NAMING_VERBS and lemma != "know":
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if subj.i > verb.i or subj.right_edge.i + 1 != verb.i:
        return False
    doc = verb.doc
    j = verb.i + 1
    if lemma == "know":
        if j >= len(doc) or doc[j].lower_ != "as":
            return False
        j += 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    if j >= len(doc) or doc[j].pos_ != "PROPN" or not doc[j].text[:1].isupper():
        return False
    while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
        j += 1  # the end of the name
    after = doc[j + 1] if j + 1 < len(doc) else None
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children)
    return indefinite or (
        after is not None and (after.text == "," or after.tag_ in ("VBD", "VBZ", "VBP", "VBN"))
    )


def _finite(verb: Token, subj: Token) -> bool:
    """The clause's verb makes a sentence: a finite form (past, present, modal), or a
    participle/infinitive with its own auxiliary ("has won", "will open"); a past participle
    alone only when it is also the past tense ("opened", "built"; not "taken", "known"); a
    base form alone only after a plural subject (the tagger's "Ferries no longer cross").
    rubric: a true/false statement is a sentence; the parse made "riding" the main verb of
    "Mira Holt, riding her first race, finished third" and gave "Mira Holt riding her first
    race." A second verb sharing the first one's subject is checked the same way."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.i < verb.i for c in verb.children):
        return True
    if verb.tag_ == "VBN":
        return past_tense(verb.lemma_.lower(), verb.text) == verb.lower_
    if verb.tag_ == "VB" and subj.i < verb.i:
        return (
            subj.tag_ in ("NNS", "NNPS")
            or subj.lower_ in ("we", "they", "you", "i")
            or any(c.dep_ == "conj" for c in subj.children)
        )
    return False


def _extract(ps: ParsedSentence, position: int, verb: Token | None = None) -> _Clause | None:
    span = ps.doc_span
    root = span.root if verb is None else verb
    if root.pos_ not in ("VERB", "AUX"):
        return None
    # a parenthetical, a dash aside or a comma aside is cut; a clause inside one is not built
    banned = _paren_tokens(span) | _aside_tokens(span) | _comma_aside_tokens(span)
    if root.i in banned:
        return None
    base_banned = set(banned)
    if verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # a second clause with its own subject ("..., and crews arrived within minutes"):
        # everything before it is banned
        banned = banned | {t.i for t in span if t.i < verb.left_edge.i}
    elif verb is not None:
        # a conjoined verb sharing the main subject: "The path is 3km long and cost £1m";
        # its own words only (the main clause's material is banned)
        main = [c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        after = main[0].right_edge.i if len(main) == 1 else span.start - 1
        banned = banned | {t.i for t in span if after < t.i < root.i}
    subj_tok = None
    auxes: list[Token] = []
    parts: list[_Part] = []
    leading: list[_Part] = []
    for child in root.children:
        dep = child.dep_
        if dep in ("nsubj", "nsubjpass"):
            subj_tok = child
        elif dep in ("expl", "csubj", "csubjpass", "neg"):
            return None  # "There was ...", negation: poor material for keys
        elif dep == "ccomp" and root.lemma_ in ATTRIBUTION_VERBS:
            return None
    if verb is not None and subj_tok is None:
        main = [c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        subj_tok = main[0] if len(main) == 1 else None
        if subj_tok is None or any(c.dep_ in ("aux", "auxpass") for c in span.root.children):
            return None  # "has made ... and led": the shared auxiliary would be lost
    if subj_tok is None or root.lemma_ in ATTRIBUTION_VERBS or subj_tok.i in banned:
        return None
    if subj_tok.i > root.i:
        return None  # "Onboard are the crew": inverted word order does not simplify
    if _naming_participle(root, subj_tok):
        return None  # "a doctor called Ellen Marsk, ..., mixed": "called" is no verb
    if not _finite(root, subj_tok):
        return None  # "Mira Holt, riding her first race, finished": "riding" is no main verb
    if any(
        c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for c in root.children
    ) and not any(
        c.i > root.i and (c.dep_ == "cc" or (c.dep_ == "punct" and c.text in ",;–—"))
        for c in root.children
    ):
        # "published a post arguing X should be scrapped": a conjoined verb with no "and" or
        # comma is a misparsed complement clause; the clause without it would be cut short
        return None
    # a fronted scene ("In Valdoria, ...") holds for the whole sentence, a second clause too
    leads = _lead_children(root, subj_tok)
    main_leads: list[Token] = []
    if root.i != span.root.i:
        main = [c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        main_leads = _lead_children(span.root, main[0]) if len(main) == 1 else []
    if any(_restricting_lead(c) for c in (*leads, *main_leads)):
        return None
    own_scene = [c for c in leads if _scene_prep(c) and c.i not in base_banned]
    scene = [
        _Part("prep", c, tuple(_phrase(c, base_banned)), c.lower_, scene=True)
        for c in own_scene or [c for c in main_leads if _scene_prep(c) and c.i not in base_banned]
    ]
    for child in root.children:
        if child.i in banned or child.i == subj_tok.i:
            continue
        dep = child.dep_
        if dep in ("aux", "auxpass") and child.i < root.i:
            auxes.append(child)
            continue
        if child.i < subj_tok.i:
            if dep in ("prep", "npadvmod") and child not in own_scene:
                leading.append(_Part(dep, child, tuple(_phrase(child, banned)), child.lower_))
            continue
        if child.i < root.i:
            if dep == "advmod" and child.lower_ not in _SKIP_ADVERBS and not child.n_lefts:
                parts.append(_Part(dep, child, (child,)))
            continue
        if dep == "xcomp" and child.tag_ in ("VBD", "VBN") and child.i == root.i + 1:
            return None  # "started turned": broken source grammar
        if dep in ("dobj", "attr", "acomp", "dative", "oprd", "prt", "xcomp", "agent"):
            parts.append(_Part(dep, child, tuple(_phrase(child, banned))))
        elif dep == "prep":
            if child.lower_ == "according" or child.lower_ in ("despite", "although"):
                continue
            if not any(c.dep_ in ("pobj", "prep") for c in child.children):
                continue  # "after dropping out of school": a clause, dropped from stems
            if any(t.tag_ == "VBG" for t in child.subtree):
                continue
            if child.left_edge.i > 0 and span.doc[child.left_edge.i - 1].text in (
                ",",
                "–",
                "—",
                "-",
            ):
                continue  # ", with X ..." / "– along with X" afterthoughts
            parts.append(_Part(dep, child, tuple(_phrase(child, banned)), child.lower_))
        elif dep == "advmod":
            if child.lower_ in _SKIP_ADVERBS or child.n_lefts or child.n_rights:
                continue
            if child.i > 0 and span.doc[child.i - 1].text == ",":
                continue
            parts.append(_Part(dep, child, (child,)))
        elif dep == "npadvmod" and (
            (child.ent_type_ in ("DATE", "TIME") and _checkable_time(child))
            or re.fullmatch(r"(?:a|an|per|each|every) (?:day|week|month|year|hour|night)",
                            " ".join(t.lower_ for t in child.subtree))
        ):  # fmt: skip
            # a date, or a rate the number needs ("gives 25 litres every day")
            parts.append(_Part(dep, child, tuple(_phrase(child, banned))))
        elif (
            dep == "ccomp"
            and root.lemma_ in ("help", "let", "make", "watch")
            and (child.tag_ == "VB" and child.i > root.i)
        ):
            # "Parents helped the children carry the saplings": a bare-infinitive complement
            parts.append(_Part("xcomp", child, tuple(_phrase(child, banned))))
        elif dep == "ccomp":
            return None  # the clause needs its complement clause; too complex to simplify
    subj = _Part("nsubj", subj_tok, tuple(_phrase(subj_tok, banned)))
    if _focus_cut(parts, subj, auxes, root):
        return None  # "was praised simply (for finishing the race)": the adverb would dangle
    return _Clause(
        sent=ps,
        position=position,
        subj=subj,
        auxes=tuple(sorted(auxes, key=lambda t: t.i)),
        verb=root,
        parts=(*parts, *scene),
        leading=tuple(leading),
    )


# adverbs that point at the phrase after them ("praised simply for finishing the race"): with
# that phrase cut, the adverb is left with nothing to point at
FOCUS_ADVERBS = frozenset(
    {"simply", "just", "only", "mainly", "largely", "partly", "mostly", "even", "still",
     "already", "also", "merely", "purely", "chiefly", "solely", "primarily", "partially",
     "exclusively"}
)  # fmt: skip


def _focus_cut(parts: list[_Part], subj: _Part, auxes: list[Token], verb: Token) -> bool:
    """A focus adverb kept in the clause whose complement (the words right after it) the
    simplified clause drops: "Mara Lindell was praised simply for finishing the race" would
    give "Who was praised simply?" (rubric: a stem is a whole, grammatical question). The
    complement cannot be kept (a clause), so the clause is refused."""
    kept = {t.i for p in (*parts, subj) for t in p.tokens} | {a.i for a in auxes} | {verb.i}
    doc = verb.doc
    for p in parts:
        adv = p.head
        if p.dep != "advmod" or adv.lower_ not in FOCUS_ADVERBS or adv.i + 1 >= len(doc):
            continue
        nxt = doc[adv.i + 1]
        if not nxt.is_punct and nxt.i not in kept:
            return True
    return False


def dangling_focus(text: str, evidence: str) -> bool:
    """The stem or statement ends on a focus adverb ("Who was praised simply?") that the
    evidence follows with more words: its complement was cut (rubric: a whole question)."""
    words = text.rstrip("?.!").split()
    if not words or words[-1].lower() not in FOCUS_ADVERBS:
        return False
    return bool(re.search(rf"\b{re.escape(words[-1])}\s+\w", evidence, re.I))


def _checkable_time(tok: Token) -> bool:
    """A bare time phrase ("on" left out) that says when: a number, a weekday, a month or a
    relative day ("last Tuesday", "this morning"); not a time-zone name ("Pacific Daylight
    Time") the parse hung on the verb, which would read as its object."""
    words = list(tok.subtree)
    return any(
        t.like_num
        or t.text in WEEKDAYS
        or t.text in _MONTH_NAMES
        or t.lower_
        in (
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
            "morning",
            "afternoon",
            "evening",
            "night",
            "week",
            "month",
            "year",
            "weekend",
            "spring",
            "summer",
            "autumn",
            "winter",
        )  # fmt: skip
        for t in words
    )


# --------------------------------------------------------------------------- helpers


def cut_name(m: Mention, doc: Doc, analysis: ArticleAnalysis) -> bool:
    """The mention is the end of a longer name the evidence spells out: the word before it is
    a capitalised proper noun of the same phrase ("Ana" of "Merrow's Ana Solis" when only
    "Solis" was tagged; "World Ocean" of "World Ocean Cleanup Day" when the analysis took
    "World" and "Ocean" for descriptors). Its canonical name would cut the name in a stem or
    key ("When is Cleanup Day held?"; rubric: names are shown as the article gives them). A
    title or role noun before a name ("Dr", "Minister") is not part of it, nor a person's
    descriptor: a word the article also writes in lower case ("Billionaire"), or the word
    opening the sentence before a first and last name ("Teenager Grace Okafor")."""
    j = m.start - 1
    if j < 0:
        return False
    t = doc[j]
    if t.pos_ != "PROPN" or not t.text[:1].isupper() or not m.start <= t.head.i < m.end:
        return False
    low = t.lower_
    if low in TITLES or low in _cues()["role_nouns"]:
        return False
    descriptor = low in _lower_words(analysis) or (t.is_sent_start and m.end - m.start >= 2)
    return not (m.label == "PERSON" and descriptor)


def _cut_canonicals(analysis: ArticleAnalysis) -> dict[str, str]:
    """Canonical names that some mention shows cut (see ``cut_name``) -> the full name the
    article spells out ("Solis" -> "Ana Solis"), or "" when the full forms disagree."""
    parsed = analysis.parsed
    if parsed is None:
        return {}

    def make() -> dict[str, str]:
        doc = parsed.doc
        forms: dict[str, set[str]] = {}
        for m in analysis.mentions:
            if not cut_name(m, doc, analysis):
                continue
            j = m.start - 1
            while j > 0 and cut_name(replace(m, start=j), doc, analysis):
                j -= 1
            forms.setdefault(m.canonical, set()).add(doc[j : m.end].text)
        return {c: (f.pop() if len(f) == 1 else "") for c, f in forms.items()}

    return parsed.memo("candidates.cut_canonicals", make)


def _lower_words(analysis: ArticleAnalysis) -> frozenset[str]:
    """Words the article writes in lower case (a capitalised one is then a descriptor)."""
    parsed = analysis.parsed
    if parsed is None:
        return frozenset()
    return parsed.memo(
        "candidates.lower_words",
        lambda: frozenset(t.text for t in parsed.tokens() if t.is_alpha and t.text.islower()),
    )


def _mention_of(tok: Token, analysis: ArticleAnalysis) -> Mention | None:
    """The mention holding the token; None when it is the cut end of a longer name."""
    m = analysis.token_mention.get(tok.i)
    if m is not None and cut_name(m, tok.doc, analysis):
        return None
    return m


def _name_part(part: _Part, analysis: ArticleAnalysis) -> Mention | None:
    """The named entity that IS this noun phrase (head inside the mention, no conjunction)."""
    head = part.head
    if part.dep == "prep":
        pobj = [c for c in head.children if c.dep_ == "pobj"]
        if len(pobj) != 1:
            return None
        head = pobj[0]
    head = _named(head)
    if any(c.dep_ == "conj" for c in head.children) and not _contrast(head):
        return None
    m = _mention_of(head, analysis)
    if m is None or m.label not in NAME_LABELS:
        return None
    return m


def _subject_name(clause: _Clause, analysis: ArticleAnalysis) -> tuple[str, str] | None:
    """(canonical, label) of a subject that is a name or a resolved pronoun."""
    head = clause.subj.head
    if any(c.dep_ in ("conj", "cc") for c in head.children):
        return None
    head_m = _mention_of(head, analysis)
    others = {
        analysis.token_mention[t.i].canonical
        for t in clause.subj.tokens
        if t.i in analysis.token_mention
        and analysis.token_mention[t.i].label in ("PERSON", "ORG")
        and t.dep_ != "poss"
    }
    if head_m is not None and others - {head_m.canonical}:
        return None  # "Lee then Moss became ...": more than one doer
    if any(t.lower_ in ("and", "then", "&") for t in clause.subj.tokens):
        return None
    if head.i in analysis.resolved:
        name = analysis.resolved[head.i]
        if name in _cut_canonicals(analysis):
            return None  # a cut name is no key; the subject is rendered with the full name
        ent = analysis.entity(name)
        return (name, ent.label if ent else "PERSON")
    m = _mention_of(head, analysis)
    if m is not None and m.label in NAME_LABELS:
        return (m.canonical, m.label)
    return None


def _subject_text(clause: _Clause, analysis: ArticleAnalysis, *, at_start: bool) -> tuple[str, str]:
    if clause.subject_override:
        return clause.subject_override, ""
    named = _subject_name(clause, analysis)
    if named is not None:
        return named[0], ""
    return _render(clause.subj.tokens, analysis, at_start=at_start)


def _do_form(verb: Token) -> str | None:
    if verb.tag_ == "VBD":
        return "did"
    if verb.tag_ == "VBZ":
        return "does"
    if verb.tag_ == "VBP":
        return "do"
    return None


def _words(text: str) -> int:
    return len(text.split())


# Class nouns a name may end with ("Millbrook Bridge", "Oakwood Primary School"): "Which
# bridge ...?" asks for that kind of thing; distractors must be of the same kind.
CLASS_NOUNS = frozenset(
    {"university", "college", "school", "academy", "museum", "gallery", "library", "zoo",
     "park", "bridge", "river", "lake", "island", "mountain", "stadium", "arena", "hospital",
     "council", "company", "club", "team", "airport", "station", "centre", "center", "church",
     "cathedral", "castle", "palace", "hotel", "festival", "cup", "trophy", "prize", "award",
     "championship", "street", "road", "square", "forest", "valley", "sea",
     "ocean", "county", "city", "town", "village", "fire", "storm", "rocket", "telescope",
     "agency", "department", "ministry", "charity", "firm", "theatre"}
)  # fmt: skip
# common nouns that name a kind too vaguely to ask "Which <noun>": "Which thing ...?"
_VAGUE_KIND = frozenset({"thing", "part", "one", "place", "name", "member", "area", "way"})


def _type_noun(mention_head: Token) -> str | None:
    """A common noun naming the kind of thing: "company" in "payment company Acme",
    "bridge" in "Millbrook Bridge"."""
    for c in mention_head.children:
        if (
            c.dep_ in ("compound", "appos")
            and c.pos_ == "NOUN"
            and c.i < mention_head.i
            and c.lemma_.lower() not in _VAGUE_KIND
            and c.is_lower
        ):
            return c.lemma_.lower()
    if (
        mention_head.dep_ == "appos"
        and mention_head.head.pos_ == "NOUN"
        and mention_head.head.lemma_.lower() not in _VAGUE_KIND
    ):
        return mention_head.head.lemma_.lower()
    if mention_head.pos_ == "PROPN" and mention_head.lower_ in CLASS_NOUNS:
        return mention_head.lower_
    return None


def answer_type_of(label: str) -> str:
    """The answer type a label maps to (drives the wh-word and distractor kind)."""
    if label == "PERSON":
        return "person"
    if label in PLACE_LABELS:
        return "place"
    if label == "ORG":
        return "organisation"
    if label == "DATE":
        return "date"
    if label == "TIME":
        return "time"
    if label == "MONEY":
        return "money"
    if label in ("CARDINAL", "QUANTITY", "PERCENT"):
        return "count"
    return "thing"


def _which(label: str, type_noun: str | None) -> str:
    if label == "PERSON":
        return "Who"
    if type_noun:
        return f"Which {type_noun}"
    return {
        "ORG": "Which organisation",
        "GPE": "Which place",
        "LOC": "Which place",
        "FAC": "Which place",
        "EVENT": "Which event",
        "NORP": "Which group",
    }.get(label, "What")


def _finish(words: list[str]) -> str:
    text = " ".join(w for w in words if w).strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.?!;:’'])", r"\1", text)
    text = re.sub(r"\s+’s\b", "’s", text)
    return text[0].upper() + text[1:] if text else text


def _render_parts(
    parts: tuple[_Part, ...],
    analysis: ArticleAnalysis,
    skip: _Part | None = None,
    bound: str = "",
) -> tuple[str, str]:
    texts: list[str] = []
    vague = ""
    for p in parts:
        if p is skip:
            continue
        # the object named by its canonical name; not a naming verb's ("called the new horse
        # Grey Storm": the words before the name belong to what was named)
        naming = p.head.head.lemma_.lower() in NAMING_VERBS
        m = _name_part(p, analysis) if p.dep == "dobj" and not naming else None
        if m is not None:
            doc = p.head.doc
            the = (
                m.start > 0
                and doc[m.start - 1].lower_ == "the"
                or m.text.lower().startswith("the ")
            )
            texts.append(("the " if the else "") + m.canonical)
            continue
        t, v = _render(p.tokens, analysis, at_start=False, bound=bound)
        vague = vague or v
        texts.append(t)
    return " ".join(texts), vague


# --------------------------------------------------------------------------- builders


def _statement(clause: _Clause, analysis: ArticleAnalysis) -> tuple[str, str]:
    subj, v1 = _subject_text(clause, analysis, at_start=True)
    named = _subject_name(clause, analysis)
    aux = " ".join(a.text for a in clause.auxes)
    rest, v2 = _render_parts(clause.parts, analysis, bound=named[0] if named else "")
    return _finish([subj, aux, clause.verb.text, rest]) + ".", v1 or v2


def _question_verb(clause: _Clause, subj: str) -> list[str] | None:
    """Words for "<aux> <subject> <verb>" in a question (inversion or do-support)."""
    verb = clause.verb
    if clause.auxes:
        first, *rest = clause.auxes
        return [first.text.lower(), subj, *[a.text for a in rest], verb.text]
    if verb.lemma_ == "be":
        return [verb.text.lower(), subj]
    do = _do_form(verb)
    if do is None:
        return None
    return [do, subj, verb.lemma_]


def build_candidates(parsed: ParsedArticle, analysis: ArticleAnalysis) -> tuple[Candidate, ...]:
    """Every candidate the usable sentences allow (MCQ wh/cloze; T/F come from statements),
    except the kinds in ``DROPPED_TRANSFORMATIONS`` (rubric: precision, measured blind)."""
    from question_bank.descriptions import with_place_descriptions

    analysis = with_place_descriptions(parsed, analysis)
    out: list[Candidate] = []
    usable: set[int] = set()
    prev_pair: tuple[str, str] | None = None
    for position, ps in enumerate(parsed.sentences):
        if not _sentence_ok(ps):
            continue
        usable.add(position)
        out.extend(_age_candidates(ps, position, analysis))
        out.extend(compound_quantity_candidates(ps, position, analysis))
        clause = _extract(ps, position)
        if clause is None:
            prev_pair = None
            out.extend(_said_candidates(ps, position, analysis))
            continue
        head = clause.subj.head
        if (
            prev_pair is not None
            and head.lower_ in ("each", "both")
            and head.i == clause.subj.tokens[0].i
            and len(clause.subj.tokens) == 1
        ):
            # "A and B did X. Each spent ten minutes ..." -> "A and B each spent ..."
            word = head.lower_
            text = f"{prev_pair[0]} and {prev_pair[1]}"
            clause = replace(
                clause, subject_override=f"{text} each" if word == "each" else f"both {text}"
            )
        pair = _pair(clause, analysis)
        prev_pair = pair
        full = _clause_candidates(clause, analysis)
        for conj in clause.verb.children:
            own = [c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")]
            joined = [
                c
                for c in clause.verb.children
                if c.dep_ == "cc" and c.lower_ == "and" and clause.verb.i < c.i < conj.i
            ]
            if (
                conj.dep_ == "conj"
                and conj.pos_ in ("VERB", "AUX")
                and conj.tag_ in ("VBD", "VBZ", "VBP")
                and len(own) == 1
                and len(joined) == 1
                and own[0].i > joined[0].i
                and not any(c.dep_ == "expl" for c in conj.children)
            ):
                # "The fire started at 3am, and crews arrived within minutes": the second
                # clause is a sentence of its own (questions with a checkable key only: its
                # plain statements lean on the first clause)
                second = _extract(ps, position, conj)
                if second is not None:
                    full += [
                        c for c in _clause_candidates(second, analysis)
                        if c.key not in {x.key for x in full} and c.key_label
                    ]  # fmt: skip
                continue
            if (
                conj.dep_ == "conj"
                and conj.pos_ == "VERB"
                and conj.tag_ in ("VBD", "VBZ", "VBP")
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children)
                and clause.subj.head.pos_ in ("NOUN", "PROPN")
            ):
                second = _extract(ps, position, conj)
                if second is not None:
                    full += [
                        c for c in _clause_candidates(second, analysis)
                        if c.key not in {x.key for x in full}
                    ]  # fmt: skip
        out.extend(full)
        out.extend(_leading_date_candidates(clause, analysis, full))
        out.extend(_measure_candidates(clause, analysis, {c.key for c in full}))
        out.extend(_focused_candidates(clause, analysis, full))
        if pair is not None:
            out.extend(pair_candidates(clause, analysis, pair))
    out.extend(role_candidates(parsed, analysis, usable))
    out.extend(role_of_candidates(parsed, analysis, usable))
    out.extend(_verbatim_candidates(parsed, analysis, usable, out))
    return tuple(
        _digit_key(c)
        for c in out
        if c.transformation not in DROPPED_TRANSFORMATIONS
        and not generic_which(c)
        and not dangling_focus(c.stem, c.evidence.text)
        and not dangling_focus(c.statement, c.evidence.text)
    )


def _verbatim_candidates(
    parsed: ParsedArticle, analysis: ArticleAnalysis, usable: set[int], made: list[Candidate]
) -> list[Candidate]:
    """Short plain sentences word for word (see ``verbatim``), unless a simplified statement
    of the same sentence is already the whole sentence with the same key."""
    from question_bank.verbatim import _title_lemmas, verbatim_candidates

    lead = parsed.sentences[0].doc_span if parsed.sentences else None
    known = _title_lemmas(parsed.clean.title, lead)
    # the key as it stands in the statement too: a no-swap statement keyed by its subject
    # ("Four whales") is not the verbatim one with "Four whales" as its swap target
    have = {(c.sentence_position, c.statement, c.key, c.key_in_statement, c.kind) for c in made}
    out: list[Candidate] = []
    for position in sorted(usable):
        ps = parsed.sentences[position]
        out.extend(
            c
            for c in verbatim_candidates(ps, position, analysis, known)
            if (position, c.statement, c.key, c.key_in_statement, c.kind) not in have
        )
    return out


def _said_candidates(
    ps: ParsedSentence, position: int, analysis: ArticleAnalysis
) -> list[Candidate]:
    """ "The head teacher, Amira Khan, said the new wood would shelter birds." -> the true
    statement "Amira Khan said the new wood would shelter birds." (an attributed claim, the
    reported clause copied word for word; no false twin)."""
    span = ps.doc_span
    root = span.root
    if root.lemma_ not in ("say", "explain", "announce", "confirm") or root.tag_ != "VBD":
        return []
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    comp = [c for c in root.children if c.dep_ == "ccomp"]
    if len(subj) != 1 or len(comp) != 1 or comp[0].i < root.i:
        return []
    if any(c.dep_ in ("neg", "advcl", "prep", "npadvmod") for c in root.children):
        return []
    m = _mention_of(subj[0], analysis)
    if m is None:  # "The head teacher, Amira Khan, said ...": the appositive's name
        appos = [c for c in subj[0].children if c.dep_ == "appos"]
        m = _mention_of(appos[0], analysis) if len(appos) == 1 else None
    if m is None or m.label != "PERSON":
        return []
    toks = list(comp[0].subtree)
    if toks[-1].i + 1 != span.end - 1 or span.doc[span.end - 1].text != ".":
        return []  # the reported clause must run to the end of the sentence
    if toks[0].lower_ == "that":
        toks = toks[1:]
    if any(_aside_dash(t) or t.text in "()[]" for t in toks):
        return []  # the reported clause is copied whole: no aside to cut inside it
    body = span.doc[toks[0].i : toks[-1].i + 1].text
    if re.search(r"\b(it|its|they|them|their|he|she|his|her|him|we|us|our|you|i|this|that)\b",
                 body, re.I):  # fmt: skip
        return []
    if any(t.ent_type_ in ("PERSON", "ORG") for t in toks):
        return []  # one attributed idea, no names to confuse
    statement = f"{m.canonical} {root.text} {body}."
    if not 6 <= _words(statement) <= MAX_STEM_WORDS:
        return []
    return [
        Candidate(
            kind="true_false",
            transformation="tf-statement",
            stem=statement,
            key=m.canonical,
            key_label="",
            answer_type="statement",
            statement=statement,
            key_in_statement="",
            evidence=_evidence(ps),
            sentence_position=position,
            slot=(root.lemma_, "statement"),
            subject=m.canonical,
            key_canonical=statement,
            true_statement=statement,
        )
    ]


_NUM_WORD_RX = (
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|and)[\s-]+)*(?:hundred|thousand|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_SPOKEN = re.compile(r"\b" + _NUM_WORD_RX + r"\b", re.I)


def spoken_value(text: str) -> int | None:
    """200 for "two hundred", 25 for "twenty-five", 100 for "hundred"; None otherwise."""
    total, cur = 0, 0
    seen = False
    for w in re.split(r"[\s-]+", text.strip().lower()):
        if w in ("and", ""):
            continue
        if w == "a":
            cur = max(cur, 1)
            continue
        if w == "hundred":
            cur = max(cur, 1) * 100
        elif w == "thousand":
            total += max(cur, 1) * 1000
            cur = 0
        elif w in WORD_NUMBERS:
            cur += WORD_NUMBERS[w]
        else:
            return None
        seen = True
    return total + cur if seen else None


def spoken_values(text: str) -> set[int]:
    """Values of every number written in words above twelve ("two hundred trees")."""
    out: set[int] = set()
    for m in _SPOKEN.finditer(text):
        v = spoken_value(m.group(0))
        if v is not None:
            out.add(v)
    return out


def _digit_key(c: Candidate) -> Candidate:
    """A count written in words above twelve ("two hundred trees") becomes digits ("200
    trees") in the key, statement and stem, so options and false twins share one format."""
    if c.key_label not in ("CARDINAL", "QUANTITY") or not c.unit or not c.key.endswith(c.unit):
        return c
    words = c.key[: -len(c.unit)].strip()
    if not words or words[:1].isdigit() or not _SPOKEN.fullmatch(words):
        return c
    # the full number phrase as the statement writes it ("two hundred", not just "hundred")
    m = re.search(r"\b" + _NUM_WORD_RX + r"\s+" + re.escape(c.unit) + r"\b", c.statement, re.I)
    if m is None:
        return c
    v = spoken_value(m.group(0)[: -len(c.unit)])
    if v is None or v <= 12:
        return c
    new = f"{v:,} {c.unit}"
    old = m.group(0)
    return replace(
        c,
        key=new,
        key_canonical=new,
        key_in_statement=new,
        statement=c.statement.replace(old, new, 1),
        true_statement=c.true_statement.replace(old, new, 1),
        stem=c.stem.replace(old, new, 1),
    )


def _evidence(ps: ParsedSentence) -> EvidenceSpan:
    s = ps.span
    return EvidenceSpan(text=s.text, start=s.start, end=s.end, sentence_index=s.index)


def _age_candidates(
    ps: ParsedSentence, position: int, analysis: ArticleAnalysis
) -> list[Candidate]:
    """ "Name, 41, ..." -> How old is Name? (a common, well-formed fact in news), in the tense
    of the verb the name belongs to: "Ben Cole, 24, was driving the van" -> How old was Ben
    Cole? (rubric: the stem says what the evidence says; a past report, maybe of someone who
    has died, gives no age now)."""
    out: list[Candidate] = []
    doc = ps.doc_span.doc
    for t in ps.doc_span:
        if not (t.like_num and t.text.isdigit() and t.i >= 2 and t.i + 1 < len(doc)):
            continue
        if doc[t.i - 1].text != "," or doc[t.i + 1].text != ",":
            continue
        m = _mention_of(doc[t.i - 2], analysis)  # not the cut end of a longer name
        if m is None or m.label != "PERSON" or not 1 <= int(t.text) <= 110:
            continue
        be = role_be(doc[t.i - 2])  # the tense of the name's verb ("was driving": "was")
        statement = f"{m.canonical} {be} {t.text} years old."
        out.append(
            Candidate(
                kind="mcq",
                transformation="wh-age",
                stem=f"How old {be} {m.canonical}?",
                key=t.text,
                key_label="AGE",
                answer_type="age",
                statement=statement,
                key_in_statement=t.text,
                evidence=_evidence(ps),
                sentence_position=position,
                slot=("age", m.canonical),
                subject=m.canonical,
                unit="",
                key_canonical=t.text,
            )
        )
    return out


def _number_in(part: _Part) -> tuple[Token, Token] | None:
    """(number token, unit noun) when the part is "<num> <plural noun>" as its own phrase."""
    head = part.head
    if part.dep == "prep":
        pobj = [c for c in head.children if c.dep_ == "pobj"]
        if len(pobj) != 1 or head.lower_ not in ("for",):
            return None
        head = pobj[0]
    if head.pos_ != "NOUN" or head.tag_ != "NNS":
        return None
    nums = [c for c in head.children if c.dep_ == "nummod" and c.like_num]
    if len(nums) != 1:
        return None
    return nums[0], head


def _clause_candidates(
    clause: _Clause, analysis: ArticleAnalysis, focus: _Part | None = None
) -> list[Candidate]:
    out: list[Candidate] = []
    ev = _evidence(clause.sent)
    statement, svague = _statement(clause, analysis)
    if _words(statement) > MAX_STEM_WORDS + 4:
        return out
    subj_named = _subject_name(clause, analysis)
    subj_text, subj_vague = _subject_text(clause, analysis, at_start=False)
    subject_canonical = subj_named[0] if subj_named else subj_text
    verb = clause.verb
    lemma = verb.lemma_.lower()

    def make(
        transformation: str,
        stem: str,
        key: str,
        label: str,
        key_in_statement: str,
        role: str,
        vague: str,
        unit: str = "",
        key_canonical: str = "",
        kind_noun: str = "",
        alt_stem: str = "",
    ) -> None:
        if key_in_statement not in statement:
            return
        out.append(
            Candidate(
                kind="mcq",
                transformation=transformation,
                stem=stem,
                key=key,
                key_label=label,
                answer_type=answer_type_of(label),
                statement=statement,
                key_in_statement=key_in_statement,
                evidence=ev,
                sentence_position=clause.position,
                slot=(lemma, role),
                subject=subject_canonical,
                unit=unit,
                key_canonical=key_canonical or key,
                vague=vague,
                kind_noun=kind_noun,
                alt_stem=alt_stem,
            )
        )

    # 1. subject questions: "Who founded Acme?"
    if subj_named is not None:
        name, label = subj_named
        aux = " ".join(a.text for a in clause.auxes)
        rest, v = _render_parts(clause.parts, analysis, bound=name)
        if re.search(r"\b(he|him|his|she|her|hers)\b", rest, re.I):
            v = v or "pronoun in the stem cues the answer's gender"
        head = clause.subj.head
        kind = _type_noun(head) if label != "PERSON" else None
        wh = _which(label, kind)
        verb_text = verb.text
        if not clause.auxes and verb.tag_ == "VBP":
            verb_text = verb.text  # plural agreement left as is (rare with a single name)
        stem = _finish([wh, aux, verb_text, rest]) + "?"
        alt = _finish([_which(label, None), aux, verb_text, rest]) + "?" if kind else ""
        alt = "" if label in GENERIC_WHICH_LABELS else alt
        if rest or clause.auxes:
            make("wh-subject", stem, name, label, name, "nsubj", v, key_canonical=name,
                 kind_noun=kind or "", alt_stem=alt)  # fmt: skip

    # 2. object / prepositional answers (a fronted scene is kept, never asked about)
    for part in clause.parts:
        if part.scene:
            continue
        m = _name_part(part, analysis)
        qverb = _question_verb(clause, subj_text)
        if qverb is None:
            continue
        others, v = _render_parts(
            clause.parts, analysis, skip=part, bound=subj_named[0] if subj_named else ""
        )
        vague = subj_vague or v
        if m is not None and part.dep == "dobj":
            if lemma in NAMING_VERBS:
                continue  # "called the horse Grey Storm": "Which ... did they call?" misleads
            kind = _type_noun(part.head) if m.label != "PERSON" else None
            wh = _which(m.label, kind)
            stem = _finish([wh, *qverb, others]) + "?"
            alt = _finish([_which(m.label, None), *qverb, others]) + "?" if kind else ""
            alt = "" if m.label in GENERIC_WHICH_LABELS else alt
            make("wh-object", stem, m.canonical, m.label, m.canonical, "dobj", vague,
                 kind_noun=kind or "", alt_stem=alt)  # fmt: skip
            continue
        if part.dep != "prep":
            nu = _number_in(part)
            if nu is not None:
                num, noun = nu
                approx = any(c.lower_ in APPROX for c in num.children) or any(
                    c.lower_ in APPROX for c in noun.children
                )
                wh = ("About how many " if approx else "How many ") + noun.text.lower()
                of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
                if len(of) == 1 and len(list(of[0].subtree)) <= 4:
                    # "How many litres of milk": the unit keeps what it measures
                    wh += " " + noun.doc[of[0].left_edge.i : of[0].right_edge.i + 1].text
                stem = _finish([wh, *qverb, others]) + "?"
                key = f"{num.text} {noun.text}"
                if key in statement:
                    make("wh-how-many", stem, key, "CARDINAL", key, part.dep, vague,
                         unit=noun.text)  # fmt: skip
            continue
        pobjs = [c for c in part.head.children if c.dep_ == "pobj"]
        if len(pobjs) != 1:
            continue
        pobj = pobjs[0]
        nu = _number_in(part)
        if nu is not None:
            num, noun = nu
            stem = _finish([f"For how many {noun.text.lower()}", *qverb, others]) + "?"
            key = f"{num.text} {noun.text}"
            make("wh-how-many", stem, key, "CARDINAL", key, "for", vague, unit=noun.text)
            continue
        pm = _mention_of(pobj, analysis)
        ent_label = pobj.ent_type_
        if pm is not None and pm.label in PLACE_LABELS and part.prep in LOCATIVE_PREPS:
            if part.prep in ("to", "into"):
                continue  # "Where did X come to?": a destination reads badly as a question
            tail = part.prep if part.prep == "from" else ""
            stem = _finish(["Where", *qverb, others, tail]) + "?"
            key_text = _render(part.tokens[1:], analysis, at_start=False)[0]
            if pm.canonical.lower() in key_text.lower():
                make("wh-where", stem, pm.canonical, pm.label, pm.canonical,
                     "pobj:" + part.prep, vague)  # fmt: skip
            continue
        if ent_label in ("DATE", "TIME") and part.prep in ("in", "on", "at", "by", "during"):
            if _undatable(clause):
                continue  # "When was X sending signals?": other dates fit as well
            if not _ent_tokens(pobj) <= {t.i for t in part.tokens}:
                continue  # "at 10am" parsed as "at 10" + "am": the date is cut in two
            date_text = _render(part.tokens[1:], analysis, at_start=False)[0]
            date_text = re.sub(r"^(the|about|around)\s+", "", date_text, flags=re.I)
            if not date_text or RELATIVE_TIME.search(date_text):
                continue
            if RESULT_TIME.fullmatch(date_text):
                continue  # "in 12:58.40" is a race result, not a time of day: no "When"
            if any(t.ent_type_ not in ("DATE", "TIME") for t in part.tokens[1:] if t.is_alpha
                   and t.lower_ not in ("the", "about", "around")):  # fmt: skip
                continue
            # drop other date/time parts from the stem: one time per question (a fronted
            # scene stays, whatever the tagger made of its name)
            keep = tuple(
                p
                for p in clause.parts
                if p is not part
                and (
                    p.scene
                    or not (
                        p.dep in ("prep", "npadvmod")
                        and any(t.ent_type_ in ("DATE", "TIME") for t in p.tokens)
                    )
                )
            )
            others2, v2 = _render_parts(keep, analysis, bound=subj_named[0] if subj_named else "")
            if re.fullmatch(r"(1[5-9]|20)\d\d", date_text):
                wh = "In what year"
            elif date_text in WEEKDAYS:
                wh = "On which day"
            elif date_text in _MONTH_NAMES:
                wh = "In which month"
            else:
                wh = "When"
            stem = _finish([wh, *qverb, others2]) + "?"
            make("wh-when", stem, date_text, ent_label, date_text, "time",
                 subj_vague or v2)  # fmt: skip
            continue
        if pm is not None and pm.label in NAME_LABELS and pm.label != "PERSON":
            # answer buried in a prepositional phrase: a cloze reads better than a wh-question
            blanked = statement.replace(pm.canonical, "____", 1)
            if "____" in blanked and pm.text in part.tokens[0].doc.text:
                make("cloze", blanked, pm.canonical, pm.label, pm.canonical,
                     "pobj:" + part.prep, svague)  # fmt: skip
    # 1b. passive with a named agent: "Y was founded by X" -> Who founded Y?
    out.extend(passive_candidates(clause, analysis, statement, subj_vague or svague))
    # 2b. numbers with units and money anywhere in the verb chain
    out.extend(quantity_candidates(clause, analysis, statement, svague, {c.key for c in out}))
    # 3. cloze on money/quantities inside phrases ("a $10,000 loan")
    for ent in clause.sent.ents():
        if ent.label_ != "MONEY":
            continue
        if ent.text in statement and ent.text not in {c.key for c in out}:
            blanked = statement.replace(ent.text, "____", 1)
            make("cloze", blanked, ent.text, "MONEY", ent.text, "money", svague)
    # 4. true/false source: the plain statement, kept as its own candidate
    if _words(statement) <= MAX_STEM_WORDS and not svague:
        swap = _swap_target(clause, analysis, statement, subj_named, focus)
        subj_raw = _render(clause.subj.tokens, analysis, at_start=True)[0]
        if (
            swap is None
            and not out
            and _plain_fact(clause, statement)
            and subj_raw
            and subj_raw in ev.text
        ):
            # nothing to swap: a true statement still checks reading ("Volcanoes are ...")
            out.append(
                Candidate(
                    kind="true_false",
                    transformation="tf-statement",
                    stem=statement,
                    key=subj_raw,
                    key_label="",
                    answer_type="statement",
                    statement=statement,
                    key_in_statement="",
                    evidence=ev,
                    sentence_position=clause.position,
                    slot=(lemma, "statement"),
                    subject=subject_canonical,
                    key_canonical=statement,
                    true_statement=statement,
                )
            )
        if swap is not None and not _past_background(clause):
            key, label, role, canonical = swap
            out.append(
                Candidate(
                    kind="true_false",
                    transformation="tf-statement",
                    stem=statement,
                    key=key,
                    key_label=label,
                    answer_type=answer_type_of(label),
                    statement=statement,
                    key_in_statement=key,
                    evidence=ev,
                    sentence_position=clause.position,
                    slot=(lemma, role),
                    subject=subject_canonical,
                    key_canonical=canonical,
                    true_statement=statement,
                )
            )
    # 5. a true/false twin for each number or time asked by an MCQ: the selection may then take
    # the MCQ on one slot and the statement (false by a swap of another slot) on the other
    if _words(statement) <= MAX_STEM_WORDS and not svague:
        tf_keys = {c.key for c in out if c.kind == "true_false"}
        for c in list(out):
            if (
                c.kind == "mcq"
                and c.transformation in ("wh-how-many", "wh-when")
                and not c.vague
                and c.key not in tf_keys
                and c.key_in_statement in statement
            ):
                tf_keys.add(c.key)
                out.append(
                    replace(
                        c,
                        kind="true_false",
                        transformation="tf-statement",
                        stem=statement,
                        true_statement=statement,
                        kind_noun="",
                        alt_stem="",
                    )
                )
    return out


_MONTH_NAMES = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"}
)  # fmt: skip
_CORE_DEPS = frozenset({"dobj", "attr", "acomp", "dative", "oprd", "prt", "xcomp", "agent"})


def _slot_part(part: _Part, analysis: ArticleAnalysis) -> bool:
    """A prepositional part that answers when (a date) or where (a named place); not a fronted
    scene, which every cut-down clause keeps."""
    if part.scene:
        return False
    if part.dep != "prep":
        return part.dep == "npadvmod" and any(t.ent_type_ == "DATE" for t in part.tokens)
    m = _name_part(part, analysis)
    if m is not None and m.label in PLACE_LABELS and part.prep in LOCATIVE_PREPS:
        return part.prep not in ("to", "into")
    return part.prep in ("on", "in", "at", "during") and any(
        t.ent_type_ in ("DATE", "TIME") for t in part.tokens[1:]
    )


# verbs of a state, not an event: a date opening their sentence is one moment of a longer
# stretch, so "When did ...?" has no one answer
_STATE_VERBS = frozenset(
    {"be", "have", "live", "remain", "stay", "own", "contain", "include", "know", "belong",
     "seem", "hold", "need", "want", "lie"}
)  # fmt: skip


_CONTINUING_ADVERBS = frozenset({"still", "already", "yet", "longer"})
_CONTINUING_VERBS = frozenset({"continue", "keep", "remain", "stay", "carry"})


def _undatable(clause: _Clause) -> bool:
    """A date does not single out what the clause says: an ongoing action ("was sending
    signals", "was still working", "continued to grow": true on other dates too), or a thing
    narrowed by a restrictive relative clause the question drops ("began sending signals that
    made no sense": without it, any date since the signals began fits)."""
    verb = clause.verb
    if verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in (*clause.auxes, *verb.children)
    ):
        return True
    if verb.lemma_ in _CONTINUING_VERBS:
        return True
    if any(c.dep_ in ("advmod", "neg") and c.lower_ in _CONTINUING_ADVERBS for c in verb.children):
        return True
    return _drops_restrictive(clause)


def _past_background(clause: _Clause) -> bool:
    """A past progressive that loses the sentence's time ("In November 2023, X was sending
    signals home" -> "X was sending signals home"): a background state of that moment,
    neither true nor false without it."""
    return (
        clause.verb.tag_ == "VBG"
        and any(a.lower_ in ("was", "were") for a in clause.auxes)
        and any(t.ent_type_ in ("DATE", "TIME") for t in clause.sent.doc_span)
        and not any(t.ent_type_ in ("DATE", "TIME") for p in clause.parts for t in p.tokens)
    )


def _drops_restrictive(clause: _Clause, *, subject_only: bool = False) -> bool:
    """The simplified clause leaves out a restrictive relative clause (no comma before it) of
    one of its nouns: "The first time (it was used) was in 2022", "began sending signals (that
    made no sense)": that clause said which one, so the rest no longer does. With
    ``subject_only``: of a thin subject only (no compound, name or prepositional phrase kept
    to say which: "The rocks (where the bones were found)", not "The ozone layer (that ...)")."""
    subj = {t.i for t in clause.subj.tokens}
    kept = subj if subject_only else subj | {t.i for p in clause.parts for t in p.tokens}
    doc = clause.verb.doc
    if subject_only and (
        any(
            t.dep_ in ("compound", "prep", "poss", "nummod") or t.pos_ == "PROPN"
            for t in clause.subj.tokens
        )
        or not any(c.dep_ == "det" and c.lower_ == "the" for c in clause.subj.head.children)
    ):
        return False  # "A business (that disagrees) can appeal": the whole sentence may do
    for i in kept:
        if doc[i].pos_ not in ("NOUN", "PRON"):
            continue
        for c in doc[i].children:
            if (
                c.dep_ == "relcl"
                and c.i not in kept
                and c.left_edge.i > 0
                and doc[c.left_edge.i - 1].text not in (",", "–", "—", "(")
            ):
                return True
    return False


def _leading_date_candidates(
    clause: _Clause, analysis: ArticleAnalysis, full: list[Candidate]
) -> list[Candidate]:
    """A date phrase that opens the sentence ("In 1987, the site became ...", "On Tuesday,
    the crew ...") dates the main clause as much as one after the verb: the clause with that
    phrase moved to its end gives a When-question and a statement keyed by the date. Only
    when the clause has no other date or time after the verb (one time per question)."""
    if any(t.ent_type_ in ("DATE", "TIME") for p in clause.parts for t in p.tokens) or any(
        c.dep_ == "neg" for c in clause.verb.children
    ):
        return []
    if clause.verb.lemma_ in _STATE_VERBS or _undatable(clause):
        return []  # "In 2019 she was in charge": a state, also true in other years
    kept = {t.i for p in clause.parts for t in p.tokens}
    if any(
        c.dep_ == "prep" and c.i not in kept and any(t.tag_ == "VBG" for t in c.subtree)
        for c in clause.verb.children
    ):
        return []  # "surprised everyone by sending a signal": the how is dropped
    said = set(re.findall(r"[\w’'-]+", _statement(clause, analysis)[0].lower()))
    if any(
        (
            c.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "oprd")
            or (c.dep_ == "advmod" and c.i > clause.verb.i and (c.n_lefts or c.n_rights))
        )
        and (c.i not in kept or c.lower_ not in said)
        for c in clause.verb.children
    ):
        return []  # "smelled so bad that ...": a dropped complement changes what is dated
    dated = [
        p
        for p in clause.leading
        if p.dep == "prep"
        and p.prep in ("in", "on", "during")
        and len(p.tokens) >= 2
        and all(t.ent_type_ in ("DATE", "TIME") for t in p.tokens[1:] if t.is_alpha or t.like_num)
        and p.tokens[-1].i < clause.subj.tokens[0].i
    ]
    if len(dated) != 1:
        return []
    lead = dated[0]
    moved = replace(clause, parts=(*clause.parts, lead), leading=())
    seen = {(c.stem, c.key) for c in full}
    out: list[Candidate] = []
    for c in _clause_candidates(moved, analysis):
        if (c.stem, c.key) in seen or c.key_label not in ("DATE", "TIME"):
            continue
        if not re.search(rf"\d|\b(?:{'|'.join(sorted(_MONTH_NAMES | set(WEEKDAYS)))})\b", c.key):
            continue  # "decades", "the summer": not a date a reader can check
        if c.transformation not in ("wh-when", "tf-statement"):
            continue
        seen.add((c.stem, c.key))
        out.append(c)
    return out


_DIMENSIONS = frozenset({"long", "tall", "high", "deep", "wide", "thick"})


def _measure_candidates(
    clause: _Clause, analysis: ArticleAnalysis, seen_keys: set[str]
) -> list[Candidate]:
    """ "The biggest pit is about 230 metres long." -> About how long is the biggest pit?
    (a length with its unit as the measure of a dimension adjective after "be"), with the
    short statement as its true/false twin; the rest of the sentence is left out, so a long
    sentence still gives its measurement."""
    verb = clause.verb
    if verb.lemma_ != "be" or clause.auxes or clause.subject_override:
        return []
    if any(p.scene for p in clause.parts):
        return []  # "In Valdoria, the biggest lake is ...": the short statement would drop it
    if clause.subj.head.lower_ in VAGUE_SUBJECTS or clause.subj.head.pos_ == "PRON":
        return []
    out: list[Candidate] = []
    for part in clause.parts:
        adj = part.head
        if part.dep != "acomp" or adj.lower_ not in _DIMENSIONS:
            continue
        units = [c for c in adj.children if c.dep_ == "npadvmod" and c.tag_ == "NNS"]
        if len(units) != 1 or units[0].lemma_.lower() not in LENGTH_UNITS:
            continue
        q = _quantity_np(units[0])
        if q is None:
            continue
        num, sub, approx = q
        doc = adj.doc
        if sub[-1].i + 1 != adj.i or any(
            c.dep_ in ("xcomp", "ccomp", "advcl")
            or (c.dep_ == "advmod" and c.lower_ in ("enough", "too", "as", "so"))
            or (c.dep_ == "prep" and doc[c.left_edge.i - 1].text not in (",", "-", "–", "—"))
            for c in adj.children
        ):
            continue  # "long enough to ...", "tall for its age": the measure is not the point
        unit = units[0]
        key = f"{num.text} {unit.text}"
        if key in seen_keys:
            continue
        subj, v1 = _subject_text(clause, analysis, at_start=True)
        subj_q, v2 = _subject_text(clause, analysis, at_start=False)
        if v1 or v2 or not subj or _words(subj) > 8:
            continue
        phrase = " ".join(t.text for t in sub) + " " + adj.text
        statement = _finish([subj, verb.text, phrase]) + "."
        wh = ("About how " if approx else "How ") + adj.lower_
        stem = _finish([wh, verb.text.lower(), subj_q]) + "?"
        common = dict(
            key=key,
            key_label="CARDINAL",
            answer_type=answer_type_of("CARDINAL"),
            statement=statement,
            key_in_statement=key,
            evidence=_evidence(clause.sent),
            sentence_position=clause.position,
            slot=(adj.lower_, "measure"),
            subject=subj_q,
            unit=unit.text,
            key_canonical=key,
        )
        out.append(Candidate(kind="mcq", transformation="wh-how-many", stem=stem, **common))  # type: ignore[arg-type]
        out.append(_true_twin(statement, common))
    return out


def _focused_candidates(
    clause: _Clause, analysis: ArticleAnalysis, full: list[Candidate]
) -> list[Candidate]:
    """A sentence that says who + what + when + where: one cut-down clause per when/where slot.

    Each keeps the subject, the verb, its core arguments (object, complement, particle) and one
    short plain phrase right after them ("into space"), plus the one slot asked about; the other
    phrases are dropped (dropping a phrase keeps a plain statement true). Only when the full
    clause has two or more such slots or is too long to ask whole.
    """
    if any(c.dep_ == "advmod" and c.n_rights for c in clause.verb.children):
        return []  # "go back to the wild": the verb's complement hangs off a dropped adverb
    slots = [p for p in clause.parts if _slot_part(p, analysis)]
    scene = [p for p in clause.parts if p.scene]  # kept by every cut-down clause, at its end
    # "before dawn on board a rocket on Tuesday": a weekday/month date nested in another phrase
    # still dates the clause's event
    for p in clause.parts:
        if p in slots or p.dep != "prep" or p.scene:
            continue
        for t in p.tokens[1:]:
            if t.dep_ == "prep" and t.lower_ in ("on", "in"):
                pobj = [c for c in t.children if c.dep_ == "pobj"]
                if (
                    len(pobj) == 1
                    and pobj[0].ent_type_ == "DATE"
                    and (pobj[0].text in WEEKDAYS or pobj[0].text in _MONTH_NAMES)
                    and not any(c.dep_ in ("prep", "relcl", "acl") for c in pobj[0].children)
                ):
                    sub = tuple(x for x in p.tokens if x.i in {y.i for y in t.subtree})
                    slots.append(_Part("prep", t, sub, t.lower_))
    if not slots:
        return []
    statement, _ = _statement(clause, analysis)
    if len(slots) < 2 and _words(statement) <= MAX_STEM_WORDS:
        return []
    if any(p.dep in ("advmod",) and p.head.lower_ in ("not", "never") for p in clause.parts):
        return []
    core = [
        p
        for p in clause.parts
        if p.dep in _CORE_DEPS or (p.dep == "prep" and p.prep in ("to", "into") and p not in slots)
        if not p.scene
    ][:3]
    plain = [
        p
        for p in clause.parts
        if p.dep == "prep"
        and not p.scene
        and p not in slots
        and p not in core
        and len(p.tokens) <= 3
        and not any(t.ent_type_ or t.like_num for t in p.tokens)
    ]
    extra = (
        plain[:1]
        if plain and plain[0].tokens[0].i <= clause.verb.i + 2 + sum(len(p.tokens) for p in core)
        else []
    )
    seen = {(c.stem, c.key) for c in full}
    out: list[Candidate] = []
    for slot in slots[:3]:
        parts = (*sorted([*core, *extra, slot], key=lambda p: p.tokens[0].i), *scene)
        focused = replace(clause, parts=parts)
        for c in _clause_candidates(focused, analysis, focus=slot):
            if (c.stem, c.key) in seen:
                continue
            if c.transformation not in ("wh-when", "wh-where", "tf-statement"):
                continue
            seen.add((c.stem, c.key))
            out.append(c)
    return out


def _plain_fact(clause: _Clause, statement: str) -> bool:
    """A statement worth a true-only item: 6-16 words, a real complement after the verb,
    no modal guess ("could", "may"), no first/second person, no pronoun left."""
    n = _words(statement)
    if not 6 <= n <= 16 or not clause.parts:
        return False
    if any(a.lower_ in ("could", "might", "may", "would", "should") for a in clause.auxes):
        return False
    if re.search(r"\b(it|its|they|them|their|he|she|his|her|we|you|i)\b", statement, re.I):
        return False
    if (
        any(a.dep_ == "auxpass" for a in clause.verb.children)
        and not any(p.dep == "agent" for p in clause.parts)
        and clause.verb.lemma_ not in ("consider", "know", "call", "name", "make", "build")
    ):
        return False  # "The checks are being carried out": thin, who did it is missing
    doc = clause.verb.doc
    for p in clause.parts:
        first = min(p.tokens, key=lambda t: t.i)
        if first.i > 0 and doc[first.i - 1].text in ("–", "—", "-", ":"):
            return False  # "has started – a process ...": the dash set the rest off
    if not any(
        p.dep in ("dobj", "attr", "acomp", "prep", "agent", "xcomp", "oprd") for p in clause.parts
    ):
        return False
    for w in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+", statement):
        if statement.count(w) > 1 or statement.count(w.split()[-1]) > 1:
            return False  # a name repeated by pronoun resolution
    if _drops_restrictive(clause, subject_only=True):
        return False
    if _past_background(clause):
        return False
    head = clause.subj.head
    return head.pos_ in ("NOUN", "PROPN") and head.lower_ not in VAGUE_SUBJECTS


def _swap_target(
    clause: _Clause,
    analysis: ArticleAnalysis,
    statement: str,
    subj_named: tuple[str, str] | None,
    focus: _Part | None = None,
) -> tuple[str, str, str, str] | None:
    """The one value a false statement may swap: a named subject, a named object/place,
    a date or a number (in that order of preference); with ``focus`` (a statement cut down to
    one slot), that slot's place or date."""
    bound_pronoun = re.search(r"\b(he|him|his|she|her|hers)\b", statement, re.I)
    parts = tuple(p for p in clause.parts if not p.scene)  # a fronted scene is never swapped
    if focus is not None:
        m = _name_part(focus, analysis)
        if m is not None and m.label in PLACE_LABELS and m.canonical in statement:
            return m.canonical, m.label, "pobj:" + focus.prep, m.canonical
        for t in focus.tokens:
            if (
                t.ent_type_ == "DATE"
                and (t.text in WEEKDAYS or t.text in _MONTH_NAMES)
                and re.search(rf"\b{t.text}\b", statement)
            ):
                return t.text, "DATE", "time", t.text
        return None
    if subj_named is not None and statement.startswith(subj_named[0]) and not bound_pronoun:
        return subj_named[0], subj_named[1], "nsubj", subj_named[0]
    for part in parts:
        m = _name_part(part, analysis)
        if m is not None and m.canonical in statement:
            role = "dobj" if part.dep == "dobj" else "pobj:" + part.prep
            return m.canonical, m.label, role, m.canonical
    for part in parts:
        for t in part.tokens:
            if t.like_num and t.ent_type_ in ("DATE", "CARDINAL", "QUANTITY", "MONEY", "TIME"):
                if _bound_number(t) or not _whole_entity_in(t, statement) or is_name_number(t):
                    continue  # "more than £3,000" is also true of £2,000; "Saturday 14 June"
                if t.ent_type_ in ("DATE", "TIME") and _undatable(clause):
                    continue  # "was still working in May": also true in April
                ent_text = t.text
                nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
                if nxt is not None and not t.whitespace_ and nxt.lower_ in ("am", "pm"):
                    ent_text += nxt.text  # "11am": swap the clock time, not the bare 11
                elif t.ent_type_ == "TIME" or (nxt is not None and nxt.lower_ in ("am", "pm")):
                    continue  # "10 am", "6:52 a.m.": the bare hour would swap to "25 am"
                if re.fullmatch(r"\d[\d,.]*(?:[ap]m)?", ent_text) and ent_text in statement:
                    label = "DATE" if t.ent_type_ == "DATE" else "CARDINAL"
                    return ent_text, label, "number", ent_text
    return None


def _bound_number(t: Token) -> bool:
    """The number is a bound ("more than 300", "up to 10 metres", "at least 5"): a swapped
    value may be just as true, so it makes no false statement."""
    doc = t.doc
    before = {doc[j].lower_ for j in range(max(0, t.i - 3), t.i)}
    bounds = _BOUND_WORDS - {"nearly", "almost", "just"}
    return bool(before & bounds) or any(c.lower_ in bounds for c in t.children)


def entity_span(t: Token) -> tuple[int, int]:
    """Token range of the named-entity span holding ``t`` (``t`` alone when none)."""
    if not t.ent_type_:
        return t.i, t.i + 1
    start = t.i
    while start > 0 and t.doc[start].ent_iob_ == "I":
        start -= 1
    end = t.i + 1
    while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _ent_tokens(t: Token) -> set[int]:
    """Token indices of the named-entity span holding ``t`` (``t`` alone when none)."""
    return set(range(*entity_span(t)))


def _whole_entity_in(t: Token, statement: str) -> bool:
    """The statement keeps the whole date/number entity the token is part of."""
    if not t.ent_type_:
        return True
    start, end = entity_span(t)
    text = t.doc[start:end].text
    text = re.sub(r"^(?:the|about|around|some|nearly|almost)\s+", "", text, flags=re.I)
    return text in statement


# --------------------------------------------------------------------------- quantities

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100,
}  # fmt: skip
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
LENGTH_UNITS = frozenset(
    {"foot", "metre", "meter", "mile", "kilometre", "kilometer", "inch", "yard", "centimetre",
     "centimeter", "millimetre", "millimeter"}
)  # fmt: skip
PEOPLE_UNITS = frozenset({"person", "man", "woman", "member", "people", "player", "strong"})
_PLURAL_UNIT = {"foot": "feet", "inch": "inches", "person": "people", "man": "men",
                "woman": "women", "people": "people", "strong": "people"}  # fmt: skip
# modifiers that make a number a bound, not a value: "more than 300", "at least £12 million"
_BOUND_WORDS = frozenset({"more", "less", "fewer", "least", "most", "over", "under", "up", "than",
                          "nearly", "almost", "just"})  # fmt: skip


def is_number_token(tok: Token) -> bool:
    """A digit number or a number word ("four")."""
    return bool(tok.like_num) and (tok.text[:1].isdigit() or tok.lower_ in WORD_NUMBERS)


def _plural(unit_lemma: str) -> str:
    return _PLURAL_UNIT.get(unit_lemma, unit_lemma + "s")


def _clause_verbs(clause: _Clause) -> set[int]:
    """Token indices of the clause verb and its xcomp chain ("scheduled to last")."""
    out = {clause.verb.i}
    stack = [clause.verb]
    while stack:
        v = stack.pop()
        for c in v.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.i > clause.verb.i:
                out.add(c.i)
                stack.append(c)
    return out


def _render_without(
    parts: tuple[_Part, ...], analysis: ArticleAnalysis, exclude: set[int], bound: str = ""
) -> tuple[str, str]:
    """Render the clause parts leaving out the tokens in ``exclude``."""
    kept: list[_Part] = []
    for p in parts:
        toks = tuple(t for t in p.tokens if t.i not in exclude)
        if not toks:
            continue
        kept.append(_Part(p.dep, p.head, toks, p.prep))
    return _render_parts(tuple(kept), analysis, bound=bound)


def _quantity_np(unit: Token) -> tuple[Token, list[Token], bool] | None:
    """(number, tokens of the number phrase, approximate?) for "about 30 minutes"."""
    nums = [c for c in unit.children if c.dep_ == "nummod" and is_number_token(c)]
    if len(nums) != 1 or unit.pos_ != "NOUN":
        return None
    num = nums[0]
    sub = list(unit.subtree)
    words = {t.lower_ for t in sub}
    if words & _BOUND_WORDS or any(t.dep_ in ("prep", "relcl", "acl", "conj") for t in sub):
        return None
    if any(c.dep_ == "compound" and c.i < num.i for c in num.children):
        return None  # "45 million": money-like, handled as money
    approx = bool(words & APPROX)
    return num, sub, approx


def quantity_candidates(
    clause: _Clause,
    analysis: ArticleAnalysis,
    statement: str,
    svague: str,
    seen_keys: set[str],
) -> list[Candidate]:
    """ "How many minutes was the concert scheduled to last?" for a number + unit that is an
    object, a measure ("spent 10 minutes") or a "for" duration of the clause's verb chain,
    and "How much did X cost?" for money; each with a true/false twin on the same statement."""
    out: list[Candidate] = []
    verbs = _clause_verbs(clause)
    subj_named = _subject_name(clause, analysis)
    subj_text, subj_vague = _subject_text(clause, analysis, at_start=False)
    bound = subj_named[0] if subj_named else ""
    qverb = _question_verb(clause, subj_text)
    if qverb is None or (clause.subj.head.lower_ in VAGUE_SUBJECTS and not clause.subject_override):
        return out
    ev = _evidence(clause.sent)
    lemma = clause.verb.lemma_.lower()
    tokens = [t for p in clause.parts if not p.scene for t in p.tokens]  # a scene is no answer

    def emit(stem: str, key: str, label: str, unit: str, exclude_stmt: bool = False) -> None:
        if key not in statement or key in seen_keys or _words(stem) > MAX_STEM_WORDS:
            return
        seen_keys.add(key)
        vague = subj_vague or svague
        common = dict(
            key=key,
            key_label=label,
            answer_type=answer_type_of(label),
            statement=statement,
            key_in_statement=key,
            evidence=ev,
            sentence_position=clause.position,
            slot=(lemma, "quantity"),
            subject=bound or subj_text,
            unit=unit,
            key_canonical=key,
            vague=vague,
        )
        out.append(Candidate(kind="mcq", transformation="wh-how-many", stem=stem, **common))  # type: ignore[arg-type]
        if not vague and _words(statement) <= MAX_STEM_WORDS:
            out.append(_true_twin(statement, common))

    for u in tokens:
        if u.tag_ != "NNS":
            continue
        head = u.head
        prep = ""
        if u.dep_ == "pobj" and head.lower_ == "for" and head.head.i in verbs:
            prep = "for"
        elif u.dep_ == "npadvmod" and head.dep_ == "prep" and head.head.i in verbs:
            pass  # "spent 10 minutes outside the cave"
        elif not (u.dep_ in ("dobj", "npadvmod", "attr") and head.i in verbs):
            continue
        q = _quantity_np(u)
        if q is None:
            continue
        num, sub, approx = q
        exclude = {t.i for t in sub} | ({head.i} if prep else set())
        rest, v = _render_without(clause.parts, analysis, exclude, bound)
        if v:
            continue
        unit_word = u.text.lower()
        wh = ("About how many " if approx else "How many ") + unit_word
        stem = _finish([wh, *qverb, rest]) + "?"
        emit(stem, f"{num.text} {u.text}", "CARDINAL", u.text)
    # money as the object of the verb: "The museum cost £45 million" -> How much did ... cost?
    for ent in clause.sent.ents():
        if ent.label_ != "MONEY":
            continue
        root = ent.root
        if not (root.dep_ in ("dobj", "attr") and root.head.i in verbs):
            continue
        words = {t.lower_ for t in root.subtree}
        if words & _BOUND_WORDS or any(t.i not in {x.i for x in tokens} for t in ent):
            continue
        exclude = {t.i for t in root.subtree}
        rest, v = _render_without(clause.parts, analysis, exclude, bound)
        if v:
            continue
        key = re.sub(r"^(about|around|some)\s+", "", ent.text, flags=re.I)
        if lemma not in ("cost", "pay", "raise", "spend", "earn", "win"):
            continue
        wh = "How much" if lemma == "cost" else "How much money"
        stem = _finish([wh, *qverb, rest]) + "?"
        emit(stem, key, "MONEY", "")
    return out


def compound_quantity_candidates(
    ps: ParsedSentence, position: int, analysis: ArticleAnalysis
) -> list[Candidate]:
    """ "the four-person crew" -> How many people were in the crew? "the five-day flight" ->
    How many days did the flight last? "the 20-metre model" -> How long is the model?"""
    out: list[Candidate] = []
    span = ps.doc_span
    doc = span.doc
    root = span.root
    past = root.tag_ in ("VBD", "VBN") and not any(
        a.lower_ in ("will", "is", "are", "has", "have") for a in root.children if a.dep_ == "aux"
    )
    for num in span:
        if not is_number_token(num) or num.i + 2 >= span.end:
            continue
        hy, unit = doc[num.i + 1], doc[num.i + 2]
        strong = unit.lower_ == "strong" and unit.tag_ == "JJ"  # "the four-strong crew"
        if hy.text != "-" or not (strong or (unit.pos_ == "NOUN" and unit.tag_ == "NN")):
            continue
        noun = unit.head if unit.dep_ in ("compound", "amod", "nmod") else None
        if noun is None or noun.pos_ != "NOUN" or noun.i <= unit.i:
            continue
        # the noun phrase must say which one: "the crew of the X mission", not "a line"
        det = [c for c in noun.children if c.dep_ in ("det", "poss")]
        if not det or det[0].lower_ not in ("the",):
            continue
        between = [t for t in doc[unit.i + 1 : noun.i]]
        if any(t.pos_ not in ("NOUN", "ADJ", "PROPN") for t in between):
            continue
        of_pp = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
        tail = ""
        if of_pp:
            pp_toks = list(of_pp[0].subtree)
            if any(t.dep_ in ("relcl", "acl", "appos") or t.text in ",–—()" for t in pp_toks):
                continue
            tail = _render(pp_toks, analysis, at_start=False)[0]
            if _render(pp_toks, analysis, at_start=False)[1]:
                continue
        np_words = " ".join(t.text for t in between + [noun])
        np_text = f"the {np_words}" + (f" {tail}" if tail else "")
        lemma = unit.lemma_.lower()
        was = "was" if past else "is"
        value = num.text
        if lemma in PEOPLE_UNITS:
            stem = f"How many people {'were' if past else 'are'} in {np_text}?"
            key = value
            unit_text = ""
        elif lemma in TIME_UNITS:
            stem = f"How many {_plural(lemma)} {'did' if past else 'does'} {np_text} last?"
            key = f"{value} {_plural(lemma) if value.lower() not in ('one', '1') else lemma}"
            unit_text = _plural(lemma)
        elif lemma in LENGTH_UNITS:
            stem = f"How long {was} {np_text}?"
            key = f"{value} {_plural(lemma) if value.lower() not in ('one', '1') else lemma}"
            unit_text = _plural(lemma)
        else:
            continue
        if _words(stem) > MAX_STEM_WORDS:
            continue
        stem = stem[0].upper() + stem[1:]
        statement_np = np_text[0].upper() + np_text[1:]
        if lemma in PEOPLE_UNITS:
            # not "There were four people in ...": the gates read "There were" as inverted
            statement = f"{statement_np} {'was' if past else 'is'} made up of {value} people."
        elif lemma in TIME_UNITS:
            verb = "lasted" if past else "lasts"
            statement = f"{statement_np} {verb} {key}."
        else:
            statement = f"{statement_np} {was} {key} long."
        common = dict(
            key=key,
            key_label="CARDINAL",
            answer_type="count",
            statement=statement,
            key_in_statement=key,
            evidence=_evidence(ps),
            sentence_position=position,
            slot=(noun.lemma_.lower(), "size"),
            subject=np_text,
            unit=unit_text,
            key_canonical=key,
        )
        out.append(Candidate(kind="mcq", transformation="wh-how-many", stem=stem, **common))  # type: ignore[arg-type]
        out.append(_true_twin(statement, common))
    return out


# --------------------------------------------------------------------------- roles


@dataclass(frozen=True)
class RoleFact:
    person: str  # canonical name
    role: str  # "mission pilot"
    head: str  # lemma of the role's head noun ("pilot")
    sentence: int  # position of the sentence
    mention_start: int
    indefinite: bool = False  # "X, a pilot, ...": a trade, not the one role in the story


def _role_before(span: Span, m: Mention, analysis: ArticleAnalysis) -> str:
    """Role nouns right before a person's name: "mission pilot" in "mission pilot Jane Doe";
    an organisation may lead ("Airbus engineer", "Rovers manager"). Empty when none."""
    doc = span.doc
    out: list[Token] = []
    j = m.start - 1
    while j >= span.start and len(out) < 3:
        t = doc[j]
        at_start = j == span.start and t.text[:1].isupper() and t.text[1:].islower()
        if (
            t.is_alpha
            and t.i not in analysis.token_mention
            and (
                (t.pos_ == "NOUN" and t.tag_ == "NN" and t.is_lower)
                or (at_start and t.tag_ in ("NN", "NNP") and bool(out or t.pos_ == "NOUN"))
            )
        ):
            out.insert(0, t)
            j -= 1
            continue
        break
    if not out:
        return ""
    words = [t.lower_ for t in out]
    # a leading organisation ("Airbus engineer") is left out: the head noun is unique in the
    # article already, and "the Airbus engineer" reads like a dropped name to the gates
    return " ".join(words)


_PRESENT_MODALS = frozenset({"will", "can", "may", "must", "shall", "'ll"})


def role_be(tok: Token) -> str:
    """ "is" when the clause stating a role of ``tok`` (a person) is in the present tense
    ("X, the coach of Y, says ...", "X is the head of Y", "X has been the coach"), else "was"
    ("... was championed in the 1940s by X, the conductor of Y"): the evidence's tense, and the
    past when unsure."""
    v = tok
    for _ in range(12):
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head  # "funded by X" inside "the first of three funded by X": climb on
        if v.pos_ not in ("VERB", "AUX") or v.tag_ == "VBD":
            return "was"
        if v.tag_ in ("VBZ", "VBP"):
            return "is"
        auxes = sorted(
            (a for a in v.children if a.dep_ in ("aux", "auxpass") and a.lower_ != "to"),
            key=lambda a: a.i,
        )
        if auxes:
            a = auxes[0]  # the first auxiliary carries the tense
            if a.tag_ in ("VBZ", "VBP"):
                return "is"
            if a.tag_ == "MD":
                return "is" if a.lower_ in _PRESENT_MODALS else "was"
            return "was"
        if v.head.i == v.i:
            return "was"
        v = v.head
    return "was"


def role_index(parsed: ParsedArticle, analysis: ArticleAnalysis) -> list[RoleFact]:
    """Every "<role noun(s)> <Person>" and "<Person>, the <role>" fact in the article, plus
    plural roles ("engineers Ann Lee and Bo Chan") so a shared role is known to be shared."""
    facts: list[RoleFact] = []
    doc = parsed.doc
    for m in analysis.mentions:
        if m.label != "PERSON" or m.sentence is None:
            continue
        ps = parsed.sentences[m.sentence]
        role = _role_before(ps.doc_span, m, analysis)
        if role:
            head = doc[m.start - 1].lemma_.lower()
            facts.append(RoleFact(m.canonical, role, head, m.sentence, m.start))
        # plural role before a list of names: "employees Sarah Lee and Anna Moss"
        j = m.start - 1
        while j >= ps.doc_span.start and (
            doc[j].lower_ in ("and", ",")
            or j in analysis.token_mention
            or (doc[j].like_num and doc[j - 1].text == ",")  # "Ann Lee, 30, and Bo Chan"
        ):
            j -= 1
        if j >= ps.doc_span.start and doc[j].tag_ == "NNS" and doc[j].pos_ == "NOUN":
            facts.append(RoleFact(m.canonical, doc[j].lower_, doc[j].lemma_.lower(), m.sentence,
                                  -1))  # fmt: skip
        # appositive: "Jane Doe, the head teacher, ..."
        head_tok = doc[m.end - 1]
        for c in head_tok.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                dets = [d for d in c.children if d.dep_ == "det"]
                if dets and dets[0].lower_ in ("the", "a", "an"):
                    facts.append(RoleFact(m.canonical, "", c.lemma_.lower(), m.sentence, -1,
                                          indefinite=dets[0].lower_ != "the"))  # fmt: skip
    return facts


def _appos_role(head_tok: Token, analysis: ArticleAnalysis) -> tuple[str, str] | None:
    """ "Jane Doe, the director of the museum," -> ("the director of the museum", lemma)."""
    for c in head_tok.children:
        if c.dep_ != "appos" or c.pos_ != "NOUN":
            continue
        dets = [d for d in c.children if d.dep_ == "det"]
        if not dets or dets[0].lower_ != "the":
            continue
        toks = [t for t in c.subtree if t.i >= dets[0].i]
        if any(t.dep_ in ("relcl", "acl", "appos", "conj") or t.text in ",–—()" for t in toks):
            continue
        text, v = _render(toks, analysis, at_start=False)
        if v or _words(text) > 8:
            continue
        return text, c.lemma_.lower()
    return None


def role_candidates(
    parsed: ParsedArticle, analysis: ArticleAnalysis, usable: set[int]
) -> list[Candidate]:
    """ "mission pilot Jane Doe" -> Who was the mission pilot? (MCQ) and "Jane Doe was the
    mission pilot." (true/false), when exactly one person holds that role in the article."""
    from question_bank.gates import zipf

    facts = role_index(parsed, analysis)
    holders: dict[str, set[str]] = {}
    # "mission pilot Ann Lee" beside "Bo Chan, a pilot": a role with a modifier names the one
    # job in the story; another person's trade ("a pilot") does not share it
    definite: dict[str, set[str]] = {}
    for f in facts:
        holders.setdefault(f.head, set()).add(f.person)
        if not f.indefinite:
            definite.setdefault(f.head, set()).add(f.person)
    plural_heads = {
        t.lemma_.lower() for t in parsed.tokens() if t.tag_ == "NNS" and t.pos_ == "NOUN"
    }
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    doc = parsed.doc
    for m in analysis.mentions:
        if m.label != "PERSON" or m.sentence is None or m.sentence not in usable:
            continue
        ps = parsed.sentences[m.sentence]
        if _fronted_scene(ps.doc_span) or cut_name(m, doc, analysis):
            continue  # "At Pennock School, head teacher Ana Berg ...": whose head teacher
        found: list[tuple[str, str]] = []
        role = _role_before(ps.doc_span, m, analysis)
        if role:
            found.append(("the " + role, doc[m.start - 1].lemma_.lower()))
        ap = _appos_role(doc[m.end - 1], analysis)
        if ap is not None:
            found.append(ap)
        for role_text, head in found:
            compound = bool(role) and role_text == "the " + role and len(role.split()) > 1
            sharers = (definite if compound else holders).get(head, set()) - {m.canonical}
            if sharers or head in plural_heads:
                continue  # a shared role: "Who was the engineer?" has two answers
            if zipf(head) < 3.0 or (m.canonical, head) in seen:
                continue
            if any(w.lower() in role_text.lower().split() for w in m.canonical.split()):
                continue
            seen.add((m.canonical, head))
            be = role_be(doc[m.end - 1])
            stem = f"Who {be} {role_text}?"
            statement = f"{m.canonical} {be} {role_text}."
            common = dict(
                key=m.canonical,
                key_label="PERSON",
                answer_type="person",
                statement=statement,
                key_in_statement=m.canonical,
                evidence=_evidence(ps),
                sentence_position=m.sentence,
                slot=("role", head),
                subject=m.canonical,
                key_canonical=m.canonical,
            )
            out.append(Candidate(kind="mcq", transformation="wh-role", stem=stem, **common))  # type: ignore[arg-type]
            out.append(_true_twin(statement, common))
    return out


# --------------------------------------------------------------------------- pairs


def _person_of(tok: Token, analysis: ArticleAnalysis) -> str | None:
    """Canonical person a token names: via its mention, or a proper noun that is a known
    person's surname/alias the NER missed here ("Lee and engineer Jane Doe")."""
    m = _mention_of(tok, analysis)
    if m is not None:
        return m.canonical if m.label == "PERSON" else None
    if tok.pos_ != "PROPN":
        return None
    hits = {
        e.name
        for e in analysis.entities
        if e.label == "PERSON"
        and any(tok.text == w for form in (e.name, *e.aliases) for w in form.split())
    }
    return next(iter(hits)) if len(hits) == 1 else None


def _pair(clause: _Clause, analysis: ArticleAnalysis) -> tuple[str, str] | None:
    """The two people of a subject "A and B" (named persons, maybe with role nouns)."""
    if clause.subject_override:
        return None
    toks = [t for t in clause.subj.head.subtree if t.dep_ != "punct"]
    ands = [k for k, t in enumerate(toks) if t.lower_ == "and"]
    if len(ands) != 1 or any(t.lower_ in (",", "or", "with") for t in toks):
        return None
    sides = (toks[: ands[0]], toks[ands[0] + 1 :])
    names: list[str] = []
    for side in sides:
        people = {p for t in side if (p := _person_of(t, analysis)) is not None}
        if len(people) != 1:
            return None
        # the rest of the side may only be role words ("Airbus engineer"), nothing else
        for t in side:
            if _person_of(t, analysis) is None and t.pos_ not in ("NOUN", "PROPN", "DET", "ADJ"):
                return None
        names.append(people.pop())
    if names[0] == names[1]:
        return None
    return names[0], names[1]


def pair_candidates(
    clause: _Clause, analysis: ArticleAnalysis, pair: tuple[str, str]
) -> list[Candidate]:
    """ "A and B climbed the mountain" -> Which two people climbed the mountain? (options
    are pairs of the article's people) and a true/false statement that may swap one of them."""
    out: list[Candidate] = []
    rest, vague = _render_parts(clause.parts, analysis)
    if not rest or vague or re.search(r"\b(he|him|his|she|her|they|them|their)\b", rest, re.I):
        return out
    aux = " ".join(a.text for a in clause.auxes)
    verb = clause.verb
    if clause.auxes or verb.tag_ in ("VBD", "VBP", "VBN"):
        verb_text = verb.text
    else:
        return out
    key = f"{pair[0]} and {pair[1]}"
    stem = _finish(["Which two people", aux, verb_text, rest]) + "?"
    statement = _finish([key, aux, verb_text, rest]) + "."
    if _words(stem) > MAX_STEM_WORDS or _words(statement) > MAX_STEM_WORDS:
        return out
    ev = _evidence(clause.sent)
    lemma = verb.lemma_.lower()
    out.append(
        Candidate(
            kind="mcq",
            transformation="wh-pair",
            stem=stem,
            key=key,
            key_label="PERSON",
            answer_type="person",
            statement=statement,
            key_in_statement=key,
            evidence=ev,
            sentence_position=clause.position,
            slot=(lemma, "nsubj"),
            subject=key,
            key_canonical=key,
        )
    )
    out.append(
        Candidate(
            kind="true_false",
            transformation="tf-statement",
            stem=statement,
            key=pair[1],
            key_label="PERSON",
            answer_type="person",
            statement=statement,
            key_in_statement=pair[1],
            evidence=ev,
            sentence_position=clause.position,
            slot=(lemma, "nsubj"),
            subject=key,
            key_canonical=pair[1],
            true_statement=statement,
        )
    )
    return out


# --------------------------------------------------------------------------- passives

# Irregular verbs: "base past participle" (alternatives with "|"). A passive's participle gives
# the active past tense through this table ("was overseen" -> "oversaw"); prefixed verbs are
# found through their base ("oversee" = "over" + "see").
_IRREGULAR_VERBS = """
arise arose arisen; awake awoke awoken; bear bore borne|born; beat beat beaten|beat;
begin began begun; bend bent bent; bet bet bet; bid bid bid; bind bound bound; bite bit bitten;
bleed bled bled; blow blew blown; break broke broken; breed bred bred; bring brought brought;
broadcast broadcast broadcast; build built built; burn burnt|burned burnt|burned;
burst burst burst; buy bought bought; cast cast cast; catch caught caught;
choose chose chosen; cling clung clung; come came come; cost cost cost; creep crept crept;
cut cut cut; deal dealt dealt; dig dug dug; do did done; draw drew drawn;
dream dreamt|dreamed dreamt|dreamed; drink drank drunk; drive drove driven; dwell dwelt dwelt;
eat ate eaten; fall fell fallen; feed fed fed; feel felt felt; fight fought fought;
find found found; flee fled fled; fling flung flung; fly flew flown; forbid forbade forbidden;
forecast forecast forecast; forget forgot forgotten; forsake forsook forsaken;
freeze froze frozen; get got got|gotten; give gave given; go went gone; grind ground ground;
grow grew grown; hang hung hung; have had had; hear heard heard; hew hewed hewn;
hide hid hidden; hit hit hit; hold held held; hurt hurt hurt; keep kept kept;
kneel knelt knelt; know knew known; lay laid laid; lead led led; leap leapt|leaped leapt|leaped;
learn learnt|learned learnt|learned; leave left left; lend lent lent; let let let; lie lay lain;
light lit lit; lose lost lost; make made made; mean meant meant; meet met met;
mow mowed mown|mowed; pay paid paid; prove proved proven|proved; put put put; quit quit quit;
read read read; rid rid rid; ride rode ridden; ring rang rung; rise rose risen; run ran run;
saw sawed sawn|sawed; say said said; see saw seen; seek sought sought; sell sold sold;
send sent sent; set set set; sew sewed sewn|sewed; shake shook shaken; shear sheared shorn;
shed shed shed; shine shone shone; shoot shot shot; show showed shown|showed;
shrink shrank shrunk; shut shut shut; sing sang sung; sink sank sunk; sit sat sat;
slay slew slain; sleep slept slept; slide slid slid; sling slung slung; slit slit slit;
smell smelt|smelled smelt|smelled; sow sowed sown|sowed; speak spoke spoken; speed sped sped;
spell spelt|spelled spelt|spelled; spend spent spent; spill spilt|spilled spilt|spilled;
spin spun spun; spit spat spat; split split split; spoil spoilt|spoiled spoilt|spoiled;
spread spread spread; spring sprang sprung; stand stood stood; steal stole stolen;
stick stuck stuck; sting stung stung; stink stank stunk; stride strode stridden;
strike struck struck|stricken; string strung strung; strive strove striven;
swear swore sworn; sweep swept swept; swell swelled swollen|swelled; swim swam swum;
swing swung swung; take took taken; teach taught taught; tear tore torn; tell told told;
think thought thought; throw threw thrown; thrust thrust thrust; tread trod trodden;
wake woke woken; wear wore worn; weave wove woven; wed wed wed; weep wept wept; win won won;
wind wound wound; wring wrung wrung; write wrote written
"""
_IRREGULAR: dict[str, tuple[str, tuple[str, ...]]] = {
    base: (past.split("|")[0], tuple(part.split("|")))
    for base, past, part in (e.split() for e in _IRREGULAR_VERBS.split(";"))
}
# an irregular past or participle -> its base ("won" -> "win", "seen" -> "see")
IRREGULAR_BASE: dict[str, str] = {
    form: base
    for base, (past, parts) in _IRREGULAR.items()
    for form in (past, *parts)
    if form != base
}
# prefixes that leave an irregular verb irregular: "oversee", "undertake", "withdraw",
# "rebuild", "forgive", "foresee", "mistake", "outgrow", "become", "upset", "undo"
_VERB_PREFIXES = ("under", "over", "with", "fore", "for", "mis", "out", "re", "up", "un", "be")


def _irregular(lemma: str) -> tuple[str, tuple[str, ...]] | None:
    """(past, participles) of an irregular verb, a prefixed one through its base."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    for prefix in _VERB_PREFIXES:
        base = lemma[len(prefix) :]
        if lemma.startswith(prefix) and len(base) >= 2:
            got = _irregular(base)
            if got is not None:
                return prefix + got[0], tuple(prefix + p for p in got[1])
    return None


def past_tense(lemma: str, participle: str) -> str | None:
    """The simple past of a verb given as its past participle (rubric: a stem is grammatical
    English): an -ed participle is its own past ("founded", "fed"); an irregular one comes from
    the table ("overseen" -> "oversaw", "withdrawn" -> "withdrew", "built" -> "built"). None for
    an irregular participle of a verb the table does not know, or one that does not match its
    lemma: no guess ("Who overseen ...?")."""
    participle = participle.lower()
    if participle.endswith("ed") and len(participle) > 3:
        return participle
    got = _irregular(lemma.lower())
    if got is None or participle not in got[1]:
        return None
    return got[0]


def _third_person(lemma: str) -> str:
    if lemma == "have":
        return "has"
    if lemma == "be":
        return "is"
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _active_verb(clause: _Clause) -> list[str] | None:
    """The active verb group of a passive clause: "was founded" -> "founded", "was overseen"
    -> "oversaw", "is run" -> "runs", "has been built" -> "has built", "will be opened" ->
    "will open"; None when the participle is irregular and the verb unknown (rubric: a stem is
    grammatical English, so no guessed verb form)."""
    verb = clause.verb
    lemma = verb.lemma_.lower()
    passive = [a for a in clause.auxes if a.dep_ == "auxpass"]
    if len(passive) != 1 or verb.tag_ != "VBN":
        return None
    other = [a for a in clause.auxes if a.dep_ != "auxpass"]
    be = passive[0].lower_
    if past_tense(lemma, verb.lower_) is None:
        return None  # an irregular participle the table does not know: the lemma is unsure
    if not other:
        if be in ("was", "were"):
            return [past_tense(lemma, verb.lower_) or verb.lower_]
        if be in ("is", "are"):
            return [_third_person(lemma)]
        return None
    # "has/have been built" -> "has built"; "will/can be opened" -> "will/can open"
    words = [a.lower_ for a in other]
    if words[-1] in ("has", "have", "had") and be == "been":
        return [*words[:-1], "has" if words[-1] == "have" else words[-1], verb.lower_]
    modals = ("will", "can", "could", "would", "should", "may", "might", "must")
    if words[-1] in modals and be == "be":
        return [*words, lemma]
    return None


def passive_candidates(
    clause: _Clause, analysis: ArticleAnalysis, statement: str, vague: str
) -> list[Candidate]:
    """ "The bridge was built by Kellway Group" -> Which group built the bridge? (the agent,
    a named person or organisation, is the answer; the passive subject becomes the object)."""
    agents = [p for p in clause.parts if p.dep == "agent"]
    if len(agents) != 1:
        return []
    agent = agents[0]
    pobjs = [c for c in agent.head.children if c.dep_ == "pobj"]
    if len(pobjs) != 1:
        return []
    pobj = _named(pobjs[0])
    if any(c.dep_ == "conj" for c in pobj.children) and not _contrast(pobj):
        return []
    m = _mention_of(pobj, analysis)
    if m is None or m.label not in NAME_LABELS or m.canonical not in statement:
        return []
    active = _active_verb(clause)
    if active is None:
        return []
    named = _subject_name(clause, analysis)
    if named is not None:
        if named[0] == m.canonical:
            return []
        obj = named[0]
        doc = clause.subj.head.doc
        ment = _mention_of(clause.subj.head, analysis)
        if ment is not None and (
            (ment.start > 0 and doc[ment.start - 1].lower_ == "the")
            or ment.text.lower().startswith("the ")
        ):
            obj = "the " + obj
        v1 = ""
    else:
        obj, v1 = _render(clause.subj.tokens, analysis, at_start=False)
    if v1 or vague or not obj:
        return []
    rest, v2 = _render_parts(
        tuple(p for p in clause.parts if p is not agent), analysis, bound=named[0] if named else ""
    )
    if v2 or re.search(r"\b(he|him|his|she|her|hers)\b", f"{obj} {rest}", re.I):
        return []
    kind = _type_noun(pobj) if m.label != "PERSON" else None
    wh = _which(m.label, kind)
    stem = _finish([wh, *active, obj, rest]) + "?"
    alt = _finish([_which(m.label, None), *active, obj, rest]) + "?" if kind else ""
    alt = "" if m.label in GENERIC_WHICH_LABELS else alt
    if _words(stem) > MAX_STEM_WORDS:
        return []
    subject = named[0] if named else obj
    return [
        Candidate(
            kind="mcq",
            transformation="wh-agent",
            stem=stem,
            key=m.canonical,
            key_label=m.label,
            answer_type=answer_type_of(m.label),
            statement=statement,
            key_in_statement=m.canonical,
            evidence=_evidence(clause.sent),
            sentence_position=clause.position,
            slot=(clause.verb.lemma_.lower(), "nsubj"),
            subject=subject,
            key_canonical=m.canonical,
            kind_noun=kind or "",
            alt_stem=alt,
        )
    ]


# --------------------------------------------------------------------------- role of an org

_ROLE_OF_PREPS = frozenset({"of", "at"})


def _role_nouns(person_head: Token) -> list[Token]:
    """Role nouns said of a person: appositives ("X, the founder of Y"; "X – a pilot and the
    founder of Y"), copular complements ("X is the head of Y") and "known as the founder"."""
    out: list[Token] = []
    for c in person_head.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN":
            out.extend([c, *c.conjuncts])
    subj = person_head
    if person_head.dep_ == "appos" and person_head.head.dep_ == "nsubj":
        subj = person_head.head  # "The billionaire Jane Doe is ..."
    verb = subj.head
    if subj.dep_ == "nsubj" and verb.lemma_ == "be":
        for c in verb.children:
            if c.dep_ == "attr" and c.pos_ == "NOUN":
                out.extend([c, *c.conjuncts])
            if c.dep_ == "acomp" and c.lower_ == "known":
                for pp in c.children:
                    if pp.dep_ == "prep" and pp.lower_ == "as":
                        for ob in pp.children:
                            if ob.dep_ == "pobj" and ob.pos_ == "NOUN":
                                out.extend([ob, *ob.conjuncts])
    return [t for t in out if t.tag_ == "NN" and t.is_lower]


def role_of_candidates(
    parsed: ParsedArticle, analysis: ArticleAnalysis, usable: set[int]
) -> list[Candidate]:
    """ "Jane Doe, the founder of Acme," -> Who is the founder of Acme? (MCQ) and "Jane Doe is
    the founder of Acme." (true/false), when the role's object is a named organisation or
    place and no other person of the article holds a role with that head noun."""
    from question_bank.gates import zipf

    facts = role_index(parsed, analysis)
    holders: dict[str, set[str]] = {}
    # "mission pilot Ann Lee" beside "Bo Chan, a pilot": a role with a modifier names the one
    # job in the story; another person's trade ("a pilot") does not share it
    definite: dict[str, set[str]] = {}
    for f in facts:
        holders.setdefault(f.head, set()).add(f.person)
        if not f.indefinite:
            definite.setdefault(f.head, set()).add(f.person)
    doc = parsed.doc
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for m in analysis.mentions:
        if m.label != "PERSON" or m.sentence is None or m.sentence not in usable:
            continue
        ps = parsed.sentences[m.sentence]
        if _fronted_scene(ps.doc_span) or cut_name(m, doc, analysis):
            continue  # the role holds in the sentence's scene; a cut name is no key
        for role in _role_nouns(doc[m.end - 1]):
            pps = [c for c in role.children if c.dep_ == "prep" and c.lower_ in _ROLE_OF_PREPS]
            if len(pps) != 1:
                continue
            pobjs = [c for c in pps[0].children if c.dep_ == "pobj"]
            if len(pobjs) != 1:
                continue
            obj = _named(pobjs[0])
            om = _mention_of(obj, analysis)
            if om is None and obj.pos_ == "PROPN" and _type_noun(obj) in CLASS_NOUNS:
                # a name the NER missed, typed by its noun: "payment company Acme"
                j = obj.i
                while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].dep_ == "compound":
                    j -= 1
                om = Mention(j, obj.i + 1, doc[j : obj.i + 1].text, "ORG",
                             doc[j : obj.i + 1].text, m.sentence)  # fmt: skip
            if om is None or om.label not in NAME_LABELS or om.label == "PERSON":
                continue
            if any(c.dep_ == "conj" for c in obj.children):
                continue
            head = role.lemma_.lower()
            if holders.get(head, set()) - {m.canonical} or zipf(head) < 3.0:
                continue
            if (m.canonical, head) in seen:
                continue
            seen.add((m.canonical, head))
            the = (
                om.start > 0 and doc[om.start - 1].lower_ == "the"
            ) or om.text.lower().startswith("the ")
            org = ("the " if the and not om.canonical.lower().startswith("the ") else "") + (
                om.canonical
            )
            be = role_be(doc[m.end - 1])  # the evidence's tense: "was the conductor of Y"
            article = "the" if pps[0].lower_ == "of" else "a"
            role_text = f"{article} {head} {pps[0].lower_} {org}"
            stem = f"Who {be} {role_text}?"
            statement = f"{m.canonical} {be} {role_text}."
            common = dict(
                key=m.canonical,
                key_label="PERSON",
                answer_type="person",
                statement=statement,
                key_in_statement=m.canonical,
                evidence=_evidence(ps),
                sentence_position=m.sentence,
                slot=(head, "of"),
                subject=m.canonical,
                key_canonical=m.canonical,
            )
            out.append(Candidate(kind="mcq", transformation="wh-role", stem=stem, **common))  # type: ignore[arg-type]
            out.append(_true_twin(statement, common))
    return out
