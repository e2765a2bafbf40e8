"""Flask extensions, created unbound and attached in the factory."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from flask_wtf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.session_protection = "strong"


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
