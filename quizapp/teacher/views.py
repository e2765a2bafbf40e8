"""Teachers: their bank, quizzes and results.

The blueprint lives in :mod:`quizapp.teacher.common`; the routes are split by area and
registered by importing their modules here.
"""

from __future__ import annotations

from quizapp.teacher import bank, editor, quizzes, results, review  # noqa: F401  (routes)
from quizapp.teacher.common import bp

__all__ = ["bp"]
