"""Students: join a quiz with a code and a nickname, answer, learn from the article."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("student", __name__)


@bp.route("/join")
def join() -> str:
    """Join a quiz with its code (the full flow is built in the student issue)."""
    return render_template("student/join.html")
