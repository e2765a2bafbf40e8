"""Peak memory and throughput of ``quizapp import`` on a folder of 1,000 articles.

    .venv/bin/python benchmarks/import_memory.py                # 1,000 articles (~15-25 min)
    .venv/bin/python benchmarks/import_memory.py --articles 20  # quick run

Creates a fresh SQLite database in a temporary directory, creates a teacher, writes N article
files (the benchmark corpus of benchmarks/corpus.py, reused cyclically, each copy made distinct
by a numbered closing paragraph), and runs ``quizapp import DIR --teacher EMAIL`` as a
subprocess with QUIZAPP_ENV=development. Peak RSS of the import process is measured twice: the
kernel's high-water mark (``VmHWM`` in /proc/<pid>/status, sampled until exit) and the rusage
of the reaped child (``os.wait4``). Targets: peak < 1 GB; a progress bar on stderr.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

EMAIL = "bench.teacher@example.org"
PASSWORD = "a long enough benchmark passphrase"
TARGET_MB = 1024


def _suffix_paragraph(i: int) -> str:
    return f"This is copy number {i} of the article, made for the import benchmark."


def write_articles(folder: Path, n: int) -> str:
    texts = corpus.build(100)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        t = texts[i % len(texts)]
        extra = _suffix_paragraph(i + 1)
        if t.fmt == "html":
            body = t.text.replace("</article>", f"<p>{extra}</p></article>", 1)
        else:
            body = t.text.rstrip() + "\n\n" + extra + "\n"
        (folder / f"{i + 1:04d}-{t.name}{t.suffix}").write_text(body, encoding="utf-8")
    return corpus.describe(texts)


def _vm_hwm_kb(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    m = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(m.group(1)) if m else None


def run_measured(cmd: list[str], env: dict[str, str], out: Path, err: Path) -> dict[str, float]:
    """Run ``cmd``; return exit code, wall seconds and peak RSS (MB) by both measures."""
    peak = {"hwm": 0}
    with out.open("wb") as fo, err.open("wb") as fe:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=fo, stderr=fe)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                kb = _vm_hwm_kb(proc.pid)
                if kb:
                    peak["hwm"] = max(peak["hwm"], kb)
                done.wait(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "exit": proc.returncode,
        "wall": wall,
        "hwm_mb": peak["hwm"] / 1024,
        "rusage_mb": usage.ru_maxrss / 1024,  # Linux: kilobytes
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Peak RSS and speed of `quizapp import`.")
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = p.parse_args(argv)
    quizapp = Path(sys.executable).parent / "quizapp"
    tmp = Path(tempfile.mkdtemp(prefix="quizapp-import-bench-"))
    env = dict(os.environ)
    env.update(
        QUIZAPP_ENV="development",
        QUIZAPP_INSTANCE=str(tmp),
        QUIZAPP_DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
    )
    try:
        # a fresh database has no tables: create-teacher needs init-db first
        for step in (["init-db"], ["create-teacher", EMAIL, "--password", PASSWORD]):
            made = subprocess.run(
                [str(quizapp), *step], env=env, capture_output=True, text=True, check=False
            )
            if made.returncode != 0:
                print(f"{step[0]} failed:", made.stdout, made.stderr[-2000:], file=sys.stderr)
                return 2
        folder = tmp / "articles"
        what = write_articles(folder, args.articles)
        cmd = [str(quizapp), "import", str(folder), "--teacher", EMAIL]
        res = run_measured(cmd, env, tmp / "import.out", tmp / "import.err")
        stderr = (tmp / "import.err").read_text(encoding="utf-8", errors="replace")
        stored = questions = 0
        try:
            with sqlite3.connect(tmp / "db.sqlite3") as db:
                stored = db.execute("select count(*) from article").fetchone()[0]
                questions = db.execute("select count(*) from question").fetchone()[0]
        except sqlite3.Error as exc:
            print("could not count rows:", exc, file=sys.stderr)
        failed = stderr.count("not imported")
        progress = "Importing" in stderr
        peak = max(res["hwm_mb"], res["rusage_mb"])
        rate = args.articles / res["wall"]
        per_article = 1000 * res["wall"] / args.articles
        tracebacks = stderr.count("Traceback")
        cmd_txt = f".venv/bin/python benchmarks/import_memory.py --articles {args.articles}"
        verdict = "OK" if peak < TARGET_MB else "OVER TARGET"
        print("## Import: memory and throughput")
        print()
        print(f"Command: `{cmd_txt}` (runs `quizapp import DIR --teacher EMAIL` on fresh SQLite)")
        print(f"Corpus: {args.articles} files written from {what}, each with a numbered suffix")
        print()
        crashed = f" ({tracebacks} traceback(s) on stderr)" if tracebacks else ""
        print(f"- exit code: {res['exit']}{crashed}")
        print(
            f"- peak RSS: {peak:.0f} MB (VmHWM {res['hwm_mb']:.0f} MB, rusage "
            f"{res['rusage_mb']:.0f} MB); target < {TARGET_MB} MB: {verdict}"
        )
        print(
            f"- wall time: {res['wall']:.1f} s, {rate:.2f} articles/s "
            f"({per_article:.0f} ms/article, including startup)"
        )
        print(f"- stored: {stored} articles, {questions} questions; {failed} not imported")
        print(f"- progress bar on stderr: {'yes' if progress else 'NO'}")
        if res["exit"] != 0:
            print("\nlast stderr lines:\n" + "\n".join(stderr.strip().splitlines()[-8:]))
        if args.keep:
            print(f"\n(kept {tmp})")
        return 0 if res["exit"] == 0 and peak < TARGET_MB and progress else 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
