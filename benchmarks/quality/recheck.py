"""Re-run the generator on the already rated (burned) sets and compare with their ratings.

    .venv/bin/python benchmarks/quality/recheck.py            # summary per set
    .venv/bin/python benchmarks/quality/recheck.py --list     # also every item, with notes

A development aid, not a quality measurement: once a set has been rated and looked at, it is
no longer held out, and a change made while looking at it is tuned to it. The only honest
number is a fresh blind set (sample.py). What this shows is which rated items the generator
at HEAD still proposes: rated-acceptable items kept (good), rated-failed items kept (bad), and
new items nobody has rated (unknown). An item is matched by its stem and its key text.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RATED = ROOT / "docs" / "quality"
_BLOCK = re.compile(r"^### (?P<id>A\d+-Q\d+)\s*$", re.M)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _key(q: dict[str, Any]) -> tuple[str, str]:
    key = next((o["text"] for o in q["options"] if o["correct"]), "")
    return _norm(q["stem"]), _norm(key)


def rated_items(set_dir: Path) -> list[dict[str, Any]]:
    """The generator's rated items of one set: file, stem, key, verdict, notes."""
    key = json.loads((set_dir / "rating-key.json").read_text(encoding="utf-8"))
    gen = json.loads((set_dir / "generator.json").read_text(encoding="utf-8"))
    by_file = {Path(a["file"]).name: a for a in gen["articles"]}
    sheet = (set_dir / "rating-sheet.md").read_text(encoding="utf-8")
    parts = _BLOCK.split(sheet)
    items = []
    for qid, body in zip(parts[1::2], parts[2::2], strict=True):
        info = key.get(qid)
        if not info or info["system"] != "generator":
            continue
        article = by_file[Path(info["file"]).name]
        q = article["questions"][info["index"]]
        notes = re.search(r"^Notes:(.*)$", body, re.M)
        items.append(
            {
                "file": info["file"],
                "stem": q["stem"],
                "match": _key(q),
                "ok": bool(re.search(r"\[[xX]\]\s*acceptable", body)),
                "notes": notes.group(1).strip() if notes else "",
            }
        )
    return items


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--list", action="store_true", help="print every item with its verdict")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from question_bank.cli_generate import result_to_json
    from question_bank.generator import generate
    from question_bank.ingest import fmt_for_filename, read_bytes

    totals = [0, 0, 0, 0, 0]
    for set_dir in sorted(RATED.glob("set-*")):
        if not (set_dir / "rating-key.json").exists():
            continue
        items = rated_items(set_dir)
        files = sorted({i["file"] for i in items} | _set_files(set_dir))
        now: dict[tuple[str, str], dict[str, Any]] = {}
        for name in files:
            path = ROOT / name
            text = read_bytes(path.read_bytes(), filename=path.name)
            res = generate(text, fmt=fmt_for_filename(path.name), rng=random.Random(args.seed))
            for q in result_to_json(name, res, include_rejected=False)["questions"]:
                now[_key(q)] = {**q, "file": name}
        rated = {i["match"]: i for i in items}
        ok_kept = [i for i in items if i["ok"] and i["match"] in now]
        bad_kept = [i for i in items if not i["ok"] and i["match"] in now]
        new = [q for k, q in now.items() if k not in rated]
        n_ok = sum(i["ok"] for i in items)
        row = [n_ok, len(ok_kept), len(items) - n_ok, len(bad_kept), len(new)]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(
            f"{set_dir.name}: acceptable kept {len(ok_kept)}/{n_ok}, "
            f"failed kept {len(bad_kept)}/{len(items) - n_ok}, new unrated {len(new)}"
        )
        if args.list:
            for i in items:
                mark = ("KEPT " if i["match"] in now else "gone ") + ("ok  " if i["ok"] else "BAD ")
                print(f"  {mark} {i['stem']}" + ("" if i["ok"] else f"   # {i['notes']}"))
            for q in new:
                print(f"  NEW       {q['stem']}   [{Path(q['file']).name}]")
    ok, kept, bad, lost, unrated = totals
    print(
        f"ALL: acceptable kept {kept}/{ok}, failed kept {lost}/{bad}, new unrated {unrated}; "
        f"precision among rated items still proposed: {kept}/{kept + lost}"
    )
    return 0


def _set_files(set_dir: Path) -> set[str]:
    gen = json.loads((set_dir / "generator.json").read_text(encoding="utf-8"))
    return {a["file"] for a in gen["articles"]} | {e["file"] for e in gen.get("errors", [])}


if __name__ == "__main__":
    raise SystemExit(main())
