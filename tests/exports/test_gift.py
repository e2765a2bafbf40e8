"""GIFT export (docs/formats.md, Moodle's reader) and import, round trip included."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank import exports
from question_bank.exports.base import ImportedOption, ImportedQuestion, ImportFormatError
from question_bank.exports.gift import decode_gift, escape, export_gift, import_gift
from question_bank.models import Question, QuestionKind
from tests.exports.conftest import NASTY

ESCAPED_PAIR = re.compile(r"\\[\\~=#{}:n]")


def _blocks(text: str) -> list[str]:
    return [b for b in text.rstrip("\n").split("\n\n") if b.strip()]


def _question_blocks(text: str) -> dict[str, str]:
    found = {}
    for block in _blocks(text):
        match = re.search(r"^::(q\d+v\d+)::", block, re.M)
        if match:
            found[match.group(1)] = block
    return found


def test_escape_covers_every_special_character() -> None:
    assert escape('a~b=c#d{e}f:g\\h\ni"j') == 'a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"j'


def test_export_is_utf8_bytes_with_categories_per_article(bank: list[Question]) -> None:
    data = exports.export_bank(bank, "gift")
    text = data.decode("utf-8")  # strict: must be UTF-8
    assert "Zoë" in text and "🚀" in text
    categories = [line for line in text.splitlines() if line.startswith("$CATEGORY:")]
    assert categories == [
        "$CATEGORY: $course$/top/Science fair",
        '$CATEGORY: $course$/top/Café: "A//B" {test} #1 ~ = \\ 🚀',
    ]
    # Each category line is a block of its own (Moodle reads the block as the category).
    category_blocks = [b for b in _blocks(text) if b.startswith("$CATEGORY:")]
    assert len(category_blocks) == 2 and all("\n" not in b for b in category_blocks)


def test_every_question_is_one_block_with_name_evidence_and_no_blank_line(
    bank: list[Question],
) -> None:
    text = export_gift(bank)
    blocks = _question_blocks(text)
    assert set(blocks) == {f"q{q.id}v{q.version}" for q in bank}
    for question in bank:
        block = blocks[f"q{question.id}v{question.version}"]
        lines = block.split("\n")
        assert lines[0].startswith(f"// [id:q{question.id}v{question.version}] [tag:article:")
        assert f"[tag:evidence:{question.evidence_start}-{question.evidence_end}]" in lines[0]
        assert lines[1].startswith("// evidence: ")
        evidence = json.loads(lines[1][len("// evidence: ") :])
        assert evidence == {
            "article": question.article.title,
            "start": question.evidence_start,
            "end": question.evidence_end,
            "text": question.evidence_text,
        }
        assert lines[2].startswith(f"::q{question.id}v{question.version}::[plain]")
        assert all(line.strip() for line in lines), "blank line inside a question"
        # Braces: exactly one unescaped {...} answer block, closing the question.
        bare = ESCAPED_PAIR.sub("", "\n".join(lines[2:]))
        assert bare.count("{") == 1 and bare.count("}") == 1 and bare.rstrip().endswith("}")


def test_mcq_syntax_matches_formats_md(bank: list[Question]) -> None:
    plain = bank[0]
    block = _question_blocks(export_gift(bank))[f"q{plain.id}v{plain.version}"]
    assert block.split("\n")[2:] == [
        f"::q{plain.id}v{plain.version}::[plain]Who won first prize at the science fair? {{",
        "=Maya Patel # Yes! She won first prize.",
        "~Tom Reed # Not quite\\: he came second.",
        "~Ana Lima",
        "####Maya's solar oven won the prize. The article says\\: "
        '"Maya Patel won first prize with a solar oven made from a pizza box."',
        "}",
    ]


def test_true_false_syntax(bank: list[Question]) -> None:
    blocks = _question_blocks(export_gift(bank))
    true_q, false_q, one = bank[2], bank[3], bank[4]
    assert blocks[f"q{true_q.id}v1"].endswith(
        "::[plain]Forty-two students showed projects. "
        "{TRUE#No \\{really\\}.#Yes\\: 42 \\= forty-two."
        '####The article says\\: "Forty-two students showed projects to the judges."}'
    )
    assert blocks[f"q{false_q.id}v1"].endswith(
        "::[plain]The robot weighed 24 kilograms\\: \\{true?\\} "
        "{FALSE####It weighed 42 kilograms, not 24. "
        'The article says\\: "The robot weighed 42 kilograms."}'
    )
    # Only the right-answer feedback: the wrong-answer slot stays empty ("##").
    assert "{TRUE##Right, Friday.####" in blocks[f"q{one.id}v1"]


def test_no_special_character_left_unescaped_in_texts(bank: list[Question]) -> None:
    nasty = bank[1]
    block = _question_blocks(export_gift(bank))[f"q{nasty.id}v1"]
    body = block.split("\n", 2)[2]  # after the two comment lines
    bare = ESCAPED_PAIR.sub("", body)
    stem = bare[bare.index("[plain]") + len("[plain]") : bare.index(" {")]
    assert not set(stem) & set("~=#{}:\\"), stem
    answers = bare[bare.index("{") + 1 : bare.rindex("}")]
    # The structure characters that remain are exactly ours: = and ~ leaders, # separators.
    assert [line[0] for line in answers.strip().split("\n")] == ["=", "~", "~", "#"]
    assert answers.count("#") == 2 + 4  # two answer feedbacks + "####"


def test_round_trip_gives_back_questions_keys_feedback_and_evidence(bank: list[Question]) -> None:
    imported = import_gift(decode_gift(exports.export_bank(bank, "gift")))
    expected = [
        ImportedQuestion.from_question(q) for q in sorted(bank, key=lambda q: (q.article_id, q.id))
    ]
    assert imported == expected
    nasty = next(i for i in imported if i.source_id == bank[1].id)
    assert NASTY in nasty.stem and nasty.options[2].text == "Line one\nline two"
    assert nasty.options[2].feedback == "#### not general feedback"


def test_imports_the_formats_md_example() -> None:
    text = (
        "$CATEGORY: $course$/top/Polaris Dawn\n\n"
        "::q17::Who was the first to leave the capsule? {\n"
        "=Jared Isaacman # Yes! He went out first.\n"
        "~Sarah Gillis # Not quite\\: she went out second.\n"
        "~Scott Poteet # Not quite\\: he stayed inside.\n"
        '####The article says\\: "Jared Isaacman ... was the first to exit the capsule."\n'
        "}\n\n"
        "::q18::Every crew member had to wear a spacesuit during the spacewalk. "
        "{TRUE####The hatch was open, so all four were exposed to space.}\n"
    )
    first, second = import_gift(text)
    assert first == ImportedQuestion(
        kind=QuestionKind.MCQ,
        stem="Who was the first to leave the capsule?",
        options=(
            ImportedOption("Jared Isaacman", True, "Yes! He went out first."),
            ImportedOption("Sarah Gillis", False, "Not quite: she went out second."),
            ImportedOption("Scott Poteet", False, "Not quite: he stayed inside."),
        ),
        explanation='The article says: "Jared Isaacman ... was the first to exit the capsule."',
        category="Polaris Dawn",
    )
    assert second.kind == QuestionKind.TRUE_FALSE
    assert [(o.text, o.correct) for o in second.options] == [("True", True), ("False", False)]
    assert second.explanation == "The hatch was open, so all four were exposed to space."


def test_imports_moodle_written_gift_with_html_and_short_keys() -> None:
    text = (
        "// question: 12  name: Capital\n"
        "::Capital::[html]<p>What is the capital of <b>France</b>?</p>{\n"
        "\t~%0%Lyon#<p>No</p>\n"
        "\t=Paris#Yes\n"
        "}\n\n"
        "// question: 13\n"
        "Paris is in Spain.{F#Wrong\\: it is in France.#Right.}\n"
    )
    capital, spain = import_gift(text)
    assert capital.stem == "What is the capital of France?"
    assert capital.options == (
        ImportedOption("Lyon", False, "No"),
        ImportedOption("Paris", True, "Yes"),
    )
    assert capital.source_id is None
    assert spain.options == (
        ImportedOption("True", False, "Wrong: it is in France."),
        ImportedOption("False", True, "Right."),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No questions"),
        ("// only a comment\n", "No questions"),
        ("Who? {=A ~B", "braces"),
        ("Who? =A ~B}", "braces"),
        ("Who? {=A ~B} and {=C ~D}", "more than one answer block"),
        ("Who? {=A =B ~C}", "exactly one answer"),
        ("Who? {~A ~B}", "exactly one answer"),
        ("Who? {=A}", "only multiple-choice and true/false"),
        ("Who? {#3:1}", "only multiple-choice and true/false"),
        ("Who? {}", "answers are empty"),
        ("Just a description", "no answers"),
        ("::name Who? {=A ~B}", "name"),
        ("{=A ~B}", "no text"),
        ("Who? {=A ~%50%B}", "partial-credit"),
        ("// evidence: {not json\nWho? {=A ~B}", "not valid JSON"),
        ('// evidence: {"start": -1}\nWho? {=A ~B}', "whole numbers"),
        ("Who?\x00 {=A ~B}", "NUL"),
        ("Who? \U000f0000 {=A ~B}", "private use"),
    ],
)
def test_malformed_gift_gets_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        import_gift(text)


def test_error_names_the_line_of_the_bad_question() -> None:
    with pytest.raises(ImportFormatError, match="line 4"):
        import_gift("A? {=x ~y}\n\n\nB? {=x =y ~z}\n")


def test_non_utf8_upload_is_refused_clearly() -> None:
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        decode_gift("Qui a gagné ? {=Zoé ~Léa}".encode("latin-1"))
    assert decode_gift("\ufeffA? {=x ~y}".encode()) == "A? {=x ~y}"


@pytest.mark.parametrize(
    ("explanation", "feedback"),
    [
        ("Maya won.", 'Maya won. The article says: "Maya Patel won."'),
        ('The article says: "Maya Patel won."', 'The article says: "Maya Patel won."'),
        ("As written: Maya Patel won.", "As written: Maya Patel won."),
        # Looks like our suffix but already quotes the evidence: kept whole.
        (
            'Maya Patel won. The article says: "Maya Patel won."',
            'Maya Patel won. The article says: "Maya Patel won."',
        ),
    ],
)
def test_general_feedback_is_explanation_plus_quote_and_splits_back(
    explanation: str, feedback: str
) -> None:
    from question_bank.exports.base import general_feedback, split_general_feedback

    assert general_feedback(explanation, "Maya Patel won.") == feedback
    assert split_general_feedback(feedback, "Maya Patel won.") == explanation
    # An empty explanation becomes the quote (and comes back as the quote).
    assert general_feedback("", "Maya Patel won.") == 'The article says: "Maya Patel won."'


GIFT_TOKENS = [
    "::q1v2::", "::", "{", "}", "=", "~", "#", "####", "\\", "\\:", "TRUE", "F", "%50%",
    "%0%", "\n", "\n\n", "// evidence: ", '{"start": 1, "end": 2, "text": "x"}', "// [id:x]",
    "$CATEGORY: ", "[html]", "[plain]", "<p>", "&amp;", "Who?", "Zoë 🚀", " ", "\x00", "\r",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(GIFT_TOKENS), max_size=30).map("".join) | st.text())
def test_any_text_gives_questions_or_a_clear_error(text: str) -> None:
    try:
        questions = import_gift(text)
    except ImportFormatError:
        return
    assert questions and all(len(q.options) >= 2 for q in questions)
    assert all(sum(o.correct for o in q.options) == 1 for q in questions)
