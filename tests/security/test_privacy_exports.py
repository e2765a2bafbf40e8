"""Exports (security.md 20-21) and children's privacy (22-24)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sqlalchemy import func, inspect, select

from question_bank.models import Attempt, Question, Response
from tests.reliability.helpers import add_attempt
from tests.security.conftest import World, diff_snapshots, page_token, snapshot

ROOT = Path(__file__).resolve().parents[2]
FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://x")',
    "@SUM(1)",
    "+1",
    "-1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")


# ------------------------------------------------------------------ 20. CSV exports


def test_results_csv_neutralises_formulas(world: World) -> None:
    from sqlalchemy import update

    from question_bank.models import Quiz

    quiz = world.db.get(Quiz, world.quiz_a)
    assert quiz is not None
    world.db.execute(
        update(Question).where(Question.id == world.questions_a[0]).values(stem="=cmd|'/C calc'!A0")
    )
    world.db.commit()
    world.db.refresh(quiz)
    for nickname in FORMULAS:
        add_attempt(world.db, quiz, nickname)
    add_attempt(world.db, quiz, "Zoë Ünal")  # accents survive (UTF-8 with BOM)
    world.db.rollback()
    client = world.client("teacher_a")
    for layout in ("long", "wide"):
        response = client.get(f"/teacher/quizzes/{world.quiz_a}/results.csv?layout={layout}")
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        disposition = response.headers["Content-Disposition"]
        assert re.fullmatch(r'attachment; filename="[A-Za-z0-9._-]+\.csv"', disposition)
        raw = response.get_data()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads accents"
        text = raw[3:].decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) >= len(FORMULAS) + 2
        # Every field quoted: writing the parsed rows back with QUOTE_ALL gives the same text.
        again = io.StringIO(newline="")
        csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
        assert again.getvalue().replace("\r\n", "\n") == text.replace("\r\n", "\n")
        cells = [cell for row in rows[1:] for cell in row]
        for cell in cells:
            assert not cell.startswith(DANGEROUS_START), f"{layout}: dangerous cell {cell!r}"
        for nickname in FORMULAS:
            assert "'" + nickname in cells, f"{layout}: {nickname!r} not kept (neutralised)"
        assert "Zoë Ünal" in cells


def test_results_csv_is_teacher_only(world: World) -> None:
    url = f"/teacher/quizzes/{world.quiz_a}/results.csv"
    assert world.client("anonymous").get(url).status_code == 302
    assert world.client("student").get(url).status_code == 302
    assert world.client("teacher_b").get(url).status_code == 404


# ------------------------------------------------------------------ 21. XML imports

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="truefalse"><name><text>&lol4;</text></name>
<questiontext format="html"><text>&lol4;</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><name><text>x</text></name>
<questiontext format="html"><text>&xxe;</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>"""


def test_hostile_xml_is_refused_clearly(world: World) -> None:
    client = world.client("teacher_a")
    for payload in (BILLION_LAUGHS, XXE):
        token = page_token(client, "/teacher/import-questions")
        before = snapshot(world.db)
        response = client.post(
            "/teacher/import-questions",
            data={
                "csrf_token": token,
                "fmt": "moodle-xml",
                "article": "0",
                "upload": (io.BytesIO(payload), "quiz.xml"),
            },
            content_type="multipart/form-data",
        )
        html = response.get_data(as_text=True)
        assert response.status_code == 400, response.status_code
        assert 'class="error"' in html
        assert "root:" not in html and "lollol" not in html
        assert diff_snapshots(before, snapshot(world.db)) == []


# ------------------------------------------------------------------ 22. a student is minimal


def test_student_tables_hold_no_personal_data(world: World) -> None:
    forbidden = re.compile(r"ip|addr|agent|email|mail|real|first|last|full|birth|age|phone")
    allowed = {"nickname", "nickname_key"}
    inspector = inspect(world.db.get_bind())
    for table in ("attempt", "response"):
        names = {c["name"] for c in inspector.get_columns(table)}
        assert {"id"} <= names
        suspicious = {n for n in names - allowed if forbidden.search(n)}
        assert suspicious == set(), f"{table} has {suspicious}"
    for model in (Attempt, Response):
        assert not {c.name for c in model.__table__.columns if forbidden.search(c.name)} - allowed


def test_join_form_asks_only_code_and_nickname(world: World) -> None:
    html = world.client("anonymous").get(f"/join/{world.code_a}").get_data(as_text=True)
    forms = re.findall(r"<form\b.*?</form>", html, re.S)
    join_forms = [f for f in forms if 'name="nickname"' in f]
    assert len(join_forms) == 1
    fields = set(re.findall(r'<(?:input|select|textarea)\b[^>]*name="([^"]+)"', join_forms[0]))
    assert fields == {"csrf_token", "code", "nickname"} or fields == {
        "csrf_token",
        "code",
        "nickname",
        "submit",
    }


# ------------------------------------------------------------------ 23. retention


def test_privacy_page_states_the_retention_period(world: World) -> None:
    world.app.config["RETENTION_DAYS"] = 123
    html = world.client("anonymous").get("/privacy").get_data(as_text=True)
    assert "123 days" in html
    assert 'href="/privacy"' in world.client("anonymous").get("/").get_data(as_text=True)


def test_teacher_button_deletes_only_that_quizs_results(world: World) -> None:
    from question_bank.models import Quiz

    quiz_a, quiz_b = world.db.get(Quiz, world.quiz_a), world.db.get(Quiz, world.quiz_b)
    assert quiz_a is not None and quiz_b is not None
    add_attempt(world.db, quiz_a, "Otter")
    add_attempt(world.db, quiz_a, "Heron")
    add_attempt(world.db, quiz_b, "Badger")
    world.db.rollback()
    client = world.client("teacher_a")
    url = f"/teacher/quizzes/{world.quiz_a}/results/delete"
    assert client.get(url).status_code == 200  # asks first; nothing deleted by a GET
    assert world.db.scalar(select(func.count()).select_from(Attempt)) == 3
    world.db.rollback()
    response = client.post(url, data={"csrf_token": page_token(client, url)})
    assert response.status_code == 302
    assert list(world.db.scalars(select(Attempt.nickname))) == ["Badger"]
    world.db.rollback()


# ------------------------------------------------------------------ 24. no third parties

OUTSIDE = re.compile(
    r"""(?:src|href|action|poster|data|srcset)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE
)
CSS_OUTSIDE = re.compile(r"""(?:url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//)""")


def test_templates_and_static_files_load_nothing_from_other_hosts() -> None:
    problems = []
    files = list((ROOT / "templates").rglob("*.html"))
    assert len(files) >= 5
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE.search(line):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for path in (ROOT / "quizapp" / "static").rglob("*"):
        if path.suffix in {".css", ".js"}:
            source = path.read_text(encoding="utf-8")
            if CSS_OUTSIDE.search(source) or re.search(r"""fetch\(\s*["']https?://""", source):
                problems.append(str(path.relative_to(ROOT)))
    assert problems == [], "\n".join(problems)
