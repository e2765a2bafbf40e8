"""The bank: search and pagination, article import (paste and upload), article details,
exports and GIFT / Moodle XML import."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.models import Article, Question, QuestionKind, QuestionStatus
from tests.helpers import csrf_token
from tests.teacher.conftest import Bank, post

IMPORT = "/teacher/articles/import"
ARTICLE = (
    "Students at Hill Park School planted two hundred trees on Saturday morning.\n\n"
    "The head teacher, Amira Khan, said the new wood would shelter birds and insects. "
    "Volunteers from the town council brought spades, water and tree guards. "
    "The school plans to plant another hundred trees next spring near the river. "
    "Parents helped the youngest children carry the small oak and birch saplings. "
    "A local nursery in Greenford donated most of the young trees to the school."
)


def _articles(db_session: Session) -> int:
    n = db_session.scalar(select(func.count()).select_from(Article))
    db_session.commit()
    return int(n or 0)


def _upload(client: FlaskClient, data: bytes, name: str) -> Any:
    token = csrf_token(client, IMPORT)
    return client.post(
        IMPORT,
        data={"csrf_token": token, "title": "", "upload": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _ids(html: str, questions: list[Question]) -> list[str]:
    return [q.stem for q in questions if q.stem in html]


def test_search_filters(
    logged_in: FlaskClient, bank: Bank, make_question: Any, make_article: Any
) -> None:
    other_article = make_article(bank.teacher, title="Robots")
    tf = make_question(
        other_article,
        stem="The fair took place on Friday.",
        options=("True", "False"),
        kind=QuestionKind.TRUE_FALSE,
        sentence_index=0,
        status=QuestionStatus.REJECTED,
    )
    everything = [*bank.questions, tf]

    def stems(query: str) -> list[str]:
        html = logged_in.get("/teacher/questions" + query).get_data(as_text=True)
        return _ids(html, everything)

    assert len(stems("")) == 4
    assert stems("?q=PRIZE") == ["Who won first prize at the science fair?"]
    assert stems("?q=%25") == []  # LIKE wildcards are literal
    assert stems(f"?article={other_article.id}") == [tf.stem]
    assert stems("?kind=true_false") == [tf.stem]
    assert stems("?status=draft") == [bank.questions[1].stem, bank.questions[2].stem]
    assert stems("?status=rejected") == [tf.stem]


def test_search_by_grade_and_difficulty(
    logged_in: FlaskClient, bank: Bank, db_session: Session
) -> None:
    for question, grade, difficulty in zip(
        bank.questions, (2.0, 5.0, 8.0), (0.2, 0.5, 0.9), strict=True
    ):
        row = db_session.get(Question, question.id)
        assert row is not None
        row.reading_grade, row.difficulty = grade, difficulty
    db_session.commit()

    def stems(query: str) -> list[str]:
        html = logged_in.get("/teacher/questions" + query).get_data(as_text=True)
        return _ids(html, bank.questions)

    assert stems("?max_grade=5") == [bank.questions[0].stem, bank.questions[1].stem]
    assert stems("?min_difficulty=0.4&max_difficulty=0.6") == [bank.questions[1].stem]
    # Nonsense filters are reported, not a 500.
    response = logged_in.get("/teacher/questions?max_grade=abc&page=-3")
    assert response.status_code == 200


def test_pagination(logged_in: FlaskClient, bank: Bank, make_question: Any) -> None:
    for n in range(30):
        make_question(bank.article, stem=f"Paged question number {n:02d}?", score=0.1 + n / 100)
    first = logged_in.get("/teacher/questions?q=paged").get_data(as_text=True)
    second = logged_in.get("/teacher/questions?q=paged&page=2").get_data(as_text=True)
    assert first.count("Paged question number") == 25
    assert second.count("Paged question number") == 5
    assert "30 questions found, page 1 of 2" in first
    assert "page=2" in first and "q=paged" in first  # the next link keeps the filters
    too_far = logged_in.get("/teacher/questions?q=paged&page=99").get_data(as_text=True)
    assert too_far.count("Paged question number") == 5  # clamped to the last page


def test_article_page_edits_title_and_outlet(
    logged_in: FlaskClient, bank: Bank, db_session: Session
) -> None:
    page = f"/teacher/articles/{bank.article.id}"
    response = post(logged_in, page, {"title": "Fair day", "outlet": "School News"}, form_page=page)
    assert response.status_code == 302
    row = db_session.scalar(
        select(Article)
        .where(Article.id == bank.article.id)
        .execution_options(populate_existing=True)
    )
    db_session.commit()
    assert row is not None and (row.title, row.outlet) == ("Fair day", "School News")
    html = logged_in.get(page).get_data(as_text=True)
    assert "Who won first prize" in html


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x00\x01\x02\xff\xfe binary \x00\x00" * 50, "article.txt", "does not look like text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "article.txt", ""),
        (b"", "empty.txt", "empty"),
        (b"A fine article.", "article.pdf", "Only .txt, .md and .html files"),
    ],
)
def test_bad_uploads_store_nothing(
    logged_in: FlaskClient, db_session: Session, data: bytes, name: str, message: str
) -> None:
    response = _upload(logged_in, data, name)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'class="error"' in html
    assert message in html
    assert _articles(db_session) == 0


def test_too_big_upload_gets_413(logged_in: FlaskClient, app: Flask, db_session: Session) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = _upload(logged_in, b"word " * 5_000, "big.txt")
    assert response.status_code == 413
    assert "too big" in response.get_data(as_text=True)
    assert _articles(db_session) == 0


def test_too_long_pasted_article(logged_in: FlaskClient, app: Flask, db_session: Session) -> None:
    app.config["MAX_ARTICLE_CHARS"] = 500
    response = post(logged_in, IMPORT, {"text": ARTICLE * 3}, form_page=IMPORT)
    assert response.status_code == 400
    assert "too long" in response.get_data(as_text=True)
    assert _articles(db_session) == 0


def test_empty_paste(logged_in: FlaskClient, db_session: Session) -> None:
    response = post(logged_in, IMPORT, {"text": "   \n  "}, form_page=IMPORT)
    assert response.status_code == 400
    assert "Paste the article" in response.get_data(as_text=True)
    assert _articles(db_session) == 0


def test_import_paste_generates_drafts_and_lands_on_review(
    logged_in: FlaskClient, db_session: Session
) -> None:
    response = post(
        logged_in,
        IMPORT,
        {"text": ARTICLE, "title": "Tree day", "outlet": "Hill Park News"},
        form_page=IMPORT,
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    article = db_session.scalar(select(Article))
    assert article is not None
    assert (article.title, article.outlet) == ("Tree day", "Hill Park News")
    assert response.headers["Location"].endswith(f"/teacher/articles/{article.id}/review")
    statuses = {q.status for q in article.questions}
    stored = len(article.questions)
    db_session.commit()
    assert statuses <= {QuestionStatus.DRAFT}
    html = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tree day" in html
    # The review page shows what was stored: each question beside its highlighted evidence,
    # or a plain notice when the generator found nothing it could safely ask.
    if stored:
        assert "<mark" in html
    else:
        assert "No questions were generated for this article." in html
    # Importing the same text again stores nothing new.
    again = post(logged_in, IMPORT, {"text": ARTICLE}, form_page=IMPORT)
    assert again.status_code == 302
    assert _articles(db_session) == 1


def test_import_upload_utf16(logged_in: FlaskClient, db_session: Session) -> None:
    text = ARTICLE.replace("Amira Khan", "Amélie Côté")
    response = _upload(logged_in, text.encode("utf-16"), "trees.txt")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    article = db_session.scalar(select(Article))
    db_session.commit()
    assert article is not None and "Amélie Côté" in article.text


def test_bank_export_downloads(logged_in: FlaskClient, bank: Bank) -> None:
    response = logged_in.get("/teacher/export/json")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="question-bank-')
    assert disposition.endswith('.json"')
    body = response.get_data(as_text=True)
    assert bank.questions[0].stem in body  # Ready
    assert bank.questions[1].stem not in body  # Draft: only with ?status=all
    assert bank.questions[1].stem in logged_in.get("/teacher/export/json?status=all").get_data(
        as_text=True
    )
    for fmt in ("gift", "moodle-xml", "qti"):
        response = logged_in.get(f"/teacher/export/{fmt}")
        if response.status_code == 302:  # that exporter has not landed yet: a clear message
            page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
            assert "Not available yet" in page
        else:
            assert response.status_code == 200
            assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert logged_in.get("/teacher/export/exe").status_code == 302


GIFT = """// imported
::q1::Who won first prize? {
=Maya Patel # Yes!
~Tom Reed
~Ana Lima
####The article says\\: "Maya Patel won first prize with a solar oven made from a pizza box."
}

::q2::Forty-two students showed projects. {TRUE}
"""


def test_gift_import_into_new_article(logged_in: FlaskClient, db_session: Session) -> None:
    page = "/teacher/import-questions"
    response = post(
        logged_in,
        page,
        {"fmt": "gift", "text": GIFT, "article": "0"},
        form_page=page,
    )
    assert response.status_code in (302, 400), response.status_code
    html = response.get_data(as_text=True)
    if response.status_code == 400:  # GIFT without evidence comments: honest refusal
        assert 'class="error"' in html
        assert _articles(db_session) == 0
        return
    questions = list(db_session.scalars(select(Question)))
    db_session.commit()
    assert questions and all(q.status == QuestionStatus.DRAFT for q in questions)
    assert all(
        q.article.text[q.evidence_start : q.evidence_end] == q.evidence_text for q in questions
    )


def test_gift_import_into_existing_article(
    logged_in: FlaskClient, bank: Bank, db_session: Session
) -> None:
    from question_bank.exports import export_bank

    gift = export_bank([bank.questions[0]], "gift").decode("utf-8")
    page = "/teacher/import-questions"
    before = db_session.scalar(select(func.count()).select_from(Question))
    db_session.commit()
    response = post(
        logged_in,
        page,
        {"fmt": "gift", "text": gift, "article": str(bank.article.id)},
        form_page=page,
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    after = db_session.scalar(select(func.count()).select_from(Question))
    new = db_session.scalar(select(Question).order_by(Question.id.desc()))
    db_session.commit()
    assert after == (before or 0) + 1
    assert new is not None and new.article_id == bank.article.id
    assert new.stem == bank.questions[0].stem
    assert new.sentence_id == bank.questions[0].sentence_id


def test_broken_gift_is_a_clear_error(logged_in: FlaskClient, db_session: Session) -> None:
    page = "/teacher/import-questions"
    response = post(
        logged_in,
        page,
        {"fmt": "gift", "text": "::x:: What { =a ~b", "article": "0"},
        form_page=page,
    )
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)
    assert _articles(db_session) == 0
