"""The benchmark corpus: seed articles, held-out articles, and seeded recombinations of them.

The 5 seed articles (``seeds/*.txt``) and the held-out articles
(``benchmarks/quality/articles/``) are used as they are; more articles are made by taking
paragraphs of those texts and recombining them with a seeded shuffle until ``n`` distinct texts
exist. The recombined articles are plain text. Used only for timing and memory, never to judge
or tune question quality.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HELD_OUT = ROOT / "benchmarks" / "quality" / "articles"
FMT = {".txt": "text", ".md": "markdown", ".html": "html"}


@dataclass(frozen=True)
class Text:
    name: str
    text: str
    fmt: str  # "text" | "markdown" | "html", as question_bank.ingest expects
    suffix: str  # file suffix to use when written out
    recombined: bool = False


def _paragraphs(text: str, fmt: str) -> list[str]:
    if fmt == "html":
        import trafilatura

        text = trafilatura.extract(text, include_comments=False) or ""
        parts = text.split("\n")
    else:
        parts = re.split(r"\n\s*\n", text)
    return [" ".join(p.split()) for p in parts if len(p.split()) >= 4]


def base_texts() -> list[Text]:
    out: list[Text] = []
    for folder, prefix in ((SEEDS, "seed"), (HELD_OUT, "heldout")):
        for path in sorted(folder.iterdir()):
            suffix = path.suffix.lower()
            if suffix in FMT and path.name.lower() != "readme.md":
                text = path.read_text(encoding="utf-8")
                out.append(Text(f"{prefix}-{path.stem}", text, FMT[suffix], suffix))
    return out


def build(n: int = 100, *, seed: int = 0) -> list[Text]:
    """At least ``max(n, number of base texts)`` distinct texts, deterministic for ``seed``."""
    base = base_texts()
    texts = list(base)
    seen = {t.text for t in texts}
    pools = [_paragraphs(t.text, t.fmt) for t in base]
    pools = [p for p in pools if len(p) >= 3]
    rng = random.Random(seed)
    k = 0
    while len(texts) < n:
        chosen = rng.sample(pools, k=min(len(pools), rng.randint(2, 3)))
        paras: list[str] = []
        for pool in chosen:
            start = rng.randrange(len(pool))
            paras.extend(pool[start : start + rng.randint(3, 8)])
        rng.shuffle(paras)
        title = chosen[0][0] if len(chosen[0][0].split()) <= 20 else "News round-up"
        body = "\n\n".join([title, *paras[:16]]) + "\n"
        k += 1
        if body in seen or len(body.split()) < 150:
            continue
        seen.add(body)
        texts.append(Text(f"mix-{k:03d}", body, "text", ".txt", recombined=True))
    return texts


def describe(texts: list[Text]) -> str:
    base = sum(1 for t in texts if not t.recombined)
    words = sum(len(t.text.split()) for t in texts)
    return (
        f"{len(texts)} distinct texts: {base} real articles (5 seeds + held-out set) and "
        f"{len(texts) - base} made by recombining their paragraphs with a seeded shuffle "
        f"({words:,} words in all, {words // max(1, len(texts))} per text)"
    )
