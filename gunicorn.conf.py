"""gunicorn settings for serving a whole school: ``gunicorn -c gunicorn.conf.py wsgi:app``.

Every value can be overridden from the environment (see docs/OPERATIONS.md). Migrations never
run here: ``quizapp init-db`` runs them once, before the server starts (``make serve``).
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise SystemExit(f"{name} must be a whole number, not {value!r}.") from error
    if number < 1:
        raise SystemExit(f"{name} must be at least 1.")
    return number


MAX_DEFAULT_WORKERS = 8

# Where to listen. Behind a reverse proxy keep 127.0.0.1; HOST=0.0.0.0 listens on every address.
bind = os.environ.get("QUIZAPP_BIND") or (
    f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
)

# One process per CPU core (at least 2), each with a few threads: a slow request (an article
# import runs the generator) never stalls a classroom of students answering. Requests are
# CPU-bound Python, so more processes than cores only add switching: with 500 students on 2
# cores (docs/PERFORMANCE.md) 2 workers answered ~15% more per second than 3 or 5.
workers = _int("QUIZAPP_WORKERS", min(max(multiprocessing.cpu_count(), 2), MAX_DEFAULT_WORKERS))
worker_class = "gthread"
threads = _int("QUIZAPP_THREADS", 4)

# The app is imported in each worker, never in the master: no database connection (or SQLite
# file handle) can be inherited across the fork. Engines are created lazily per process.
preload_app = False

# A worker stuck for 60 s is restarted.
timeout = _int("QUIZAPP_WORKER_TIMEOUT", 60)
graceful_timeout = 30
# Idle keep-alive connections stay open 75 s (nginx's default), longer than a child reads a
# question. With a short value (gunicorn's 2 s, or 5 s) the server closes the connection
# while the child reads; a click landing at that instant meets a closed socket and the answer
# is lost in transit (docs/PERFORMANCE.md: 2-3 of 4000 answers in a paced class with 5 s). In
# gthread workers an idle connection costs a file descriptor, not a thread.
keepalive = _int("QUIZAPP_KEEPALIVE", 75)

# Recycle workers now and then (0 = never), with jitter so they do not all restart together.
max_requests = int(os.environ.get("QUIZAPP_MAX_REQUESTS", "0") or 0)
max_requests_jitter = max(max_requests // 10, 0)

# Request size limits (the app enforces MAX_CONTENT_LENGTH on bodies).
limit_request_line = 4094
limit_request_fields = 100

# Access log: method, path WITHOUT the query string, status, size, duration. No client address
# and no user agent: students are a nickname and their answers, nothing else (security.md 22).
accesslog = os.environ.get("QUIZAPP_ACCESS_LOG", "-") or None
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = os.environ.get("QUIZAPP_ERROR_LOG", "-")
loglevel = os.environ.get("QUIZAPP_LOG_LEVEL", "info")

# Trust X-Forwarded-* only from a reverse proxy on this machine.
forwarded_allow_ips = os.environ.get("QUIZAPP_FORWARDED_ALLOW_IPS", "127.0.0.1")

proc_name = "quizapp"


def post_fork(server: Any, worker: Any) -> None:
    """Belt and braces: forget any engine a preloaded app might have opened in the master."""
    try:
        from quizapp.db import dispose_engines
    except ImportError:  # pragma: no cover - the app is not importable; gunicorn reports it
        return
    dispose_engines(close=False)
