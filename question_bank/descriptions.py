"""Definite place descriptions named once in the article: "the town" -> "Grindavik".

News introduces a place with its kind ("the fishing town of Grindavik", "Ashbury, a market
town in Kent") and then calls it "the town". A question that keeps "the town" needs the article
("When was the town evacuated?"); when the article names exactly one place of that kind this
way, the later "the town" is that place. Only the candidates' rendering uses this (the shared
analysis is not changed); nothing is guessed when two places of the kind are named.
"""

from __future__ import annotations

from dataclasses import replace

from question_bank.analysis import PLACE_LABELS, ArticleAnalysis
from question_bank.nlp import ParsedArticle

PLACE_NOUNS = frozenset({"town", "village", "city", "island", "county", "country", "port"})
# the last result: the generator and the candidate stage both ask for it (identity check only)
_last: list[ArticleAnalysis] = []


def with_place_descriptions(parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis:
    """``analysis`` with "the <place noun>" resolved to the one place the article names so."""
    if _last and _last[0] is analysis:
        return analysis  # already described
    out = _described(parsed, analysis)
    _last[:] = [out]
    return out


def _described(parsed: ParsedArticle, analysis: ArticleAnalysis) -> ArticleAnalysis:
    named: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    doc = parsed.doc
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in PLACE_NOUNS:
            continue
        noun = tok.lemma_.lower()
        names: list[str] = []
        # "the fishing town of Grindavik"
        for pp in tok.children:
            if pp.dep_ == "prep" and pp.lower_ == "of":
                for ob in pp.children:
                    m = analysis.token_mention.get(ob.i)
                    if ob.dep_ == "pobj" and m is not None and m.label in PLACE_LABELS:
                        names.append(m.canonical)
        # "Ashbury, a market town in Kent"
        if tok.dep_ == "appos":
            m = analysis.token_mention.get(tok.head.i)
            if m is not None and m.label in PLACE_LABELS:
                names.append(m.canonical)
        for n in names:
            named.setdefault(noun, set()).add(n)
            first.setdefault(noun, tok.i)
    if not named:
        return analysis
    extra: dict[int, str] = {}
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.tag_ != "NN":
            continue
        noun = tok.lemma_.lower()
        if (
            noun not in named
            or len(named[noun]) != 1
            or tok.i <= first[noun]
            or tok.i in analysis.resolved
            or tok.i in analysis.token_mention
        ):
            continue
        lefts = list(tok.lefts)
        if len(lefts) != 1 or lefts[0].lower_ != "the" or lefts[0].dep_ != "det":
            continue  # "the old town", "a town": another place, or a kind
        if any(c.dep_ in ("prep", "relcl", "acl", "appos", "conj") for c in tok.rights):
            continue
        extra[tok.i] = next(iter(named[noun]))
    if not extra:
        return analysis
    return replace(analysis, resolved={**analysis.resolved, **extra})
