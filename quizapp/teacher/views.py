"""Teachers: their bank, quizzes and results."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

bp = Blueprint("teacher", __name__, url_prefix="/teacher")


@bp.route("/")
@login_required
def dashboard() -> str:
    """The teacher's start page."""
    return render_template("teacher/dashboard.html")
