"""Article-level analysis over the one parse: canonical entities, voted types, pronouns.

Everything here is a cheap linear pass over the tokens and entity mentions of the ``Doc``
(``ParsedArticle``); nothing re-parses text.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from question_bank.nlp import ParsedArticle
from question_bank.types import EntityInfo

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
TIME_LABELS = frozenset({"DATE", "TIME"})

TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
    "miss": "f", "dame": "f", "lady": "f", "lord": "m",
    "dr": None, "dr.": None, "prof": None, "prof.": None, "professor": None,
}  # fmt: skip
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = MALE | FEMALE | NEUTER | PLURAL
# Definite descriptions that point back at an organisation named earlier.
ORG_NOUNS = frozenset(
    {"company", "agency", "firm", "organisation", "organization", "business", "group", "team",
     "council", "club", "charity", "school", "university", "government", "department"}
)  # fmt: skip


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    """General typing cue words (data/entity_cues.json), lower-case."""
    raw = resources.files("question_bank").joinpath("data/entity_cues.json").read_text("utf-8")
    return {k: frozenset(v) for k, v in json.loads(raw).items() if isinstance(v, list)}


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, frozenset[str]]:
    """Verb (or "verb particle") -> every verb of the curated groups that contain it."""
    raw = resources.files("question_bank").joinpath("data/verb_synonyms.json").read_text("utf-8")
    out: dict[str, set[str]] = defaultdict(set)
    for group in json.loads(raw)["groups"]:
        for v in group:
            out[v].update(group)
    return {k: frozenset(v) for k, v in out.items()}


def same_predicate(lemma: str) -> frozenset[str]:
    """The lemma and its curated synonyms (a phrasal "step out" also by its particle form)."""
    return synonym_groups().get(lemma, frozenset()) | {lemma}


# "X's website": things only an organisation has (a person has a company or a team too)
_OWNED_BY_ORG = frozenset(
    {"website", "headquarters", "hq", "employees", "staff", "shares", "app", "spokesperson",
     "spokesman", "spokeswoman", "customers", "executives", "officials", "engineers"}
)  # fmt: skip


_TIMEZONES = frozenset(
    {"GMT", "BST", "UTC", "ET", "EST", "EDT", "PT", "PST", "PDT", "CT", "CST", "CDT", "CET",
     "CEST", "IST", "AEST", "JST", "MT", "MST"}
)  # fmt: skip
_PARTICLES = frozenset({"out", "in", "back", "up", "off", "inside", "outside"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_GROUP_WORDS = frozenset({"both", "all", "each", "crew", "team", "pair", "duo", "trio", "everyone"})
_MOVEMENT = frozenset({"exit", "enter", "return", "walk", "travel", "arrive", "launch", "follow"})


@lru_cache(maxsize=16384)
def _zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


# particles that many unrelated names share ("Ibn Battuta" / "Ibn Juzayy", "van Gogh" /
# "van Dijk"): not a shared first name or surname
_NAME_PARTICLES = frozenset(
    {"ibn", "bin", "bint", "ben", "al", "al-", "el", "abu", "umm", "de", "da", "di", "do", "dos",
     "das", "del", "della", "der", "den", "van", "von", "la", "le", "du", "mac", "mc", "st",
     "saint", "ap", "ua", "ó", "o'"}
)  # fmt: skip

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WINDOW = 3  # sentences back that an antecedent may come from


def normalise_name(text: str) -> str:
    """Strip titles, a leading "the", possessives and spacing from an entity mention."""
    words = text.replace("\n", " ").split()
    while words and words[0].lower() in TITLES:
        words = words[1:]
    if words and words[0].lower() == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(w for w in words if w).strip(" ,.;:-–—")


@dataclass(frozen=True)
class Mention:
    """One entity mention, mapped to its canonical entity."""

    start: int  # token index
    end: int  # token index (exclusive)
    text: str
    label: str  # label of the canonical entity (voted), not spaCy's raw label
    canonical: str
    sentence: int | None


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the later stages need to know about the whole article."""

    entities: tuple[EntityInfo, ...]
    mentions: tuple[Mention, ...]
    # token index -> Mention (every token of a mention)
    token_mention: dict[int, Mention] = field(default_factory=dict, hash=False, compare=False)
    # token index of a pronoun / definite description head -> canonical name
    resolved: dict[int, str] = field(default_factory=dict, hash=False, compare=False)
    # token indices of pronouns (and "the company"-like heads) we could not resolve
    unresolved: frozenset[int] = frozenset()
    gender: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    # (verb lemma or "verb particle", role) -> canonical names the article states in that role;
    # "*group*" marks a plural/collective subject ("two climbers reached the top")
    facts: dict[tuple[str, str], frozenset[str]] = field(
        default_factory=dict, hash=False, compare=False
    )
    # pairs of canonical names the article links (nested: "X in Y", "X, an agency of Y",
    # "X of Y"; or names sharing a head word / contained in one another): never valid swaps
    related: frozenset[frozenset[str]] = frozenset()
    # the parse, for gates that look at the syntax around a key (not compared, not hashed)
    parsed: ParsedArticle | None = field(default=None, hash=False, compare=False, repr=False)

    def are_related(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` (surface names or canonical) are linked in the article."""
        ca = self.canonical(a) or normalise_name(a)
        cb = self.canonical(b) or normalise_name(b)
        if ca.lower() == cb.lower():
            return True
        ea, eb = self.entity(ca), self.entity(cb)
        if " and " in ca or " and " in cb:
            return False  # pairs of people
        if (ea is not None and ea.label == "PERSON") or (eb is not None and eb.label == "PERSON"):
            # people do not contain one another; but two names sharing a first name or a
            # surname ("Tom Hale" / "Tom Haley", a brother and sister) confuse a child
            # and may be one person misspelt or a family that did the thing together
            shared = set(ca.lower().split()) & set(cb.lower().split())
            return bool(shared - _NAME_PARTICLES)
        if frozenset((ca, cb)) in self.related:
            return True
        return _names_overlap(ca, cb)

    def canonical(self, name: str) -> str | None:
        """The canonical entity a surface name (or alias) refers to, if any."""
        low = normalise_name(name).lower()
        for e in self.entities:
            if e.name.lower() == low or any(a.lower() == low for a in e.aliases):
                return e.name
        return None

    def entity(self, canonical: str) -> EntityInfo | None:
        """The EntityInfo with this canonical name, if any."""
        for e in self.entities:
            if e.name == canonical:
                return e
        return None

    def names_of(self, label_group: frozenset[str]) -> list[str]:
        """Canonical names whose label is in ``label_group``, most mentioned first."""
        out = [e for e in self.entities if e.label in label_group]
        out.sort(key=lambda e: (-e.mentions, e.name))
        return [e.name for e in out]


def _quoted_tokens(parsed: ParsedArticle) -> set[int]:
    """Token indices inside double quotation marks (quoted speech) in each sentence."""
    out: set[int] = set()
    for k in range(len(parsed.sentences)):
        inside = False
        for t in parsed.sentence_tokens(k):
            if t.text in ("“", "”", '"'):
                inside = (t.text == "“") or (t.text == '"' and not inside)
                continue
            if inside:
                out.add(t.i)
    return out


def _name_number(doc: Doc, i: int, first: int) -> bool:
    """True when token ``i`` is a number that belongs to the name before it.

    "Voyager 1", "Apollo 13", "Game 7": a short bare number of digits that directly follows a
    capitalised word and depends on it (nummod) is part of the name, so "Voyager 1" and
    "Voyager 2" stay two things. A score is not ("Leeds United 2-1", "Chelsea 2, Arsenal 1",
    "Hull 3 to 1"): a dash or "to" and a number, or another name and a number, follows.
    """
    if i <= first or i >= len(doc):
        return False  # the name needs a word before its number
    tok, prev = doc[i], doc[i - 1]
    if tok.ent_type_ in ("DATE", "TIME") or prev.ent_type_ in ("DATE", "TIME"):
        return False  # "June 5", "Monday 12": a date, not a name
    if not (
        tok.text.isdigit()
        and len(tok.text) <= 3
        and prev.text[:1].isupper()
        and prev.is_alpha
        and tok.dep_ == "nummod"
        and tok.head.i == prev.i
        and not tok.is_sent_end
    ):
        return False
    after = [t for t in doc[i + 1 : i + 6] if t.sent.start == tok.sent.start]
    if after and after[0].text in ("-", "–", "—", "to") and len(after) > 1 and after[1].like_num:
        return False
    if after and after[0].text[:1] in ("-", "–") and any(c.isdigit() for c in after[0].text):
        return False
    rest = after[1:] if after and after[0].text == "," else after
    k = 0
    while k < len(rest) and rest[k].text[:1].isupper() and rest[k].is_alpha:
        k += 1
    return not (0 < k < len(rest) and rest[k].like_num)


def is_name_number(tok: Token) -> bool:
    """The number token is part of a name ("Apollo 11"), not a value to ask about or swap."""
    return _name_number(tok.doc, tok.i, tok.i - 1)


def _raw_mentions(parsed: ParsedArticle) -> list[tuple[Span, str, str]]:
    """(span, normalised text, raw label) of entity mentions.

    A leading descriptor that the article also uses as a lower-case word, or a role noun
    ("Billionaire Priya Raman", "Vet Hannah Moore"), is not part of the name; trailing
    numbers and brackets ("Leeds United 2-1", "Activity (") are dropped. spaCy's PERSON label is
    overruled when the mention behaves like a thing: "the X", or X modifying a common noun
    ("X rover", "X engineer"). A lone capitalised word that is a common English word and
    occurs once ("Copy"), or sits inside a quotation, is not a name at all.
    """
    doc = parsed.doc
    cues = _cues()
    toks = parsed.tokens()
    lower_words = {t.text for t in toks if t.is_alpha and t.text.islower()}
    quoted = _quoted_tokens(parsed)
    cap_counts = Counter(t.text for t in toks if t.text[:1].isupper())
    out = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = ent.start, ent.end
        if _name_number(doc, ent.end, start):
            end += 1  # "Apollo" + "11": the number the parse left outside is part of the name
        while (
            end > start
            and (
                toks[end - 1].like_num
                or toks[end - 1].text in ("'s", "’s")
                or not any(c.isalpha() for c in toks[end - 1].text)
            )
            and not _name_number(doc, end - 1, start)
        ):
            end -= 1
        while (
            start < end - 1
            and (
                toks[start].text.lower() in lower_words
                or toks[start].pos_ == "NOUN"
                or toks[start].lower_ in cues["role_nouns"]
            )
            and toks[start].text.lower() not in TITLES
            and (end - start - 1 >= 2 or ent.label_ == "PERSON")
        ):
            start += 1
            if toks[start - 1].lower_ == "the":
                break  # "the Food Standards Agency": a word after "the" belongs to the name
        if end <= start:
            continue
        span = doc[start:end]
        norm = normalise_name(span.text)
        if not norm or not any(c.isalpha() for c in norm):
            continue
        if norm.replace(".", "").upper() in _TIMEZONES:
            continue
        if not any(c.isupper() for c in span.text):
            continue  # "giraffe house": a name has a capital letter
        if len(span) == 1 and _title_before(span) is None:
            word = span[0].text
            if span.start in quoted:
                continue
            if word.lower() in lower_words and (span[0].is_sent_start or span[0].pos_ == "NOUN"):
                continue  # "Keepers named her ...": a common noun starting a sentence
            if (
                cap_counts[word] <= 1
                and ent.label_ not in ("GPE", "LOC", "NORP", "FAC")  # "Italy" is a fine name
                and _zipf(word) >= 4.3
            ):
                continue
        label = ent.label_
        if label == "PERSON":
            root = span.root
            prev = doc[span.start - 1].lower_ if span.start > 0 else ""
            if prev == "the" or (root.dep_ == "compound" and root.head.pos_ == "NOUN"):
                label = "MISC"
        out.append((span, norm, label))
    return out


def _cue_votes(span: Span, sport: bool) -> Counter[str]:
    """Label votes from general cues around one mention (weight 2 strong, 1 weak).

    Name words ("River", "Centre", "United", "Ltd"), a role noun right before a name
    ("striker Marcus Bell") or in apposition ("Leo Grant, the captain"), a name used as a
    modifier of staff/website nouns ("X employees", "X's website"), "the company X",
    "the town of X" and locative prepositions ("in X").
    """
    doc = span.doc
    cues = _cues()
    votes: Counter[str] = Counter()
    words = [t.lower_ for t in span]
    last = words[-1]
    if last in cues["fac_words"] and len(words) > 1:
        votes["FAC"] += 3
    elif last in cues["loc_words"] and len(words) > 1 or words[0] in ("river", "lake", "mount"):
        votes["LOC"] += 3
    elif any(w in cues["org_words"] for w in words[words[0] == "united" and len(words) > 1 :]) or (
        sport and last in cues["sport_club_words"] and len(words) > 1
    ):  # "United Kingdom" is no club: a leading "united" is not an organisation word
        votes["ORG"] += 3
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text in ("'s", "’s", "'", "’") and span.end + 1 < len(doc):
        nxt2 = doc[span.end + 1]
        if nxt2.lower_ in _OWNED_BY_ORG:
            votes["ORG"] += 2
    elif nxt is not None and nxt.lower_ in cues["org_after"] and nxt.pos_ == "NOUN":
        votes["ORG"] += 2
    owner_end = span.end if span[-1].text in ("'s", "’s") else span.end + 1
    if (
        owner_end < len(doc)
        and doc[owner_end - 1].text in ("'s", "’s")
        and doc[owner_end].lower_ in ("company", "firm", "business", "wife", "husband")
        and len(words) >= 2
        and not votes
    ):
        votes["PERSON"] += 2  # "Maria Lopez's company"
    if prev is not None:
        if prev.lower_ in cues["role_nouns"] and prev.pos_ in ("NOUN", "PROPN") and not votes:
            votes["PERSON"] += 2
        elif (
            prev.lower_ in cues["org_before"]
            and span.start > 1
            and doc[span.start - 2].lower_ in ("the", "a")
        ):
            votes["ORG"] += 2
        elif (
            prev.lower_ == "of"
            and span.start > 1
            and doc[span.start - 2].lower_ in cues["place_of"]
        ):
            votes["GPE"] += 2
        elif prev.lower_ in ("in", "near", "across", "throughout", "from") and not votes:
            votes["GPE"] += 1
    # the article's own kind noun outweighs spaCy's label: apposition ("Leo Grant, the team
    # captain", "the drug company Halvern Pharma"), "a writer called X", "inhalers such as X"
    for noun in _kind_nouns(span):
        label = _label_of_kind(noun)
        if label:
            votes[label] += 3
            break
    # a product by how it is used: "X costs", "two puffs of X", "took X"
    root = span.root
    used_as_product = (
        (root.dep_ == "nsubj" and root.head.lemma_.lower() == "cost")
        or (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lower_ in cues["measure_nouns"]
        )
        or (root.dep_ == "dobj" and root.head.lemma_.lower() in cues["consume_verbs"])
    )
    if used_as_product:
        votes["PRODUCT"] += 2
    return votes


def _kind_nouns(span: Span) -> list[str]:
    """Common nouns the sentence uses to say what kind of thing ``span`` is (lower-case)."""
    root = span.root
    out = [
        c.lower_
        for c in root.children
        if c.pos_ == "NOUN"
        and c.is_lower
        and (c.dep_ == "appos" or (c.dep_ == "compound" and c.i < span.start))
    ]  # "Halvern Pharma, a drug company" / "the drug company Morvane Labs" (compound)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN":
        out.append(head.lower_)
    # "an inhaler called X" / "a book known as X" / "inhalers such as X"
    if (
        root.dep_ == "oprd"
        and head.lemma_.lower() in ("call", "name")
        and head.dep_ == "acl"
        and head.head.pos_ == "NOUN"
    ):
        out.append(head.head.lower_)
    if root.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("NOUN", "VERB"):
        prev = span.doc[head.i - 1] if head.i > 0 else None
        if prev is not None and prev.lower_ == "such" and head.head.pos_ == "NOUN":
            out.append(head.head.lower_)
        elif head.head.lemma_.lower() == "know" and head.head.dep_ == "ROOT":
            subj = [c for c in head.head.children if c.dep_ in ("nsubjpass", "nsubj")]
            if subj and subj[0].pos_ == "NOUN":
                out.append(subj[0].lower_)
    return out


def _label_of_kind(noun: str) -> str | None:
    """The entity label a kind noun implies ("company" ORG, "inhaler" PRODUCT), or None."""
    cues = _cues()
    sing = noun[:-1] if noun.endswith("s") and noun[:-1] in cues["product_nouns"] else noun
    if noun in cues["role_nouns"]:
        return "PERSON"
    if noun in cues["org_before"]:
        return "ORG"
    if noun in cues["place_of"]:
        return "GPE"
    if noun in cues["fac_words"]:
        return "FAC"
    if noun in cues["loc_words"]:
        return "LOC"
    if sing in cues["product_nouns"]:
        return "PRODUCT"
    if noun in cues["work_nouns"]:
        return "WORK_OF_ART"
    if noun in cues["event_nouns"]:
        return "EVENT"
    return None


def _title_before(ent: Span) -> str | None:
    """A courtesy title right before (or at the start of) the mention, lower-cased."""
    first = ent[0].text.lower()
    if first in TITLES:
        return first
    if ent.start > 0:
        prev = ent.doc[ent.start - 1].text.lower()
        if prev in TITLES:
            return prev
    return None


def analyse(parsed: ParsedArticle) -> ArticleAnalysis:
    """Merge entity mentions into canonical entities, vote types, resolve pronouns."""
    raw = _raw_mentions(parsed)
    lower_words = {t.text for t in parsed.tokens() if t.is_alpha and t.text.islower()}
    # 1. Clusters of names. Persons merge by token subset / surname ("Ms Raman" ->
    #    "Priya Raman"); other names merge only when equal (ignoring case and "the"), since
    #    "Acme" and "Acme Rover" are different things.
    full_names: dict[str, Counter[str]] = defaultdict(Counter)  # norm -> label votes
    titled: dict[str, str | None] = {}
    sport_words = _cues()["sport_context"]
    sport = sum(t.lower_ in sport_words for t in parsed.tokens()) >= 2
    cue_votes = [_cue_votes(ent, sport) for ent, _n, _l in raw]
    for (ent, norm, label), cv in zip(raw, cue_votes, strict=True):
        t = _title_before(ent)
        if t is not None:
            label = "PERSON"
            titled[norm] = TITLES[t]
        full_names[norm][label] += 1
        full_names[norm].update(cv)

    def tokens(name: str) -> tuple[str, ...]:
        return tuple(w.lower() for w in name.split())

    person_like = {n for n, votes in full_names.items() if votes.most_common(1)[0][0] == "PERSON"}
    canonical_of: dict[str, str] = {}
    longest_first = sorted(full_names, key=lambda n: (-len(n.split()), -len(n), n))
    for n in longest_first:
        if n in canonical_of:
            continue
        canonical_of[n] = n
        if n not in person_like:
            continue
        ntoks = set(tokens(n))
        for m in longest_first:
            if m in canonical_of or m == n:
                continue
            mt = tokens(m)
            # "Raman" or "Priya" or "Priya Raman" -> "Priya Raman"
            if set(mt) <= ntoks and (m in person_like or len(mt) == 1):
                # a lone first name shared by two full names stays apart (ambiguous)
                owners = [
                    o for o in person_like if len(o.split()) > len(mt) and set(mt) <= set(tokens(o))
                ]
                if len({canonical_of.get(o, o) for o in owners}) <= 1:
                    canonical_of[m] = n
    # a shortened non-person name that begins or ends exactly one longer name of the article
    # ("United" -> "Leeds United", "Hillside Primary" -> "Hillside Primary School")
    for m in longest_first:
        if m in person_like or canonical_of[m] != m:
            continue
        mt = tokens(m)
        longer = {
            canonical_of[o]
            for o in longest_first
            if o not in person_like
            and len(tokens(o)) > len(mt)
            and full_names[o].most_common(1)[0][0] == full_names[m].most_common(1)[0][0]
            and (tokens(o)[: len(mt)] == mt or tokens(o)[-len(mt) :] == mt)
        }
        if len(longer) == 1:
            canonical_of[m] = longer.pop()
    # case-insensitive merge for non-persons ("NASA" vs "Nasa") - keep the most common form
    lower_map: dict[str, str] = {}
    for n in longest_first:
        c = canonical_of[n]
        key = c.lower()
        if key in lower_map and lower_map[key] != c:
            canonical_of[n] = lower_map[key]
        else:
            lower_map.setdefault(key, c)

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    aliases: dict[str, set[str]] = defaultdict(set)
    cued: set[str] = set()
    for (_ent, norm, label), cv in zip(raw, cue_votes, strict=True):
        c = canonical_of[norm]
        votes[c][label if norm not in titled else "PERSON"] += 1
        votes[c].update(cv)
        if cv["PERSON"]:
            cued.add(c)
        counts[c] += 1
        if norm != c:
            aliases[c].add(norm)
    label_of: dict[str, str] = {}
    surnames: set[str] = set()
    for c, v in votes.items():
        top = v.most_common(1)[0][0]
        if top == "MISC" or (top == "PERSON" and v["MISC"] and v["MISC"] >= v["PERSON"]):
            top = "MISC"
        if (
            top in ("EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "NORP")
            and len(c.split()) == 1
            and any(
                len(p.split()) >= 2 and tokens(p)[-1] == c.lower() and canonical_of[p] != c
                for p in person_like
            )
        ):
            # "Moreau" tagged an event, left apart from "Luc Moreau" and "Paul Moreau" (father
            # and son: ambiguous): still a person, so "he" and Who-questions can find him
            top = "PERSON"
            surnames.add(c)
        label_of[c] = top
    # best surface form: the most frequent multi-word form of the cluster (then the longest)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for _ent, norm, _label in raw:
        forms[canonical_of[norm]][norm] += 1
    rename = {}
    for c, fc in forms.items():
        multi = [f for f in fc if len(f.split()) >= 2] or list(fc)
        rename[c] = max(multi, key=lambda f: (fc[f], len(f), f))
    canonical_of = {n: rename[c] for n, c in canonical_of.items()}
    label_of = {rename[c]: lab for c, lab in label_of.items()}
    votes = {rename[c]: v for c, v in votes.items()}
    counts = Counter({rename[c]: n for c, n in counts.items()})
    aliases = defaultdict(set, {rename[c]: {a for a in al if a != rename[c]} | (
        {c} if c != rename[c] else set()) for c, al in aliases.items()})  # fmt: skip

    mentions: list[Mention] = []
    token_mention: dict[int, Mention] = {}
    for ent, norm, _label in raw:
        c = canonical_of[norm]
        mention = Mention(
            start=ent.start,
            end=ent.end,
            text=ent.text,
            label=label_of[c],
            canonical=c,
            sentence=parsed.sentence_of_token(ent.start),
        )
        mentions.append(mention)
        for i in range(ent.start, ent.end):
            token_mention[i] = mention

    # spaCy misses some later mentions ("Reilly, 34, is ...", "Rovers manager ..."): a lone
    # proper noun equal to a known one-word alias, or to the surname of exactly one person
    known: dict[str, set[str]] = defaultdict(set)
    for n, c in canonical_of.items():
        if len(n.split()) == 1:
            known[n.lower()].add(c)
        if label_of[c] == "PERSON" and len(c.split()) >= 2:
            known[c.split()[-1].lower()].add(c)
    doc = parsed.doc
    for tok in parsed.tokens():
        if (
            tok.pos_ == "PROPN"
            and tok.i not in token_mention
            and tok.text[:1].isupper()
            and len(known.get(tok.lower_, ())) == 1
            and (tok.i == 0 or doc[tok.i - 1].pos_ != "PROPN")
            and (tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "PROPN")
        ):
            c = next(iter(known[tok.lower_]))
            end = tok.i + 1
            if _name_number(doc, tok.i + 1, tok.i):
                # "Voyager 1" when only "Voyager 2" and "the Voyager mission" were tagged: the
                # number makes it another thing; it is that thing if the article names it so
                numbered = f"{tok.text} {doc[tok.i + 1].text}".lower()
                same = {cn for n, cn in canonical_of.items() if n.lower() == numbered}
                if len(same) != 1:
                    continue
                c, end = same.pop(), tok.i + 2
            extra = Mention(
                start=tok.i,
                end=end,
                text=doc[tok.i : end].text,
                label=label_of[c],
                canonical=c,
                sentence=parsed.sentence_of_token(tok.i),
            )
            mentions.append(extra)
            for i in range(tok.i, end):
                token_mention[i] = extra
            counts[c] += 1
    mentions.sort(key=lambda m: m.start)
    gender = _genders(parsed, mentions, titled, canonical_of)
    # A one-word "person" with no title and no he/she is more often a mislabelled thing
    # ("Moon", "Oxfam") than a person: keep it out of Who-questions and person distractors.
    for c, lab in list(label_of.items()):
        if (
            lab == "PERSON"
            and c not in gender
            and c not in cued
            and c not in surnames
            and (len(c.split()) == 1 or any(w.lower() in lower_words for w in c.split()))
        ):
            label_of[c] = "MISC"  # "Kuiper Belt": a common word in it, no he/she
    mentions = [replace(m, label=label_of[m.canonical]) for m in mentions]
    token_mention = {i: m for m in mentions for i in range(m.start, m.end)}
    resolved, unresolved = _resolve(parsed, mentions, gender)
    facts = _facts(parsed, token_mention, resolved)
    related = _related(parsed, mentions, token_mention)

    entities = tuple(
        EntityInfo(
            name=c,
            label=label_of[c],
            mentions=counts[c],
            aliases=tuple(sorted(aliases[c])),
        )
        for c in sorted(counts, key=lambda c: (-counts[c], c))
    )
    return ArticleAnalysis(
        entities=entities,
        mentions=tuple(mentions),
        token_mention=token_mention,
        resolved=resolved,
        unresolved=frozenset(unresolved),
        gender=gender,
        facts=facts,
        related=related,
        parsed=parsed,
    )


_LINK_PREPS = frozenset(
    {"in", "of", "at", "near", "inside", "within", "outside", "on", "from", "for", "under"}
)
_LINK_DEPS = frozenset({"appos", "npadvmod", "nmod", "compound", "poss"})
_NAME_STOP = frozenset({"the", "of", "and", "for", "a", "an", "in", "on", "at", "&"})


def _names_overlap(a: str, b: str) -> bool:
    """Names that contain one another or share their head word ("Department of X" /
    "Department for Y", "Westbrook" / "Westbrook Zoo"): not a fair pair of options."""
    ta = [w for w in re.findall(r"[a-z0-9]+", a.lower()) if w not in _NAME_STOP]
    tb = [w for w in re.findall(r"[a-z0-9]+", b.lower()) if w not in _NAME_STOP]
    if not ta or not tb:
        return False
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        return True
    heads = {ta[0], ta[-1]} & {tb[0], tb[-1]}
    return bool(heads - {"united", "city"}) if len(ta) > 1 and len(tb) > 1 else False


def _related(
    parsed: ParsedArticle, mentions: list[Mention], token_mention: dict[int, Mention]
) -> frozenset[frozenset[str]]:
    """Pairs of entities the parse links in some sentence: a prepositional modifier ("X in Y",
    "the X of Y"), an apposition ("X, an agency of Y"), a compound or possessive ("Y's X")."""
    doc = parsed.doc
    out: set[frozenset[str]] = set()
    for m in mentions:
        tok = doc[m.start : m.end].root
        for _ in range(4):
            if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in _LINK_PREPS:
                tok = tok.head.head
            elif tok.dep_ in _LINK_DEPS or tok.dep_ == "conj" and tok.head.dep_ == "appos":
                tok = tok.head
            else:
                break
            other = token_mention.get(tok.i)
            if other is not None and other.canonical != m.canonical:
                out.add(frozenset((m.canonical, other.canonical)))
    return frozenset(out)


def _genders(
    parsed: ParsedArticle,
    mentions: list[Mention],
    titled: dict[str, str | None],
    canonical_of: dict[str, str],
) -> dict[str, str]:
    """Gender per person: from titles, else from he/she in sentences naming only that person.

    A vote counts a gendered pronoun in a sentence where exactly one person is named, or in the
    next sentence when the previous one named exactly one person as its subject.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for norm, g in titled.items():
        if g is not None:
            votes[canonical_of[norm]][g] += 3
    by_sentence: dict[int, set[str]] = defaultdict(set)
    first_at: dict[int, int] = {}
    for m in mentions:
        if m.label == "PERSON" and m.sentence is not None:
            by_sentence[m.sentence].add(m.canonical)
            first_at[m.sentence] = min(first_at.get(m.sentence, m.start), m.start)
    prev_only: str | None = None
    for k, ps in enumerate(parsed.sentences):
        persons = by_sentence.get(k, set())
        # a pronoun before the only name of its sentence points back at someone else
        # ("He was followed by Sarah ...")
        after = first_at.get(k, ps.doc_span.start) if persons else ps.doc_span.start
        g_here = Counter(
            "m" if t.lower_ in MALE else "f"
            for t in parsed.sentence_tokens(k)
            if (t.lower_ in MALE or t.lower_ in FEMALE) and t.i > after
        )
        target = next(iter(persons)) if len(persons) == 1 else None
        if target is None and not persons:
            target = prev_only
        if target is not None and len(g_here) == 1:
            g, n = g_here.most_common(1)[0]
            votes[target][g] += n
        prev_only = next(iter(persons)) if len(persons) == 1 else (None if persons else prev_only)
    out: dict[str, str] = {}
    for name, v in votes.items():
        top = v.most_common(2)
        if len(top) == 1 or top[0][1] >= 2 * top[1][1]:
            out[name] = top[0][0]
    return out


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") or (
        tok.dep_ == "compound" and tok.head.dep_ in ("nsubj", "nsubjpass")
    )


def _rival_antecedent(parsed: ParsedArticle, prev: Mention, low: str, tok: Token) -> bool:
    """A plural pronoun ("they", "them") with a plural common noun after the named subject in
    the previous sentence, or a non-subject "it" with a singular object there, is a guess."""
    if prev.sentence is None or not 0 <= prev.sentence < len(parsed.sentences):
        return False
    span = parsed.sentences[prev.sentence].doc_span
    plural = low in PLURAL
    if not plural and _is_subject(tok):
        return False
    for t in span:
        if t.i < prev.end or t.pos_ != "NOUN" or t.dep_ not in ("dobj", "pobj", "attr"):
            continue
        if t.ent_type_:
            continue
        if plural and t.tag_ == "NNS":
            return True
        if not plural and t.tag_ == "NN" and t.dep_ == "dobj":
            return True
    return False


# nouns that make a sentence's subject a person the pronoun may point back at, besides the
# PERSON_DESCRIPTIONS ("teenager", "engineer")
_HUMAN_NOUNS = frozenset(
    {"woman", "man", "girl", "boy", "child", "player", "star", "winner", "lady", "gentleman",
     "person", "mum", "dad", "daughter", "son", "wife", "husband"}
)  # fmt: skip


def _guess_over_rival(
    parsed: ParsedArticle,
    people: list[Mention],
    gender: dict[str, str],
    best: Mention,
    sent: int,
) -> bool:
    """A he/she whose most recent same-gender name has a rival the pronoun may mean as well:
    a person of unknown gender named after it ("... Colm broke again. She moved ahead", with
    only Mara Lind known to be "she"), or, in an earlier sentence, a subject that is a person
    described but not named while the name is not the subject ("The 15-year-old from Dunmore
    beat Mara Lind. She sealed victory ...")."""
    if any(m.canonical not in gender and m.start > best.start for m in people):
        return True
    if best.sentence is None or best.sentence == sent:
        return False
    span = parsed.sentences[best.sentence].doc_span
    subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass")]
    if any(best.start <= t.i < best.end for t in subjects):
        return False  # the name is a subject there: the pronoun's likeliest antecedent
    return any(_human_description(t) for t in subjects)


def _human_description(t: Token) -> bool:
    """A subject that describes a person without naming one ("The 15-year-old from Dunmore",
    "the teenager", "the tech entrepreneur")."""
    if t.ent_type_ not in ("", "DATE") or t.pos_ not in ("NOUN", "ADJ"):
        return False  # (the tagger reads "18-year-old" as a date)
    low = t.lemma_.lower()
    if low in PERSON_DESCRIPTIONS or low in _HUMAN_NOUNS:
        return True
    doc = t.doc
    return low == "old" and t.i >= 2 and doc[t.i - 2].lower_ == "year"  # "18-year-old"


def _window(recent: list[Mention], sent: int) -> list[Mention]:
    """The mentions of ``recent`` at most ``_WINDOW`` sentences before sentence ``sent``."""
    return [m for m in recent if m.sentence is not None and sent - m.sentence <= _WINDOW]


def _resolve(
    parsed: ParsedArticle, mentions: list[Mention], gender: dict[str, str]
) -> tuple[dict[int, str], set[int]]:
    """Resolve he/she/his/her (persons), it/its (subject name of the previous sentence),
    they/their (unresolved unless the previous subject was a named organisation) and
    "the company"-like descriptions (most recent organisation within a short window).

    Honest rather than clever: when two compatible people are equally recent, or gender is
    unknown and two people are in the window, the pronoun stays unresolved.
    """
    doc = parsed.doc
    resolved: dict[int, str] = {}
    unresolved: set[int] = set()
    ment_by_start = sorted(mentions, key=lambda m: m.start)
    subj_of_sentence: dict[int, Mention] = {}
    for m in ment_by_start:
        if m.sentence is None or m.sentence in subj_of_sentence:
            continue
        if any(_is_subject(doc[i]) for i in range(m.start, m.end)):
            subj_of_sentence[m.sentence] = m
    idx = 0
    recent: list[Mention] = []  # mentions before the current token, in order
    for tok in parsed.tokens():
        while idx < len(ment_by_start) and ment_by_start[idx].end <= tok.i:
            recent.append(ment_by_start[idx])
            idx += 1
        low = tok.lower_
        sent = parsed.sentence_of_token(tok.i)
        if sent is None:
            continue
        if tok.pos_ == "PRON" and low in MALE | FEMALE:
            window = _window(recent, sent)
            want = "m" if low in MALE else "f"
            people = [m for m in window if m.label == "PERSON"]
            known = [m for m in people if gender.get(m.canonical) == want]
            unknown = {m.canonical for m in people if m.canonical not in gender}
            best = known[-1] if known else None
            if best is not None and _guess_over_rival(parsed, people, gender, best, sent):
                unresolved.add(tok.i)
            elif best is not None:
                rivals = {
                    m.canonical
                    for m in known
                    if m.sentence == best.sentence and m.canonical != best.canonical
                }
                if rivals and (best.sentence != sent):
                    # two same-gender people in the latest sentence: prefer its subject
                    subj = (
                        subj_of_sentence.get(best.sentence) if best.sentence is not None else None
                    )
                    if subj is not None and subj.canonical in rivals | {best.canonical}:
                        resolved[tok.i] = subj.canonical
                    else:
                        unresolved.add(tok.i)
                else:
                    resolved[tok.i] = best.canonical
            elif len(unknown) == 1:
                resolved[tok.i] = next(iter(unknown))
            else:
                unresolved.add(tok.i)
        elif tok.pos_ == "PRON" and low in NEUTER | PLURAL:
            # "it"/"they" mostly point at events or common nouns in news; resolve only to the
            # named subject of the previous sentence when it is an organisation/thing.
            prev = subj_of_sentence.get(sent - 1)
            if prev is not None and _rival_antecedent(parsed, prev, low, tok):
                prev = None  # "X sets the rules. Councils carry them out": them = the rules
            ok_labels = {"ORG", "PRODUCT", "FAC", "GPE", "EVENT", "WORK_OF_ART"}
            if (
                low in NEUTER
                and prev is not None
                and prev.label in ok_labels - {"ORG"}
                or prev is not None
                and prev.label == "ORG"
                and (low in PLURAL or low in NEUTER)
            ):
                resolved[tok.i] = prev.canonical
            else:
                unresolved.add(tok.i)
        elif (
            tok.pos_ == "NOUN"
            and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss")
            and low in ORG_NOUNS
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and not any(c.dep_ in ("prep", "relcl", "acl") for c in tok.children)
            and not any(c.dep_ in ("amod", "compound") for c in tok.children)
        ):
            # "A team from the museum ... the team's findings": the article's own group
            if any(
                x.lower_ == low
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in x.children)
                for x in doc[: tok.i]
            ):
                continue
            # only when one organisation is named in the window: "the team" after two clubs
            # (or a club and a company) is a guess
            orgs = [m for m in _window(recent, sent) if m.label == "ORG"]
            if len({m.canonical for m in orgs}) == 1:
                resolved[tok.i] = orgs[-1].canonical
            else:
                unresolved.add(tok.i)
    _resolve_descriptions(parsed, mentions, resolved)
    return resolved, unresolved


# singular nouns for a person that a news story uses as a second name for its main person
# ("The tech entrepreneur blasted into space", "the 30-year-old engineer said")
PERSON_DESCRIPTIONS = frozenset(
    {"billionaire", "millionaire", "entrepreneur", "businessman", "businesswoman", "tycoon",
     "astronaut", "pilot", "commander", "engineer", "scientist", "athlete", "striker",
     "goalkeeper", "swimmer", "runner", "cyclist", "skater", "gymnast", "climber", "explorer",
     "inventor", "artist", "singer", "actor", "actress", "author", "writer", "founder",
     "teenager", "youngster", "veteran", "champion", "olympian", "adventurer", "pupil",
     "student", "schoolgirl", "schoolboy", "father", "mother", "grandmother", "grandfather"}
)  # fmt: skip


def _resolve_descriptions(
    parsed: ParsedArticle, mentions: list[Mention], resolved: dict[int, str]
) -> None:
    """Resolve a subject "The [modifiers] <person noun>" to the one person the text is about.

    Only when unambiguous: every person mentioned (or pronoun resolved) in the window before
    is the same person, that person is the article's most mentioned person, and the noun is
    never attached to another person in the article ("engineer Ann Lee" blocks "the engineer").
    """
    doc = parsed.doc
    people = [m for m in mentions if m.label == "PERSON"]
    if not people:
        return
    counts = Counter(m.canonical for m in people)
    top, n_top = counts.most_common(1)[0]
    if sum(1 for k in counts.values() if k == n_top) > 1:
        return
    for tok in parsed.tokens():
        if not (
            tok.pos_ == "NOUN"
            and tok.tag_ == "NN"
            and tok.dep_ in ("nsubj", "nsubjpass")
            and tok.lower_ in PERSON_DESCRIPTIONS
            and tok.i not in resolved
        ):
            continue
        left = [t for t in tok.lefts]
        if not left or left[0].lower_ != "the" or left[0].dep_ != "det":
            continue
        if any(t.ent_type_ or t.dep_ not in ("det", "amod", "compound") for t in left):
            continue
        if any(c.dep_ in ("prep", "relcl", "acl", "appos", "conj") for c in tok.rights):
            continue
        sent = parsed.sentence_of_token(tok.i)
        if sent is None:
            continue
        window_people = {
            m.canonical
            for m in people
            if m.sentence is not None and 0 <= sent - m.sentence <= _WINDOW and m.start < tok.i
        }
        window_people |= {
            name
            for i, name in resolved.items()
            if i < tok.i
            and (s2 := parsed.sentence_of_token(i)) is not None
            and 0 <= sent - s2 <= _WINDOW
            and doc[i].pos_ == "PRON"
        }
        if window_people != {top}:
            continue
        # the noun describes someone else anywhere in the article: ambiguous
        other = False
        for t in parsed.tokens():
            if t.lower_ != tok.lower_ or t.i == tok.i:
                continue
            for j in range(t.i + 1, min(len(doc), t.i + 4)):
                for m in people:
                    if m.start <= j < m.end and m.canonical != top:
                        other = True
            if t.head.i != t.i:
                for m in people:
                    if m.start <= t.head.i < m.end and m.canonical != top:
                        other = True
        if other:
            continue
        resolved[tok.i] = top


def _verb_keys(verb: Token) -> list[str]:
    """The verb's lemma, plus "lemma particle" for phrasal verbs ("stepped out" -> step out)."""
    lemma = verb.lemma_.lower()
    keys = [lemma]
    for c in verb.children:
        if c.dep_ in ("prt", "advmod", "prep") and c.lower_ in _PARTICLES:
            keys.append(f"{lemma} {c.lower_}")
    return keys


def _subjects(verb: Token) -> list[Token]:
    """Subject tokens of a verb; a subjectless verb (conj, xcomp, advcl, "the first to exit")
    takes the subject of the nearest clause above it; a relative pronoun is its head noun."""
    cur: Token = verb
    for _ in range(4):
        subs = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subs:
            out = []
            for sub in subs:
                if sub.lower_ in _RELATIVE and cur.dep_ in ("relcl", "acl"):
                    out.append(cur.head)
                else:
                    out.append(sub)
            return out
        if cur.dep_ not in (
            "conj",
            "xcomp",
            "advcl",
            "acl",
            "relcl",
            "attr",
            "pcomp",
            "pobj",
            "prep",
        ):
            return []
        if (cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.head.pos_ == "PROPN")) and (
            cur.head.pos_ in ("PROPN", "NOUN") and cur.head.lower_ not in ("first", "last", "one")
        ):
            return [cur.head]
        cur = cur.head
    return []


def _group_members(tok: Token) -> list[Token]:
    """The token and the names conjoined or listed with it ("A and B", "A then B", "A, B")."""
    out = [tok, *tok.conjuncts]
    for c in tok.children:
        if c.dep_ in ("appos", "npadvmod", "nmod") and c.pos_ == "PROPN":
            out.append(c)
    return out


def _facts(
    parsed: ParsedArticle, token_mention: dict[int, Mention], resolved: dict[int, str]
) -> dict[tuple[str, str], frozenset[str]]:
    """Who does what in every sentence (usable or not: the article still states it)."""
    facts: dict[tuple[str, str], set[str]] = defaultdict(set)

    def canon(tok: Token) -> str | None:
        if tok.i in resolved:
            return resolved[tok.i]
        m = token_mention.get(tok.i)
        if m is None:
            for c in tok.children:  # "engineer Leo Grant": the name hangs off the noun
                if c.dep_ in ("compound", "appos") and c.i in token_mention:
                    return token_mention[c.i].canonical
            return None
        return m.canonical

    def is_group(tok: Token) -> bool:
        if tok.lower_ in _GROUP_WORDS:
            return True
        return tok.tag_ == "NNS" and any(
            c.like_num or c.lower_ in _GROUP_WORDS for c in tok.children
        )

    follows: list[tuple[str, str]] = []  # (leader, follower)
    for verb in parsed.tokens():
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        keys = _verb_keys(verb)
        subj_role = "nsubjpass" if any(c.dep_ == "nsubjpass" for c in verb.children) else "nsubj"
        subjects = _subjects(verb)
        for sub in subjects:
            for member in _group_members(sub):
                c = canon(member)
                for k in keys:
                    if c is not None:
                        facts[(k, subj_role)].add(c)
                    elif is_group(member) and subj_role == "nsubj":
                        facts[(k, "nsubj")].add("*group*")
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "attr"):
                role = "dobj"
                targets = _group_members(child)
            elif child.dep_ == "prep":
                role = "pobj:" + child.lower_
                targets = [t for p in child.children if p.dep_ == "pobj" for t in _group_members(p)]
            elif child.dep_ == "agent":  # passive agent = active subject
                role = "nsubj"
                targets = [t for p in child.children if p.dep_ == "pobj" for t in _group_members(p)]
            else:
                continue
            for t in targets:
                c = canon(t)
                if c is None:
                    continue
                for k in keys:
                    facts[(k, role)].add(c)
                if verb.lemma_.lower() == "follow":
                    led = [canon(s) for s in subjects]
                    if child.dep_ == "agent":
                        follows.extend((x, c) for x in led if x)
                    elif role == "dobj":
                        follows.extend((c, x) for x in led if x)
    # "A ... was followed by B": for movement verbs whoever followed did the same thing
    moving = set().union(*(same_predicate(v) for v in _MOVEMENT))
    for (lemma, role), names in list(facts.items()):
        if role != "nsubj" or lemma.split()[0] not in moving and lemma not in moving:
            continue
        for leader, follower in follows:
            if leader in names or follower in names:
                names.update((leader, follower))
    return {k: frozenset(v) for k, v in facts.items()}


def also_true(
    analysis: ArticleAnalysis, slot: tuple[str, str], value: str, key: str | None = None
) -> bool:
    """True when ``value`` would also be a right answer for ``slot`` = (verb lemma, role).

    The article states the same predicate (the verb or a curated synonym, see
    data/verb_synonyms.json) with that entity in the same role, or states it for a plural
    group ("both climbers reached the top") so any person may be right, or ``value`` is an alias
    of the ``key``.
    """
    canon = analysis.canonical(value) or normalise_name(value)
    if key is not None:
        kc = analysis.canonical(key) or normalise_name(key)
        if kc.lower() == canon.lower():
            return True
        kt, vt = set(kc.lower().split()), set(canon.lower().split())
        if kt and vt and (kt <= vt or vt <= kt):
            return True
    lemma, role = slot
    ent = analysis.entity(canon)
    for v in same_predicate(lemma.lower()):
        names = analysis.facts.get((v, role), frozenset())
        if canon in names:
            return True
        if "*group*" in names and role == "nsubj" and ent is not None and ent.label == "PERSON":
            return True
    return False
