"""The quiz app and a bare Flask route behind one WSGI callable, so one gunicorn run serves
both: ``/bare/`` is the floor (what gunicorn + Flask cost with no database and no templates).

    gunicorn -c gunicorn.conf.py benchmarks.bare_app:app
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from quizapp import create_app

bare = Flask("bare")


@bare.route("/")
def hello() -> tuple[str, int, dict[str, str]]:
    """The floor: a constant response."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


quiz_app = create_app()
app = DispatcherMiddleware(quiz_app, {"/bare": bare})
