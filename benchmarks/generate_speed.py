"""Speed of ``generate()`` against its floor, spaCy parsing the same texts.

    .venv/bin/python benchmarks/generate_speed.py [--articles 100] [--repeat 3]

Builds the benchmark corpus (benchmarks/corpus.py: the 5 seed articles, the held-out articles,
and seeded recombinations of their paragraphs, >= 100 distinct texts), then in one process:

- ingest alone: ``clean_article(text, fmt=...)`` per text (information only);
- the floor: the generator's own pipeline object (``question_bank.nlp.get_nlp()``, all
  components, nothing disabled) applied as ``nlp(text)`` to each cleaned text, one text at a
  time, as ``parse_article`` does (it never uses ``nlp.pipe``);
- the full ``generate(text, fmt=..., rng=Random(0))`` on the same raw texts.

Each after a warm-up, best of ``--repeat`` runs. Target: generate / parse <= 1.5x.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import corpus  # noqa: E402

TARGET_RATIO = 1.5


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, list[float], float]:
    """(best wall seconds, all wall seconds, best CPU seconds of this process).

    CPU time is printed too because wall time is unreliable on a shared, loaded machine.
    """
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(times), times, min(cpu)


def runs(times: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in times)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="generate() speed versus the spaCy parse floor.")
    p.add_argument("--articles", type=int, default=100)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)

    from question_bank.generator import generate
    from question_bank.ingest import clean_article
    from question_bank.nlp import get_nlp

    texts = corpus.build(args.articles)
    nlp = get_nlp()
    failures: dict[str, str] = {}

    def ingest_all() -> list[str]:
        return [clean_article(t.text, fmt=t.fmt).text for t in texts]

    cleaned = ingest_all()  # also the warm-up of ingest
    words = sum(len(c.split()) for c in cleaned)

    def parse_all() -> None:
        for c in cleaned:
            nlp(c)

    counts: list[int] = []

    def generate_all() -> None:
        counts.clear()
        for t in texts:
            try:
                res = generate(t.text, fmt=t.fmt, rng=random.Random(0))
            except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
                failures[t.name] = f"{type(exc).__name__}: {exc}"
                counts.append(0)
                continue
            counts.append(len(res.questions))

    # warm-up: model loaded, caches and lazy imports of every stage filled
    for t in texts[:5]:
        nlp(clean_article(t.text, fmt=t.fmt).text)
        with contextlib.suppress(Exception):  # failures are counted in the timed runs
            generate(t.text, fmt=t.fmt, rng=random.Random(0))

    load0 = os.getloadavg()[0]
    t_ingest, _, _ = best_of(args.repeat, ingest_all)
    t_parse, parse_runs, c_parse = best_of(args.repeat, parse_all)
    t_gen, gen_runs, c_gen = best_of(args.repeat, generate_all)
    n = len(texts)
    ratio = t_gen / t_parse
    cpu_ratio = c_gen / c_parse
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    pipes = ", ".join(nlp.pipe_names)
    cmd = f".venv/bin/python benchmarks/generate_speed.py --articles {args.articles}"
    print("## Generator speed")
    print()
    print(f"Command: `{cmd} --repeat {args.repeat}` (best of {args.repeat}, after a warm-up)")
    print(f"Corpus: {corpus.describe(texts)}; {words:,} words after ingest")
    model = f"{nlp.meta.get('name')} {nlp.meta.get('version')}"
    print(f"Pipeline: {model} [{pipes}], one text at a time")
    print()
    print(
        f"- spaCy parse alone (floor): {t_parse:.2f} s, {1000 * t_parse / n:.0f} ms/article, "
        f"{words / t_parse:,.0f} words/s (runs: {runs(parse_runs)})"
    )
    print(f"- ingest alone: {t_ingest:.2f} s, {1000 * t_ingest / n:.0f} ms/article")
    print(
        f"- generate(): {t_gen:.2f} s, {1000 * t_gen / n:.0f} ms/article (runs: {runs(gen_runs)})"
    )
    print(
        f"- ratio generate / parse: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
        f"({c_gen:.2f} s / {c_parse:.2f} s) (target <= {TARGET_RATIO}x): {verdict}"
    )
    if counts:
        print(
            f"- questions per article: mean {statistics.mean(counts):.1f}, median "
            f"{statistics.median(counts):g}, min {min(counts)}, max {max(counts)}, "
            f"{sum(1 for c in counts if c == 0)} articles with none"
        )
    print(
        f"- total time of this run: {time.perf_counter() - START:.1f} s; machine: "
        f"{os.cpu_count()} CPUs, load average {load0:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end"
    )
    if failures:
        print(f"- generate() raised on {len(failures)} texts:")
        for name, msg in sorted(failures.items())[:10]:
            print(f"    {name}: {msg[:160]}")
    return 0 if ratio <= TARGET_RATIO and not failures else 1


START = time.perf_counter()

if __name__ == "__main__":
    sys.exit(main())
