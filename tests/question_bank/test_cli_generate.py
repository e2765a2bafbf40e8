"""The generate command: JSON shape, text listing, exit code 2 on bad input."""

from __future__ import annotations

import json

from question_bank.cli_generate import main
from tests.question_bank.conftest import SEEDS


def test_json_shape(capsys):
    assert main([str(SEEDS[0]), "--format", "json", "--seed", "1", "--include-rejected"]) == 0
    data = json.loads(capsys.readouterr().out)
    art = data["articles"][0]
    assert {"file", "title", "text", "questions", "rejected"} <= set(art)
    for q in art["questions"]:
        ev = q["evidence"]
        assert art["text"][ev["start"] : ev["end"]] == ev["text"]
        assert sum(o["correct"] for o in q["options"]) == 1
        if q["kind"] == "true_false":
            assert [o["text"] for o in q["options"]] == ["True", "False"]


def test_text_format_marks_key(capsys):
    assert main([str(SEEDS[1]), "--format", "text", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "   * " in out and "evidence:" in out


def test_missing_file_exit_2(capsys, tmp_path):
    assert main([str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err


def test_empty_file_exit_2(capsys, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("   ")
    assert main([str(p)]) == 2
    assert "error" in capsys.readouterr().err
