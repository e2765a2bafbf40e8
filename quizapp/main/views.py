"""Public pages: home and privacy."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> str:
    """Say what the app is, with a way in for students and for teachers."""
    return render_template("main/index.html")


@bp.route("/privacy")
def privacy() -> str:
    """What we keep about children, and why, in plain words for families."""
    return render_template("main/privacy.html")


@bp.route("/healthz")
def healthz() -> tuple[str, int, dict[str, str]]:
    """Liveness probe for load balancers."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
