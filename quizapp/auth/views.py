"""Teacher login and logout (Flask-Login). Students never log in."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from question_bank.models import Teacher
from quizapp.auth import service
from quizapp.auth.forms import LoginForm
from quizapp.db import get_session
from quizapp.extensions import login_manager

bp = Blueprint("auth", __name__, url_prefix="/teacher")


class TeacherUser:
    """The Flask-Login view of a teacher: the id carries the session nonce, so rotating the
    nonce (logout, password change) invalidates every copied cookie."""

    def __init__(self, teacher: Teacher) -> None:
        self.teacher = teacher
        self.id = teacher.id

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.teacher.id}:{self.teacher.session_nonce}"


@login_manager.user_loader
def load_user(user_id: str) -> TeacherUser | None:
    teacher_id, _, nonce = user_id.partition(":")
    if not teacher_id.isdigit() or not nonce:
        return None
    teacher = get_session().get(Teacher, int(teacher_id))
    if teacher is None or teacher.session_nonce != nonce:
        return None
    return TeacherUser(teacher)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.netloc and not parts.scheme:
            return target
    return url_for("teacher.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """Log a teacher in; failures are throttled per account across all workers."""
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        db = get_session()
        email = form.email.data or ""
        secret = current_app.secret_key or ""
        secret_text = secret.hex() if isinstance(secret, bytes) else secret
        client = service.client_key(request.remote_addr, secret_text)
        if service.is_throttled(db, email, client):
            form.email.errors = ["Too many failed tries. Please wait an hour and try again."]
            return render_template("auth/login.html", form=form), 429  # type: ignore[return-value]
        teacher = service.authenticate(db, email, form.password.data or "", client)
        db.commit()
        if teacher is None:
            form.password.errors = ["That e-mail and password do not match."]
        else:
            session.clear()  # a new session on login (no fixation)
            session.permanent = True
            login_user(TeacherUser(teacher))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Log out and invalidate every copy of this session cookie."""
    db = get_session()
    teacher = db.get(Teacher, current_user.teacher.id)
    if teacher is not None:
        service.rotate_session_nonce(teacher)
        db.commit()
    logout_user()
    session.clear()
    flash("You are logged out.")
    return redirect(url_for("main.index"))
