"""Flask extensions, created unbound and attached in the factory."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from flask_wtf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
# "basic": a changed client (IP/user agent) only marks the login as not fresh. "strong" would
# rewrite every anonymous (student) session on every request and log teachers out whenever a
# school network changes their address; fixation and copied cookies are handled instead by a
# new session on login and the per-teacher nonce that logout rotates.
login_manager.session_protection = "basic"


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
