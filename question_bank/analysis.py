"""Article-level analysis over the one parse: canonical entities, voted types, pronouns.

Everything here is a cheap linear pass over the tokens and entity mentions of the ``Doc``
(``ParsedArticle``); nothing re-parses text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from question_bank.nlp import ParsedArticle
from question_bank.types import EntityInfo

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

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


def _raw_mentions(parsed: ParsedArticle) -> list[tuple[Span, str, str]]:
    """(span, normalised text, raw label) of entity mentions.

    A leading descriptor that the article also uses as a lower-case word ("Billionaire Jared
    Isaacman", "billionaire" elsewhere) is not part of the name. spaCy's PERSON label is
    overruled when the mention behaves like a thing: "the X", or X modifying a common noun
    ("X capsule", "X engineer").
    """
    doc = parsed.doc
    lower_words = {t.text for t in doc if t.is_alpha and t.text.islower()}
    out = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start = ent.start
        while (
            start < ent.end - 1
            and (doc[start].text.lower() in lower_words or doc[start].pos_ == "NOUN")
            and doc[start].text.lower() not in TITLES
        ):
            start += 1
        span = doc[start : ent.end]
        norm = normalise_name(span.text)
        if not norm or not any(c.isalpha() for c in norm):
            continue
        label = ent.label_
        if label == "PERSON":
            root = span.root
            prev = doc[span.start - 1].lower_ if span.start > 0 else ""
            if prev == "the" or (root.dep_ == "compound" and root.head.pos_ == "NOUN"):
                label = "MISC"
        out.append((span, norm, label))
    return out


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
    lower_words = {t.text for t in parsed.doc if t.is_alpha and t.text.islower()}
    # 1. Clusters of names. Persons merge by token subset / surname ("Mr Isaacman" ->
    #    "Jared Isaacman"); other names merge only when equal (ignoring case and "the"), since
    #    "SpaceX" and "SpaceX Dragon" are different things.
    full_names: dict[str, Counter[str]] = defaultdict(Counter)  # norm -> label votes
    titled: dict[str, str | None] = {}
    for ent, norm, label in raw:
        t = _title_before(ent)
        if t is not None:
            label = "PERSON"
            titled[norm] = TITLES[t]
        full_names[norm][label] += 1

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
            # "Isaacman" or "Jared" or "Jared Isaacman" -> "Jared Isaacman"
            if set(mt) <= ntoks and (m in person_like or len(mt) == 1):
                # a lone first name shared by two full names stays apart (ambiguous)
                owners = [
                    o for o in person_like if len(o.split()) > len(mt) and set(mt) <= set(tokens(o))
                ]
                if len({canonical_of.get(o, o) for o in owners}) <= 1:
                    canonical_of[m] = n
    # case-insensitive merge for non-persons ("SPACEX" vs "SpaceX") - keep the most common form
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
    for _ent, norm, label in raw:
        c = canonical_of[norm]
        votes[c][label if norm not in titled else "PERSON"] += 1
        counts[c] += 1
        if norm != c:
            aliases[c].add(norm)
    label_of: dict[str, str] = {}
    for c, v in votes.items():
        top = v.most_common(1)[0][0]
        if top == "MISC" or (v["MISC"] and v["MISC"] >= v["PERSON"]):
            top = "MISC"
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

    gender = _genders(parsed, mentions, titled, canonical_of)
    # A one-word "person" with no title and no he/she is more often a mislabelled thing
    # ("Moon", "SpaceX") than a person: keep it out of Who-questions and person distractors.
    for c, lab in list(label_of.items()):
        if (
            lab == "PERSON"
            and c not in gender
            and (len(c.split()) == 1 or any(w.lower() in lower_words for w in c.split()))
        ):
            label_of[c] = "MISC"  # "Van Allen Belt": a common word in it, no he/she
    mentions = [replace(m, label=label_of[m.canonical]) for m in mentions]
    token_mention = {i: m for m in mentions for i in range(m.start, m.end)}
    resolved, unresolved = _resolve(parsed, mentions, gender)

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
    )


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
    for m in mentions:
        if m.label == "PERSON" and m.sentence is not None:
            by_sentence[m.sentence].add(m.canonical)
    prev_only: str | None = None
    for k, ps in enumerate(parsed.sentences):
        persons = by_sentence.get(k, set())
        g_here = Counter(
            "m" if t.lower_ in MALE else "f"
            for t in ps.doc_span
            if t.lower_ in MALE or t.lower_ in FEMALE
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
    for tok in doc:
        while idx < len(ment_by_start) and ment_by_start[idx].end <= tok.i:
            recent.append(ment_by_start[idx])
            idx += 1
        low = tok.lower_
        sent = parsed.sentence_of_token(tok.i)
        if sent is None:
            continue
        window = [m for m in recent if m.sentence is not None and sent - m.sentence <= _WINDOW]
        if tok.pos_ == "PRON" and low in MALE | FEMALE:
            want = "m" if low in MALE else "f"
            people = [m for m in window if m.label == "PERSON"]
            known = [m for m in people if gender.get(m.canonical) == want]
            {m.canonical for m in people if gender.get(m.canonical) not in (None, want)}
            unknown = {m.canonical for m in people if m.canonical not in gender}
            if known:
                best = known[-1]
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
            orgs = [m for m in window if m.label == "ORG"]
            if len({m.canonical for m in orgs}) == 1 or orgs:
                if len({m.canonical for m in orgs[-2:]}) == 1:
                    resolved[tok.i] = orgs[-1].canonical
                else:
                    unresolved.add(tok.i)
            else:
                unresolved.add(tok.i)
    return resolved, unresolved
