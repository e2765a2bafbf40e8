"""Fixtures for the topic tests: hand-written topics stored without the generator, and the
seed articles generated once per module (the expensive part) and stored per test."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from question_bank.bank import content_hash
from question_bank.models import Article, Sentence, Teacher

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture()
def store_text(db_session: Session) -> Callable[..., Article]:
    """Store an article cleaned by ingest (sentences only, no questions)."""
    from question_bank.ingest import clean_article

    def factory(owner: Teacher, title: str, outlet: str, raw: str) -> Article:
        clean = clean_article(raw, fmt="text", title=title)
        article = Article(
            owner=owner,
            title=title,
            outlet=outlet,
            original_text=raw,
            text=clean.text,
            content_hash=content_hash(raw),
        )
        article.sentences = [
            Sentence(
                index=s.index,
                start=s.start,
                end=s.end,
                text=s.text,
                usable=s.usable,
                skip_reason=s.skip_reason,
            )
            for s in clean.sentences
        ]
        db_session.add(article)
        db_session.commit()
        return article

    return factory


@pytest.fixture(scope="module")
def seed_results() -> list[tuple[dict[str, Any], Any]]:
    """The five seeds through the generator, once per module."""
    from question_bank.generator import generate

    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    return [
        (entry, generate((SEEDS / entry["file"]).read_text(encoding="utf-8"), title=entry["title"]))
        for entry in manifest
    ]


@pytest.fixture()
def seed_articles(
    db_session: Session, seed_results: list[tuple[dict[str, Any], Any]]
) -> Callable[[Teacher], list[Article]]:
    from question_bank import bank

    def factory(owner: Teacher) -> list[Article]:
        out = []
        for entry, result in seed_results:
            out.append(
                bank.store_generated(
                    db_session,
                    owner,
                    result,
                    title=entry["title"],
                    outlet=f"Outlet {entry['file'][:3]}",
                    source_name=entry["file"],
                    ready_threshold=0.0,
                )
            )
        db_session.commit()
        return out

    return factory
