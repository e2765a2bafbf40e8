"""The five seed reports of one event: one topic, the naming error, the disagreements, and a
topic quiz that asks nothing another source contradicts."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from question_bank import bank
from question_bank import topics as T
from question_bank.models import Article, Question, QuestionStatus, Teacher


def _setup(db_session: Session, make_teacher, seed_articles) -> tuple[Teacher, list[Article]]:
    owner = make_teacher()
    arts = seed_articles(owner)
    T.assign_topics(db_session, owner)
    db_session.commit()
    return owner, arts


def test_seeds_form_one_topic(db_session: Session, make_teacher, seed_articles) -> None:
    owner, arts = _setup(db_session, make_teacher, seed_articles)
    topics = T.owner_topics(db_session, owner)
    assert len(topics) == 1
    assert sorted(a.id for a in topics[0].articles) == sorted(a.id for a in arts)


def test_name_conflict_with_quotes(db_session: Session, make_teacher, seed_articles) -> None:
    owner, arts = _setup(db_session, make_teacher, seed_articles)
    al = T.align_topic(db_session, arts[0].topic)
    assert len(al.name_conflicts) == 1
    c = al.name_conflicts[0]
    majority, minority = c.majority.split(), c.minority.split()
    assert majority[0] == minority[0] and majority[-1] != minority[-1]
    assert {q.article_id for q in c.minority_quotes} == {arts[2].id}
    assert len({q.article_id for q in c.majority_quotes}) >= 4
    by_id = {a.id: a for a in arts}
    for q in (*c.minority_quotes, *c.majority_quotes):
        assert by_id[q.article_id].text[q.start : q.end] == q.text
    assert all(minority[-1] in q.text for q in c.minority_quotes)


def test_distance_and_time_conflicts(db_session: Session, make_teacher, seed_articles) -> None:
    owner, arts = _setup(db_session, make_teacher, seed_articles)
    al = T.align_topic(db_session, arts[0].topic)
    lengths = [f for f in al.conflicts() if f.value_type == "length"]
    assert len(lengths) == 1
    written = {v for g in lengths[0].groups for v in g.values}
    numbers = {float(re.search(r"[\d.]+", v).group()) for v in written}  # type: ignore[union-attr]
    assert numbers == {400, 430, 434.9, 870}
    assert len(lengths[0].article_ids) >= 3
    # 870 stands alone; the others agree roughly with each other
    lone = [g for g in lengths[0].groups if any("870" in v for v in g.values)]
    assert len(lone) == 1 and lone[0].values == ("870 miles",)
    times = [f for f in al.conflicts() if f.value_type == "time"]
    assert times, "no time disagreement found"
    for f in (*lengths, *times):
        for q in f.quotes:
            assert q.value_text in q.text
    # agreements: the crew size and the ages stated by several sources
    crew = [f for f in al.facts if f.relation == "size" and f.status == T.CORROBORATED]
    assert crew and len(crew[0].article_ids) >= 4


def _contradicted(q: Question, al: T.Alignment) -> list[str]:
    """Independent check of a chosen question against the alignment."""
    problems = []
    texts = [q.stem, q.evidence_text, *(o.text for o in q.options)]
    for c in al.name_conflicts:
        if any(re.search(rf"\b{re.escape(f)}\b", t) for t in texts for f in c.minority_forms):
            problems.append("minority name")
    sentence = q.sentence.index if q.sentence else None
    for f in al.conflicts():
        if any(x.article_id == q.article_id and x.sentence_index == sentence for x in f.quotes):
            problems.append(f"evidence in conflict {f.label}")
    relation = (q.fact or {}).get("relation", "")
    for o in q.options:
        if o.is_correct:
            continue
        doers = al.agents.get(relation, {})
        if al.canonical(o.text) in doers:
            problems.append(f"distractor {o.text} also did {relation}")
    return problems


def test_topic_quiz_asks_nothing_contradicted(
    db_session: Session, make_teacher: Callable[..., Teacher], seed_articles
) -> None:
    owner, arts = _setup(db_session, make_teacher, seed_articles)
    topic = arts[0].topic
    al = T.align_topic(db_session, topic)
    chosen = T.topic_questions(db_session, topic, 10, alignment=al)
    assert chosen
    for q in chosen:
        assert _contradicted(q, al) == [], q.stem
    assert len({q.stem for q in chosen}) == len(chosen)
    # every question the filter dropped for a name really shows the minority name
    everything = [q for a in arts for q in a.questions if q.status == QuestionStatus.READY]
    minority = al.name_conflicts[0].minority_forms
    for q in everything:
        if any(f in t for f in minority for t in [q.stem, q.evidence_text]):
            assert q not in chosen
    quiz = bank.create_quiz(db_session, owner, "Topic quiz", chosen)
    assert len(quiz.items) == len(chosen)


def test_media_literacy_items_from_real_conflicts(
    db_session: Session, make_teacher: Callable[..., Teacher], seed_articles
) -> None:
    owner, arts = _setup(db_session, make_teacher, seed_articles)
    topic = arts[0].topic
    al = T.align_topic(db_session, topic)
    items = T.media_literacy_questions(db_session, topic, al)
    db_session.commit()
    assert items
    labels = {T.source_label(a): a for a in arts}
    for q in items:
        assert q.transformation == T.MEDIA_LITERACY
        assert sum(o.is_correct for o in q.options) == 1
        key = labels[q.correct_option.text]  # type: ignore[union-attr]
        assert key.id == q.article_id
        assert q.article.text[q.evidence_start : q.evidence_end] == q.evidence_text
        fact = next(f for f in al.conflicts() if f.relation == q.fact["relation"])  # type: ignore[index]
        assert len(fact.article_ids) >= 2
        # every wrong option names an article that gives a different value
        asked = next(g for g in fact.groups if key.id in g.article_ids)
        for o in q.options:
            if not o.is_correct:
                assert labels[o.text].id not in asked.article_ids
    # built again: reused, not duplicated
    again = T.media_literacy_questions(db_session, topic, al)
    assert [q.id for q in again] == [q.id for q in items]
