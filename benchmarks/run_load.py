"""Load test: a whole class on one quiz, against gunicorn on SQLite or PostgreSQL, with a bare
Flask route served by the same gunicorn as the floor. Everything stays on 127.0.0.1.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/run_load.py --db sqlite --students 500
    .venv/bin/python benchmarks/run_load.py --db postgresql --students 500

Prints a Markdown table for docs/PERFORMANCE.md, then checks the database: every answer stored
exactly once, every attempt finished once. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
PG_ADMIN = os.environ.get(
    "QUIZAPP_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
ARTICLE = (
    "The school science fair took place on Friday in the main hall. "
    "Maya Patel won first prize with a solar oven made from a pizza box. "
    "Forty-two students showed projects to the judges. "
    "The winning oven reached a temperature of 90 degrees Celsius. "
    "Tom Reed built a wind turbine from old bicycle parts. "
    "The judges came from the city university. "
    "Ana Lima explained how bees find flowers. "
    "Next year the fair will move to the sports centre. "
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_database(kind: str, workdir: Path) -> tuple[str, str | None]:
    """A fresh database URL (and, for PostgreSQL, the name to drop afterwards)."""
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}", None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"quizapp_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False), name


def drop_database(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def seed(url: str, questions: int) -> dict[str, str]:
    """Schema, a teacher, an article and a quiz of ``questions`` Ready questions."""
    import re

    from sqlalchemy.orm import Session

    from question_bank import db as bank_db
    from question_bank.bank import content_hash, create_quiz
    from question_bank.models import Article, Option, Question, QuestionStatus, Sentence
    from quizapp.auth.service import create_teacher

    bank_db.upgrade(url)
    engine = bank_db.make_engine(url)
    password = secrets.token_urlsafe(18)
    with Session(engine, expire_on_commit=False) as db:
        teacher = create_teacher(db, "bench.teacher@example.org", password)
        article = Article(
            owner=teacher,
            title="Science fair",
            original_text=ARTICLE,
            text=ARTICLE,
            content_hash=content_hash(ARTICLE),
        )
        for i, m in enumerate(re.finditer(r"[^.]+\.", ARTICLE)):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            article.sentences.append(
                Sentence(index=i, start=start, end=m.end(), text=ARTICLE[start : m.end()])
            )
        rows = []
        for i in range(questions):
            sentence = article.sentences[i % len(article.sentences)]
            question = Question(
                article=article,
                kind="mcq",
                stem=f"Question {i + 1} about the fair?",
                sentence=sentence,
                evidence_text=sentence.text,
                evidence_start=sentence.start,
                evidence_end=sentence.end,
                status=QuestionStatus.READY,
                score=0.9,
            )
            question.options = [
                Option(text=f"Option {k}", is_correct=k == 0, position=k) for k in range(3)
            ]
            rows.append(question)
        db.add(article)
        db.flush()
        quiz = create_quiz(db, teacher, "Load test quiz", rows)
        db.commit()
        info = {
            "QUIZ_CODE": quiz.join_code,
            "QUIZ_ID": str(quiz.id),
            "QUIZ_QUESTIONS": str(questions),
            "TEACHER_EMAIL": teacher.email,
            "TEACHER_PASSWORD": password,
        }
    engine.dispose()
    return info


def start_gunicorn(
    url: str, port: int, workdir: Path, workers: str | None, threads: str | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "QUIZAPP_ENV": "production",
        "QUIZAPP_SECRET_KEY": secrets.token_hex(32),
        "QUIZAPP_DATABASE_URL": url,
        "QUIZAPP_INSTANCE": str(workdir / "instance"),
        "QUIZAPP_ACCESS_LOG": "",
        "QUIZAPP_LOG_LEVEL": "warning",
        "PORT": str(port),
        "HOST": "127.0.0.1",
    }
    if workers:
        env["QUIZAPP_WORKERS"] = workers
    if threads:
        env["QUIZAPP_THREADS"] = threads
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "benchmarks.bare_app:app"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def run_locust(
    phase: str, users: int, seconds: int, port: int, env: dict[str, str], out: Path
) -> tuple[dict[str, dict[str, str]], float]:
    prefix = out / phase
    started = time.monotonic()
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "benchmarks" / "locust_quiz.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, **env, "LOAD_PHASE": phase},
        check=False,
        timeout=seconds + 60,
    )
    elapsed = time.monotonic() - started
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with failures.open(newline="") as handle:
            for failure in csv.DictReader(handle):
                print(
                    f"failure ({phase}): {failure['Occurrences']} x {failure['Method']} "
                    f"{failure['Name']}: {failure['Error']}",
                    file=sys.stderr,
                )
    return rows, elapsed


def check_database(url: str, students: int, questions: int) -> dict[str, int]:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from question_bank import db as bank_db
    from question_bank.models import Attempt, Response

    engine = bank_db.make_engine(url)
    with Session(engine) as db:
        responses = db.scalar(select(func.count()).select_from(Response)) or 0
        duplicates = db.scalar(
            select(func.count()).select_from(
                select(Response.attempt_id, Response.quiz_item_id)
                .group_by(Response.attempt_id, Response.quiz_item_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
        attempts = db.scalar(select(func.count()).select_from(Attempt)) or 0
        finished = (
            db.scalar(
                select(func.count()).select_from(Attempt).where(Attempt.finished_at.is_not(None))
            )
            or 0
        )
        wrong_scores = 0
        for attempt in db.scalars(select(Attempt)):
            correct = sum(r.correct for r in attempt.responses)
            if attempt.finished_at is not None and attempt.score != correct:
                wrong_scores += 1
    engine.dispose()
    return {
        "expected answers": students * questions,
        "stored answers": int(responses),
        "duplicate answers": int(duplicates or 0),
        "attempts": int(attempts),
        "finished attempts": int(finished),
        "wrong scores": wrong_scores,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--questions", type=int, default=8)
    parser.add_argument("--bare-seconds", type=int, default=20)
    parser.add_argument("--max-seconds", type=int, default=240)
    parser.add_argument("--workers", default=None, help="QUIZAPP_WORKERS for gunicorn")
    parser.add_argument("--threads", default=None, help="QUIZAPP_THREADS for gunicorn")
    parser.add_argument(
        "--think-seconds",
        type=float,
        default=0.0,
        help="each student reads each question for 0.5x-1.5x this long before answering "
        "(default 0: the worst case, every answer sent the instant the page arrives)",
    )
    args = parser.parse_args()
    if args.students > 2000 or args.max_seconds > 900 or not 0 <= args.think_seconds <= 60:
        raise SystemExit("Keep the load bounded: at most 2000 students, 900 s, 60 s thinking.")

    workdir = Path(tempfile.mkdtemp(prefix="quizapp-load-"))
    url, pg_name = make_database(args.db, workdir)
    process = None
    try:
        info = seed(url, args.questions)
        port = free_port()
        process = start_gunicorn(url, port, workdir, args.workers, args.threads)
        env = {
            **info,
            "LOAD_STUDENTS": str(args.students),
            "LOAD_THINK_SECONDS": str(args.think_seconds),
        }
        bare, bare_time = run_locust("bare", args.students, args.bare_seconds, port, env, workdir)
        quiz, quiz_time = run_locust(
            "students", args.students + 1, args.max_seconds, port, env, workdir
        )
        checks = check_database(url, args.students, args.questions)
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        if pg_name:
            drop_database(pg_name)

    def row(name: str, stats: dict[str, dict[str, str]], seconds: float) -> str:
        s = stats.get(name)
        if s is None:
            return f"| {name} | - | - | - | - | - | - |"
        count = int(s["Request Count"])
        return (
            f"| {name} | {count} | {s['Failure Count']} | {s['50%']} | {s['95%']} | "
            f"{s['99%']} | {float(s['Requests/s']):.0f} |"
        )

    workers = args.workers or "default"
    threads = args.threads or "default"
    low, high = args.think_seconds / 2, args.think_seconds * 1.5
    thinking = (
        f"each student reads each question {low:g}-{high:g} s"
        if args.think_seconds
        else "no thinking time (every answer sent the instant its page arrives)"
    )
    print()
    print(
        f"### {args.students} students, {args.questions} questions, {thinking}; gunicorn "
        f"gthread (workers: {workers}, threads: {threads}), {args.db}, {os.cpu_count()} CPU "
        "cores, load generator on the same machine"
    )
    print()
    print("| request | count | failures | p50 ms | p95 ms | p99 ms | per second |")
    print("|---|---|---|---|---|---|---|")
    print(row("bare GET", bare, bare_time))
    for name in (
        "join GET",
        "join POST",
        "question GET",
        "answer POST",
        "feedback GET",
        "summary GET",
        "results CSV GET",
        "Aggregated",
    ):
        print(row(name, quiz, quiz_time))
    print()
    print("| database check | value |")
    print("|---|---|")
    for key, value in checks.items():
        print(f"| {key} | {value} |")

    answers = quiz.get("answer POST", {})
    failures = sum(int(r["Failure Count"]) for r in quiz.values() if r["Name"] != "Aggregated")
    p95 = float(answers.get("95%", "inf") or "inf")
    # Locust's own rates: requests over the phase's measured duration.
    answer_rate = float(answers.get("Requests/s", 0) or 0)
    all_rate = float(quiz.get("Aggregated", {}).get("Requests/s", 0) or 0)
    bare_rate = float(bare.get("bare GET", {}).get("Requests/s", 0) or 0)
    targets = {
        "0 errors": failures == 0,
        "p95 answer < 250 ms": p95 < 250,
        "every answer stored exactly once": checks["stored answers"] == checks["expected answers"]
        and checks["duplicate answers"] == 0,
        "every attempt finished, score right": checks["finished attempts"] == args.students
        and checks["wrong scores"] == 0,
        "answers/s >= half the bare route's requests/s": answer_rate >= bare_rate / 2,
    }
    print()
    print(
        f"Answers per second: {answer_rate:.0f}; all quiz requests per second: {all_rate:.0f}; "
        f"bare route per second: {bare_rate:.0f} (ratio {all_rate / max(bare_rate, 1):.2f})."
    )
    for name, ok in targets.items():
        print(f"- {'met' if ok else 'MISSED'}: {name}")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
