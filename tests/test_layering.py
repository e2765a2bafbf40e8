"""question_bank is a library: importing it (and its modules) never imports Flask."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import question_bank


def _modules() -> list[str]:
    names = ["question_bank"]
    for info in pkgutil.walk_packages(question_bank.__path__, "question_bank."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_importing_question_bank_does_not_import_flask() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'flask' or m.startswith(('flask.', 'flask_'))"
        " or m == 'werkzeug' or m.startswith('werkzeug.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
