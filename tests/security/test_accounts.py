"""Teacher accounts and sessions (security.md 1-6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.models import (
    Article,
    LoginFailure,
    Option,
    Question,
    QuestionKind,
    QuestionStatus,
    Teacher,
    utcnow,
)
from quizapp import create_app
from quizapp.auth import service
from quizapp.auth.passwords import PasswordError, check_strength
from quizapp.config import ConfigError, load_config
from quizapp.db import dispose_engines
from tests.conftest import TEACHER_PASSWORD
from tests.helpers import csrf_token, login
from tests.security.conftest import add_teacher

MIGRATIONS = Path(__file__).resolve().parents[2] / "question_bank" / "migrations"


def _login_post(client: FlaskClient, email: str, password: str) -> Any:
    token = csrf_token(client, "/teacher/login")
    return client.post(
        "/teacher/login", data={"email": email, "password": password, "csrf_token": token}
    )


def _session_cookie(client: FlaskClient) -> str | None:
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


# ------------------------------------------------------------------ 1. no default teacher


def test_a_fresh_database_has_no_teacher(db_session: Session) -> None:
    assert db_session.scalar(select(func.count()).select_from(Teacher)) == 0
    for path in MIGRATIONS.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"insert|bulk_insert", source, re.I) or "teacher" not in source, (
            f"{path.name} seeds rows"
        )


def _fake_import(db: Session, owner: Teacher, path: Path, **_: Any) -> tuple[Article, bool]:
    """A stand-in for the generator: one Ready question per seed file, instantly."""
    from question_bank.bank import content_hash, find_article_by_text

    existing = find_article_by_text(db, owner, path.name)
    if existing is not None:
        return existing, False
    article = Article(
        owner=owner,
        title=path.name,
        original_text=path.name,
        text="A fact. Another fact.",
        content_hash=content_hash(path.name),
    )
    question = Question(
        article=article,
        kind=QuestionKind.MCQ,
        stem=f"What about {path.name}?",
        evidence_text="A fact.",
        evidence_start=0,
        evidence_end=7,
        status=QuestionStatus.READY,
        score=0.9,
    )
    question.options = [Option(text=t, is_correct=i == 0, position=i) for i, t in enumerate("ab")]
    db.add(article)
    db.flush()
    return article, True


def test_demo_teacher_gets_a_random_password(
    app: Flask, db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quizapp.cli

    monkeypatch.setattr(quizapp.cli, "import_file", _fake_import)
    login_file = Path(app.config["INSTANCE_PATH"]) / "demo-teacher.txt"
    runner = app.test_cli_runner()
    passwords = []
    for _ in range(2):
        result = runner.invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        passwords.append(login_file.read_text().strip())
        assert oct(login_file.stat().st_mode & 0o777) == "0o600"
        login_file.unlink()  # forgetting the file makes the next demo choose a new one
    assert passwords[0] != passwords[1]
    for password in passwords:
        assert len(password) >= 16
        check_strength(password)
    teacher = db_session.scalar(select(Teacher))
    assert teacher is not None
    db_session.rollback()
    assert service.authenticate(db_session, teacher.email, passwords[1]) is not None
    assert service.authenticate(db_session, teacher.email, passwords[0]) is None
    db_session.rollback()


# ------------------------------------------------------------------ 2. hash strength


def test_stored_hash_is_pbkdf2_sha256_600000(app: Flask, db_session: Session) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-teacher", "h@school.test", "--password", "a long enough phrase"]
    )
    assert result.exit_code == 0, result.output
    stored = db_session.scalar(select(Teacher.password_hash))
    assert stored is not None
    method, salt, digest = stored.split("$")
    algorithm, hash_name, iterations = method.split(":")
    assert (algorithm, hash_name) == ("pbkdf2", "sha256")
    assert int(iterations) >= 600_000
    assert len(salt) >= 16 and len(digest) == 64


# ------------------------------------------------------------------ 3. password rules


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("tulip garden", True),  # 12 characters, no composition rules
        ("elevenchars", False),
        (("tulips in the garden " * 7)[:128], True),
        (("tulips in the garden " * 7)[:129], False),
        ("password1234", False),
        ("Password123!", False),
        ("qwerty123456", False),
        ("just lowercase words here", True),
    ],
)
def test_password_rules(password: str, ok: bool) -> None:
    if ok:
        check_strength(password)
    else:
        with pytest.raises(PasswordError):
            check_strength(password)


def test_weak_password_refused_by_the_command(app: Flask, db_session: Session) -> None:
    runner = app.test_cli_runner()
    for password in ("short", "password1234", "p" * 129):
        result = runner.invoke(args=["create-teacher", "w@school.test", "--password", password])
        assert result.exit_code == 2
    assert db_session.scalar(select(func.count()).select_from(Teacher)) == 0


# ------------------------------------------------------------------ 4. throttling across workers


@pytest.fixture()
def second_app(app: Flask) -> Iterator[Flask]:
    """Another app instance (think: another gunicorn worker) on the same database."""
    other = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": app.config["DATABASE_URL"],
            "INSTANCE_PATH": app.config["INSTANCE_PATH"],
        }
    )
    yield other


def test_throttling_holds_across_app_instances(
    app: Flask, second_app: Flask, db_session: Session
) -> None:
    assert service.MAX_FAILURES_PER_HOUR <= 100
    teacher = add_teacher(db_session, "t@school.test")
    email = teacher.email
    # Earlier failures (as if from other workers); old ones (over an hour) do not count.
    db_session.add_all(
        [LoginFailure(email=email) for _ in range(service.MAX_FAILURES_PER_HOUR - 1)]
        + [LoginFailure(email=email, failed_at=utcnow() - timedelta(hours=2)) for _ in range(5)]
    )
    db_session.commit()

    worker_one, worker_two = app.test_client(), second_app.test_client()
    # Worker one can still log in wrongly once more: that is the last allowed failure...
    assert _login_post(worker_one, email, "wrong password here").status_code == 200
    # ...and now worker two refuses even the right password.
    refused = _login_post(worker_two, email, TEACHER_PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed tries" in refused.get_data(as_text=True)
    assert worker_two.get("/teacher/").status_code == 302
    # Another account is not affected (no global lock-out).
    add_teacher(db_session, "other@school.test")
    assert _login_post(worker_two, "other@school.test", TEACHER_PASSWORD).status_code == 302


def test_failures_below_the_limit_do_not_block(app: Flask, db_session: Session) -> None:
    teacher = add_teacher(db_session, "u@school.test")
    db_session.add_all(
        [LoginFailure(email=teacher.email) for _ in range(service.MAX_FAILURES_PER_HOUR - 2)]
    )
    db_session.commit()
    assert _login_post(app.test_client(), teacher.email, TEACHER_PASSWORD).status_code == 302


# ------------------------------------------------------------------ 5. sessions


def test_login_gives_a_new_session(app: Flask, db_session: Session) -> None:
    teacher = add_teacher(db_session, "s@school.test")
    client = app.test_client()
    csrf_token(client, "/join")  # an anonymous session exists before login
    before = _session_cookie(client)
    assert before
    login(client, teacher.email, TEACHER_PASSWORD)
    after = _session_cookie(client)
    assert after and after != before
    # The pre-login cookie never becomes a logged-in one.
    attacker = app.test_client()
    attacker.set_cookie("session", before)
    assert attacker.get("/teacher/").status_code == 302


def test_logout_invalidates_a_copied_cookie(app: Flask, db_session: Session) -> None:
    teacher = add_teacher(db_session, "c@school.test")
    client = app.test_client()
    login(client, teacher.email, TEACHER_PASSWORD)
    assert client.get("/teacher/").status_code == 200
    copied = _session_cookie(client)
    assert copied
    token = csrf_token(client, "/join")
    assert client.post("/teacher/logout", data={"csrf_token": token}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/teacher/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/teacher/login")


def test_session_cookie_flags_and_lifetime(app: Flask, db_session: Session) -> None:
    assert app.config["PERMANENT_SESSION_LIFETIME"] <= timedelta(hours=12)
    assert app.config["REMEMBER_COOKIE_DURATION"] <= timedelta(hours=12)
    teacher = add_teacher(db_session, "f@school.test")
    client = app.test_client()
    response = _login_post(client, teacher.email, TEACHER_PASSWORD)
    assert response.status_code == 302
    (cookie,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP here; see the HTTPS test for Secure
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))  # type: ignore[union-attr]
    assert expires <= datetime.now(UTC) + timedelta(hours=12, minutes=1)


# ------------------------------------------------------------------ 6. SECRET_KEY


@pytest.mark.parametrize("secret", [None, "", "changeme", "secret", "dev"])
def test_production_requires_a_real_secret_key(secret: str | None) -> None:
    env = {"QUIZAPP_ENV": "production", "QUIZAPP_DATABASE_URL": "sqlite:////tmp/never.db"}
    if secret is not None:
        env["QUIZAPP_SECRET_KEY"] = secret
    with pytest.raises(ConfigError, match="QUIZAPP_SECRET_KEY"):
        load_config(env)


def test_production_is_the_default_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIZAPP_ENV", raising=False)
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()
    dispose_engines(close=True)


def test_per_client_limit_is_generous_and_holds(app: Flask, db_session: Session) -> None:
    """A school shares one address: hundreds of failures are allowed before it is limited,
    and then only that address is (another address can still log in)."""
    assert service.MAX_FAILURES_PER_CLIENT_PER_HOUR >= 100
    teacher = add_teacher(db_session, "ip@school.test")
    school = service.client_key("127.0.0.1", app.secret_key or "")
    assert school is not None and "127.0.0.1" not in school  # only a keyed hash is stored
    db_session.add_all(
        [
            LoginFailure(email=f"guess{i}@school.test", client_key=school)
            for i in range(service.MAX_FAILURES_PER_CLIENT_PER_HOUR)
        ]
    )
    db_session.commit()
    refused = _login_post(app.test_client(), teacher.email, TEACHER_PASSWORD)
    assert refused.status_code == 429
    elsewhere = app.test_client()
    response = elsewhere.post(
        "/teacher/login",
        data={
            "email": teacher.email,
            "password": TEACHER_PASSWORD,
            "csrf_token": csrf_token(elsewhere, "/teacher/login"),
        },
        environ_base={"REMOTE_ADDR": "203.0.113.7"},
    )
    assert response.status_code == 302


def test_failed_login_records_only_a_keyed_hash_of_the_address(
    app: Flask, db_session: Session
) -> None:
    teacher = add_teacher(db_session, "h@school.test")
    assert _login_post(app.test_client(), teacher.email, "not the password!!").status_code == 200
    failure = db_session.scalar(select(LoginFailure))
    assert failure is not None and failure.client_key
    assert failure.client_key == service.client_key("127.0.0.1", app.secret_key or "")
    db_session.rollback()


def test_session_lifetime_is_absolute(app: Flask) -> None:
    """The cookie is not re-issued on every request, so 12 hours after login it expires."""
    assert app.config["SESSION_REFRESH_EACH_REQUEST"] is False
    client = app.test_client()
    csrf_token(client, "/join")  # creates the session
    client.get("/")  # Flask-Login's session protection stores its identifier once
    response = client.get("/")
    assert "Set-Cookie" not in response.headers
