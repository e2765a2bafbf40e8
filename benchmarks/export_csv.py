"""Time and memory of the results CSV export on 1,000,000 responses.

    .venv/bin/python benchmarks/export_csv.py                     # 1,000,000 responses
    .venv/bin/python benchmarks/export_csv.py --responses 100000  # quick run

Builds a fresh SQLite database (question_bank.db.upgrade, then bulk Core inserts): one quiz of
20 questions and ``responses / 20`` attempts, each answering every question. Then measures

(a) ``write_results_csv`` (long form) to a file: wall time and peak RSS growth (the kernel's
    high-water mark ``VmHWM``, reset through /proc/self/clear_refs just before the export, minus
    the RSS at that moment);
(b) the floor: the same columns from one plain SELECT (raw DB-API cursor, fetchmany) written
    with ``csv.writer(QUOTE_ALL)`` alone;

and prints the ratio (a)/(b). Targets: memory growth < 100 MB, time <= 3x the floor.
"""

from __future__ import annotations

import argparse
import csv
import gc
import secrets
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Table, insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from question_bank import db as bank_db  # noqa: E402
from question_bank.exports import write_results_csv  # noqa: E402
from question_bank.models import (  # noqa: E402
    Article,
    Attempt,
    Option,
    Question,
    Quiz,
    QuizItem,
    Response,
    Teacher,
)

QUESTIONS = 20
OPTIONS = 3
BATCH = 50_000
TARGET_MB = 100
TARGET_RATIO = 3.0


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def build(url: str, responses: int) -> int:
    """Create the quiz and its attempts/responses; return the quiz id."""
    bank_db.upgrade(url)
    engine = bank_db.make_engine(url)
    attempts = max(1, responses // QUESTIONS)
    t0 = datetime(2024, 5, 1, 9, 0, 0)
    with engine.begin() as conn:
        teacher_id = conn.execute(
            insert(Teacher).returning(Teacher.id),
            {"email": "bench@example.org", "password_hash": "x", "display_name": "Bench"},
        ).scalar_one()
        text = "The school science fair took place on Friday in the main hall."
        article_id = conn.execute(
            insert(Article).returning(Article.id),
            {
                "owner_id": teacher_id,
                "title": "Science fair",
                "original_text": text,
                "text": text,
                "content_hash": secrets.token_hex(32),
            },
        ).scalar_one()
        quiz_id = conn.execute(
            insert(Quiz).returning(Quiz.id),
            {"owner_id": teacher_id, "title": "Benchmark quiz", "join_code": "BENCH2"},
        ).scalar_one()
        items: list[tuple[int, int, list[int]]] = []  # (item id, question id, option ids)
        for n in range(QUESTIONS):
            question_id = conn.execute(
                insert(Question).returning(Question.id),
                {
                    "article_id": article_id,
                    "kind": "mcq",
                    "stem": f"Question {n + 1}: when did the science fair take place?",
                    "explanation": "The article says so.",
                    "evidence_text": text,
                    "evidence_start": 0,
                    "evidence_end": len(text),
                    "status": "ready",
                    "reasons": [],
                },
            ).scalar_one()
            option_ids = [
                conn.execute(
                    insert(Option).returning(Option.id),
                    {
                        "question_id": question_id,
                        "text": ["On Friday", "On Monday", "On Sunday"][k],
                        "is_correct": k == 0,
                        "position": k,
                    },
                ).scalar_one()
                for k in range(OPTIONS)
            ]
            item_id = conn.execute(
                insert(QuizItem).returning(QuizItem.id),
                {"quiz_id": quiz_id, "question_id": question_id, "position": n},
            ).scalar_one()
            items.append((item_id, question_id, option_ids))

    attempt_table, response_table = Attempt.__table__, Response.__table__
    assert isinstance(attempt_table, Table) and isinstance(response_table, Table)
    per_batch = max(1, BATCH // QUESTIONS)
    next_attempt = 1
    for start in range(0, attempts, per_batch):
        count = min(per_batch, attempts - start)
        attempt_rows = []
        response_rows = []
        for i in range(start, start + count):
            attempt_id = next_attempt
            next_attempt += 1
            started = t0 + timedelta(seconds=i)
            attempt_rows.append(
                {
                    "id": attempt_id,
                    "quiz_id": quiz_id,
                    "nickname": f"=kid{i}" if i % 100 == 0 else f"Student {i}",
                    "nickname_key": f"student {i}",
                    "number": 1,
                    "resume_token": f"{i:032x}",
                    "item_order": [],
                    "option_order": {},
                    "started_at": started,
                    "finished_at": started + timedelta(seconds=300 + i % 120),
                    "score": 0,
                    "max_score": QUESTIONS,
                }
            )
            for item_id, question_id, option_ids in items:
                choice = (i + item_id) % OPTIONS
                response_rows.append(
                    {
                        "attempt_id": attempt_id,
                        "quiz_item_id": item_id,
                        "question_id": question_id,
                        "option_id": option_ids[choice],
                        "correct": choice == 0,
                        "answered_at": started,
                    }
                )
        with engine.begin() as conn:
            conn.execute(insert(attempt_table), attempt_rows)
            conn.execute(insert(response_table), response_rows)
    engine.dispose()
    return quiz_id


FLOOR_SQL = """
SELECT q.title, q.join_code, a.id, a.nickname, a.started_at, a.finished_at,
       qi.position + 1, qu.id, qu.version, qu.stem, o.text, r.correct, r.correct
FROM response r
JOIN attempt a ON a.id = r.attempt_id
JOIN quiz q ON q.id = a.quiz_id
JOIN quiz_item qi ON qi.id = r.quiz_item_id
JOIN question qu ON qu.id = r.question_id
JOIN option o ON o.id = r.option_id
WHERE a.quiz_id = ?
ORDER BY a.id, qi.position
"""


def measure_export(url: str, quiz_id: int, out: Path) -> tuple[float, float, float, int]:
    engine = bank_db.make_engine(url)
    with Session(bank_db.reader(engine)) as session:
        quiz = session.get(Quiz, quiz_id)
        assert quiz is not None
        gc.collect()
        reset = _reset_peak()
        rss_before = _status_kb("VmRSS")
        t, cpu = time.perf_counter(), time.process_time()
        with out.open("wb") as handle:
            rows = write_results_csv(session, quiz, handle, wide=False)
        elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
        peak = _status_kb("VmHWM")
    engine.dispose()
    if not reset:
        print("warning: /proc/self/clear_refs not writable; growth is from process start")
    return elapsed, cpu, (peak - rss_before) / 1024, rows


def measure_floor(url: str, quiz_id: int, out: Path) -> tuple[float, float, int]:
    engine = bank_db.make_engine(url)
    raw = engine.raw_connection()
    try:
        t, cpu = time.perf_counter(), time.process_time()
        cursor = raw.cursor()
        cursor.execute(FLOOR_SQL, (quiz_id,))
        rows = 0
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
            writer.writerow(["quiz", "join code", "attempt id", "nickname", "started_at",
                             "finished_at", "question number", "question id", "question version",
                             "question text", "response", "correct", "points"])  # fmt: skip
            while batch := cursor.fetchmany(1000):
                writer.writerows(batch)
                rows += len(batch)
        elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    finally:
        raw.close()
        engine.dispose()
    return elapsed, cpu, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="quizapp-csv-bench-"))
    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    t = time.perf_counter()
    quiz_id = build(url, args.responses)
    print(f"built {args.responses:,} responses in {time.perf_counter() - t:.1f} s ({tmp})")

    floor_time, floor_cpu, floor_rows = measure_floor(url, quiz_id, tmp / "floor.csv")
    export_time, export_cpu, growth_mb, rows = measure_export(url, quiz_id, tmp / "export.csv")
    size_mb = (tmp / "export.csv").stat().st_size / 1e6
    ratio = export_time / floor_time
    print(f"write_results_csv (long): {rows:,} rows, {size_mb:.1f} MB in {export_time:.2f} s "
          f"wall / {export_cpu:.2f} s CPU ({rows / export_time:,.0f} rows/s), "
          f"peak RSS growth {growth_mb:.1f} MB")  # fmt: skip
    print(f"csv.writer floor:         {floor_rows:,} rows in {floor_time:.2f} s wall / "
          f"{floor_cpu:.2f} s CPU")  # fmt: skip
    print(f"ratio export/floor: {ratio:.2f}x wall, {export_cpu / floor_cpu:.2f}x CPU "
          f"(target <= {TARGET_RATIO}x); memory growth {growth_mb:.1f} MB "
          f"(target < {TARGET_MB} MB)")  # fmt: skip
    ok = ratio <= TARGET_RATIO and growth_mb < TARGET_MB and rows == floor_rows
    print("PASS" if ok else "FAIL")
    if not args.keep:
        for path in tmp.iterdir():
            path.unlink()
        tmp.rmdir()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
