"""The ``quizapp`` command: a Flask CLI group, so ``flask --app wsgi ...`` works too."""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank import bank
from question_bank import db as bank_db
from question_bank.models import Article, QuestionStatus, Quiz, Teacher
from question_bank.types import IngestError
from quizapp.auth.passwords import PasswordError
from quizapp.auth.service import AccountError, create_teacher
from quizapp.config import PROJECT_ROOT
from quizapp.db import cli_session

SEEDS_DIR = PROJECT_ROOT / "seeds"
DEMO_EMAIL = "demo.teacher@example.org"
DEMO_QUIZ_TITLE = "Demo quiz: the first private spacewalk"
IMPORT_SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def _fail(message: str, code: int = 1) -> None:
    click.secho(message, fg="red", err=True)
    sys.exit(code)


def _teacher_for(db: Session, email: str | None) -> Teacher:
    if email:
        teacher = db.scalar(select(Teacher).where(Teacher.email == email.strip().lower()))
        if teacher is None:
            _fail(f"No teacher with e-mail {email}. Create one with: quizapp create-teacher EMAIL")
        assert teacher is not None
        return teacher
    teachers = list(db.scalars(select(Teacher).limit(2)))
    if not teachers:
        _fail("There is no teacher yet. Create one first with: quizapp create-teacher EMAIL")
    if len(teachers) > 1:
        _fail("There are several teachers: say whose bank this is with --teacher EMAIL.")
    return teachers[0]


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database or upgrade it to the newest schema."""
    url = current_app.config["DATABASE_URL"]
    bank_db.upgrade(url)
    click.echo(f"Database is at schema {bank_db.head_revision()}.")


@click.command("create-teacher")
@click.argument("email")
@click.option("--name", default="", help="Name shown to the teacher.")
@click.password_option(help="At least 12 characters.")
@with_appcontext
def create_teacher_command(email: str, name: str, password: str) -> None:
    """Create a teacher account (there is no default account)."""
    with cli_session() as db:
        try:
            teacher = create_teacher(db, email, password, name)
        except (AccountError, PasswordError) as error:
            _fail(str(error), 2)
        db.commit()
        click.echo(f"Created teacher {teacher.email}.")


def import_file(
    db: Session,
    owner: Teacher,
    path: Path,
    *,
    title: str | None = None,
    outlet: str = "",
    url: str = "",
    ready_threshold: float | None = None,
) -> tuple[Article, bool]:
    """Import one article file for ``owner``; returns (article, created). Flushes only."""
    from question_bank.generator import generate
    from question_bank.ingest import read_bytes

    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise IngestError(f"{path.name}: only .txt, .md and .html files can be imported.")
    raw = read_bytes(path.read_bytes(), filename=path.name)
    existing = bank.find_article_by_text(db, owner, raw)
    if existing is not None:
        return existing, False
    pool = bank.distractor_pool(db, owner)
    # Nothing is pending: end the read so the (SQLite) write lock is not held while spaCy runs.
    db.rollback()
    result = generate(raw, title=title, fmt=IMPORT_SUFFIXES[suffix], distractor_pool=pool)
    article = bank.store_generated(
        db,
        owner,
        result,
        title=title,
        outlet=outlet,
        url=url,
        source_name=path.name,
        ready_threshold=ready_threshold,
    )
    return article, True


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--teacher", "teacher_email", help="Whose bank to import into.")
@click.option("--title", help="Title (only with a single file).")
@click.option("--outlet", default="", help="Where the article was published.")
@click.option(
    "--ready-threshold",
    type=float,
    default=None,
    help="Mark questions scoring at least this as Ready.",
)
@with_appcontext
def import_command(
    paths: tuple[Path, ...],
    teacher_email: str | None,
    title: str | None,
    outlet: str,
    ready_threshold: float | None,
) -> None:
    """Import articles (.txt, .md, .html) and generate their questions as Drafts."""
    if title and len(paths) > 1:
        _fail("--title can only be used with a single file.", 2)
    files: list[Path] = []
    for path in paths:
        files.extend(
            sorted(p for p in path.rglob("*") if p.suffix.lower() in IMPORT_SUFFIXES)
            if path.is_dir()
            else [path]
        )
    failures = 0
    with cli_session() as db:
        owner = _teacher_for(db, teacher_email)
        with click.progressbar(
            files,
            label="Importing",
            show_pos=True,
            file=sys.stderr if len(files) > 1 else None,
            hidden=len(files) <= 1,
        ) as bar:
            for path in bar:
                try:
                    article, created = import_file(
                        db, owner, path, title=title, outlet=outlet, ready_threshold=ready_threshold
                    )
                except (IngestError, OSError) as error:
                    db.rollback()
                    failures += 1
                    click.secho(f"\n{path}: not imported: {error}", fg="yellow", err=True)
                    continue
                db.commit()
                if created:
                    click.echo(
                        f"\n{path}: '{article.title}' with {len(article.questions)} questions",
                        err=len(files) > 1,
                    )
                else:
                    click.echo(
                        f"\n{path}: already in the bank as '{article.title}'", err=len(files) > 1
                    )
                db.expunge_all()
                owner = db.merge(owner)
    if failures:
        sys.exit(1)


def _seed_manifest() -> list[dict[str, Any]]:
    manifest = SEEDS_DIR / "manifest.json"
    entries: list[dict[str, Any]] = json.loads(manifest.read_text(encoding="utf-8"))
    return entries


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Set up the demo: schema, demo teacher, seed articles and questions, a demo quiz.

    Safe to run again: existing data is kept and nothing is duplicated.
    """
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    bank_db.upgrade(app.config["DATABASE_URL"])
    instance = Path(app.config["INSTANCE_PATH"])
    login_file = instance / "demo-teacher.txt"
    threshold = app.config["READY_THRESHOLD"]
    with cli_session() as db:
        teacher = db.scalar(select(Teacher).where(Teacher.email == DEMO_EMAIL))
        if teacher is None or not login_file.exists():
            password = secrets.token_urlsafe(15)
            if teacher is None:
                teacher = create_teacher(db, DEMO_EMAIL, password, "Demo Teacher")
            else:
                from quizapp.auth.passwords import hash_password

                teacher.password_hash = hash_password(password)
            instance.mkdir(parents=True, exist_ok=True)
            login_file.write_text(password)
            login_file.chmod(0o600)
            db.commit()
        password = login_file.read_text().strip()

        article_ids: list[int] = []
        for entry in _seed_manifest():
            path = SEEDS_DIR / entry["file"]
            article, created = import_file(
                db,
                teacher,
                path,
                title=entry.get("title") or None,
                outlet=entry.get("outlet", ""),
                url=entry.get("url", ""),
                ready_threshold=threshold,
            )
            db.commit()
            article_ids.append(article.id)
            if created:
                click.echo(f"Imported {path.name}: {len(article.questions)} questions")

        quiz = db.scalar(
            select(Quiz).where(Quiz.owner_id == teacher.id, Quiz.title == DEMO_QUIZ_TITLE)
        )
        if quiz is None:
            questions = bank.best_questions(db, teacher, article_ids, 8, per_article=2)
            if not questions:
                questions = bank.best_questions(
                    db, teacher, article_ids, 8, per_article=2, status=QuestionStatus.DRAFT
                )
            quiz = bank.create_quiz(db, teacher, DEMO_QUIZ_TITLE, questions)
            db.commit()
        base = app.config.get("PUBLIC_URL") or f"http://127.0.0.1:{_port()}"
        click.echo("")
        click.echo(f"App:      {base}/")
        click.echo(f"Teacher:  {DEMO_EMAIL}  password: {password}  ({base}/teacher/login)")
        click.echo(f"Students: {base}/join/{quiz.join_code}")
        click.echo(f"Join code: {quiz.join_code}")


def _port() -> str:
    import os

    return os.environ.get("PORT", "5000")


@click.command("export-bank")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "gift", "moodle-xml", "qti"]), required=True
)
@click.option("--status", type=click.Choice(["ready", "all"]), default="ready")
@click.option("--teacher", "teacher_email", help="Whose bank to export.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@with_appcontext
def export_bank_command(fmt: str, status: str, teacher_email: str | None, output: Path) -> None:
    """Export the question bank (json, gift, moodle-xml or qti)."""
    from question_bank import exports

    with cli_session() as db:
        owner = _teacher_for(db, teacher_email)
        wanted = QuestionStatus.READY if status == "ready" else None
        questions = list(db.scalars(bank.questions_query(owner, status=wanted)))
        try:
            data = exports.export_bank(questions, fmt)
        except exports.FormatNotAvailable as error:
            _fail(str(error), 2)
        output.write_bytes(data)
        click.echo(f"Wrote {len(questions)} questions to {output}.")


@click.command("export-results")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv")
@click.option("--wide", is_flag=True, help="One row per attempt instead of one per response.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@with_appcontext
def export_results_command(code: str, fmt: str, wide: bool, output: Path) -> None:
    """Export a quiz's results as CSV (UTF-8 with BOM, safe to open in a spreadsheet)."""
    from question_bank import exports

    with cli_session() as db:
        quiz = bank.quiz_by_code(db, code)
        if quiz is None:
            _fail(f"No quiz with join code {code}.", 2)
        assert quiz is not None
        with output.open("wb") as handle:
            rows = exports.write_results_csv(db, quiz, handle, wide=wide)
        click.echo(f"Wrote {rows} rows to {output}.")


def register_commands(app: Flask) -> None:
    from quizapp.cli_ops import backup_command, purge_command
    from quizapp.cli_topics import topics_command

    for command in (
        topics_command,
        purge_command,
        backup_command,
        init_db_command,
        create_teacher_command,
        import_command,
        demo_command,
        export_bank_command,
        export_results_command,
    ):
        app.cli.add_command(command)


def _create_app() -> Flask:
    from quizapp import create_app

    return create_app()


def main() -> None:
    """Entry point of the ``quizapp`` console script."""
    cli = FlaskGroup(
        create_app=_create_app,
        add_default_commands=True,
        help="Article-grounded quizzes for schools.",
    )
    cli.main(prog_name="quizapp")
