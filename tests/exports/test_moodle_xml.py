"""Moodle XML export (structure Moodle's importer reads) and safe import, round trip included."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from question_bank import exports
from question_bank.exports.base import ImportedOption, ImportedQuestion, ImportFormatError
from question_bank.exports.moodle_xml import import_moodle_xml
from question_bank.models import Question, QuestionKind
from tests.exports.conftest import NASTY


def _questions(data: bytes) -> list[ET.Element]:
    return ET.fromstring(data).findall("question")


def _by_idnumber(data: bytes) -> dict[str, ET.Element]:
    return {q.findtext("idnumber"): q for q in _questions(data) if q.get("type") != "category"}


def test_document_is_utf8_with_declaration_and_quiz_root(bank: list[Question]) -> None:
    data = exports.export_bank(bank, "moodle-xml")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    data.decode("utf-8")
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    kinds = [q.get("type") for q in root.findall("question")]
    # One category pseudo-question per article, before that article's questions.
    assert kinds == [
        "category", "multichoice", "truefalse", "truefalse",
        "category", "multichoice", "truefalse",
    ]  # fmt: skip
    categories = [q.findtext("category/text") for q in root.findall("question[@type='category']")]
    assert categories == [
        "$course$/top/Science fair",
        '$course$/top/Café: "A//B" {test} #1 ~ = \\ 🚀',
    ]


def test_multichoice_has_every_field_moodle_reads(bank: list[Question]) -> None:
    plain = bank[0]
    q = _by_idnumber(exports.export_bank(bank, "moodle-xml"))[f"q{plain.id}v1"]
    assert q.get("type") == "multichoice"
    assert q.findtext("name/text") == f"q{plain.id}v1"
    assert q.find("questiontext").get("format") == "html"
    assert q.findtext("questiontext/text") == "Who won first prize at the science fair?"
    assert q.findtext("generalfeedback/text") == html.escape(
        "Maya's solar oven won the prize. The article says: "
        '"Maya Patel won first prize with a solar oven made from a pizza box."',
        quote=False,
    )
    assert q.findtext("defaultgrade") == "1"
    assert q.findtext("penalty") == "0.3333333"
    assert q.findtext("hidden") == "0"
    assert q.findtext("single") == "true"
    assert q.findtext("shuffleanswers") == "true"
    assert q.findtext("answernumbering") == "abc"
    answers = [
        (a.get("fraction"), a.findtext("text"), a.findtext("feedback/text"))
        for a in q.findall("answer")
    ]
    assert answers == [
        ("100", "Maya Patel", "Yes! She won first prize."),
        ("0", "Tom Reed", "Not quite: he came second."),
        ("0", "Ana Lima", ""),
    ]
    tags = [t.findtext("text") for t in q.findall("tags/tag")]
    assert tags == ["article:Science fair", f"evidence:{plain.evidence_start}-{plain.evidence_end}"]


def test_truefalse_answers_are_true_and_false_with_fractions(bank: list[Question]) -> None:
    data = exports.export_bank(bank, "moodle-xml")
    by_id = _by_idnumber(data)
    true_q, false_q = by_id[f"q{bank[2].id}v1"], by_id[f"q{bank[3].id}v1"]
    assert true_q.get("type") == "truefalse"
    assert [(a.findtext("text"), a.get("fraction")) for a in true_q.findall("answer")] == [
        ("true", "100"),
        ("false", "0"),
    ]
    assert [a.findtext("feedback/text") for a in true_q.findall("answer")] == [
        "Yes: 42 = forty-two.",
        "No {really}.",
    ]
    assert [(a.findtext("text"), a.get("fraction")) for a in false_q.findall("answer")] == [
        ("true", "0"),
        ("false", "100"),
    ]


def test_markup_in_texts_is_escaped_html_not_markup(bank: list[Question]) -> None:
    data = exports.export_bank(bank, "moodle-xml")
    q = _by_idnumber(data)[f"q{bank[1].id}v1"]
    stem_html = q.findtext("questiontext/text")
    # Moodle renders the field as HTML: the script must arrive as text, not as a tag.
    assert "<script>" not in stem_html and "&lt;script&gt;" in stem_html
    assert "&amp;amp;" in stem_html  # a literal "&amp;" in the stem stays literal
    assert b"<![CDATA[" in data


def test_round_trip_gives_back_questions_keys_feedback_and_evidence(bank: list[Question]) -> None:
    imported = import_moodle_xml(exports.export_bank(bank, "moodle-xml"))
    expected = [
        ImportedQuestion.from_question(q) for q in sorted(bank, key=lambda q: (q.article_id, q.id))
    ]
    assert imported == expected
    nasty = next(i for i in imported if i.source_id == bank[1].id)
    assert NASTY in nasty.stem and nasty.options[2].text == "Line one\nline two"


MOODLE_SAMPLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Default for Year 5/Space</text></category>
  </question>
  <question type="multichoice">
    <name><text>Planets</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which planet is <b>red</b>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;Iron oxide.&lt;/p&gt;</text></generalfeedback>
    <single>true</single>
    <answer fraction="0" format="html"><text>Venus</text>
      <feedback format="html"><text></text></feedback></answer>
    <answer fraction="100.0000000" format="html"><text><![CDATA[<p>Mars</p>]]></text>
      <feedback format="html"><text>Yes</text></feedback></answer>
  </question>
  <question type="truefalse">
    <name><text>Sun</text></name>
    <questiontext format="moodle_auto_format"><text>The Sun is a star.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Right</text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text>It is.</text></feedback></answer>
  </question>
</quiz>
"""


def test_imports_a_moodle_written_file() -> None:
    planets, sun = import_moodle_xml(MOODLE_SAMPLE)
    assert planets == ImportedQuestion(
        kind=QuestionKind.MCQ,
        stem="Which planet is red?",
        options=(ImportedOption("Venus", False, ""), ImportedOption("Mars", True, "Yes")),
        explanation="Iron oxide.",
        category="Default for Year 5/Space",
    )
    assert sun.options == (
        ImportedOption("True", True, "Right"),
        ImportedOption("False", False, "It is."),
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz><question type="truefalse"><questiontext><text>&lol9;</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>
"""

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><questiontext><text>&secret;</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://127.0.0.1:9/evil.dtd">
<quiz/>
"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE_FILE, EXTERNAL_DTD])
def test_entities_and_dtds_are_refused(data: bytes) -> None:
    with pytest.raises(ImportFormatError, match="refused for safety"):
        import_moodle_xml(data)


def _mc(answers: str, extra: str = "") -> bytes:
    return (
        '<quiz><question type="multichoice"><name><text>X</text></name>'
        f"<questiontext format='html'><text>Who?</text></questiontext>{extra}{answers}"
        "</question></quiz>"
    ).encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed"),
        (b"\xff\xfe<\x00q\x00", "not well-formed"),
        (b"<quiz><question>", "not well-formed"),
        (b"<html><body/></html>", "no <quiz> root"),
        (b"<quiz/>", "No questions"),
        (b'<quiz><question type="essay"><questiontext><text>Hi</text></questiontext>'
         b"</question></quiz>", "essay questions cannot be imported"),
        (_mc('<answer fraction="100"><text>A</text></answer>'), "needs two answers"),
        (_mc('<answer fraction="100"><text>A</text></answer>'
             '<answer fraction="100"><text>B</text></answer>'), "exactly one answer"),
        (_mc('<answer fraction="50"><text>A</text></answer>'
             '<answer fraction="100"><text>B</text></answer>'), "partial-credit"),
        (_mc('<answer fraction="lots"><text>A</text></answer>'), "not a number"),
        (_mc('<answer fraction="100"><text> </text></answer>'
             '<answer fraction="0"><text>B</text></answer>'), "answer is empty"),
        (_mc("", "<single>false</single>"), "multiple-answer"),
        (_mc('<answer fraction="100"><text>A</text></answer>'
             '<answer fraction="0"><text>B</text></answer>',
             '<quizapp_evidence start="x" end="2"><text>E</text></quizapp_evidence>'),
         "whole numbers"),
        (b'<quiz><question type="truefalse"><questiontext><text>Hi</text></questiontext>'
         b'<answer fraction="100"><text>yes</text></answer>'
         b'<answer fraction="0"><text>no</text></answer></question></quiz>', "'true'"),
        (b'<quiz><question type="multichoice"><questiontext><text/></questiontext>'
         b"</question></quiz>", "no text"),
    ],
)  # fmt: skip
def test_malformed_xml_gets_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        import_moodle_xml(data)


@settings(max_examples=200, deadline=None)
@given(st.binary() | st.text().map(lambda t: ("<quiz>" + t + "</quiz>").encode()))
def test_any_bytes_give_questions_or_a_clear_error(data: bytes) -> None:
    try:
        questions = import_moodle_xml(data)
    except ImportFormatError:
        return
    assert questions
