"""Operations commands: ``quizapp purge`` (retention) and ``quizapp backup`` (online backup)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from question_bank.backup import BackupError
from question_bank.backup import backup as make_backup
from question_bank.retention import RetentionError, purge_old_attempts
from quizapp.db import cli_session


@click.command("purge")
@click.option(
    "--days",
    type=int,
    default=None,
    help="Delete attempts older than this many days (default: QUIZAPP_RETENTION_DAYS).",
)
@click.option("--dry-run", is_flag=True, help="Only say what would be deleted.")
@with_appcontext
def purge_command(days: int | None, dry_run: bool) -> None:
    """Delete students' attempts and answers older than the retention period."""
    days = days if days is not None else int(current_app.config["RETENTION_DAYS"])
    with cli_session() as db:
        try:
            result = purge_old_attempts(db, days, dry_run=dry_run)
        except RetentionError as error:
            click.secho(str(error), fg="red", err=True)
            sys.exit(2)
        if dry_run:
            db.rollback()
        else:
            db.commit()
    verb = "Would delete" if dry_run else "Deleted"
    click.echo(
        f"{verb} {result.attempts} attempts and {result.responses} answers older than "
        f"{days} days (before {result.cutoff:%Y-%m-%d %H:%M} UTC), and "
        f"{result.login_failures} expired login-failure records."
    )


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Back up the database to PATH while the app keeps running (SQLite copy or pg_dump)."""
    try:
        result = make_backup(current_app.config["DATABASE_URL"], path)
    except BackupError as error:
        click.secho(str(error), fg="red", err=True)
        sys.exit(1)
    kind = "SQLite online backup" if result.kind == "sqlite" else "pg_dump (custom format)"
    click.echo(f"Wrote {result.path} ({result.size} bytes, {kind}).")
