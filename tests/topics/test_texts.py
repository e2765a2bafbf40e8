"""Topics on hand-written reports with controlled agreements and disagreements."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from question_bank import topics as T
from question_bank.models import Article, Teacher
from tests.topics import texts as X


def _store(store_text: Callable[..., Article], owner: Teacher, items: list) -> list[Article]:
    return [store_text(owner, *item) for item in items]


def _fact(al: T.Alignment, subject: str, relation: str) -> T.AlignedFact:
    found = [f for f in al.facts if f.subject == subject and f.relation == relation]
    assert len(found) == 1, [(f.subject, f.relation) for f in al.facts]
    return found[0]


@pytest.fixture()
def stories(
    db_session: Session, make_teacher: Callable[..., Teacher], store_text: Callable[..., Article]
) -> tuple[Teacher, dict[str, list[Article]]]:
    owner = make_teacher()
    arts = {
        "marathon": _store(store_text, owner, X.MARATHON),
        "election": _store(store_text, owner, X.ELECTION),
        "storm": _store(store_text, owner, X.STORM),
        "lone": _store(store_text, owner, [X.LONE]),
    }
    return owner, arts


def test_grouping_makes_one_topic_per_story(db_session: Session, stories) -> None:
    owner, arts = stories
    topics = T.assign_topics(db_session, owner)
    db_session.commit()
    groups = sorted(sorted(a.id for a in t.articles) for t in topics)
    expected = sorted(sorted(a.id for a in arts[k]) for k in ("marathon", "election", "storm"))
    assert groups == expected
    assert arts["lone"][0].topic_id is None
    assert not any(t.confirmed for t in topics)
    # running it again changes nothing (same topic ids)
    again = T.assign_topics(db_session, owner)
    assert sorted(t.id for t in again) == sorted(t.id for t in topics)


def test_marathon_alignment(db_session: Session, stories) -> None:
    owner, arts = stories
    T.assign_topics(db_session, owner)
    a, b, c = arts["marathon"]
    al = T.align_topic(db_session, a.topic)
    start = _fact(al, "race", "start")
    assert start.status == T.CONFLICTING
    by_value = {g.values: g.article_ids for g in start.groups}
    assert by_value == {("8:00 a.m. ET", "12:00 GMT"): {a.id, b.id}, ("10:00 a.m. ET",): {c.id}}
    age = _fact(al, "Grace Wanjiru", "age")  # C's misspelt name is mapped to the majority
    assert age.status == T.CONFLICTING
    assert {g.values for g in age.groups} == {("29",), ("31",)}
    course = _fact(al, "course", "length")
    assert course.status == T.CORROBORATED and course.article_ids == {a.id, b.id}
    time = _fact(al, "Grace Wanjiru", "duration")
    assert time.status == T.CORROBORATED and time.article_ids == {a.id, c.id}
    assert [(n.majority, n.minority) for n in al.name_conflicts] == [
        ("Grace Wanjiru", "Grace Wanjiku")
    ]
    conflict = al.name_conflicts[0]
    assert {q.article_id for q in conflict.minority_quotes} == {c.id}
    for q in conflict.minority_quotes:
        assert "Wanjiku" in q.text
        assert c.text[q.start : q.end] == q.text


def test_election_alignment(db_session: Session, stories) -> None:
    owner, arts = stories
    T.assign_topics(db_session, owner)
    a, b, c = arts["election"]
    al = T.align_topic(db_session, a.topic)
    votes = _fact(al, "Priya Shah", "number of vote (win)")
    assert votes.status == T.CONFLICTING
    assert {g.values: g.article_ids for g in votes.groups} == {
        ("212 votes",): {a.id, b.id},
        ("198 votes",): {c.id},
    }
    assert _fact(al, "voting", "close").status == T.SINGLE
    assert _fact(al, "Leo Martin", "age").status == T.SINGLE
    assert al.name_conflicts == ()


def test_storm_alignment(db_session: Session, stories) -> None:
    owner, arts = stories
    T.assign_topics(db_session, owner)
    a, b, c = arts["storm"]
    al = T.align_topic(db_session, a.topic)
    wind = _fact(al, "", "wind")
    assert wind.status == T.CONFLICTING
    # 80 mph and 130 km/h are the same speed; 95 mph is not
    assert {g.values: g.article_ids for g in wind.groups} == {
        ("80 mph", "130 km/h"): {a.id, b.id},
        ("95 mph",): {c.id},
    }
    homes = _fact(al, "", "number of home (lose)")
    assert homes.status == T.CONFLICTING
    assert {g.values for g in homes.groups} == {("more than 3,000 homes",), ("around 300 homes",)}


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (("400", "more"), ("434.9", ""), True),
        (("430", ""), ("434.9", ""), True),  # 430 is 434.9 rounded
        (("434.9", ""), ("870", ""), False),
        (("400", "about"), ("870", ""), False),
        (("12", ""), ("13", ""), False),
    ],
)
def test_number_agreement(a: tuple[str, str], b: tuple[str, str], agree: bool) -> None:
    def value(text: str, hedge: str) -> T.Value:
        low, high = T.number_range(text, float(text), hedge)
        return T.Value("quantity", text, low, high, "length")

    assert T.values_agree(value(*a), value(*b)) is agree


def test_times_normalise_zones() -> None:
    (et,) = T.find_times("It began at 6:52 a.m. ET (10.52 GMT) today.")
    assert et.alts and et.alts[0].zone == "gmt"
    v_et = T.time_value(et, "")
    (gmt,) = T.find_times("It began at 1052 GMT.")
    (uk,) = T.find_times("It began at 11.52am UK time.")
    (late,) = T.find_times("It began at 11.31am UK time.")
    assert T.values_agree(v_et, T.time_value(gmt, ""))
    assert T.values_agree(v_et, T.time_value(uk, ""))  # British summer time
    assert not T.values_agree(v_et, T.time_value(late, ""))
    # no zone: compared as written
    (seven,) = T.find_times("due to start at 7am")
    (eleven,) = T.find_times("due to start at 11am")
    assert not T.values_agree(T.time_value(seven, ""), T.time_value(eleven, ""))
    assert T.find_times("434.9 miles and 5.9 minutes and $10,000") == []


def test_split_merge_confirm(db_session: Session, stories) -> None:
    owner, arts = stories
    T.assign_topics(db_session, owner)
    topic = arts["storm"][0].topic
    moved = arts["storm"][2]
    single = T.split_article(db_session, topic, moved)
    db_session.commit()
    assert moved.topic_id == single.id and single.confirmed and topic.confirmed
    # regrouping keeps the teacher's decision
    T.assign_topics(db_session, owner)
    assert moved.topic_id == single.id
    assert sorted(a.id for a in topic.articles) == sorted(a.id for a in arts["storm"][:2])
    with pytest.raises(T.TopicError):
        T.split_article(db_session, single, moved)
    T.merge_topics(db_session, topic, single)
    db_session.commit()
    assert moved.topic_id == topic.id and len(topic.articles) == 3
    with pytest.raises(T.TopicError):
        T.merge_topics(db_session, topic, topic)
