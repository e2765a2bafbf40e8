"""Sample the generator and the baseline on the held-out articles, for rating by hand.

    .venv/bin/python benchmarks/quality/sample.py            # writes benchmarks/quality/out/
    .venv/bin/python benchmarks/quality/sample.py --score    # tallies a filled rating sheet

Writes ``out/generator.json`` (``python -m question_bank generate FILE --format json --seed 0``,
run once per article so one failing article does not hide the others; failures are listed under
``"errors"``), ``out/baseline.json`` (``baseline_cloze.py``, seed 0, 10 questions per article unless
``--baseline-per-article`` says otherwise)
and ``out/rating-sheet.md``: every question of both systems, blind (the system of each question
is in ``out/rating-key.json``, not on the sheet), in a seeded order within each article, each with
its stem, options (key marked), evidence and a line of the nine rubric points of
docs/question-quality.md. The rater ticks ``[x]`` on every rubric point that applies and on
``acceptable`` when none does; ``--score`` then reads the sheet back and prints acceptability
per system and per rubric point. Everything is deterministic (same inputs, same files).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTICLES = HERE / "articles"
OUT = HERE / "out"
SUFFIXES = (".txt", ".md", ".html")
RUBRIC = (
    "1 grammar/format",
    "2 sense/wh-word",
    "3 vague",
    "4 obvious",
    "5 key wrong/missing",
    "6 two correct",
    "7 options not homogeneous",
    "8 not worth asking",
    "9 not kid-appropriate",
)
_BLOCK = re.compile(r"^### (?P<id>A\d+-Q\d+)\s*$", re.M)
_TICK = re.compile(r"\[(x|X)\]\s*(\d|acceptable)")

sys.path.insert(0, str(HERE))
from baseline_cloze import baseline_article  # noqa: E402


def article_files(*folders: Path) -> list[Path]:
    return sorted(
        p
        for folder in (folders or (ARTICLES,))
        for p in folder.iterdir()
        if p.suffix.lower() in SUFFIXES and p.name.lower() != "readme.md"
    )


def rel(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def run_generator(files: list[Path], seed: int) -> dict[str, Any]:
    """The generator's CLI on each file; its JSON articles plus a list of failures."""
    articles: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for path in files:
        cmd = [
            sys.executable,
            "-m",
            "question_bank",
            "generate",
            rel(path),
            "--format",
            "json",
            "--seed",
            str(seed),
        ]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] or ["(no stderr)"]
            errors.append({"file": rel(path), "exit": proc.returncode, "stderr": tail[0]})
            continue
        articles.extend(json.loads(proc.stdout)["articles"])
    return {
        "command": f"python -m question_bank generate FILE --format json --seed {seed}",
        "articles": articles,
        "errors": errors,
    }


def run_baseline(files: list[Path], seed: int, limit: int = 10) -> dict[str, Any]:
    articles = []
    for path in files:
        entry = baseline_article(path, seed=seed, limit=limit)
        entry["file"] = rel(path)
        articles.append(entry)
    command = f"baseline_cloze.py FILE --seed {seed} --limit {limit}"
    return {"command": command, "articles": articles}


def check(system: str, data: dict[str, Any]) -> list[str]:
    """Mechanical checks on the JSON: one key per MCQ, evidence offsets into the text."""
    problems: list[str] = []
    for art in data["articles"]:
        for n, q in enumerate(art["questions"], 1):
            ev = q["evidence"]
            if art["text"][ev["start"] : ev["end"]] != ev["text"]:
                problems.append(f"{system} {art['file']} q{n}: evidence offsets do not match")
            keys = sum(1 for o in q["options"] if o["correct"])
            if keys != 1:
                problems.append(f"{system} {art['file']} q{n}: {keys} correct options")
    return problems


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def rating_sheet(
    gen: dict[str, Any], base: dict[str, Any], seed: int
) -> tuple[str, dict[str, Any]]:
    """The blind sheet (markdown) and the key (question id -> system, file, index)."""
    by_file: dict[str, list[tuple[str, int, dict[str, Any]]]] = {}
    titles: dict[str, str] = {}
    for system, data in (("generator", gen), ("baseline", base)):
        for art in data["articles"]:
            titles.setdefault(art["file"], art.get("title") or "")
            for n, q in enumerate(art["questions"]):
                by_file.setdefault(art["file"], []).append((system, n, q))
    lines = [
        "# Rating sheet: generated questions on the held-out articles",
        "",
        "Blind: questions of two systems are mixed; which is which is in rating-key.json.",
        "For each question tick `[x]` on every rubric point of docs/question-quality.md that",
        "applies, or `[x] acceptable` if none does (usable as-is by a teacher). Then run",
        "`.venv/bin/python benchmarks/quality/sample.py --score`.",
        "",
        "Rubric: " + "; ".join(RUBRIC) + ".",
        "",
    ]
    key: dict[str, Any] = {}
    rng = random.Random(seed)
    for a, file in enumerate(sorted(by_file), 1):
        items = by_file[file]
        rng.shuffle(items)
        lines += [f"## A{a:02d}: {file}", "", f"Title: {one_line(titles[file])}", ""]
        for qn, (system, n, q) in enumerate(items, 1):
            qid = f"A{a:02d}-Q{qn:02d}"
            key[qid] = {"system": system, "file": file, "index": n}
            lines += [f"### {qid}", "", f"**{q['kind']}**: {one_line(q['stem'])}", ""]
            for o in q["options"]:
                mark = "**(key)**" if o["correct"] else ""
                lines.append(f"- {one_line(o['text'])} {mark}".rstrip())
            lines += ["", f"> Evidence: {one_line(q['evidence']['text'])}", ""]
            ticks = " ".join(f"[ ] {r.split(' ', 1)[0]}" for r in RUBRIC)
            lines += [f"Flaws: {ticks} | [ ] acceptable", "", "Notes:", ""]
    return "\n".join(lines), key


def score(sheet: Path, key_file: Path) -> int:
    """Tally a filled sheet: acceptability and rubric-point counts per system."""
    text = sheet.read_text(encoding="utf-8")
    key = json.loads(key_file.read_text(encoding="utf-8"))
    marks = list(_BLOCK.finditer(text))
    total: Counter[str] = Counter()
    rated: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    points: dict[str, Counter[str]] = {}
    for i, m in enumerate(marks):
        body = text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        system = key[m.group("id")]["system"]
        total[system] += 1
        ticks = {t.group(2) for t in _TICK.finditer(body)}
        if not ticks:
            continue
        rated[system] += 1
        if ticks == {"acceptable"}:
            ok[system] += 1
        for t in ticks - {"acceptable"}:
            points.setdefault(system, Counter())[t] += 1
    for system in sorted(total):
        r = rated[system]
        pct = f"{100 * ok[system] / r:.0f}%" if r else "n/a"
        print(f"{system}: {total[system]} questions, {r} rated, {ok[system]} acceptable ({pct})")
        for label in RUBRIC:
            n = points.get(system, Counter())[label.split(" ", 1)[0]]
            if n:
                print(f"    {label}: {n}")
    return 0


def _verdicts(sheet: Path) -> dict[str, bool]:
    """Question id -> acceptable? for every rated question of a filled sheet."""
    text = sheet.read_text(encoding="utf-8")
    marks = list(_BLOCK.finditer(text))
    out: dict[str, bool] = {}
    for i, m in enumerate(marks):
        body = text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        ticks = {t.group(2) for t in _TICK.finditer(body)}
        if ticks:
            out[m.group("id")] = ticks == {"acceptable"}
    return out


def agreement(first: Path, second: Path, key_file: Path) -> int:
    """Two raters' sheets of the same questions: per system, each rater's acceptable count,
    raw agreement and Cohen's kappa on acceptable / not acceptable."""
    key = json.loads(key_file.read_text(encoding="utf-8"))
    a, b = _verdicts(first), _verdicts(second)
    for system in sorted({v["system"] for v in key.values()}):
        ids = [q for q, v in key.items() if v["system"] == system and q in a and q in b]
        n = len(ids)
        if not n:
            continue
        pa = sum(a[q] for q in ids) / n
        pb = sum(b[q] for q in ids) / n
        observed = sum(a[q] == b[q] for q in ids) / n
        chance = pa * pb + (1 - pa) * (1 - pb)
        kappa = f"{(observed - chance) / (1 - chance):.2f}" if chance < 1 else "n/a (one class)"
        both = sum(a[q] and b[q] for q in ids)
        print(
            f"{system}: {n} questions rated by both; acceptable: rater 1 {sum(a[q] for q in ids)},"
            f" rater 2 {sum(b[q] for q in ids)}, both {both}; agreement {observed:.0%},"
            f" Cohen's kappa {kappa}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Sample generator and baseline for rating.")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--score", action="store_true", help="tally a filled rating sheet")
    p.add_argument(
        "--sheet", type=Path, help="the filled sheet to score (default: OUT/rating-sheet.md)"
    )
    p.add_argument(
        "--agree",
        type=Path,
        metavar="SHEET2",
        help="with --score: compare a second rater's sheet with the first (Cohen's kappa)",
    )
    p.add_argument(
        "--articles",
        type=Path,
        action="append",
        help="folder of held-out articles (repeatable; default: quality/articles)",
    )
    p.add_argument(
        "--baseline-per-article",
        type=int,
        default=10,
        metavar="N",
        help="baseline questions per article (default 10)",
    )
    args = p.parse_args(argv)
    if args.score:
        sheet = args.sheet or args.out / "rating-sheet.md"
        if args.agree:
            return agreement(sheet, args.agree, args.out / "rating-key.json")
        return score(sheet, args.out / "rating-key.json")
    files = article_files(*(args.articles or []))
    args.out.mkdir(parents=True, exist_ok=True)
    gen = run_generator(files, args.seed)
    base = run_baseline(files, args.seed, args.baseline_per_article)
    for name, data in (("generator.json", gen), ("baseline.json", base)):
        (args.out / name).write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    sheet, key = rating_sheet(gen, base, args.seed)
    (args.out / "rating-sheet.md").write_text(sheet + "\n", encoding="utf-8")
    (args.out / "rating-key.json").write_text(json.dumps(key, indent=2) + "\n", encoding="utf-8")
    problems = check("generator", gen) + check("baseline", base)
    print(f"{len(files)} held-out articles -> {args.out}")
    for system, data in (("generator", gen), ("baseline", base)):
        counts = [len(a["questions"]) for a in data["articles"]]
        kinds = Counter(q["kind"] for a in data["articles"] for q in a["questions"])
        print(f"  {system}: {sum(counts)} questions {dict(kinds)}, per article {counts}")
    for err in gen["errors"]:
        print(f"  generator FAILED on {err['file']} (exit {err['exit']}): {err['stderr']}")
    for problem in problems:
        print("  CHECK:", problem)
    return 1 if gen["errors"] or problems else 0


if __name__ == "__main__":
    sys.exit(main())
