"""Article text in, ranked multiple-choice and true/false questions out.

Pipeline (pure stages over frozen values): ingest.clean_article -> nlp.parse_article (the one
parse; parse_repair fixes a misparsed main verb in place) -> analysis.analyse (+ descriptions)
-> candidates.build_candidates (+ verbatim) -> distractors.attach_options (+ falsify) ->
gates.check + fidelity -> ranking.score_item/select -> QuestionDraft.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain

from question_bank.analysis import analyse
from question_bank.candidates import MAX_STEM_WORDS, build_candidates
from question_bank.descriptions import with_place_descriptions
from question_bank.distractors import Item, attach_options
from question_bank.explain import explanation, with_feedback
from question_bank.falsify import extra_false_items
from question_bank.fidelity import iter_fidelity_reasons, known_nouns
from question_bank.gates import (
    BANDS,
    GateContext,
    article_topic_nouns,
    founder_names,
    iter_reasons,
    names_with_the,
    repair_stem,
)
from question_bank.nlp import parse_article
from question_bank.parse_repair import repair_parse
from question_bank.ranking import Scored, score_item, select
from question_bank.types import (
    CleanArticle,
    FactKey,
    GenerationResult,
    QuestionDraft,
    RejectedCandidate,
)


def _check_args(band: str, limit: int | None, rng: random.Random | None) -> None:
    if band not in BANDS:
        raise ValueError(f"band must be one of {sorted(BANDS)}, got {band!r}")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValueError(f"limit must be an integer >= 1, got {limit!r}")
    if rng is not None and not isinstance(rng, random.Random):
        raise TypeError("rng must be a random.Random")


def generate(
    text: str,
    *,
    title: str | None = None,
    fmt: str = "text",
    band: str = "8-11",
    rng: random.Random | None = None,
    limit: int | None = None,
    distractor_pool: Mapping[str, Sequence[str]] | None = None,
    all_reasons: bool = False,
) -> GenerationResult:
    """Clean ``text`` (format ``fmt``) and generate questions for the reading ``band``.

    Deterministic for a given ``rng`` seed (default ``random.Random(0)``). Raises ValueError
    for bad arguments and ``IngestError`` for input that is not an article. A rejected
    candidate carries the first reason that rejects it; ``all_reasons=True`` runs every gate
    on it and keeps every reason (slower; for measuring the gates). The questions are the
    same either way.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    _check_args(band, limit, rng)
    from question_bank.ingest import clean_article  # owned by the ingest stage

    clean = clean_article(text, fmt=fmt, title=title)
    return generate_clean(
        clean,
        band=band,
        rng=rng,
        limit=limit,
        distractor_pool=distractor_pool,
        all_reasons=all_reasons,
    )


def familiar_words(text: str, times: int = 3) -> frozenset[str]:
    """Lower-cased words an article uses ``times`` or more: a child has met them by the end."""
    counts = Counter(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text))
    return frozenset(w for w, k in counts.items() if k >= times and len(w) > 2)


def _to_draft(x: Scored) -> QuestionDraft:
    item = x.item
    cand = item.cand
    relation = cand.slot[0]
    value = cand.key
    return QuestionDraft(
        kind="mcq" if item.kind == "mcq" else "true_false",
        stem=item.stem,
        options=with_feedback(item),
        explanation=explanation(item),
        evidence=cand.evidence,
        score=x.score,
        reasons=x.reasons,
        reading_grade=x.reading_grade,
        difficulty=x.difficulty,
        transformation=item.transformation,
        answer_type=cand.answer_type,
        fact=FactKey(
            subject=cand.subject, relation=relation, value=value, value_type=cand.answer_type
        ),
    )


_DROPPED = re.compile(r"^dropped (?:a|the|what) ")
_OPENERS = frozenset({"but", "and", "so", "however", "also", "meanwhile", "then", "still", "yet"})


def _rebuildable(item: Item) -> bool:
    """Could ``_verbatim`` rebuild this item (given only "dropped ..." reasons)?"""
    return item.kind == "true_false" and item.cand.transformation == "tf-statement"


def _verbatim(item: Item, reasons: Sequence[str]) -> Item | None:
    """Rebuild instead of reject: a true/false statement whose shortening dropped a part the
    fact needs (a time phrase, a condition, a rate, an "of" complement) is shown as the
    evidence clause itself, with the swap (if any) applied; the gates then judge it afresh."""
    if not _rebuildable(item) or not all(_DROPPED.match(r) for r in reasons):
        return None
    ev = item.cand.evidence.text.strip()
    words = ev.split()
    if not 4 <= len(words) <= MAX_STEM_WORDS or not ev.endswith("."):
        return None
    if re.search(r"[\"“”‘;:!?()\[\]]|(?<![A-Za-z])'|—|–", ev):
        return None  # quotes, asides, lists: not a plain statement
    if words[0].lower().strip(",") in _OPENERS or ev.count(",") > 1:
        return None
    if item.truth is False:
        key = item.cand.key_in_statement
        if not key or not item.swapped or ev.count(key) != 1:
            return None
        stem = ev.replace(key, item.swapped, 1)
    else:
        stem = ev
    return dataclasses.replace(item, stem=stem)


def _reasons(item: Item, found: Iterator[str]) -> tuple[str, ...]:
    """The item's reasons up to the first one that settles its rejection: gates run in order
    and stop there, since one reason rejects. An item ``_verbatim`` could rebuild keeps going
    while every reason is a "dropped ..." one, because the rebuild needs all of them."""
    out: dict[str, None] = {}
    keep_going = _rebuildable(item)
    for r in found:
        out[r] = None
        if not (keep_going and _DROPPED.match(r)):
            break
    return tuple(out)


def _rejected(item: Item, reasons: Sequence[str]) -> RejectedCandidate:
    return RejectedCandidate(
        kind="mcq" if item.kind == "mcq" else "true_false",
        stem=item.stem,
        transformation=item.transformation,
        evidence=item.cand.evidence,
        reasons=tuple(reasons),
    )


def generate_clean(
    clean: CleanArticle,
    *,
    band: str = "8-11",
    rng: random.Random | None = None,
    limit: int | None = None,
    distractor_pool: Mapping[str, Sequence[str]] | None = None,
    all_reasons: bool = False,
) -> GenerationResult:
    """Generate from an already cleaned article (one parse, then cheap stages); see
    ``generate`` for ``all_reasons``."""
    _check_args(band, limit, rng)
    rng = rng if rng is not None else random.Random(0)
    parsed = parse_article(clean)
    repair_parse(parsed)  # a main verb the parse took for a reduced relative clause
    analysis = with_place_descriptions(parsed, analyse(parsed))
    cands = build_candidates(parsed, analysis)
    items = attach_options(cands, parsed, analysis, rng=rng, distractor_pool=distractor_pool)
    items += extra_false_items(items, parsed, analysis, rng=rng, distractor_pool=distractor_pool)
    names = frozenset(
        w.lower().strip("’'")
        for e in analysis.entities
        for alias in (e.name, *e.aliases)
        for w in alias.split()
    )
    ctx = GateContext(
        band=band,
        names=names,
        usable_sentences=frozenset(s.index for s in clean.sentences if s.usable),
        analysis=analysis,
        familiar=familiar_words(clean.text),
        topic_nouns=article_topic_nouns(parsed, analysis),
        founder_names=founder_names(parsed, analysis),
    )
    the_names = names_with_the(parsed, analysis)
    items = [
        dataclasses.replace(x, stem=fixed)
        if (fixed := repair_stem(x.stem, x.cand.evidence.text, the_names)) != x.stem
        else x
        for x in items
    ]
    mentions = {e.name: e.mentions for e in analysis.entities}
    rejected: list[RejectedCandidate] = []
    passed: list[Scored] = []
    known = known_nouns(parsed)
    resolved = frozenset(analysis.resolved)

    def failures(x: Item) -> Iterator[str]:
        return chain(
            iter_reasons(x, ctx), iter_fidelity_reasons(x, parsed, known=known, resolved=resolved)
        )

    for item in items:
        reasons = (
            tuple(dict.fromkeys(failures(item))) if all_reasons else _reasons(item, failures(item))
        )
        rebuilt = _verbatim(item, reasons) if reasons else None
        if rebuilt is not None and next(failures(rebuilt), None) is None:
            item, reasons = rebuilt, ()
        if reasons:
            rejected.append(_rejected(item, reasons))
            continue
        passed.append(
            score_item(item, n_sentences=len(parsed.sentences), names=names, mentions=mentions)
        )
    chosen, dropped = select(
        passed, limit=limit, usable_sentences=sum(s.usable for s in clean.sentences)
    )
    rejected.extend(_rejected(x.item, (why,)) for x, why in dropped)
    # evidence offsets are the contract with the article view: assert, never assume
    for x in chosen:
        ev = x.item.cand.evidence
        assert clean.text[ev.start : ev.end] == ev.text, "evidence offsets drifted"
    return GenerationResult(
        article=clean,
        questions=tuple(_to_draft(x) for x in chosen),
        rejected=tuple(rejected),
        entities=analysis.entities,
    )
