"""More false statements, each made false by the article itself.

Most true statements that the selection drops (to keep the True/False balance) have no false
twin: the statement stage found no swap target in its shortened clause. Many of them still
carry a value the article states for that slot: a number with its unit, a year, a date, a
weekday, a clock time, or a named person/organisation in a core role of the verb. For each such
true statement without a false twin, the first of these values (numbers first: their swaps give
the cleanest false statements) is swapped by the distractor stage's own rules (a perturbed
number in the same unit and format, another date of the same shape, another name of the same
kind that the article does not make true for the slot). The result is judged afresh by the
gates and the fidelity checks, like every other false statement. Never by adding "not".
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Mapping, Sequence

from question_bank.analysis import NAME_LABELS, ArticleAnalysis
from question_bank.candidates import answer_type_of
from question_bank.distractors import (
    Item,
    _options_for,
    _swap,
    _tf_options,
    _value,
    date_swap_fits,
    fact_index,
    false_swap_allowed,
)
from question_bank.nlp import ParsedArticle
from question_bank.verbatim import _keys

_APPROX = frozenset(
    {"about", "around", "almost", "nearly", "roughly", "approximately", "some", "just"}
)


# a value after these is one end of an open stretch of time: another value is not clearly false
_OPEN_ENDED = frozenset({"since", "until", "till", "before", "after", "by"})


def _pick(statement: str, in_stmt: str, wrong: Sequence[str]) -> str:
    """The first swap value; after "about"/"almost" the one farthest from the key, so that
    "about 900" does not become a "about 1,000" a reader could still call true."""
    before = statement[: statement.find(in_stmt)].split()
    key_v = _value(in_stmt)
    if not before or before[-1].lower() not in _APPROX or key_v is None or key_v <= 0:
        return wrong[0]

    def gap(w: str) -> float:
        v = _value(w)
        return -1.0 if v is None else abs(v - key_v) / key_v

    best = max(wrong, key=gap)
    return best if gap(best) >= 0.25 else ""


def extra_false_items(
    items: Sequence[Item],
    parsed: ParsedArticle,
    analysis: ArticleAnalysis,
    *,
    rng: random.Random,
    distractor_pool: Mapping[str, Sequence[str]] | None = None,
) -> list[Item]:
    """False statements for true ones that have none (one per statement, in item order)."""
    have = {
        (x.cand.sentence_position, x.cand.statement)
        for x in items
        if x.kind == "true_false" and x.truth is False
    }
    index = None
    out: list[Item] = []
    for item in items:
        cand = item.cand
        key_of = (cand.sentence_position, cand.statement)
        if item.kind != "true_false" or item.truth is not True or key_of in have:
            continue
        have.add(key_of)
        if not 0 <= cand.sentence_position < len(parsed.sentences):
            continue
        ps = parsed.sentences[cand.sentence_position]
        if ps.span.start != cand.evidence.start:
            continue  # positions and evidence disagree: leave it alone
        statement = cand.statement
        sentence = ps.span.text
        for key, in_stmt, label, canonical, role, unit in _keys(ps.doc_span, analysis):
            if statement.count(in_stmt) != 1 or sentence.count(in_stmt) != 1:
                continue
            if not false_swap_allowed(label):
                continue
            swapped_cand = dataclasses.replace(
                cand,
                key=key,
                key_in_statement=in_stmt,
                key_label=label,
                answer_type=answer_type_of(label),
                unit=unit,
                key_canonical=canonical,
                slot=(cand.slot[0], role),
                kind_noun="",
                alt_stem="",
            )
            if index is None:
                index = fact_index(parsed, analysis)
            wrong, source, notes = _options_for(swapped_cand, analysis, index, distractor_pool, rng)
            if not wrong or source not in ("article", "numeric"):
                continue
            before = statement[: statement.find(in_stmt)].split()
            if before and before[-1].lower() in _OPEN_ENDED and label not in NAME_LABELS:
                continue  # "doubled since 2020" -> "since 2015" may still be true
            value = _pick(statement, in_stmt, wrong)
            if not value or re.search(r"\bnot\b|n't", statement):
                continue
            false_stmt = _swap(statement, in_stmt, value, index)
            if not date_swap_fits(swapped_cand, value, false_stmt):
                continue  # a date of another shape, or one that lost its preposition
            out.append(
                Item(
                    swapped_cand,
                    "true_false",
                    false_stmt,
                    _tf_options(False),
                    "tf-false-swap",
                    source,
                    truth=False,
                    swapped=value,
                    notes=tuple(notes),
                )
            )
            break
    return out
