"""Configuration from the environment, with safe defaults for a laptop.

``QUIZAPP_ENV`` is ``production`` unless told otherwise: a server that forgot its settings
refuses to start instead of running with a guessable secret key.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"

PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "dev", "development", "xxx"}


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the message says what to set."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret(instance: Path) -> str:
    """A random key kept in instance/, so development sessions survive a restart."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_config(environ: dict[str, str] | None = None) -> dict[str, Any]:
    env = dict(os.environ if environ is None else environ)
    app_env = env.get("QUIZAPP_ENV", "production").lower()
    if app_env not in {"production", "development", "testing"}:
        raise ConfigError("QUIZAPP_ENV must be production, development or testing.")
    instance = Path(env.get("QUIZAPP_INSTANCE", str(DEFAULT_INSTANCE)))
    secret = env.get("QUIZAPP_SECRET_KEY", "")
    if not secret or secret.lower() in PLACEHOLDER_SECRETS:
        if app_env == "production":
            raise ConfigError(
                "QUIZAPP_SECRET_KEY is not set (or is a placeholder). Set it to a long random "
                "value, e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`."
            )
        secret = "testing-secret-key" if app_env == "testing" else _dev_secret(instance)
    if app_env == "production" and _bool(env.get("FLASK_DEBUG"), False):
        # The Werkzeug debugger runs any code typed into an error page: never in production.
        raise ConfigError("FLASK_DEBUG is set: unset it (debug mode is for development only).")
    database_url = env.get("QUIZAPP_DATABASE_URL") or f"sqlite:///{instance / 'quizapp.sqlite3'}"
    https = _bool(env.get("QUIZAPP_HTTPS"), False)
    return {
        "ENV_NAME": app_env,
        "TESTING": app_env == "testing",
        "DEBUG": app_env == "development" and _bool(env.get("FLASK_DEBUG"), False),
        "SECRET_KEY": secret,
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": database_url,
        "MAX_CONTENT_LENGTH": int(env.get("QUIZAPP_MAX_UPLOAD_BYTES", str(2 * 1024 * 1024))),
        "MAX_ARTICLE_CHARS": int(env.get("QUIZAPP_MAX_ARTICLE_CHARS", "200000")),
        "READY_THRESHOLD": float(env.get("QUIZAPP_READY_THRESHOLD", "0.6")),
        "RETENTION_DAYS": int(env.get("QUIZAPP_RETENTION_DAYS", "365")),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        # The cookie is set when the session changes (login, join, answer), not re-signed on
        # every request: the 12-hour lifetime is then absolute, and pages do less work.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "REMEMBER_COOKIE_DURATION": timedelta(hours=12),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "HTTPS": https,
        "WTF_CSRF_TIME_LIMIT": 12 * 3600,
        "WTF_CSRF_SSL_STRICT": True,
        "PUBLIC_URL": env.get("QUIZAPP_PUBLIC_URL", ""),
        # Reverse proxies in front of the app (nginx: 1); their X-Forwarded-* headers are
        # trusted only when this says so, otherwise every client would look like the proxy.
        "TRUSTED_PROXIES": int(env.get("QUIZAPP_TRUSTED_PROXIES", "0")),
    }
