"""``quizapp topics``: group articles into topics and print the facts checked across sources."""

from __future__ import annotations

import json
from typing import Any

import click
from flask.cli import with_appcontext

from question_bank import topics as qtopics
from question_bank.models import Article, Topic
from quizapp.db import cli_session


def _quote(q: qtopics.Quote) -> dict[str, Any]:
    return {
        "article_id": q.article_id,
        "sentence_index": q.sentence_index,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "value_text": q.value_text,
    }


def topic_report(
    topic: Topic, articles: list[Article], alignment: qtopics.Alignment
) -> dict[str, Any]:
    """A topic as plain data: articles, facts with status and quotes, name conflicts."""
    return {
        "id": topic.id,
        "name": topic.name,
        "confirmed": topic.confirmed,
        "articles": [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "source_name": a.source_name}
            for a in articles
        ],
        "facts": [
            {
                "subject": f.subject,
                "relation": f.relation,
                "value_type": f.value_type,
                "label": f.label,
                "status": f.status,
                "sources": len(f.article_ids),
                "values": [
                    {
                        "value": g.display,
                        "written": list(g.values),
                        "quotes": [_quote(q) for q in g.quotes],
                    }
                    for g in f.groups
                ],
            }
            for f in alignment.facts
        ],
        "name_conflicts": [
            {
                "majority": c.majority,
                "minority": c.minority,
                "reason": c.reason,
                "minority_quotes": [_quote(q) for q in c.minority_quotes],
                "majority_quotes": [_quote(q) for q in c.majority_quotes],
            }
            for c in alignment.name_conflicts
        ],
    }


@click.command("topics")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@click.option("--teacher", "teacher_email", help="Whose articles to group.")
@with_appcontext
def topics_command(fmt: str, teacher_email: str | None) -> None:
    """Group articles into topics (if needed) and print facts: corroborated, single, conflicting."""
    from quizapp.cli import _teacher_for

    with cli_session() as db:
        owner = _teacher_for(db, teacher_email)
        topics = qtopics.assign_topics(db, owner)
        db.commit()
        reports = []
        for topic in topics:
            articles = qtopics.topic_articles(db, topic)
            reports.append(topic_report(topic, articles, qtopics.align_topic(db, topic)))
    if fmt == "json":
        click.echo(json.dumps({"topics": reports}, ensure_ascii=False, indent=2))
        return
    for r in reports:
        click.echo(f"Topic {r['id']}: {r['name']} ({len(r['articles'])} articles)")
        for c in r["name_conflicts"]:
            click.echo(f"  NAME  {c['minority']} vs {c['majority']}: {c['reason']}")
        for f in r["facts"]:
            values = " | ".join(", ".join(v["written"]) for v in f["values"])
            click.echo(f"  {f['status']:<12} {f['label']}: {values}")
