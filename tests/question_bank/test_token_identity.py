"""spaCy makes a new Token object on every access (``doc[0] is doc[0]`` is False), so tokens
are compared by index. A walk up the tree that stopped at ``tok.head is tok`` never stopped at
a root that is not a verb: generation hung on such a sentence. These tests fail (by alarm)
instead of hanging if that comes back."""

from __future__ import annotations

import ast
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from question_bank import candidates, gates
from question_bank.nlp import get_nlp

PACKAGE = Path(candidates.__file__).resolve().parent


@pytest.fixture()
def alarm() -> Iterator[None]:
    def fail(*_: object) -> None:
        raise TimeoutError("a walk up the parse tree did not stop")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_spacy_tokens_are_not_identical_objects() -> None:
    doc = get_nlp()("The dog barked.")
    assert doc[1] is not doc[1]  # why identity comparisons of tokens are always wrong
    assert doc[1].i == doc[1].i


def test_clause_verb_stops_at_a_root_that_is_not_a_verb(alarm: None) -> None:
    doc = get_nlp()("A new record for the village and its school.")
    roots = [t for t in doc if t.dep_ == "ROOT"]
    assert roots and roots[0].pos_ not in ("VERB", "AUX")
    for tok in doc:
        assert gates._clause_verb(tok).i == roots[0].i or gates._clause_verb(tok).pos_ in (
            "VERB",
            "AUX",
        )


def test_own_subject_possessive_stops_at_a_verbless_root(alarm: None) -> None:
    doc = get_nlp()("A new record for the village and its school.")
    its = next(t for t in doc if t.lower_ == "its")
    assert candidates._own_subject_possessive(its) is False


def test_generation_finishes_on_verbless_sentences(alarm: None) -> None:
    from question_bank import generate

    text = (
        "A new record for the village and its school. Their best day in years. "
        "The school choir sang at the village fair on Saturday. Mrs Patel led the choir. "
        "Forty children took part in the show, and their parents cheered loudly."
    )
    result = generate(text)
    for q in result.questions:
        assert result.article.text[q.evidence.start : q.evidence.end] == q.evidence.text


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def test_no_identity_comparison_of_tokens_in_the_generator() -> None:
    """``x is tok``/``x.head is not x`` between tokens: always False/True, never meant."""
    token_names = {"tok", "token", "head", "root", "verb", "cur", "subj_tok", "t", "h", "v", "c"}
    token_names |= {"child", "nxt", "subj", "obj"}
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            for op, right in zip(node.ops, node.comparators, strict=True):
                if not isinstance(op, ast.Is | ast.IsNot):
                    continue
                sides = (node.left, right)
                if any(isinstance(side, ast.Constant) for side in sides):
                    continue  # "is None", "is True"
                names = {_name(side) for side in sides}
                on_head = "head" in names  # "x.head is x"
                two_tokens = len(names) == 2 and names <= token_names  # "child is subj_tok"
                if names & token_names and (on_head or two_tokens):
                    found.append(f"{path.name}:{node.lineno}")
    assert not found, found
