"""Teacher accounts: create, authenticate, throttle. Functions take a Session and never commit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from functools import cache

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from question_bank.models import LoginFailure, Teacher, utcnow
from quizapp.auth.passwords import check_strength, hash_password, verify_password

# ASVS 2.2.1: at most 100 failed attempts per hour per account. Stored in the database so the
# limit holds across every gunicorn worker.
MAX_FAILURES_PER_HOUR = 20
# Per client address the limit is generous: a whole school shares one public address.
MAX_FAILURES_PER_CLIENT_PER_HOUR = 300
FAILURE_WINDOW = timedelta(hours=1)


@cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so timing does not reveal accounts."""
    return hash_password(secrets.token_hex(16))


class AccountError(ValueError):
    """Refused; the message is meant for the user."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_teacher(
    session: Session,
    email: str,
    password: str,
    display_name: str = "",
    *,
    password_hash: str | None = None,
) -> Teacher:
    """Create a teacher; ``password_hash`` may carry an already computed hash of ``password``."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise AccountError("Enter a valid e-mail address.")
    if session.scalar(select(Teacher).where(Teacher.email == email)):
        raise AccountError("A teacher with that e-mail address already exists.")
    check_strength(password)
    teacher = Teacher(
        email=email,
        display_name=display_name.strip()[:100],
        password_hash=password_hash or hash_password(password),
        session_nonce=secrets.token_hex(16),
    )
    session.add(teacher)
    session.flush()
    return teacher


def client_key(address: str | None, secret: str) -> str | None:
    """A keyed hash of a client address: enough to count failures, useless to anyone else."""
    if not address:
        return None
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def _failures_since(session: Session, condition: ColumnElement[bool]) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(condition, LoginFailure.failed_at >= utcnow() - FAILURE_WINDOW)
    )
    return int(count or 0)


def recent_failures(session: Session, email: str) -> int:
    return _failures_since(session, LoginFailure.email == normalise_email(email))


def is_throttled(session: Session, email: str, client: str | None = None) -> bool:
    """True when the account, or the client address, has failed too often in the last hour."""
    if recent_failures(session, email) >= MAX_FAILURES_PER_HOUR:
        return True
    return (
        client is not None
        and _failures_since(session, LoginFailure.client_key == client)
        >= MAX_FAILURES_PER_CLIENT_PER_HOUR
    )


def authenticate(
    session: Session, email: str, password: str, client: str | None = None
) -> Teacher | None:
    """The teacher for these credentials, or None (and the failure is recorded)."""
    email = normalise_email(email)
    teacher = session.scalar(select(Teacher).where(Teacher.email == email))
    if teacher is None:
        verify_password(_dummy_hash(), password)
    elif verify_password(teacher.password_hash, password):
        session.execute(delete(LoginFailure).where(LoginFailure.email == email))
        return teacher
    session.add(LoginFailure(email=email[:254], client_key=client))
    session.flush()
    return None


def rotate_session_nonce(teacher: Teacher) -> None:
    """Invalidate every existing session cookie of this teacher (logout, password change)."""
    teacher.session_nonce = secrets.token_hex(16)


def prune_login_failures(session: Session) -> int:
    result = session.execute(
        delete(LoginFailure).where(LoginFailure.failed_at < utcnow() - FAILURE_WINDOW)
    )
    return int(getattr(result, "rowcount", 0) or 0)
