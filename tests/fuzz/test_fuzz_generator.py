"""Any text into ingest and generation: questions or an IngestError, never another exception,
and every offset valid (Hypothesis)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from question_bank.generator import generate
from question_bank.types import IngestError

SENTENCES = [
    "Maya Patel won first prize at the science fair on Friday.",
    "The oven reached 90 degrees Celsius.",
    "Forty-two students from Leeds showed projects to the judges.",
    "NASA launched the rocket from Florida in September 2024.",
    "<script>alert(1)</script>",
    "Image source, SpaceX",
    "{{7*7}}",
    "\u202eevil\u202c text",
    "zero\u200bwidth",
    "",
    "\n\n",
]

article_text = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.one_of(st.sampled_from(SENTENCES), st.text(max_size=40)), min_size=0, max_size=25
    ).map(" ".join),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=article_text, fmt=st.sampled_from(["text", "markdown", "html"]))
@example(text=" ".join(SENTENCES[:4] * 2), fmt="text")  # a real article: questions come out
def test_generation_gives_questions_or_an_ingest_error(text: str, fmt: str) -> None:
    try:
        result = generate(text, fmt=fmt, rng=random.Random(0))
    except IngestError as error:
        assert str(error)  # a message for the teacher
        return
    clean = result.article
    for sentence in clean.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(clean.text)
        assert clean.text[sentence.start : sentence.end] == sentence.text
    for question in result.questions:
        evidence = question.evidence
        assert 0 <= evidence.start < evidence.end <= len(clean.text)
        assert clean.text[evidence.start : evidence.end] == evidence.text
        assert sum(o.correct for o in question.options) == 1
        assert question.stem.strip()
