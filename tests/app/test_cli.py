"""Each CLI command against a real SQLite file (through Flask's CLI runner)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.models import Article, Question, Quiz, Teacher
from quizapp.auth.passwords import PASSWORD_METHOD

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _counts(db: Session) -> tuple[int, ...]:
    """Row counts of articles, questions, quizzes, teachers (read, then end the transaction)."""
    counts = tuple(
        int(db.scalar(select(func.count()).select_from(model)) or 0)
        for model in (Article, Question, Quiz, Teacher)
    )
    db.rollback()
    return counts


def test_init_db(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "schema" in result.output


def test_create_teacher(app: Flask, db_session: Session) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-teacher", "Ms.Rivera@School.test", "--password", "a long enough phrase"]
    )
    assert result.exit_code == 0, result.output
    teacher = db_session.scalar(select(Teacher))
    assert teacher is not None and teacher.email == "ms.rivera@school.test"
    assert teacher.password_hash.startswith(PASSWORD_METHOD)
    db_session.rollback()  # end the read: SQLite write transactions are exclusive
    again = runner.invoke(
        args=["create-teacher", "ms.rivera@school.test", "--password", "another long phrase"]
    )
    assert again.exit_code == 2
    assert "already exists" in again.output


@pytest.mark.parametrize("password", ["short", "password1234"])
def test_create_teacher_refuses_weak_password(app: Flask, password: str) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-teacher", "a@b.test", "--password", password]
    )
    assert result.exit_code == 2


def test_import_without_teacher_explains(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["import", str(SEEDS / "003_6f7c2d3b8205f1e1.txt")])
    assert result.exit_code != 0
    assert "create-teacher" in result.output


def test_import_stores_questions_once(
    app: Flask, db_session: Session, make_teacher: Callable[..., Teacher]
) -> None:
    make_teacher()
    runner = app.test_cli_runner()
    path = str(SEEDS / "003_6f7c2d3b8205f1e1.txt")
    first = runner.invoke(args=["import", path])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["import", path])
    assert second.exit_code == 0, second.output
    assert "already in the bank" in second.output
    articles, questions, _, _ = _counts(db_session)
    assert articles == 1
    from question_bank.generator import generate
    from question_bank.ingest import read_bytes

    expected = generate(read_bytes(Path(path).read_bytes()), distractor_pool={}).questions
    assert questions == len(expected) > 0
    # the message counts the questions stored, each once
    assert f"with {len(expected)} questions" in first.output


def test_import_bad_file_is_a_clear_error_and_stores_nothing(
    app: Flask, db_session: Session, make_teacher: Callable[..., Teacher], tmp_path: Path
) -> None:
    make_teacher()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    wrong = tmp_path / "data.csv"
    wrong.write_text("a,b\n1,2\n")
    result = app.test_cli_runner().invoke(args=["import", str(binary), str(wrong)])
    assert result.exit_code == 1
    assert "not imported" in result.output
    assert "Traceback" not in result.output
    assert _counts(db_session)[0] == 0


def test_demo_twice_keeps_data_and_duplicates_nothing(app: Flask, db_session: Session) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    code = [line for line in first.output.splitlines() if line.startswith("Join code: ")]
    assert len(code) == 1
    counts = _counts(db_session)
    assert counts[0] == 5 and counts[2] == 1 and counts[3] == 1
    # each "Imported ...: N questions" line counts the questions stored, each once
    said = [int(m) for m in re.findall(r"^Imported .*: (\d+) questions$", first.output, re.M)]
    assert len(said) == 5 and sum(said) == counts[1]
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert code[0] in second.output  # the same quiz, the same join code
    assert _counts(db_session) == counts
    quiz = db_session.scalar(select(Quiz))
    assert quiz is not None and len(quiz.items) >= 5


def test_export_bank_json(
    app: Flask,
    tmp_path: Path,
    make_teacher: Callable[..., Teacher],
    make_article: Callable[..., Article],
    make_question: Callable[..., Question],
) -> None:
    teacher = make_teacher()
    make_question(make_article(teacher))
    out = tmp_path / "bank.json"
    result = app.test_cli_runner().invoke(
        args=["export-bank", "--format", "json", "--status", "all", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["questions"]) == 1
    question = data["questions"][0]
    assert [o["correct"] for o in question["options"]].count(True) == 1


def test_export_results_unknown_code(app: Flask, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(
        args=["export-results", "NOPE99", "--format", "csv", "-o", str(tmp_path / "r.csv")]
    )
    assert result.exit_code == 2
    assert "No quiz" in result.output


def test_console_script_lists_every_command(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "quizapp"
    env = {**os.environ, "QUIZAPP_ENV": "testing", "QUIZAPP_INSTANCE": str(tmp_path)}
    result = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, env=env, check=True
    )
    for command in (
        "init-db",
        "import",
        "create-teacher",
        "demo",
        "run",
        "export-bank",
        "export-results",
    ):
        assert command in result.stdout


def test_commands_on_a_fresh_database_say_to_run_init_db(tmp_path: Path) -> None:
    from quizapp import create_app

    fresh = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    result = fresh.test_cli_runner().invoke(
        args=["create-teacher", "a@b.test", "--password", "a long enough phrase"]
    )
    assert result.exit_code == 1
    assert "quizapp init-db" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
