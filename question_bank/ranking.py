"""Soft ranking (score 0..1 with reasons), difficulty, reading grade and the final selection."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from question_bank.distractors import Item
from question_bank.gates import fk_grade, rare_words

_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Scored:
    """An item that passed the gates, with its soft score and estimates."""

    item: Item
    score: float
    reasons: tuple[str, ...]
    difficulty: float
    reading_grade: float


def reading_grade(item: Item) -> float:
    """Flesch-Kincaid grade of stem + options."""
    return fk_grade(" ".join([item.stem, *(o.text for o in item.options)]))


def score_item(item: Item, *, n_sentences: int, names: frozenset[str]) -> Scored:
    """Soft score in 0..1 with human-readable reasons, and a difficulty estimate in 0..1."""
    cand = item.cand
    s = 0.5
    reasons: list[str] = []

    def add(delta: float, why: str) -> None:
        nonlocal s
        s += delta
        reasons.append(("+ " if delta >= 0 else "- ") + why)

    if cand.key_label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT"):
        add(0.1, "named-entity answer")
    elif cand.key_label in ("DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "AGE"):
        add(0.06, "checkable number/date answer")
    rel = cand.sentence_position / max(1, n_sentences)
    if rel < 0.2:
        add(0.12, "early in article (main facts)")
    elif rel < 0.5:
        add(0.05, "first half of the article")
    n = len(item.stem.split())
    if n > 15:
        add(-0.1, "long stem")
    elif n <= 10:
        add(0.05, "short stem")
    if item.transformation == "cloze":
        add(-0.15, "cloze")
    if item.source == "fallback":
        add(-0.15, "distractors from the general fallback list")
    elif item.source == "pool":
        add(-0.03, "distractors from other articles")
    elif item.kind == "mcq" and item.source == "article":
        add(0.08, "distractors from the same article")
    if item.kind == "mcq" and len(item.options) == 4:
        add(0.03, "4 options")
    if cand.transformation == "wh-age":
        add(-0.12, "age: minor detail")
    grade = reading_grade(item)
    if grade > 5:
        add(-min(0.2, 0.04 * (grade - 5)), f"reading grade {grade:.1f}")
    rare = rare_words(item.stem, exempt=names)
    if rare:
        add(-0.05 * len(rare), "rare words")
    s = max(0.0, min(1.0, s))

    # Difficulty: later facts, article-sourced (plausible) distractors, close numbers, rarer
    # words and false statements are harder.
    d = 0.3 + 0.25 * rel
    if item.kind == "mcq":
        if item.source == "article":
            d += 0.15
        if cand.unit or cand.key_label in ("DATE", "TIME", "CARDINAL", "AGE", "MONEY"):
            d += 0.1
    elif item.truth is False:
        d += 0.1
    d += 0.05 * len(rare)
    d = max(0.0, min(1.0, d))
    return Scored(item, round(s, 3), tuple(reasons), round(d, 3), grade)


def _tokens(item: Item) -> frozenset[str]:
    return frozenset(_TOKEN.findall((item.stem + " " + item.cand.key).lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Token-set Jaccard similarity."""
    return len(a & b) / len(a | b) if a or b else 1.0


def select(
    scored: Sequence[Scored],
    *,
    limit: int | None = None,
    per_sentence: int = 2,
    per_key: int = 3,
) -> tuple[list[Scored], list[tuple[Scored, str]]]:
    """Pick a spread, mixed list: about 2/3 MCQ, 1/3 T/F (half true, half false).

    Returns (selected, dropped-with-reason). Greedy by score under spread constraints: at most
    ``per_sentence`` questions from a sentence (and a T/F never shares its sentence with
    another question, since the statement would give the answer away), at most ``per_key``
    questions with the same key, no near-duplicate (Jaccard >= 0.6 of stem+key tokens).
    """
    ordered = sorted(scored, key=lambda x: (-x.score, x.item.cand.sentence_position, x.item.stem))
    mcq = [x for x in ordered if x.item.kind == "mcq"]
    tf = [x for x in ordered if x.item.kind == "true_false"]
    chosen: list[Scored] = []
    dropped: list[tuple[Scored, str]] = []
    per_sent: Counter[int] = Counter()
    tf_sent: set[int] = set()
    keys: Counter[str] = Counter()
    toks: list[frozenset[str]] = []

    def blocked(x: Scored) -> str | None:
        c = x.item.cand
        pos = c.sentence_position
        if per_sent[pos] >= per_sentence:
            return "spread: already enough questions from this sentence"
        if pos in tf_sent and x.item.kind == "true_false":
            return "spread: one true/false item per sentence"
        # a statement that contains another question's answer would give it away
        for o in chosen:
            oc = o.item.cand
            gives = oc.key.lower() in x.item.stem.lower() or c.key.lower() in o.item.stem.lower()
            if oc.sentence_position == pos and gives:
                return "spread: would give away another question's answer"
        if keys[c.key_canonical.lower()] >= per_key:
            return "spread: too many questions with this answer"
        t = _tokens(x.item)
        if any(jaccard(t, o) >= 0.6 for o in toks):
            return "near-duplicate of a selected question"
        return None

    def take(x: Scored) -> None:
        chosen.append(x)
        c = x.item.cand
        per_sent[c.sentence_position] += 1
        if x.item.kind == "true_false":
            tf_sent.add(c.sentence_position)
        keys[c.key_canonical.lower()] += 1
        toks.append(_tokens(x.item))

    # Sentences are shared out between kinds: a true/false statement restates its whole
    # sentence, so it cannot sit beside an MCQ on that sentence. Every third sentence that can
    # give a T/F item (best T/F score first) goes to T/F; the rest to MCQs.
    tf_by_sent: dict[int, list[Scored]] = {}
    for x in tf:
        tf_by_sent.setdefault(x.item.cand.sentence_position, []).append(x)
    mcq_sents = {x.item.cand.sentence_position for x in mcq}
    all_sents = mcq_sents | set(tf_by_sent)
    tf_target = max(3, round(len(all_sents) / 3))
    # sentences with only T/F material first, then those where T/F outscores the MCQ
    best_mcq: dict[int, float] = {}
    for x in mcq:
        best_mcq.setdefault(x.item.cand.sentence_position, x.score)
    order = sorted(
        tf_by_sent,
        key=lambda p: (p in best_mcq, best_mcq.get(p, 0) - tf_by_sent[p][0].score, p),
    )
    tf_sents = set(order[:tf_target])
    n_true = n_false = 0
    for pos in sorted(tf_sents, key=lambda p: -tf_by_sent[p][0].score):
        want_false = n_false <= n_true
        opts = tf_by_sent[pos]
        pick = next((x for x in opts if (x.item.truth is False) == want_false), opts[0])
        why = blocked(pick)
        if why:
            dropped.append((pick, why))
            continue
        take(pick)
        if pick.item.truth:
            n_true += 1
        else:
            n_false += 1
    for x in mcq:
        if x.item.cand.sentence_position in tf_sent:
            dropped.append((x, "spread: sentence used for a true/false item"))
            continue
        why = blocked(x)
        if why:
            dropped.append((x, why))
        else:
            take(x)
    dropped.extend((x, "mix: not chosen for true/false") for x in tf if x not in chosen)
    chosen.sort(key=lambda x: (-x.score, x.item.cand.sentence_position))
    if limit is not None and len(chosen) > limit:
        n_tf = max(1, round(limit / 3)) if limit >= 3 else 0
        tf_keep = [x for x in chosen if x.item.kind == "true_false"][:n_tf]
        mcq_keep = [x for x in chosen if x.item.kind == "mcq"][: limit - len(tf_keep)]
        keep = mcq_keep + tf_keep
        if len(keep) < limit:
            keep += [x for x in chosen if x not in keep][: limit - len(keep)]
        dropped.extend((x, "over the limit") for x in chosen if x not in keep)
        chosen = sorted(keep, key=lambda x: (-x.score, x.item.cand.sentence_position))
    return chosen, dropped
