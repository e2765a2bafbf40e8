from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp import create_app
from quizapp.config import ConfigError, load_config


def test_testing_config(app: Flask) -> None:
    assert app.testing
    assert app.config["ENV_NAME"] == "testing"


def test_production_refuses_without_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    monkeypatch.setenv("QUIZAPP_ENV", "production")
    with pytest.raises(ConfigError, match="QUIZAPP_SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("placeholder", ["changeme", "secret", "dev"])
def test_production_refuses_placeholder_secret(placeholder: str) -> None:
    with pytest.raises(ConfigError):
        load_config({"QUIZAPP_ENV": "production", "QUIZAPP_SECRET_KEY": placeholder})


def test_production_with_secret(tmp_path: object) -> None:
    config = load_config(
        {
            "QUIZAPP_ENV": "production",
            "QUIZAPP_SECRET_KEY": "x" * 64,
            "QUIZAPP_DATABASE_URL": "sqlite:////tmp/never-opened.db",
        }
    )
    assert config["SECRET_KEY"] == "x" * 64
    assert config["DATABASE_URL"] == "sqlite:////tmp/never-opened.db"
    assert config["PERMANENT_SESSION_LIFETIME"].total_seconds() <= 12 * 3600


def test_development_secret_is_persistent(tmp_path: object) -> None:
    env = {"QUIZAPP_ENV": "development", "QUIZAPP_INSTANCE": str(tmp_path)}
    first = load_config(env)["SECRET_KEY"]
    assert len(first) >= 32
    assert load_config(env)["SECRET_KEY"] == first


def test_default_database_is_sqlite_in_instance(tmp_path: object) -> None:
    config = load_config({"QUIZAPP_ENV": "testing", "QUIZAPP_INSTANCE": str(tmp_path)})
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path}/quizapp.sqlite3"


def test_home_page_has_both_ways_in(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert 'href="/join"' in html
    assert 'href="/teacher/login"' in html


def test_404_is_friendly_and_has_headers(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_500_is_friendly_without_traceback(app: Flask) -> None:
    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals SELECT * FROM teacher")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "not your fault" in html
    assert "secret internals" not in html and "Traceback" not in html
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(("proxies", "expected"), [(0, "10.0.0.1"), (1, "198.51.100.4")])
def test_forwarded_address_is_trusted_only_behind_a_configured_proxy(
    tmp_path: object, proxies: int, expected: str
) -> None:
    from flask import request

    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": f"sqlite:///{tmp_path}/unused.sqlite3",
            "TRUSTED_PROXIES": proxies,
        }
    )

    @app.route("/whoami")
    def whoami() -> str:
        return request.remote_addr or ""

    response = app.test_client().get(
        "/whoami",
        headers={"X-Forwarded-For": "198.51.100.4"},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert response.get_data(as_text=True) == expected
