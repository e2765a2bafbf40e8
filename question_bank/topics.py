"""Several articles on one event: topics, facts checked across sources, conflicts shown.

Three parts, all computed on the fly from the stored articles (nothing new is stored but the
``Topic`` rows and ``Article.topic_id``; a handful of articles parse in about a second and the
parses are cached per process):

* **Grouping** (:func:`assign_topics`): articles whose salient named entities overlap (weighted
  Jaccard over canonical names; people keyed by surname so "Okafor" meets "Ada Okafor")
  and whose explicit dates do not contradict are linked; connected components of two or more
  articles become a topic. Teachers confirm, split (move an article out) and merge topics.
* **Alignment** (:func:`align_topic`): facts are read from every sentence of every article of
  the topic: quantities with units (normalised to one unit per dimension, hedges such as
  "more than" or "about" widen the value into a range), clock times (known zones normalised to
  UTC; without a zone the time is compared as written), ages ("Name, 41,") and group sizes
  ("a team of four"). A fact's slot is (subject, relation, type): the relation is the noun of
  the quantity or the verb's lemma; heights ("altitude of", "above", "below", "in orbit") share
  one relation because the articles of a topic report one event. Each slot is ``corroborated``
  (two or more articles agree), ``single`` (one article) or ``conflicting`` (values that do not
  agree, even within one article), with every source's quote.
  Person names: a person called differently in a minority of sources (same first name, similar
  surname, same role noun or same action) is a :class:`NameConflict`: a probable error.
* **Use** (:func:`topic_questions`, :func:`media_literacy_questions`): a topic quiz prefers
  questions on corroborated facts and never asks a conflicting fact as a plain fact, never
  shows the minority spelling of a name, and drops a question when a distractor is stated as
  true by any source of the topic for the same slot. Questions are only excluded, never changed
  (the teacher can reject them explicitly with :func:`reject_name_conflict_questions`).
  Media-literacy items ("Which report says 95 mph?") are built only from real conflicts
  between different articles.

Library rules: functions take a ``Session``, flush, never commit, never import Flask.
"""

from __future__ import annotations

import difflib
import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from question_bank.models import (
    Article,
    Option,
    Question,
    QuestionKind,
    QuestionStatus,
    Teacher,
    Topic,
)
from question_bank.types import SentenceSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from question_bank.analysis import ArticleAnalysis
    from question_bank.nlp import ParsedArticle

CORROBORATED = "corroborated"
SINGLE = "single"
CONFLICTING = "conflicting"
STATUS_LABELS = {
    CORROBORATED: "Agreed by {n} sources",
    SINGLE: "Only one source",
    CONFLICTING: "Sources disagree",
}
MEDIA_LITERACY = "media_literacy"

# Grouping thresholds (weighted Jaccard over salient entities, and shared weight).
LINK_SIMILARITY = 0.2
LINK_SHARED_WEIGHT = 2.0
MAX_SALIENT = 15
MAX_DATE_GAP_DAYS = 7

# Labels whose names identify a story; places and nationalities identify it less.
_STRONG_LABELS = frozenset({"PERSON", "ORG", "EVENT", "PRODUCT", "FAC", "WORK_OF_ART", "MISC"})
_WEAK_LABELS = frozenset({"GPE", "LOC", "NORP"})
# Time-zone abbreviations are tagged as names by the small model; they say nothing about a story.
_ZONE_WORDS = frozenset(
    {"et", "e.t", "e.t.", "edt", "est", "gmt", "utc", "bst", "cet", "cest", "pt", "pdt", "pst",
     "ct", "cdt", "cst", "mt", "mdt", "mst"}
)  # fmt: skip


class TopicError(ValueError):
    """A topic operation was refused; the message is meant for the teacher."""


# --------------------------------------------------------------------------- parsing (cached)


@dataclass(frozen=True)
class ArticleDoc:
    """One stored article, parsed once (spaCy doc + the generator's entity analysis)."""

    article_id: int
    title: str
    parsed: ParsedArticle
    analysis: ArticleAnalysis


_CACHE: dict[tuple[int, int, int], ArticleDoc] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 64


def article_doc(article: Article) -> ArticleDoc:
    """Parse a stored article with its stored sentences (cached by id and text)."""
    from question_bank.analysis import analyse
    from question_bank.bank import stored_clean_article
    from question_bank.nlp import parse_article

    key = (article.id, hash(article.text), len(article.sentences))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
    if hit is not None:
        return hit
    parsed = parse_article(stored_clean_article(article))
    doc = ArticleDoc(article.id, article.title, parsed, analyse(parsed))
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = doc
    return doc


# --------------------------------------------------------------------------- grouping


def _entity_key(name: str, label: str) -> str:
    words = name.lower().split()
    if label == "PERSON" and len(words) >= 2:
        return words[-1]
    return " ".join(words)


def salient_entities(doc: ArticleDoc) -> dict[str, float]:
    """Canonical entity keys of an article that say what it is about, with weights.

    The ``MAX_SALIENT`` most mentioned names (people, organisations, events, products weigh 1,
    places and nationalities 0.5); time-zone abbreviations are not names.
    """
    chosen: dict[str, float] = {}
    for ent in doc.analysis.entities:  # most mentioned first
        name = ent.name.strip()
        low = name.lower().strip(".")
        if not name or low in _ZONE_WORDS or low.rstrip(".") in _ZONE_WORDS:
            continue
        if ent.label not in _STRONG_LABELS | _WEAK_LABELS:
            continue
        key = _entity_key(name, ent.label)
        weight = 1.0 if ent.label in _STRONG_LABELS else 0.5
        chosen[key] = max(weight, chosen.get(key, 0.0))
        if len(chosen) >= MAX_SALIENT:
            break
    return chosen


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}  # fmt: skip
_DAY_MONTH = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+("
    + "|".join(_MONTHS)
    + r")|("
    + "|".join(_MONTHS)
    + r")\s+(\d{1,2})(?:st|nd|rd|th)?)\b",
    re.I,
)


def explicit_dates(text: str) -> set[tuple[int, int]]:
    """(month, day) pairs written out in the text ("September 10", "10 September")."""
    out: set[tuple[int, int]] = set()
    for m in _DAY_MONTH.finditer(text):
        day = m.group(1) or m.group(4)
        month = m.group(2) or m.group(3)
        d = int(day)
        if 1 <= d <= 31:
            out.add((_MONTHS[month.lower()], d))
    return out


def similarity(a: dict[str, float], b: dict[str, float]) -> tuple[float, float]:
    """(weighted Jaccard, shared weight) of two salient-entity maps."""
    keys = set(a) | set(b)
    if not keys:
        return 0.0, 0.0
    inter = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    union = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return inter / union, inter


def _dates_compatible(x: Article, y: Article) -> bool:
    if x.published_on and y.published_on:
        return abs((x.published_on - y.published_on).days) <= MAX_DATE_GAP_DAYS
    return True


def linked(x: Article, y: Article, sx: dict[str, float], sy: dict[str, float]) -> bool:
    """Do two articles report the same event? (shared names, dates that do not contradict)"""
    if not _dates_compatible(x, y):
        return False
    sim, shared = similarity(sx, sy)
    # An explicit calendar date in both (e.g. "May 4") is strong extra evidence.
    if explicit_dates(x.text) & explicit_dates(y.text):
        sim += 0.1
    return sim >= LINK_SIMILARITY and shared >= LINK_SHARED_WEIGHT


def _components(nodes: list[int], edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = {n: n for n in nodes}

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in nodes:
        groups[find(n)].append(n)
    return [sorted(g) for g in groups.values()]


def topic_name(docs: Sequence[ArticleDoc]) -> str:
    """A short name: the names most articles of the topic share (then the most mentioned)."""
    counts: dict[str, int] = defaultdict(int)
    mentions: dict[str, int] = defaultdict(int)
    display: dict[str, str] = {}
    for doc in docs:
        seen: set[str] = set()
        for ent in doc.analysis.entities:
            if ent.label not in _STRONG_LABELS or ent.name.lower().strip(".") in _ZONE_WORDS:
                continue
            key = _entity_key(ent.name, ent.label)
            mentions[key] += ent.mentions
            if len(ent.name) > len(display.get(key, "")):
                display[key] = ent.name
            if key not in seen:
                seen.add(key)
                counts[key] += 1
    best = sorted(counts, key=lambda k: (-counts[k], -mentions[k], k))[:3]
    if not best:
        return docs[0].title[:200] if docs else "Topic"
    return ", ".join(display[k] for k in best)[:200]


def owner_topics(session: Session, owner: Teacher) -> list[Topic]:
    """The owner's topics with at least one article, newest first."""
    topics = session.scalars(
        select(Topic)
        .where(Topic.owner_id == owner.id)
        .options(selectinload(Topic.articles))
        .order_by(Topic.created_at.desc(), Topic.id.desc())
    )
    return [t for t in topics if t.articles]


def assign_topics(session: Session, owner: Teacher) -> list[Topic]:
    """Group the owner's articles into topics; returns the owner's topics. Flushes only.

    Articles in a confirmed topic stay where the teacher put them (a split article sits in its
    own confirmed topic). Other articles are regrouped: a free article that reports the same
    event as a confirmed topic joins it; components of two or more free articles become an
    unconfirmed topic (keeping the id of the unconfirmed topic most of them were in).
    """
    articles = list(
        session.scalars(
            select(Article)
            .where(Article.owner_id == owner.id)
            .options(selectinload(Article.sentences), selectinload(Article.topic))
            .order_by(Article.id)
        )
    )
    by_id = {a.id: a for a in articles}
    salient = {a.id: salient_entities(article_doc(a)) for a in articles}
    fixed = [a for a in articles if a.topic is not None and a.topic.confirmed]
    free = [a for a in articles if a.topic is None or not a.topic.confirmed]
    old_topic = {a.id: a.topic_id for a in free}

    # Free articles join a confirmed topic they match (best mean similarity wins).
    confirmed_members: dict[int, list[Article]] = defaultdict(list)
    for a in fixed:
        assert a.topic_id is not None
        confirmed_members[a.topic_id].append(a)
    still_free: list[Article] = []
    for a in free:
        best: tuple[float, int] | None = None
        for topic_id, members in confirmed_members.items():
            if len(members) < 2:
                continue  # a split-out single article does not attract others
            hits = [m for m in members if linked(a, m, salient[a.id], salient[m.id])]
            if hits:
                score = sum(similarity(salient[a.id], salient[m.id])[0] for m in members)
                if best is None or score > best[0]:
                    best = (score, topic_id)
        if best is not None:
            a.topic_id = best[1]
        else:
            still_free.append(a)

    ids = [a.id for a in still_free]
    edges = [
        (x.id, y.id)
        for i, x in enumerate(still_free)
        for y in still_free[i + 1 :]
        if linked(x, y, salient[x.id], salient[y.id])
    ]
    used_topic_ids: set[int] = set()
    for component in _components(ids, edges):
        if len(component) < 2:
            by_id[component[0]].topic = None
            by_id[component[0]].topic_id = None
            continue
        previous = [old_topic[i] for i in component if old_topic[i] is not None]
        keep_id = None
        for candidate in sorted(set(previous), key=lambda t: (-previous.count(t), t)):
            if candidate is not None and candidate not in used_topic_ids:
                keep_id = candidate
                break
        docs = [article_doc(by_id[i]) for i in component]
        if keep_id is not None:
            topic = session.get(Topic, keep_id)
            assert topic is not None
            topic.name = topic_name(docs)
        else:
            topic = Topic(owner_id=owner.id, name=topic_name(docs), confirmed=False)
            session.add(topic)
            session.flush()
        used_topic_ids.add(topic.id)
        for i in component:
            by_id[i].topic = topic
    session.flush()
    # Unconfirmed topics left without articles are removed.
    for topic in session.scalars(
        select(Topic).where(Topic.owner_id == owner.id, Topic.confirmed.is_(False))
    ):
        session.refresh(topic, ["articles"])
        if not topic.articles:
            session.delete(topic)
    session.flush()
    return owner_topics(session, owner)


def confirm_topic(session: Session, topic: Topic) -> None:
    """The teacher agrees these articles report one event: keep them together."""
    topic.confirmed = True
    session.flush()


def split_article(session: Session, topic: Topic, article: Article) -> Topic:
    """Move an article out of its topic into its own confirmed topic (so regrouping keeps it
    apart); the rest of the topic is confirmed as it is. Returns the new topic."""
    if article.topic_id != topic.id or article.owner_id != topic.owner_id:
        raise TopicError("That article is not in this topic.")
    if len(topic.articles) < 2:
        raise TopicError("This topic has only one article; there is nothing to split.")
    single = Topic(owner_id=topic.owner_id, name=article.title[:200], confirmed=True)
    session.add(single)
    article.topic = single
    topic.confirmed = True
    session.flush()
    session.refresh(topic, ["articles"])
    return single


def merge_topics(session: Session, target: Topic, other: Topic) -> Topic:
    """Move every article of ``other`` into ``target`` (confirmed) and delete ``other``."""
    if target.id == other.id:
        raise TopicError("Choose a different topic to merge with.")
    if target.owner_id != other.owner_id:
        raise TopicError("You can only merge your own topics.")
    for article in list(other.articles):
        article.topic = target
    target.confirmed = True
    session.flush()
    session.delete(other)
    session.flush()
    session.refresh(target, ["articles"])
    docs = [article_doc(a) for a in target.articles]
    if len(docs) >= 2:
        target.name = topic_name(docs)
    return target


# --------------------------------------------------------------------------- fact values

# Units: word -> (dimension, factor to the dimension's base unit).
UNITS: dict[str, tuple[str, float]] = {
    "mile": ("length", 1.609344), "miles": ("length", 1.609344), "mi": ("length", 1.609344),
    "km": ("length", 1.0), "kilometre": ("length", 1.0), "kilometres": ("length", 1.0),
    "kilometer": ("length", 1.0), "kilometers": ("length", 1.0), "kms": ("length", 1.0),
    "m": ("length", 0.001), "metre": ("length", 0.001), "metres": ("length", 0.001),
    "meter": ("length", 0.001), "meters": ("length", 0.001),
    "foot": ("length", 0.0003048), "feet": ("length", 0.0003048), "ft": ("length", 0.0003048),
    "yard": ("length", 0.0009144), "yards": ("length", 0.0009144),
    "cm": ("length", 0.00001), "centimetres": ("length", 0.00001),
    "centimeters": ("length", 0.00001), "inch": ("length", 0.0000254),
    "inches": ("length", 0.0000254),
    "second": ("duration", 1 / 60), "seconds": ("duration", 1 / 60),
    "minute": ("duration", 1.0), "minutes": ("duration", 1.0), "mins": ("duration", 1.0),
    "hour": ("duration", 60.0), "hours": ("duration", 60.0), "hrs": ("duration", 60.0),
    "day": ("duration", 1440.0), "days": ("duration", 1440.0),
    "week": ("duration", 10080.0), "weeks": ("duration", 10080.0),
    "mph": ("speed", 1.609344), "km/h": ("speed", 1.0), "kph": ("speed", 1.0),
    "kg": ("mass", 1.0), "kilogram": ("mass", 1.0), "kilograms": ("mass", 1.0),
    "kilo": ("mass", 1.0), "kilos": ("mass", 1.0), "pound": ("mass", 0.45359237),
    "pounds": ("mass", 0.45359237), "lb": ("mass", 0.45359237), "lbs": ("mass", 0.45359237),
    "tonne": ("mass", 1000.0), "tonnes": ("mass", 1000.0), "ton": ("mass", 907.18474),
    "tons": ("mass", 907.18474), "percent": ("percent", 1.0), "per": ("percent", 1.0),
    "%": ("percent", 1.0), "degrees": ("temperature", 1.0), "°c": ("temperature", 1.0),
    "inches_rain": ("length", 0.0000254),
}  # fmt: skip
BASE_UNIT = {
    "length": "km", "duration": "minutes", "speed": "km/h", "mass": "kg", "percent": "%",
    "temperature": "degrees",
}  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
# Hedges before a number: (words, kind).
_MORE = ("more than", "over", "at least", "above", "just over", "upwards of", "in excess of")
_LESS = ("less than", "under", "up to", "nearly", "almost", "just under", "fewer than", "below")
_ABOUT = ("about", "around", "roughly", "approximately", "some", "circa", "an estimated")

# Words around a length that make it a height (the story's altitude, whatever its subject).
HEIGHT_WORDS = frozenset(
    {"altitude", "height", "above", "below", "high", "elevation", "orbit", "aloft", "overhead",
     "beneath", "up", "underneath", "deep", "depth"}
)  # fmt: skip
# Nouns that make "N-<noun> X" / "X of N" a group size ("four-person team", "a team of four").
GROUP_SIZE_NOUNS = frozenset(
    {"person", "people", "strong", "member", "man", "woman", "seat", "player", "student"}
)  # fmt: skip


@dataclass(frozen=True)
class Quote:
    """Where a source states a value: the whole sentence, with its offsets in the article."""

    article_id: int
    sentence_index: int
    start: int
    end: int
    text: str
    value_text: str


@dataclass(frozen=True)
class Value:
    """A normalised value: numbers as a range in a base unit, times as UTC candidates."""

    kind: str  # quantity | count | age | time
    display: str
    low: float = 0.0
    high: float = 0.0
    unit: str = ""
    # times: minutes after midnight, local; UTC candidates (None: no zone known)
    local: float | None = None
    utc: tuple[float, ...] | None = None
    tolerance: float = 0.0

    @property
    def center(self) -> float:
        if self.kind == "time":
            return self.local or 0.0
        return (self.low + self.high) / 2


def _precision_half(text: str, value: float) -> float:
    digits = text.replace(",", "")
    if "." in digits:
        decimals = len(digits.split(".", 1)[1].rstrip("0")) or 0
        return float(0.5 * 10.0**-decimals) if decimals else 0.5
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    if zeros and value >= 10:
        return float(0.5 * 10.0**zeros)
    return 0.0


def number_range(text: str, value: float, hedge: str) -> tuple[float, float]:
    """The range a written number stands for: its rounding, widened by a hedge word."""
    half = _precision_half(text, value)
    low, high = value - half, value + half
    if hedge == "more":
        low, high = value, value * 1.3
    elif hedge == "less":
        low, high = value * 0.8, value
    elif hedge == "about":
        low, high = value * 0.9, value * 1.1
    return low, high


def values_agree(a: Value, b: Value) -> bool:
    """Do two values say the same thing (roughly, for hedged or converted numbers)?"""
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if a.kind == "time":
        tol = max(a.tolerance, b.tolerance, 2.0)
        if a.utc is not None and b.utc is not None:
            return any(_clock_gap(x, y) <= tol for x in a.utc for y in b.utc)
        return a.local is not None and b.local is not None and _clock_gap(a.local, b.local) <= tol
    # 1.5% slack for unit conversions ("430 miles (700km)") on top of the written precision
    slack = 0.015 * max(abs(a.high), abs(b.high))
    return a.low <= b.high + slack and b.low <= a.high + slack


def _clock_gap(x: float, y: float) -> float:
    d = abs(x - y) % 1440
    return min(d, 1440 - d)


def _to_number(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def _hedge_before(doc_text: str, start: int) -> str:
    """The hedge word(s) right before a number ("more than", "about"), or ''."""
    before = " ".join(doc_text[max(0, start - 20) : start].lower().split()) + " "
    before = " " + re.sub(r"[\s\-–—]+$", " ", before).rstrip() + " "
    for words in (_MORE, _LESS, _ABOUT):
        for w in words:
            if before.endswith(" " + w + " "):
                return w
    return ""


def _hedge_kind(hedge: str) -> str:
    if hedge in _MORE:
        return "more"
    if hedge in _LESS:
        return "less"
    return "about" if hedge else ""


# --------------------------------------------------------------------------- time values

# zone -> possible offsets from UTC in hours (summer and winter where the zone changes)
ZONES: dict[str, tuple[float, ...]] = {
    "gmt": (0.0,), "utc": (0.0,), "z": (0.0,), "bst": (1.0,), "uk time": (0.0, 1.0),
    "uk": (0.0, 1.0), "british time": (0.0, 1.0), "london time": (0.0, 1.0),
    "et": (-4.0, -5.0), "e.t.": (-4.0, -5.0), "e.t": (-4.0, -5.0), "edt": (-4.0,),
    "est": (-5.0,), "eastern time": (-4.0, -5.0), "ct": (-5.0, -6.0), "cdt": (-5.0,),
    "cst": (-6.0,), "mt": (-6.0, -7.0), "pt": (-7.0, -8.0), "pdt": (-7.0,), "pst": (-8.0,),
    "cet": (1.0,), "cest": (2.0,), "ist": (5.5,), "jst": (9.0,), "aest": (10.0,),
}  # fmt: skip
_ZONE_RE = "|".join(sorted((re.escape(z) for z in ZONES), key=len, reverse=True))
TIME_RE = re.compile(
    r"(?<![\w.:£$])(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>\d{2}))?\s?"
    r"(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b)?"
    r"(?P<paren>\s*\([^)]{0,30}\))?"
    r"(?:\s*(?P<zone>" + _ZONE_RE + r")(?![\w]))?",
    re.I,
)
COMPACT_TIME_RE = re.compile(
    r"(?<![\w.:£$])(?P<hm>[0-2]\d[0-5]\d)\s?(?P<zone>" + _ZONE_RE + r")(?![\w])", re.I
)


@dataclass(frozen=True)
class _TimeHit:
    start: int
    end: int
    local: float
    zone: str | None
    text: str
    # the same moment written again in parentheses ("6:52 a.m. ET (10.52 GMT)")
    alts: tuple[_TimeHit, ...] = ()


def _scan_times(text: str) -> list[_TimeHit]:
    hits: list[_TimeHit] = []
    for m in TIME_RE.finditer(text):
        h = int(m.group("h"))
        minutes = int(m.group("m")) if m.group("m") else 0
        ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        zone = (m.group("zone") or "").lower() or None
        if not ampm and not (m.group("m") and zone):
            continue  # a bare number or a decimal, not a time
        if h > 24 or minutes > 59 or (ampm and not 1 <= h <= 12):
            continue
        if ampm == "pm" and h != 12:
            h += 12
        if ampm == "am" and h == 12:
            h = 0
        paren = m.group("paren")
        alts: tuple[_TimeHit, ...] = ()
        if paren:
            inner_at = m.start("paren") + paren.index("(") + 1
            alts = tuple(
                _TimeHit(t.start + inner_at, t.end + inner_at, t.local, t.zone, t.text)
                for t in _scan_times(text[inner_at : m.end("paren") - 1])
            )
        end = m.start("paren") if paren else m.end()
        written = text[m.start() : end].strip()
        if paren and zone:
            written = f"{written} {m.group('zone')}"
            end = m.end()
        hits.append(_TimeHit(m.start(), end, float(h * 60 + minutes), zone, written, alts))
    for m in COMPACT_TIME_RE.finditer(text):
        hm = m.group("hm")
        h, mins = int(hm[:2]), int(hm[2:])
        if h <= 23:
            hits.append(
                _TimeHit(
                    m.start(), m.end(), float(h * 60 + mins), m.group("zone").lower(), m.group(0)
                )
            )
    hits.sort(key=lambda t: t.start)
    return hits


def find_times(text: str) -> list[_TimeHit]:
    """Clock times in a sentence: "6:52 a.m. ET", "10.52 GMT", "1052 GMT", "11am", "10.58am".

    A time in parentheses right after another is the same moment again: it becomes an ``alt``
    of the first, not a time of its own.
    """
    hits = _scan_times(text)
    out: list[_TimeHit] = []
    for hit in hits:
        if out and re.fullmatch(r"\s*\(\s*", text[out[-1].end : hit.start]):
            prev = out[-1]
            out[-1] = _TimeHit(prev.start, prev.end, prev.local, prev.zone, prev.text,
                               (*prev.alts, hit))  # fmt: skip
            continue
        out.append(hit)
    return out


def time_value(hit: _TimeHit, hedge: str) -> Value:
    """A clock time. With a known zone it becomes UTC candidates (zones that change with the
    season give two); without one it is compared as written (local clock). A parenthesised
    alternative ("6:52 a.m. ET (10.52 GMT)") narrows the candidates to the readings both allow."""
    utc: tuple[float, ...] | None = None
    if hit.zone:
        utc = tuple(sorted({(hit.local - off * 60) % 1440 for off in ZONES.get(hit.zone, ())}))
    display = hit.text.strip()
    for alt in hit.alts:
        if alt.zone:
            alt_utc = {(alt.local - off * 60) % 1440 for off in ZONES.get(alt.zone, ())}
            if utc:
                both = tuple(u for u in utc if any(_clock_gap(u, a) <= 2 for a in alt_utc))
                utc = both or utc
            else:
                utc = tuple(sorted(alt_utc))
        display = f"{display} ({alt.text.strip()})"
    return Value(
        kind="time",
        display=display,
        local=hit.local,
        utc=utc or None,
        unit="clock",
        tolerance=10.0 if hedge else 2.0,
    )


# --------------------------------------------------------------------------- fact extraction


@dataclass(frozen=True)
class FactMention:
    subject: str
    relation: str
    value_type: str  # quantity dimension, "time", "age", "count"
    value: Value
    quote: Quote


def _canon_person(name: str, people: dict[str, str]) -> str:
    if name in people:
        return people[name]
    key = name.lower().split()[-1] if name.split() else name.lower()
    if len(name.split()) >= 2:
        return people.get(" ".join(name.lower().split()), name)
    return people.get(key, name)


def _mention_name(doc: ArticleDoc, tok: Token) -> str | None:
    m = doc.analysis.token_mention.get(tok.i)
    if m is not None:
        return m.canonical
    resolved = doc.analysis.resolved.get(tok.i)
    return resolved


def _subject_of(verb: Token, doc: ArticleDoc) -> str:
    """The canonical subject of a verb (walking up through xcomp/conj), or ''."""
    seen = 0
    v: Token | None = verb
    while v is not None and seen < 4:
        for child in v.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                name = _mention_name(doc, child)
                if name:
                    return name
                if child.pos_ in {"NOUN", "PROPN"}:
                    return child.lemma_.lower()
                return ""
        if v.dep_ in {"xcomp", "conj", "advcl", "ccomp"} and v.head.i != v.i:
            v = v.head
            seen += 1
            continue
        break
    return ""


def _governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"}:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _quote(doc: ArticleDoc, sent_pos: int, value_text: str) -> Quote:
    s = doc.parsed.sentences[sent_pos].span
    return Quote(doc.article_id, s.index, s.start, s.end, s.text, value_text)


def _length_relation(unit_tok: Token) -> tuple[str, str] | None:
    """(subject, relation) for a length: heights share one relation; 'N-foot X' is X's length."""
    if unit_tok.dep_ in {"compound", "amod", "nmod"} and unit_tok.head.pos_ == "NOUN":
        return unit_tok.head.lemma_.lower(), "length"
    around: set[str] = {unit_tok.lemma_.lower()}
    for t in (unit_tok, unit_tok.head, unit_tok.head.head):
        around.add(t.lemma_.lower())
        for c in t.children:
            if c.dep_ in {"prep", "advmod", "pobj", "acomp"}:
                around.add(c.lemma_.lower())
                for g in c.children:
                    if g.dep_ == "pobj":
                        around.add(g.lemma_.lower())
    if around & HEIGHT_WORDS:
        return "", "altitude"
    verb = _governing_verb(unit_tok)
    return "", f"distance ({verb.lemma_.lower()})" if verb is not None else "distance"


def fact_sentence(s: SentenceSpan) -> bool:
    """Facts are read from usable sentences and from sentences with quoted speech (outside the
    quotation marks); never from broken text or page furniture."""
    return s.usable or (s.skip_reason or "").startswith("direct quot")


def extract_facts(doc: ArticleDoc, people: dict[str, str] | None = None) -> list[FactMention]:
    """Quantities, times, ages and group sizes stated by the article's usable sentences."""
    people = people or {}
    out: list[FactMention] = []
    for pos, ps in enumerate(doc.parsed.sentences):
        if not fact_sentence(ps.span):
            continue
        span = ps.doc_span
        text = ps.span.text
        out.extend(_quantities(doc, pos, span, people))
        out.extend(_ages(doc, pos, span, people))
        out.extend(_times(doc, pos, span, text, people))
    return out


_CURRENCY = frozenset("$£€¥")


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted speech in a sentence ("...", “...”, ‘...’ at word edges)."""
    spans = []
    for m in re.finditer(r'"[^"]*"|“[^”]*”|(?<!\w)‘[^’]*’(?!\w)|(?<!\w)\'[^\']*\'(?!\w)', text):
        spans.append((m.start(), m.end()))
    return spans


def _inside_quotation(text: str, at: int) -> bool:
    return any(a <= at < b for a, b in _quotation_spans(text))


def _quantities(doc: ArticleDoc, pos: int, span: Span, people: dict[str, str]) -> list[FactMention]:
    out: list[FactMention] = []
    ps_text = doc.parsed.sentences[pos].span.text
    consumed: set[int] = set()
    for tok in span:
        if tok.i in consumed:
            continue
        number = _to_number(tok.text) if (tok.like_num or tok.pos_ == "NUM") else None
        if number is None or number <= 0 or _inside_quotation(ps_text, tok.idx - span.start_char):
            continue
        if tok.i > 0 and (tok.doc[tok.i - 1].text in _CURRENCY or tok.doc[tok.i - 1].is_currency):
            continue
        # unit right after the number (skipping a hyphen: "12-foot", "five-day")
        j = tok.i + 1
        if j < len(tok.doc) and tok.doc[j].text in {"-", "–"}:
            j += 1
        if j >= span.end:
            continue
        unit_tok = tok.doc[j]
        word = unit_tok.text.lower()
        # "130 km/h", "80 miles per hour": a speed, not a length
        nxt = [t.lower_ for t in tok.doc[unit_tok.i + 1 : min(span.end, unit_tok.i + 3)]]
        if (
            word in UNITS
            and UNITS[word][0] == "length"
            and (
                nxt[:2] in (["/", "h"], ["/", "hr"], ["per", "hour"])
                or nxt[:1] in (["/h"], ["/hr"])
            )
        ):
            speed_factor_: float | None = UNITS[word][1]
            word = "km/h"
            shown_end = tok.doc[
                min(span.end - 1, unit_tok.i + (1 if nxt[0].startswith("/h") else 2))
            ]
        else:
            speed_factor_ = None
            shown_end = unit_tok
        # the parenthesised conversion right after is the same value again
        if tok.i > span.start and tok.doc[tok.i - 1].text == "(":
            prev_units = [
                t for t in tok.doc[max(span.start, tok.i - 4) : tok.i - 1]
                if t.text.lower() in UNITS
            ]  # fmt: skip
            if prev_units:
                continue
        if word in UNITS:
            dim, factor = UNITS[word]
            if speed_factor_ is not None:
                factor = speed_factor_
            hedge = _hedge_before(doc.parsed.clean.text, tok.idx)
            low, high = number_range(tok.text, number, _hedge_kind(hedge))
            if dim == "length":
                rel = _length_relation(unit_tok)
                if rel is None:
                    continue
                subject, relation = rel
            elif dim == "duration":
                if unit_tok.dep_ in {"compound", "amod", "nmod"} and unit_tok.head.pos_ in {
                    "NOUN",
                    "PROPN",
                }:
                    subject, relation = unit_tok.head.lemma_.lower(), "duration"
                else:
                    verb = _governing_verb(unit_tok)
                    if verb is None:
                        continue
                    subject = _subject_of(verb, doc) or f"({verb.lemma_.lower()})"
                    lemma = verb.lemma_.lower()
                    relation = (
                        "duration"
                        if lemma
                        in {"last", "take", "be", "schedule", "run", "remain", "finish", "complete"}
                        else f"duration ({lemma})"
                    )
                    if subject.lower() in {"each", "it", "this", "they", "that"}:
                        subject = f"({lemma})"
            elif (
                unit_tok.dep_ == "pobj"
                and unit_tok.head.lower_ == "of"
                and (unit_tok.head.head.pos_ == "NOUN")
            ):
                # "winds of 80 mph": the noun names the quantity
                subject, relation = "", unit_tok.head.head.lemma_.lower()
            else:
                verb = _governing_verb(unit_tok)
                subject = _subject_of(verb, doc) if verb is not None else ""
                relation = f"{dim} ({verb.lemma_.lower()})" if verb is not None else dim
            last = shown_end
            if dim == "duration":
                # "2 hours and 21 minutes", "2 hours 21 minutes": one duration
                k = unit_tok.i + 1
                if k < span.end and tok.doc[k].lower_ == "and":
                    k += 1
                if k + 1 < span.end and tok.doc[k].like_num and tok.doc[k + 1].lower_ in UNITS:
                    extra = _to_number(tok.doc[k].text)
                    d2, f2 = UNITS[tok.doc[k + 1].lower_]
                    if extra is not None and d2 == "duration" and f2 < factor:
                        low = low * factor + extra * f2
                        high = high * factor + extra * f2
                        factor = 1.0
                        last = tok.doc[k + 1]
                        consumed.update({tok.doc[k].i, last.i})
            written = doc.parsed.doc[tok.i : last.i + 1].text
            value = Value(
                kind="quantity",
                display=f"{hedge} {written}".strip(),
                low=low * factor,
                high=high * factor,
                unit=dim,
            )
            consumed.add(unit_tok.i)
            subject = _canon_person(subject, people) if subject else subject
            out.append(FactMention(subject, relation, dim, value, _quote(doc, pos, value.display)))
            continue
        # group sizes: "four-person team", "five-strong jury", "a team of four"
        if word in GROUP_SIZE_NOUNS and unit_tok.head.pos_ == "NOUN":
            noun = unit_tok.head
            out.append(_count(doc, pos, noun.lemma_.lower(), number, tok, noun))
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            noun = tok.head.head
            if not any(c.dep_ == "prep" for c in tok.children) and noun.lemma_.lower() not in {
                "one",
                "some",
            }:
                out.append(_count(doc, pos, noun.lemma_.lower(), number, tok, tok))
            continue
        # "four team members"
        if tok.dep_ == "nummod" and tok.head.lemma_.lower() == "member":
            comp = [c for c in tok.head.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
            if comp:
                out.append(_count(doc, pos, comp[0].lemma_.lower(), number, tok, tok.head))
                continue
        # "3,000 homes lost power" / "she won 212 votes": a count of the verb's subject/object
        noun = tok.head
        if (
            tok.dep_ == "nummod"
            and noun.pos_ == "NOUN"
            and noun.tag_ in {"NNS", "NNPS"}
            and (noun.dep_ in {"nsubj", "nsubjpass", "dobj"})
            and number >= 2
        ):
            verb = noun.head
            if verb.pos_ not in {"VERB", "AUX"}:
                continue
            if noun.dep_ == "dobj":
                who = _subject_of(verb, doc)
                if not who or who not in {m.canonical for m in doc.analysis.mentions}:
                    continue
                subject = _canon_person(who, people)
            else:
                subject = ""
            hedge = _hedge_before(doc.parsed.clean.text, tok.idx)
            low, high = number_range(tok.text, number, _hedge_kind(hedge))
            written = f"{hedge} {tok.text} {noun.text}".strip()
            value = Value(kind="count", display=written, low=low, high=high, unit="count")
            relation = f"number of {noun.lemma_.lower()} ({verb.lemma_.lower()})"
            out.append(FactMention(subject, relation, "count", value, _quote(doc, pos, written)))
    return out


def _count(
    doc: ArticleDoc, pos: int, noun: str, number: float, first: Token, last: Token
) -> FactMention:
    text = first.doc[min(first.i, last.i) : max(first.i, last.i) + 1].text
    value = Value(kind="count", display=text, low=number, high=number, unit="count")
    return FactMention(noun, "size", "count", value, _quote(doc, pos, text))


def _ages(doc: ArticleDoc, pos: int, span: Span, people: dict[str, str]) -> list[FactMention]:
    """ "Name, 41," (an appositive number right after a person's name) and "Name (41)"."""
    out: list[FactMention] = []
    for tok in span:
        if not tok.like_num or tok.dep_ != "appos":
            continue
        n = _to_number(tok.text)
        if n is None or not 1 <= n <= 120 or n != int(n):
            continue
        name = _mention_name(doc, tok.head)
        m = doc.analysis.token_mention.get(tok.head.i)
        if not name or m is None or m.label != "PERSON":
            continue
        person = _canon_person(name, people)
        value = Value(kind="age", display=tok.text, low=n, high=n, unit="years")
        out.append(
            FactMention(person, "age", "age", value, _quote(doc, pos, f"{name}, {tok.text}"))
        )
    return out


def _times(
    doc: ArticleDoc,
    pos: int,
    span: Span,
    text: str,
    people: dict[str, str],
) -> list[FactMention]:
    out: list[FactMention] = []
    for hit in find_times(text):
        if _inside_quotation(text, hit.start):
            continue
        char = span.start_char + hit.start
        found = span.doc.char_span(char, char + 1, alignment_mode="expand")
        if found is None:
            continue
        anchor = found.root
        verb = _governing_verb(anchor)
        if verb is None or anchor.dep_ == "meta" or anchor.head == anchor:
            # a timeline line "11.31am: X will exit": the clause after the time
            verbs = [t for t in span if t.pos_ == "VERB" and t.idx > char]
            verb = verbs[0] if verbs else None
        if verb is None:
            continue
        subject = _subject_of(verb, doc)
        if subject:
            subject = _canon_person(subject, people)
        hedge = _hedge_before(text, hit.start)
        value = time_value(hit, _hedge_kind(hedge))
        out.append(
            FactMention(
                subject,
                verb.lemma_.lower(),
                "time",
                value,
                _quote(doc, pos, text[hit.start : hit.end]),
            )
        )
    return out


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True)
class ValueGroup:
    """Values that agree with each other, with every quote that states one of them."""

    display: str
    values: tuple[str, ...]
    quotes: tuple[Quote, ...]

    @property
    def article_ids(self) -> frozenset[int]:
        return frozenset(q.article_id for q in self.quotes)


@dataclass(frozen=True)
class AlignedFact:
    subject: str
    relation: str
    value_type: str
    status: str
    groups: tuple[ValueGroup, ...]

    @property
    def article_ids(self) -> frozenset[int]:
        return frozenset(a for g in self.groups for a in g.article_ids)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(q for g in self.groups for q in g.quotes)

    @property
    def badge(self) -> str:
        return STATUS_LABELS[self.status].format(n=len(self.article_ids))

    @property
    def label(self) -> str:
        """A plain-words name for the slot, for teachers and media-literacy stems."""
        if self.relation == "age":
            return f"the age of {self.subject}"
        if self.relation == "altitude":
            return "how high up it was"
        if self.relation == "size":
            return f"the number in the {self.subject}"
        if self.value_type == "time":
            who = self.subject or "it"
            return f"the time when {who} did this ({self.relation})"
        if self.relation.startswith("duration"):
            what = self.subject.strip("()") or "it"
            return f"how long {what} took"
        if self.relation == "length":
            return f"the length of the {self.subject}"
        what = self.subject.strip("()")
        return f"{self.relation} {what}".strip()


@dataclass(frozen=True)
class NameConflict:
    """A person named differently by a minority of sources: probably a mistake."""

    majority: str
    minority: str
    minority_forms: tuple[str, ...]
    reason: str
    majority_quotes: tuple[Quote, ...]
    minority_quotes: tuple[Quote, ...]

    @property
    def message(self) -> str:
        return f"name differs from other sources: {self.minority} (others say {self.majority})"


@dataclass(frozen=True)
class Alignment:
    topic_id: int
    article_ids: tuple[int, ...]
    facts: tuple[AlignedFact, ...]
    name_conflicts: tuple[NameConflict, ...]
    # verb lemma -> person (topic canonical) -> articles that say the person did it
    agents: dict[str, dict[str, set[int]]] = field(default_factory=dict, compare=False)
    people: dict[str, str] = field(default_factory=dict, compare=False)
    mentions: tuple[FactMention, ...] = ()

    def conflicts(self) -> list[AlignedFact]:
        return [f for f in self.facts if f.status == CONFLICTING]

    def fact_of(self, mention: FactMention) -> AlignedFact | None:
        for f in self.facts:
            if (f.subject, f.relation, f.value_type) == (
                mention.subject,
                mention.relation,
                mention.value_type,
            ):
                return f
        return None

    def canonical(self, name: str) -> str:
        return _canon_person(name.strip(), self.people)


def topic_people(docs: Sequence[ArticleDoc]) -> dict[str, str]:
    """Lower-cased full names and lone surnames -> the topic's canonical full name."""
    full: dict[str, str] = {}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for ent in doc.analysis.entities:
            if ent.label != "PERSON":
                continue
            for form in (ent.name, *ent.aliases):
                words = form.split()
                if len(words) >= 2:
                    full[" ".join(form.lower().split())] = ent.name
                    by_surname[words[-1].lower()].add(ent.name)
    out = dict(full)
    for surname, names in by_surname.items():
        if len(names) == 1:
            out[surname] = next(iter(names))
    return out


def _group_values(mentions: list[FactMention]) -> list[ValueGroup]:
    # precise values first, so hedged ones join the group they agree with
    order = sorted(mentions, key=lambda m: (m.value.low != m.value.high and m.value.kind != "time",
                                            m.value.center))  # fmt: skip
    groups: list[tuple[Value, list[FactMention]]] = []
    for m in order:
        for rep, members in groups:
            if values_agree(rep, m.value) and all(values_agree(x.value, m.value) for x in members):
                members.append(m)
                break
        else:
            groups.append((m.value, [m]))
    out = []
    for rep, members in groups:
        displays = tuple(dict.fromkeys(x.value.display for x in members))
        quotes = tuple(dict.fromkeys(x.quote for x in members))
        out.append(ValueGroup(rep.display, displays, quotes))
    return out


def align(docs: Sequence[ArticleDoc], topic_id: int = 0) -> Alignment:
    """Align the facts of these articles (one topic)."""
    people = topic_people(docs)
    # Within one article, two values for a common-noun slot ("the process took 19 / 50
    # minutes") usually describe two different things; for a named subject or a clock time
    # they are a real disagreement.
    named = {m.canonical for d in docs for m in d.analysis.mentions} | set(people.values())
    agents = _agents(docs, people)
    conflicts = name_conflicts(docs, people, agents)
    # facts about a misspelled person are facts about the person the other sources name
    for c in conflicts:
        for form in c.minority_forms:
            people[" ".join(form.lower().split())] = c.majority
        people[c.minority] = c.majority
    mentions: list[FactMention] = []
    for doc in docs:
        mentions.extend(extract_facts(doc, people))
    slots: dict[tuple[str, str, str], list[FactMention]] = defaultdict(list)
    for m in mentions:
        slots[(m.subject, m.relation, m.value_type)].append(m)
    facts: list[AlignedFact] = []
    for (subject, relation, value_type), ms in slots.items():
        groups = _group_values(ms)
        articles = {m.quote.article_id for m in ms}
        named_subject = subject in named
        if len(groups) > 1 and (len(articles) > 1 or named_subject or value_type == "time"):
            status = CONFLICTING
        elif len(articles) > 1:
            status = CORROBORATED
        else:
            status = SINGLE
        facts.append(AlignedFact(subject, relation, value_type, status, tuple(groups)))
    order = {CONFLICTING: 0, CORROBORATED: 1, SINGLE: 2}
    facts.sort(key=lambda f: (order[f.status], -len(f.article_ids), f.relation, f.subject))
    return Alignment(
        topic_id=topic_id,
        article_ids=tuple(d.article_id for d in docs),
        facts=tuple(facts),
        name_conflicts=tuple(conflicts),
        agents=agents,
        people=people,
        mentions=tuple(mentions),
    )


def _agents(docs: Sequence[ArticleDoc], people: dict[str, str]) -> dict[str, dict[str, set[int]]]:
    """Who did what, by verb lemma: subjects (and their conjuncts, and "with X") of verbs."""
    out: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for doc in docs:
        for ps in doc.parsed.sentences:
            for tok in ps.doc_span:
                if tok.pos_ != "VERB":
                    continue
                names: list[str] = []
                for child in tok.children:
                    if child.dep_ == "nsubj":
                        heads = [child, *[c for c in child.conjuncts]]
                        names.extend(n for h in heads if (n := _mention_name(doc, h)))
                    if child.dep_ == "prep" and child.lower_ == "with":
                        names.extend(
                            n for g in child.children if g.dep_ == "pobj"
                            if (n := _mention_name(doc, g))
                        )  # fmt: skip
                for n in names:
                    out[tok.lemma_.lower()][_canon_person(n, people)].add(doc.article_id)
    return {k: dict(v) for k, v in out.items()}


def _roles(doc: ArticleDoc, name: str) -> set[str]:
    """Role nouns written with a person's name: "mission specialist X", "X, an engineer"."""
    roles: set[str] = set()
    for m in doc.analysis.mentions:
        if m.canonical != name:
            continue
        d = doc.parsed.doc
        i = m.start - 1
        while i >= 0 and i >= m.start - 4 and d[i].pos_ in {"NOUN", "PROPN"} and d[i].is_lower:
            roles.add(d[i].lemma_.lower())
            i -= 1
        root = d[m.start : m.end].root
        for c in root.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                roles.add(c.lemma_.lower())
    return roles


def name_conflicts(
    docs: Sequence[ArticleDoc],
    people: dict[str, str],
    agents: dict[str, dict[str, set[int]]],
) -> list[NameConflict]:
    """Two full names with the same first name and a similar surname, the same role noun or the
    same action, where one is used by fewer sources: the minority form is flagged."""
    persons: dict[str, set[int]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for ent in doc.analysis.entities:
            if ent.label == "PERSON" and len(ent.name.split()) >= 2:
                persons[ent.name].add(doc.article_id)
                aliases[ent.name].update(a for a in ent.aliases if a)
    out: list[NameConflict] = []
    names = sorted(persons)
    for a in names:
        for b in names:
            if a >= b:
                continue
            wa, wb = a.split(), b.split()
            if wa[0].lower() != wb[0].lower() or wa[-1].lower() == wb[-1].lower():
                continue
            if len(persons[a]) == len(persons[b]):
                continue
            major, minor = (a, b) if len(persons[a]) > len(persons[b]) else (b, a)
            if len(persons[major]) < 2:
                continue
            surname_ratio = difflib.SequenceMatcher(
                None, major.split()[-1].lower(), minor.split()[-1].lower()
            ).ratio()
            if surname_ratio < 0.6:
                continue
            docs_minor = [d for d in docs if d.article_id in persons[minor]]
            docs_major = [d for d in docs if d.article_id in persons[major]]
            roles_minor = set().union(*(_roles(d, minor) for d in docs_minor))
            roles_major = set().union(*(_roles(d, major) for d in docs_major))
            verbs_minor = {v for v, who in agents.items() if minor in who}
            verbs_major = {v for v, who in agents.items() if major in who}
            shared_roles = roles_minor & roles_major
            shared_verbs = (verbs_minor & verbs_major) - {"be", "have", "say"}
            if not shared_roles and not shared_verbs:
                continue
            why = (
                f"same role ({', '.join(sorted(shared_roles))})"
                if shared_roles
                else f"same action ({', '.join(sorted(shared_verbs))})"
            )
            forms = [minor]
            surname = minor.split()[-1]
            if not any(n.split()[-1] == surname for n in names if n != minor):
                forms.append(surname)
            forms.extend(x for x in aliases[minor] if x not in forms)
            out.append(
                NameConflict(
                    majority=major,
                    minority=minor,
                    minority_forms=tuple(forms),
                    reason=(
                        f"{len(persons[major])} sources say {major}, "
                        f"{len(persons[minor])} says {minor}; {why}"
                    ),
                    majority_quotes=tuple(_name_quotes(docs_major, major, per_article=1)),
                    minority_quotes=tuple(_name_quotes(docs_minor, minor, per_article=5)),
                )
            )
    return out


def _name_quotes(docs: Sequence[ArticleDoc], name: str, per_article: int) -> list[Quote]:
    out: list[Quote] = []
    for doc in docs:
        n = 0
        for pos, ps in enumerate(doc.parsed.sentences):
            sent_mentions = [
                m for m in doc.analysis.mentions
                if m.canonical == name and m.start >= ps.doc_span.start and m.end <= ps.doc_span.end
            ]  # fmt: skip
            if sent_mentions and n < per_article:
                out.append(_quote(doc, pos, sent_mentions[0].text))
                n += 1
    return out


def topic_articles(session: Session, topic: Topic) -> list[Article]:
    return list(
        session.scalars(
            select(Article)
            .where(Article.topic_id == topic.id)
            .options(selectinload(Article.sentences))
            .order_by(Article.id)
        )
    )


def align_topic(session: Session, topic: Topic) -> Alignment:
    """The alignment of a stored topic's articles (parses are cached)."""
    return align([article_doc(a) for a in topic_articles(session, topic)], topic.id)


# --------------------------------------------------------------------------- using it


_NUM_IN_TEXT = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _contains_form(text: str, forms: Iterable[str]) -> str | None:
    for form in forms:
        if form and re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text, re.I):
            return form
    return None


def _question_texts(q: Question) -> list[str]:
    return [q.stem, q.evidence_text, *(o.text for o in q.options)]


def _sentence_index(q: Question) -> int | None:
    if q.sentence is not None:
        return q.sentence.index
    for s in q.article.sentences:
        if s.start <= q.evidence_start < s.end:
            return s.index
    return None


def _number_value(text: str) -> float | None:
    m = _NUM_IN_TEXT.search(text)
    if not m:
        words = [NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS]
        return float(words[0]) if words else None
    try:
        return float(m.group().replace(",", ""))
    except ValueError:
        return None


def _numbers_in(text: str) -> list[float]:
    """Numbers written in digits or as words ("five days") in a text."""
    out = [float(t.replace(",", "")) for t in _NUM_IN_TEXT.findall(text) if t.replace(",", "")]
    out.extend(
        float(NUMBER_WORDS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS
    )
    return out


def _mention_matches_number(m: FactMention, number: float) -> bool:
    """Does a written number (as in an option) match the number of this mention as written?"""
    shown = _number_value(m.value.display)
    return shown is not None and math.isclose(shown, number, rel_tol=1e-9)


@dataclass(frozen=True)
class QuestionCheck:
    question_id: int
    problems: tuple[str, ...]
    corroborated: bool


def check_question(q: Question, alignment: Alignment) -> QuestionCheck:
    """Why a question must not go into a topic quiz (empty: it may), and whether its fact is
    corroborated by another source."""
    problems: list[str] = []
    for conflict in alignment.name_conflicts:
        for text in _question_texts(q):
            if _contains_form(text, conflict.minority_forms):
                problems.append(conflict.message)
                break
    index = _sentence_index(q)
    here = [
        m for m in alignment.mentions
        if m.quote.article_id == q.article_id and m.quote.sentence_index == index
    ]  # fmt: skip
    key = q.correct_option
    key_text = key.text if key is not None else ""
    kind_tf = q.kind == QuestionKind.TRUE_FALSE
    asked_text = q.stem if kind_tf else f"{q.stem} {key_text}"
    corroborated = False
    linked_facts: list[tuple[FactMention, AlignedFact]] = []
    for m in here:
        fact = alignment.fact_of(m)
        if fact is None:
            continue
        written = m.value.display
        number = _number_value(written)
        in_question = written.lower() in asked_text.lower() or (
            number is not None and any(math.isclose(n, number) for n in _numbers_in(asked_text))
        )
        fact_value = (q.fact or {}).get("value", "")
        if in_question or (fact_value and fact_value in written):
            linked_facts.append((m, fact))
    for _m, fact in linked_facts:
        if fact.status == CONFLICTING:
            problems.append(f"sources disagree about {fact.label}")
        elif fact.status == CORROBORATED:
            corroborated = True
    # the evidence sentence states a disputed value: the explanation would teach one side,
    # even when the question itself asks about another (agreed) fact of that sentence
    for m in here:
        fact = alignment.fact_of(m)
        if fact is not None and fact.status == CONFLICTING:
            problems.append(f"the evidence states a disputed value ({fact.label})")
            break
    # distractors (and the swapped value of a false statement) stated as true by any source
    relation = (q.fact or {}).get("relation", "")
    wrong = [o.text for o in q.options if not o.is_correct] if not kind_tf else []
    if kind_tf and key_text.lower() == "false":
        extra = set(re.findall(r"[A-Z][\w’']+(?:\s+[A-Z][\w’']+)*|\d[\d,.]*", q.stem)) - set(
            re.findall(r"[A-Z][\w’']+(?:\s+[A-Z][\w’']+)*|\d[\d,.]*", q.evidence_text)
        )
        wrong = sorted(extra)
    for text in wrong:
        person = alignment.canonical(text)
        doers = alignment.agents.get(relation, {})
        if person in doers or text in doers:
            problems.append(f"another source says {text} did this too ({relation})")
            continue
        number = _number_value(text)
        if number is None:
            continue
        for m, fact in linked_facts:
            same_slot = [
                x for x in alignment.mentions
                if (x.subject, x.relation, x.value_type) == (fact.subject, fact.relation,
                                                             fact.value_type)
            ]  # fmt: skip
            if any(_mention_matches_number(x, number) for x in same_slot if x is not m):
                problems.append(f"a source states {text} for {fact.label}")
                break
    # corroboration of a "who did it" question by another article
    if relation and not corroborated and key_text:
        doers = alignment.agents.get(relation, {})
        arts = doers.get(alignment.canonical(key_text), set())
        if len(arts) >= 2:
            corroborated = True
    return QuestionCheck(q.id, tuple(dict.fromkeys(problems)), corroborated)


def _normal_stem(stem: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", stem.lower()).strip()


def topic_questions(
    session: Session,
    topic: Topic,
    n: int,
    *,
    alignment: Alignment | None = None,
    include_drafts: bool = True,
) -> list[Question]:
    """The best ``n`` questions for a topic quiz.

    Order of preference: Ready before Draft, corroborated facts before single-source ones, then
    score; variety across articles (round robin). Never: conflicting facts, the minority spelling
    of a name, a distractor another source states as true for the same slot, media-literacy
    items (see :func:`media_literacy_questions`), near-duplicate stems or facts.
    """
    if n < 1:
        raise TopicError("Ask for at least one question.")
    alignment = alignment or align_topic(session, topic)
    statuses = [QuestionStatus.READY] + ([QuestionStatus.DRAFT] if include_drafts else [])
    questions = list(
        session.scalars(
            select(Question)
            .join(Article, Question.article_id == Article.id)
            .where(
                Article.topic_id == topic.id,
                Question.status.in_(statuses),
                Question.transformation != MEDIA_LITERACY,
            )
            .options(selectinload(Question.options), selectinload(Question.sentence))
            .order_by(Question.id)
        )
    )
    ranked: list[tuple[tuple[int, int, float, int], Question]] = []
    for q in questions:
        if sum(1 for o in q.options if o.is_correct) != 1:
            continue
        check = check_question(q, alignment)
        if check.problems:
            continue
        ready = 0 if q.status == QuestionStatus.READY else 1
        ranked.append(((ready, 0 if check.corroborated else 1, -q.score, q.id), q))
    ranked.sort(key=lambda x: x[0])
    # round robin by article within each preference tier, skipping near-duplicates
    chosen: list[Question] = []
    seen_stems: set[str] = set()
    seen_facts: set[tuple[str, str, str]] = set()
    tiers: dict[tuple[int, int], list[Question]] = defaultdict(list)
    for k, q in ranked:
        tiers[(k[0], k[1])].append(q)
    for tier in sorted(tiers):
        queues: dict[int, list[Question]] = defaultdict(list)
        for q in tiers[tier]:
            queues[q.article_id].append(q)
        while len(chosen) < n and any(queues.values()):
            for article_id in sorted(queues):
                queue = queues[article_id]
                while queue:
                    q = queue.pop(0)
                    stem = _normal_stem(q.stem)
                    fact = q.fact or {}
                    fkey = (
                        alignment.canonical(str(fact.get("subject", ""))).lower(),
                        str(fact.get("relation", "")),
                        str(fact.get("value", "")).lower(),
                    )
                    if stem in seen_stems or (all(fkey) and fkey in seen_facts):
                        continue
                    seen_stems.add(stem)
                    if all(fkey):
                        seen_facts.add(fkey)
                    chosen.append(q)
                    break
                if len(chosen) >= n:
                    break
        if len(chosen) >= n:
            break
    return chosen


def reject_name_conflict_questions(session: Session, topic: Topic, alignment: Alignment) -> int:
    """Reject (status Rejected, with the reason) every non-retired question of the topic that
    shows a minority spelling of a name. Only on the teacher's request. Returns the count."""
    count = 0
    for article in topic_articles(session, topic):
        for q in article.questions:
            if q.status in {QuestionStatus.RETIRED, QuestionStatus.REJECTED}:
                continue
            for conflict in alignment.name_conflicts:
                if any(_contains_form(t, conflict.minority_forms) for t in _question_texts(q)):
                    q.status = QuestionStatus.REJECTED
                    q.rejection_reason = conflict.message[:200]
                    count += 1
                    break
    session.flush()
    return count


def source_label(article: Article) -> str:
    """How a source is named to children: the outlet if known, else the title."""
    return (article.outlet or article.title).strip()


def media_literacy_drafts(
    articles: Sequence[Article], alignment: Alignment
) -> list[tuple[Article, AlignedFact, ValueGroup, list[Article], Quote]]:
    """(key article, fact, the value asked about, the other articles offered, the quote) for
    every conflict between different articles: one item per conflicting fact."""
    by_id = {a.id: a for a in articles}
    out = []
    for fact in alignment.conflicts():
        if len(fact.article_ids) < 2:
            continue  # a conflict inside one article: shown to the teacher, not asked
        best = None
        for group in fact.groups:
            for key_id in sorted(group.article_ids):
                others = {
                    a
                    for g in fact.groups
                    if g is not group
                    for a in g.article_ids
                    if a not in group.article_ids
                }
                if not others or key_id not in by_id:
                    continue
                labels = {source_label(by_id[key_id])} | {source_label(by_id[a]) for a in others}
                if len(labels) != 1 + len(others):
                    continue  # two sources with the same name cannot be told apart
                quote = next(q for q in group.quotes if q.article_id == key_id)
                cand = (by_id[key_id], fact, group, [by_id[a] for a in sorted(others)], quote)
                if best is None or len(group.article_ids) < len(best[2].article_ids):
                    best = cand
        if best is not None:
            out.append(best)
    return out


def media_literacy_questions(
    session: Session, topic: Topic, alignment: Alignment | None = None
) -> list[Question]:
    """Create (or reuse) one media-literacy MCQ per real conflict between two articles.

    "Two reports give different numbers for the wind. Which report says 95 mph?"
    The options are the sources (outlet, else title), the key is the article that says it, the
    evidence is that article's sentence. Stored as ordinary Ready MCQs, transformation
    ``media_literacy``.
    """
    alignment = alignment or align_topic(session, topic)
    articles = topic_articles(session, topic)
    created: list[Question] = []
    for key_article, fact, group, others, quote in media_literacy_drafts(articles, alignment):
        what = "times" if fact.value_type == "time" else "numbers"
        stem = (
            f"Two reports give different {what} for {fact.label}. "
            f"Which report says {quote.value_text}?"
        )
        existing = next(
            (
                q
                for q in key_article.questions
                if q.transformation == MEDIA_LITERACY
                and q.stem == stem
                and q.status in {QuestionStatus.READY, QuestionStatus.DRAFT}
            ),
            None,
        )
        if existing is not None:
            created.append(existing)
            continue
        sentence = next((s for s in key_article.sentences if s.index == quote.sentence_index), None)
        options = [(source_label(key_article), True)] + [(source_label(a), False) for a in others]
        options = options[:4]
        q = Question(
            article=key_article,
            kind=QuestionKind.MCQ,
            stem=stem,
            explanation=(
                f'{source_label(key_article)} says: "{quote.text}" Other reports give a different '
                f"value. When reports disagree, check which source is more likely to be right."
            ),
            sentence=sentence,
            evidence_text=quote.text,
            evidence_start=quote.start,
            evidence_end=quote.end,
            status=QuestionStatus.READY,
            score=0.5,
            reasons=[f"media literacy: sources disagree about {fact.label}"],
            transformation=MEDIA_LITERACY,
            answer_type="source",
            fact={
                "subject": fact.subject,
                "relation": fact.relation,
                "value": group.display,
                "value_type": "source",
            },
        )
        q.options = [
            Option(text=text[:300], is_correct=correct, position=i)
            for i, (text, correct) in enumerate(sorted(options, key=lambda o: o[0].lower()))
        ]
        session.add(q)
        created.append(q)
    session.flush()
    return created
