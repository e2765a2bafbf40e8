"""What the rated (burned) sets say about kinds of question, and whether shallow features
predict a rater's verdict.

    .venv/bin/python benchmarks/quality/rated_items.py            # acceptance per kind
    .venv/bin/python benchmarks/quality/rated_items.py --probe    # + a leave-one-set-out ranker
    .venv/bin/python benchmarks/quality/rated_items.py --sets a,b,c,d,e,f,h,i   # some sets only
    .venv/bin/python benchmarks/quality/rated_items.py --probe --tensor   # + the model's vectors
    .venv/bin/python benchmarks/quality/rated_items.py --probe --tensor --test-set o

Reads every ``docs/quality/set-*`` with a rating key: each generator item that was rated, with
its transformation and every rater's verdict ("acceptable to both" where a set has two sheets).
Prints, per transformation and per kind of false swap (a number or date put in, or a name), how
many items were rated and how many both raters accepted. These counts chose which kinds the
generator stopped making (wh-where, wh-role, name swaps); see docs/QUALITY.md.

``--probe`` asks whether a ranker learned from these items could pick the good ones: a logistic
regression on shallow features of stem, evidence and title (the transformation, lengths, how
much of the evidence the stem keeps, definite or time-deictic words, capitalised words, the
position in the article, the generator's own score, ...), standardised, trained on all sets
but one and scored on the one left out, in turn (or, with ``--test-set``, scored on that set
only). It prints the pooled AUC and the acceptance rate of the top-scored fraction.
``--tensor`` adds the spaCy model's own contextual vectors of stem and evidence (no other model
is available here). A development aid on burned sets: it says whether the idea is worth a blind
test, nothing more. (Session 4's probe, unstandardised, gave an AUC of 0.48 on Sets A-I;
standardised, 0.51 on those sets and 0.61 on Sets A-N: the signal grows with the data.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from sample import _verdicts  # noqa: E402

RATED = HERE.parents[1] / "docs" / "quality"
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_NUMBERISH = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_DEICTIC = re.compile(
    r"\b(?:today|yesterday|tomorrow|tonight|now|recently|(?:last|this|next) "
    r"(?:year|week|month))\b",
    re.I,
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "by",
        "for",
        "with",
        "from",
    ]
)


def rated(root: Path = RATED, only: frozenset[str] | None = None) -> list[dict[str, Any]]:
    """Every rated generator item: set, article title and text, the question, and ``ok``
    (acceptable to every rater of its set)."""
    rows: list[dict[str, Any]] = []
    for set_dir in sorted(root.glob("set-*")):
        key_file = set_dir / "rating-key.json"
        if not key_file.exists() or (only is not None and set_dir.name[4:] not in only):
            continue
        key = json.loads(key_file.read_text(encoding="utf-8"))
        gen = json.loads((set_dir / "generator.json").read_text(encoding="utf-8"))
        by_file = {a["file"]: a for a in gen["articles"]}
        sheets = sorted(set_dir.glob("rating-sheet*.md"))
        verdicts = [_verdicts(s) for s in sheets]
        for qid, info in key.items():
            article = by_file.get(info["file"])
            if info["system"] != "generator" or article is None:
                continue
            v = [d[qid] for d in verdicts if qid in d]
            if not v:
                continue
            rows.append(
                {
                    "set": set_dir.name,
                    "title": article["title"] or "",
                    "text": article["text"],
                    "q": article["questions"][info["index"]],
                    "ok": all(v),
                }
            )
    return rows


def swap_kind(q: dict[str, Any]) -> str:
    """For a false statement: 'number/date' when the words it put in are a number or a date,
    else 'name'."""
    new = [w for w in _WORD.findall(q["stem"]) if w not in q["evidence"]["text"]]
    return "number/date" if any(_NUMBERISH.search(w) for w in new) else "name"


def features(row: dict[str, Any], kinds: list[str]) -> list[float]:
    q = row["q"]
    stem, ev = q["stem"], q["evidence"]["text"]
    sw, ew = _WORD.findall(stem), _WORD.findall(ev)
    ev_low = {w.lower() for w in ew}
    title = {w.lower() for w in _WORD.findall(row["title"])} - _STOP
    content = [w.lower() for w in sw if w.lower() not in _STOP]
    f = [float(q["transformation"] == k) for k in kinds]
    f += [
        len(sw) / 20,
        len(ew) / 30,
        len(sw) / max(1, len(ew)),
        float(bool(re.match(r"(?:The|This|These|Those|Its|Their|Both|Every|Each) [a-z]", stem))),
        len(re.findall(r"\b(?:the|this|these|those|its|their|his|her) [a-z]", stem)),
        sum(1 for w in sw[1:] if w[0].isupper()) / 3,
        float(bool(_DEICTIC.search(stem))),
        float(bool(re.match(r"(?:He|She|It|They|This|These|We)\b", ev))),
        float(stem.rstrip(".?") in ev),
        sum(w.lower() in ev_low for w in sw) / max(1, len(sw)),
        q["evidence"]["start"] / max(1, len(row["text"])),
        float("'s" in stem or "’s" in stem),
        sum(w in title for w in content) / max(1, len(content)),
        q["reading_grade"] / 10,
        q["score"],
        ev.count(",") / 3,
        len(q["options"]) / 4,
    ]
    return f


def _fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000) -> np.ndarray:
    xb = np.c_[np.ones(len(x)), x]
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= (xb.T @ (p - y) + l2 * np.r_[0, w[1:]]) / len(y)
    return w


def _auc(p: np.ndarray, y: np.ndarray) -> float:
    pos, neg = p[y == 1], p[y == 0]
    wins = sum(float((a > neg).sum()) + 0.5 * float((a == neg).sum()) for a in pos)
    return wins / max(1, len(pos) * len(neg))


def tensor_features(rows: list[dict[str, Any]]) -> np.ndarray:
    """The spaCy model's own contextual vectors (its tok2vec ``doc.tensor``), averaged over
    the stem, and the stem's average minus the evidence's: 192 numbers per item."""
    from question_bank.nlp import get_nlp

    nlp = get_nlp()

    def mean(text: str) -> np.ndarray:
        t = nlp(text).tensor
        return t.mean(0) if len(t) else np.zeros(nlp("a").tensor.shape[1])

    out = []
    for r in rows:
        stem = mean(r["q"]["stem"])
        out.append(np.r_[stem, stem - mean(r["q"]["evidence"]["text"])])
    return np.array(out)


def probe(rows: list[dict[str, Any]], *, tensor: bool = False, test_set: str = "") -> None:
    kinds = sorted({r["q"]["transformation"] for r in rows})
    x = np.array([features(r, kinds) for r in rows])
    if tensor:
        x = np.c_[tensor_features(rows), x]
    x = (x - x.mean(0)) / (x.std(0) + 1e-6)
    y = np.array([float(r["ok"]) for r in rows])
    sets = np.array([r["set"] for r in rows])
    pred = np.zeros(len(y))
    held = [f"set-{test_set}"] if test_set else sorted(set(sets))
    for s in held:
        test = sets == s
        w = _fit(x[~test], y[~test], l2=10.0)
        pred[test] = 1 / (1 + np.exp(-(np.c_[np.ones(test.sum()), x[test]] @ w)))
    scored = np.isin(sets, held)
    pred, y = pred[scored], y[scored]
    how = f"trained on the other sets, scored on {held[0]}" if test_set else "leave one set out"
    what = "shallow + spaCy tensor features" if tensor else "shallow features"
    print(f"\nranker probe ({what}), {how}: AUC {_auc(pred, y):.2f} (0.50 = chance)")
    order = np.argsort(-pred)
    for frac in (0.2, 0.4, 0.6, 1.0):
        k = max(1, int(frac * len(y)))
        print(f"  top {frac:.0%} by the ranker: {y[order[:k]].mean():.0%} acceptable ({k} items)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--probe", action="store_true", help="also run the ranker probe")
    p.add_argument("--sets", help="comma-separated set letters (default: every rated set)")
    p.add_argument("--tensor", action="store_true", help="probe with spaCy's tensor features")
    p.add_argument("--test-set", default="", help="probe: train on the other sets, score this")
    args = p.parse_args(argv)
    rows = rated(only=frozenset(args.sets.split(",")) if args.sets else None)
    n: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    for r in rows:
        kind = r["q"]["transformation"]
        if kind == "tf-false-swap":
            kind += f" ({swap_kind(r['q'])})"
        n[kind] += 1
        ok[kind] += r["ok"]
    sets = sorted({r["set"] for r in rows})
    print(f"{len(rows)} rated generator items in {', '.join(sets)}; acceptable to every rater:")
    for kind, count in n.most_common():
        print(f"  {kind:32s} {ok[kind]:4d} / {count:<4d} {ok[kind] / count:4.0%}")
    total = sum(ok.values())
    print(f"  {'all':32s} {total:4d} / {len(rows):<4d} {total / len(rows):4.0%}")
    if args.probe:
        probe(rows, tensor=args.tensor, test_set=args.test_set)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
