"""The topic pages: owner-scoped, badges in words, quotes linked to the article, actions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank import topics as T
from question_bank.models import Article, Quiz, Teacher, Topic
from tests.conftest import TEACHER_PASSWORD
from tests.helpers import csrf_token, login
from tests.topics import texts as X


@pytest.fixture()
def marathon(
    db_session: Session, make_teacher: Callable[..., Teacher], store_text: Callable[..., Article]
) -> tuple[Teacher, Topic, list[Article]]:
    owner = make_teacher()
    arts = [store_text(owner, *item) for item in X.MARATHON]
    arts += [store_text(owner, *item) for item in X.STORM]
    T.assign_topics(db_session, owner)
    db_session.commit()
    topic = arts[0].topic
    assert topic is not None and topic.name
    db_session.commit()  # end the read transaction: the app's requests write next
    return owner, topic, arts


def test_pages_need_login(client: FlaskClient, marathon) -> None:
    _owner, topic, _arts = marathon
    assert client.get("/teacher/topics/").status_code == 302
    assert client.get(f"/teacher/topics/{topic.id}").status_code == 302


def test_other_teacher_gets_404(
    client: FlaskClient, make_teacher: Callable[..., Teacher], marathon
) -> None:
    _owner, topic, arts = marathon
    other = make_teacher()
    login(client, other.email, TEACHER_PASSWORD)
    assert client.get(f"/teacher/topics/{topic.id}").status_code == 404
    token = csrf_token(client, "/teacher/topics/")
    for path in (
        f"/teacher/topics/{topic.id}/confirm",
        f"/teacher/topics/{topic.id}/split/{arts[0].id}",
        f"/teacher/topics/{topic.id}/merge",
        f"/teacher/topics/{topic.id}/quiz",
        f"/teacher/topics/{topic.id}/reject-names",
    ):
        assert client.post(path, data={"csrf_token": token}).status_code == 404, path
    page = client.get("/teacher/topics/").get_data(as_text=True)
    assert topic.name not in page


def test_detail_shows_sources_conflicts_and_quotes(client: FlaskClient, marathon) -> None:
    owner, topic, arts = marathon
    login(client, owner.email, TEACHER_PASSWORD)
    html = client.get(f"/teacher/topics/{topic.id}").get_data(as_text=True)
    for a in arts[:3]:
        assert a.outlet in html
    assert "Sources disagree" in html
    assert "Agreed by 2 sources" in html
    assert "Grace Wanjiku" in html and "Probable error" in html
    # the quote of the 10:00 a.m. ET start links to that sentence of the article's review page
    assert f"/teacher/articles/{arts[2].id}/review#s-2" in html
    assert "style=" not in html and "<script" not in html


def test_confirm_split_merge_and_quiz(
    client: FlaskClient, db_session: Session, marathon, make_question
) -> None:
    owner, topic, arts = marathon
    # plain ids: the test session must not hold a transaction while the app writes
    tid, ids, email, owner_id = topic.id, [a.id for a in arts], owner.email, owner.id
    login(client, email, TEACHER_PASSWORD)
    token = csrf_token(client, f"/teacher/topics/{tid}")
    r = client.post(f"/teacher/topics/{tid}/confirm", data={"csrf_token": token})
    assert r.status_code == 302
    db_session.expire_all()
    assert db_session.get(Topic, tid).confirmed  # type: ignore[union-attr]
    db_session.rollback()  # end the read: the app writes next
    r = client.post(f"/teacher/topics/{tid}/split/{ids[2]}", data={"csrf_token": token})
    assert r.status_code == 302
    db_session.expire_all()
    moved = db_session.get(Article, ids[2])
    assert moved is not None and moved.topic_id not in (None, tid)
    moved_topic = moved.topic_id
    db_session.rollback()
    r = client.post(
        f"/teacher/topics/{tid}/merge",
        data={"csrf_token": token, "merge-csrf_token": token, "merge-other": str(moved_topic)},
    )
    assert r.status_code == 302
    db_session.expire_all()
    assert db_session.get(Article, ids[2]).topic_id == tid  # type: ignore[union-attr]
    # a quiz from the topic: one Ready question on the agreed course length, one on the
    # disputed age (must be left out)
    a, b = db_session.get(Article, ids[0]), db_session.get(Article, ids[1])
    assert a is not None and b is not None
    db_session.rollback()
    a, b = db_session.get(Article, ids[0]), db_session.get(Article, ids[1])
    assert a is not None and b is not None
    good = make_question(
        a, stem="How long was the course?", options=("26.2 miles", "20 miles", "30 miles"),
        sentence_index=1,
    )  # fmt: skip
    make_question(b, stem="How old is Grace Wanjiru?", options=("29", "31", "35"), sentence_index=0)
    r = client.post(
        f"/teacher/topics/{tid}/quiz",
        data={"quiz-csrf_token": token, "quiz-title": "Marathon", "quiz-n": "5",
              "quiz-media_literacy": "y"},
    )  # fmt: skip
    assert r.status_code == 302, r.get_data(as_text=True)[:300]
    db_session.expire_all()
    quiz = db_session.scalar(select(Quiz).where(Quiz.owner_id == owner_id))
    assert quiz is not None
    stems = [item.question.stem for item in quiz.items]
    assert good.stem in stems
    assert "How old is Grace Wanjiru?" not in stems
    assert any(s.startswith("Two reports give different") for s in stems)


def test_bad_quiz_form_changes_nothing(client: FlaskClient, db_session: Session, marathon) -> None:
    owner, topic, _arts = marathon
    login(client, owner.email, TEACHER_PASSWORD)
    token = csrf_token(client, f"/teacher/topics/{topic.id}")
    r = client.post(
        f"/teacher/topics/{topic.id}/quiz",
        data={"quiz-csrf_token": token, "quiz-title": "", "quiz-n": "0"},
    )
    assert r.status_code == 302
    assert db_session.scalar(select(Quiz).where(Quiz.owner_id == owner.id)) is None


def test_cli_topics_json(app, db_session: Session, marathon) -> None:
    import json

    owner, _topic, _arts = marathon
    result = app.test_cli_runner().invoke(
        args=["topics", "--format", "json", "--teacher", owner.email]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["topics"]) == 2
    statuses = {f["status"] for t in data["topics"] for f in t["facts"]}
    assert statuses == {T.CORROBORATED, T.CONFLICTING}
    start = next(
        f
        for t in data["topics"]
        for f in t["facts"]
        if (f["subject"], f["relation"]) == ("race", "start")
    )
    assert start["status"] == "conflicting"
    assert all(q["text"] and q["article_id"] for v in start["values"] for q in v["quotes"])
