"""``python -m question_bank generate FILE...``: print generated questions, no database.

Exit code 2 with a one-line message on stderr (no traceback) for unreadable files and for
input that is not an article (IngestError).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from question_bank.types import GenerationResult, IngestError


def result_to_json(
    path: str, result: GenerationResult, *, include_rejected: bool
) -> dict[str, Any]:
    """The JSON shape of one article's questions (and rejected candidates on request)."""
    out: dict[str, Any] = {
        "file": path,
        "title": result.article.title,
        "text": result.article.text,
        "questions": [
            {
                "kind": q.kind,
                "stem": q.stem,
                "options": [{"text": o.text, "correct": o.correct} for o in q.options],
                "explanation": q.explanation,
                "evidence": {
                    "text": q.evidence.text,
                    "start": q.evidence.start,
                    "end": q.evidence.end,
                },  # fmt: skip
                "score": q.score,
                "reasons": list(q.reasons),
                "reading_grade": q.reading_grade,
                "difficulty": q.difficulty,
                "transformation": q.transformation,
            }
            for q in result.questions
        ],
    }
    if include_rejected:
        out["rejected"] = [
            {
                "kind": r.kind,
                "stem": r.stem,
                "transformation": r.transformation,
                "evidence": {
                    "text": r.evidence.text,
                    "start": r.evidence.start,
                    "end": r.evidence.end,
                },  # fmt: skip
                "reasons": list(r.reasons),
            }
            for r in result.rejected
        ]
    return out


def result_to_text(path: str, result: GenerationResult, *, include_rejected: bool) -> str:
    """A readable listing: stem, options (* on the key), evidence, score."""
    lines = [f"== {path}" + (f" — {result.article.title}" if result.article.title else "")]
    for n, q in enumerate(result.questions, 1):
        lines.append(f"{n}. [{q.kind}/{q.transformation}] {q.stem}")
        for o in q.options:
            lines.append(f"   {'*' if o.correct else ' '} {o.text}")
        lines.append(f"   evidence: {q.evidence.text}")
        lines.append(
            f"   score {q.score:.2f} | grade {q.reading_grade:.1f} | difficulty "
            f"{q.difficulty:.2f} | {'; '.join(q.reasons)}"
        )
    if include_rejected:
        lines.append(f"-- rejected ({len(result.rejected)})")
        for r in result.rejected:
            lines.append(f"   x [{r.transformation}] {r.stem} :: {'; '.join(r.reasons)}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of the ``generate`` command."""
    p = argparse.ArgumentParser(
        prog="python -m question_bank generate",
        description="Generate quiz questions from article files.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument("--band", choices=("8-11", "11-14"), default="8-11")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument(
        "--include-rejected",
        action="store_true",
        help="also print the rejected candidates, each with every reason (runs every gate)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.limit is not None and args.limit < 1:
        print("error: --limit must be >= 1", file=sys.stderr)
        return 2
    from question_bank.generator import generate

    articles: list[dict[str, Any]] = []
    texts: list[str] = []
    for name in args.files:
        path = Path(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            print(f"error: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        try:
            from question_bank.ingest import fmt_for_filename, read_bytes

            text = read_bytes(raw, filename=path.name)
            result = generate(text, fmt=fmt_for_filename(path.name), band=args.band,
                              rng=random.Random(args.seed), limit=args.limit,
                              all_reasons=args.include_rejected)  # fmt: skip
        except IngestError as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            return 2
        if args.format == "json":
            articles.append(result_to_json(name, result, include_rejected=args.include_rejected))
        else:
            texts.append(result_to_text(name, result, include_rejected=args.include_rejected))
    if args.format == "json":
        json.dump({"articles": articles}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(texts) + "\n")
    return 0
