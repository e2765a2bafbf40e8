"""Soft ranking (score 0..1 with reasons), difficulty, reading grade and the final selection."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from question_bank.analysis import NAME_LABELS
from question_bank.candidates import spoken_values
from question_bank.distractors import Item
from question_bank.gates import rare_words, robust_grade

_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Scored:
    """An item that passed the gates, with its soft score and estimates."""

    item: Item
    score: float
    reasons: tuple[str, ...]
    difficulty: float
    reading_grade: float


def reading_grade(item: Item, names: frozenset[str] = frozenset()) -> float:
    """Robust reading grade of stem + options (see ``gates.robust_grade``)."""
    opts = tuple(o.text for o in item.options) if item.kind == "mcq" else ()
    return robust_grade(item.stem, opts, names)


def default_limit(usable_sentences: int) -> int:
    """Up to about one question per two usable sentences, at least 8, at most 20."""
    return max(8, min(20, usable_sentences // 2))


def score_item(
    item: Item,
    *,
    n_sentences: int,
    names: frozenset[str],
    mentions: Mapping[str, int] | None = None,
) -> Scored:
    """Soft score in 0..1 with human-readable reasons, and a difficulty estimate in 0..1.

    ``mentions`` (canonical name -> mentions in the article) lets facts about the article's
    main people and things rank above incidental ones.
    """
    cand = item.cand
    s = 0.5
    reasons: list[str] = []

    def add(delta: float, why: str) -> None:
        nonlocal s
        s += delta
        reasons.append(("+ " if delta >= 0 else "- ") + why)

    if mentions:
        top = max(mentions.values())
        involved = [
            n
            for n, k in mentions.items()
            if k >= 2 and (n == cand.key_canonical or n == cand.subject or n in item.stem)
        ]
        if any(mentions[n] >= max(3, top // 2) for n in involved):
            add(0.06, "about a main person or thing of the article")
        elif not involved and cand.key_label in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
            add(-0.05, "about a name mentioned only once")
    if cand.unit and cand.key_label in ("CARDINAL", "QUANTITY", "MONEY"):
        add(0.04, "a number with its unit")

    if cand.key_label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT"):
        add(0.1, "named-entity answer")
    elif cand.key_label in ("DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "AGE"):
        add(0.06, "checkable number/date answer")
    rel = cand.sentence_position / max(1, n_sentences)
    if item.kind == "true_false" and cand.sentence_position == 0:
        # the lead restates the headline: a statement from it is guessed, not read
        add(-0.08, "lead sentence (close to the headline)")
    elif rel < 0.2:
        add(0.12, "early in article (main facts)")
    elif rel < 0.5:
        add(0.05, "first half of the article")
    n = len(item.stem.split())
    ev_words = cand.evidence.text.split()
    if item.kind == "true_false" and item.truth and item.stem.strip() == " ".join(ev_words):
        add(0.03, "the sentence word for word")
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
    grade = reading_grade(item, names)
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


_STOP = frozenset(
    {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "from",
     "is", "was", "are", "were", "be", "been", "has", "have", "had", "it", "its", "as", "that",
     "about", "around", "who", "what", "which", "when", "where", "how", "many", "much", "did",
     "does", "do", "____"}
)  # fmt: skip


def _fact_tokens(item: Item) -> frozenset[str]:
    """Content words of the true statement behind an item (crude lemmas: no plural -s)."""
    c = item.cand
    text = (c.true_statement or c.statement or item.stem).lower()
    return frozenset(
        w[:-1] if len(w) > 3 and w.endswith("s") else w
        for w in _TOKEN.findall(text)
        if w not in _STOP
    )


def _shows(key: str, stem: str) -> bool:
    """The stem states the key, also as the same number in words ("two hundred trees")."""
    if key.lower() in stem.lower():
        return True
    parts = key.lower().split()
    if (
        len(parts) == 2
        and parts[1].endswith("s")
        and re.search(rf"\b{re.escape(parts[0])}-{re.escape(parts[1][:-1])}\b", stem.lower())
    ):
        return True  # "five kilometres" in "the five-kilometre race"
    m = re.match(r"(\d[\d,]*)\b", key)
    return m is not None and int(m.group(1).replace(",", "")) in spoken_values(stem)


def _name_words(key: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z][A-Za-z’'-]+", key)} - {"and", "the"}


def _answers_other(mcq: Item, other: Item) -> bool:
    """A true statement from another sentence that names the MCQ's answer doing the same
    thing ("Ana Ruiz and Tom Hale climbed the mountain." beside "Which two people
    climbed the mountain?") hands the answer over."""
    if mcq.kind != "mcq" or other.kind != "true_false" or other.truth is False:
        return False
    if mcq.cand.slot[0] != other.cand.slot[0] or mcq.cand.slot[0] in ("be", "have", ""):
        return False
    words = _name_words(mcq.cand.key)
    if not words:
        return _shows(mcq.cand.key, other.stem)
    stem = {w.lower() for w in re.findall(r"[A-Za-z’'-]+", other.stem)}
    surnames = {w.split()[-1].lower() for w in re.split(r"\s+and\s+|,\s*", mcq.cand.key) if w}
    return surnames <= stem


def _is_age(item: Item) -> bool:
    return item.cand.answer_type == "age" or item.cand.transformation == "wh-age"


def balance_ok(n_true: int, n_false: int) -> bool:
    """The hard true/false balance of an article's quiz: True at most 60% of the T/F items
    (False at least 40%), and False at most 60% when there are two or more T/F items, so
    answering always "True" (or always "False") cannot score well."""
    total = n_true + n_false
    if total == 0:
        return True
    if n_true * 5 > total * 3:
        return False
    return total < 2 or n_false * 5 <= total * 3


# true statements an article keeps when none of its false statements could be selected, and
# only while its selection is short of SHORT_QUIZ questions: the 60% cap stops a quiz being
# passed by always answering True, and the quiz builder mixes articles, so dropping every true
# statement of a short selection would only leave a teacher with no quiz
TRUE_ONLY_KEEP = 2
SHORT_QUIZ = 4


def article_balance_ok(n_true: int, n_false: int, n_other: int) -> bool:
    """The balance an article's final selection must meet: ``balance_ok``, except that a
    selection with no false statement keeps up to ``TRUE_ONLY_KEEP`` true ones while it has
    fewer than ``SHORT_QUIZ`` questions (``n_other``: its questions of other kinds)."""
    if n_false == 0:
        return n_true <= min(TRUE_ONLY_KEEP, max(0, SHORT_QUIZ - n_other))
    return balance_ok(n_true, n_false)


def _enforce_balance(chosen: list[Scored], reason: dict[int, str]) -> None:
    """Drop the lowest-scored items of the over-represented truth value until balanced; with
    no false statement at all, a short selection keeps up to ``TRUE_ONLY_KEEP`` best-scored
    true ones (enough to reach ``SHORT_QUIZ`` questions)."""

    def count(v: bool) -> int:
        return sum(1 for x in chosen if x.item.kind == "true_false" and bool(x.item.truth) is v)

    n_other = sum(1 for x in chosen if x.item.kind != "true_false")

    def ok() -> bool:
        return article_balance_ok(count(True), count(False), n_other)

    while not ok():
        too_many = count(True) * 5 > (count(True) + count(False)) * 3
        pool = [x for x in chosen if x.item.kind == "true_false" and bool(x.item.truth) is too_many]
        worst = min(pool, key=lambda x: (x.score, -x.item.cand.sentence_position))
        chosen.remove(worst)
        reason[id(worst)] = (
            "balance: too many true statements for the false ones"
            if too_many
            else "balance: too many false statements for the true ones"
        )


def select(
    scored: Sequence[Scored],
    *,
    limit: int | None = None,
    per_sentence: int = 2,
    per_key: int = 3,
    usable_sentences: int = 0,
) -> tuple[list[Scored], list[tuple[Scored, str]]]:
    """Pick a spread, mixed list: about 2/3 MCQ, 1/3 T/F (T/F half true, half false).

    Returns (selected, dropped-with-reason). Greedy by score under hard spread rules: at most
    ``per_sentence`` questions from a sentence, never two on the same fact (same key from the
    same sentence, or a statement that contains another question's answer), at most
    ``per_key`` with the same key, at most one age question, no near-duplicate stems
    (Jaccard > 0.6). The mix is a preference, not a quota: a first pass takes one question
    per sentence within the kind targets, later passes fill the remaining places with whatever
    good questions are left, so a short article never loses a good question to the mix.
    """
    n_max = limit if limit is not None else default_limit(usable_sentences)
    ordered = sorted(scored, key=lambda x: (-x.score, x.item.cand.sentence_position, x.item.stem))
    tf_target = max(1, round(n_max / 3))
    mcq_target = n_max - tf_target
    chosen: list[Scored] = []
    reason: dict[int, str] = {}
    per_sent: Counter[int] = Counter()
    keys: Counter[str] = Counter()
    toks: list[frozenset[str]] = []
    kinds: Counter[str] = Counter()
    truths: Counter[bool] = Counter()
    ages = 0
    # T/F balance: about as many true as false statements; with few false ones available,
    # fewer true ones (but at least 3 true/false items in all when the article allows it)
    false_sents = {
        x.item.cand.sentence_position
        for x in scored
        if x.item.kind == "true_false" and x.item.truth is False
    }
    n_false = min(len(false_sents), (tf_target + 1) // 2 + 1)
    true_cap = max(n_false + 1, 3 - n_false)

    def blocked(x: Scored, sent_cap: int, strict: bool = True) -> str | None:
        c = x.item.cand
        pos = c.sentence_position
        # a long sentence (30+ words) may give one more true/false item when filling up
        long_tf = (
            not strict
            and x.item.kind == "true_false"
            and len(c.evidence.text.split()) >= 30
            and per_sent[pos] == sent_cap
        )
        if per_sent[pos] >= sent_cap and not long_tf:
            return "spread: already enough questions from this sentence"
        if ages and _is_age(x.item):
            return "variety: one age question per article is enough"
        if x.item.kind == "true_false" and x.item.truth and truths[True] >= true_cap and strict:
            return "balance: enough true statements for the false ones available"
        fact = _fact_tokens(x.item)
        for o in chosen:
            oc = o.item.cand
            if (
                oc.key_canonical.lower() == c.key_canonical.lower()
                and oc.slot[0] == c.slot[0]
                and c.slot[0] not in ("be", "have", "")
            ):
                return "same fact as a selected question (same answer, same relation)"
            other_slot = (
                oc.sentence_position == pos
                and o.item.kind != x.item.kind
                and oc.key_canonical.lower() != c.key_canonical.lower()
                and oc.key.lower() not in c.key.lower()
                and c.key.lower() not in oc.key.lower()
            )
            if (
                (oc.sentence_position != pos or o.item.kind != x.item.kind)
                and not other_slot
                and jaccard(fact, _fact_tokens(o.item)) > 0.6
            ):
                return "same fact as a selected question (same statement)"
            if oc.sentence_position != pos:
                if _answers_other(x.item, o.item) or _answers_other(o.item, x.item):
                    return "spread: would give away another question's answer"
                continue
            if oc.key_canonical.lower() == c.key_canonical.lower():
                return "same fact as a selected question (same answer, same sentence)"
            if x.item.kind == "true_false" and o.item.kind == "true_false":
                return "spread: one true/false item per sentence"
            # an MCQ on one slot and a true/false statement on another slot of the same
            # sentence may both be asked only when neither shows the other's answer
            gives = (
                _shows(oc.key, x.item.stem)
                or _shows(c.key, o.item.stem)
                or _answers_other(x.item, o.item)
                or _answers_other(o.item, x.item)
            )
            if gives:
                return "spread: would give away another question's answer"
        if keys[c.key_canonical.lower()] >= per_key:
            return "spread: too many questions with this answer"
        if (
            x.item.kind == "mcq"
            and c.key_label in NAME_LABELS
            and any(
                o.item.kind == "mcq"
                and o.item.cand.key_canonical.lower() == c.key_canonical.lower()
                for o in chosen
            )
        ):
            # a second "Who ...?" with the same person as the answer is guessed, not read
            return "spread: another multiple-choice question already has this answer"
        t = _tokens(x.item)
        if any(jaccard(t, o) > 0.6 for o in toks):
            return "near-duplicate of a selected question"
        return None

    def take(x: Scored) -> None:
        nonlocal ages
        chosen.append(x)
        c = x.item.cand
        per_sent[c.sentence_position] += 1
        keys[c.key_canonical.lower()] += 1
        toks.append(_tokens(x.item))
        kinds[x.item.kind] += 1
        if x.item.kind == "true_false":
            truths[bool(x.item.truth)] += 1
        ages += _is_age(x.item)

    def _rebuild() -> None:
        nonlocal ages
        kept = list(chosen)
        chosen.clear()
        per_sent.clear()
        keys.clear()
        toks.clear()
        kinds.clear()
        truths.clear()
        ages = 0
        for y in kept:
            take(y)

    def within_mix(x: Scored) -> bool:
        if x.item.kind == "mcq":
            return kinds["mcq"] < mcq_target
        if kinds["true_false"] >= tf_target:
            return False
        half = (tf_target + 1) // 2
        return truths[bool(x.item.truth)] < half

    # MCQs first (the core of a quiz), then true/false on the sentences left, then fill up
    mcq_first = [x for x in ordered if x.item.kind == "mcq"]
    mcq_first += [x for x in ordered if x.item.kind != "mcq"]

    def fill_with_mcqs() -> None:
        """Places left free (by the balance rule) go to MCQs not yet taken, best first."""
        for x in mcq_first:
            if len(chosen) >= n_max or x.item.kind != "mcq":
                break
            if any(x is y for y in chosen):
                continue
            if blocked(x, per_sentence) is None:
                take(x)

    passes = ((mcq_first, 1, True), (mcq_first, per_sentence, True), (ordered, per_sentence, False))
    for pool, sent_cap, mix in passes:
        for x in pool:
            if len(chosen) >= n_max:
                break
            if any(x is y for y in chosen):
                continue
            if mix and not within_mix(x):
                reason[id(x)] = "mix: enough items of this kind"
                continue
            why = blocked(x, sent_cap, strict=mix)
            if why:
                reason[id(x)] = why
                continue
            if (
                x.item.kind == "true_false"
                and x.item.truth
                and not balance_ok(truths[True] + 1, truths[False])
            ):
                # the statement's false twin keeps the true/false balance
                twin = next(
                    (y for y in ordered if y.item.cand is x.item.cand and y.item.truth is False
                     and not any(y is z for z in chosen) and blocked(y, sent_cap) is None),
                    None,
                )  # fmt: skip
                if twin is not None:
                    reason[id(x)] = "balance: its false twin was taken instead"
                    x = twin
            take(x)
    # balance after the fact: a true statement beyond one more than the false ones (keeping at
    # least 3 true/false items) gives its place to a question of another kind
    n_f = sum(1 for x in chosen if x.item.kind == "true_false" and x.item.truth is False)
    n_t = sum(1 for x in chosen if x.item.kind == "true_false" and x.item.truth)
    excess = n_t - max(n_f + 1, 3 - n_f)
    if excess > 0:
        spare = [x for x in reversed(chosen) if x.item.kind == "true_false" and x.item.truth]
        before = len(chosen)
        for x in spare[:excess]:
            chosen.remove(x)
            reason[id(x)] = "balance: too many true statements for the false ones"
        _rebuild()
        fill_with_mcqs()
        # a soft preference: a true statement comes back when nothing else took its place
        for x in reversed(spare[:excess]):
            if len(chosen) >= before:
                break
            if blocked(x, per_sentence) is None or (blocked(x, per_sentence) or "").startswith(
                "balance"
            ):
                take(x)
                reason.pop(id(x), None)

    # before dropping true statements for the balance, take safe false ones left over
    for x in ordered:
        n_t = sum(1 for y in chosen if y.item.kind == "true_false" and y.item.truth)
        n_f = sum(1 for y in chosen if y.item.kind == "true_false" and y.item.truth is False)
        if balance_ok(n_t, n_f) or len(chosen) >= n_max:
            break
        if x.item.kind != "true_false" or x.item.truth is not False:
            continue
        if any(x is y for y in chosen) or n_t * 5 <= (n_t + n_f) * 3:
            continue
        if blocked(x, per_sentence, strict=False) is None:
            take(x)
            reason.pop(id(x), None)

    # then swap a true statement for a false item from the same sentence (its false twin, or a
    # swap on another slot), lowest-scored true statements first
    def n_truth(v: bool) -> int:
        return sum(1 for y in chosen if y.item.kind == "true_false" and bool(y.item.truth) is v)

    trues = sorted(
        (x for x in chosen if x.item.kind == "true_false" and x.item.truth),
        key=lambda x: x.score,
    )
    for t in trues:
        if balance_ok(n_truth(True), n_truth(False)):
            break
        pos = t.item.cand.sentence_position
        chosen.remove(t)
        _rebuild()
        swap = next(
            (
                y
                for y in ordered
                if y.item.kind == "true_false"
                and y.item.truth is False
                and y.item.cand.sentence_position == pos
                and not any(y is z for z in chosen)
                and blocked(y, per_sentence, strict=False) is None
            ),
            None,
        )
        if swap is None:
            take(t)
            continue
        take(swap)
        reason.pop(id(swap), None)
        reason[id(t)] = "balance: a false item from the same sentence was taken instead"
    _enforce_balance(chosen, reason)
    _rebuild()
    # places freed by the balance rule go to MCQs (never to more true statements); an MCQ
    # that passed every gate is never traded away for true/false items: the balance is kept
    # by dropping surplus true statements only
    fill_with_mcqs()
    dropped = [
        (x, reason.get(id(x), "over the limit")) for x in ordered if not any(x is y for y in chosen)
    ]
    chosen.sort(key=lambda x: (-x.score, x.item.cand.sentence_position))
    return chosen, dropped
