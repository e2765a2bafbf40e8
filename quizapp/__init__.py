"""quizapp: the web layer over question_bank (factory, config, blueprints)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from quizapp.config import PROJECT_ROOT, load_config


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory: configuration from the environment, overridden by ``test_config``."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder="static",
    )
    if test_config and test_config.get("ENV_NAME") == "testing":
        app.config.from_mapping(load_config({"QUIZAPP_ENV": "testing"}))
    else:
        app.config.from_mapping(load_config())
    if test_config:
        app.config.from_mapping(test_config)
    app.instance_path = app.config["INSTANCE_PATH"]
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        proxies = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )

    from quizapp import db, errors, extensions, security, text_filters

    db.init_app(app)
    extensions.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    text_filters.init_app(app)

    from quizapp.auth.views import bp as auth_bp
    from quizapp.main.views import bp as main_bp
    from quizapp.student.views import bp as student_bp
    from quizapp.teacher.topics import bp as topics_bp
    from quizapp.teacher.views import bp as teacher_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(student_bp)
    app.register_blueprint(teacher_bp)
    app.register_blueprint(topics_bp)

    from quizapp.cli import register_commands

    register_commands(app)
    return app
