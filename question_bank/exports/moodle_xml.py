"""Moodle XML: export and import (docs/formats.md).

Export: ``<quiz>`` with a ``category`` pseudo-question per article (``$course$/top/<title>``)
followed by its ``multichoice`` / ``truefalse`` questions, shaped like Moodle's own writer
(question/format/xml). Texts in ``format="html"`` fields are HTML-escaped inside CDATA, so
``<script>`` in a stem is shown as typed. The question version's ``q<id>v<version>`` is the
name and the ``idnumber``; tags ``article:<title>`` and ``evidence:<start>-<end>`` carry the source
for Moodle users, and a ``<quizapp_evidence>`` element (Moodle ignores elements it does not know)
carries the exact evidence sentence back to our importer.

Import uses defusedxml with DTDs refused: no entity expansion (billion laughs), no external
entities or DTDs (XXE). Anything we cannot import gets an :class:`ImportFormatError`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from xml.etree.ElementTree import Element as StdElement
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from lxml import etree

from question_bank.exports.base import (
    ImportedOption,
    ImportedQuestion,
    ImportFormatError,
    general_feedback,
    html_to_text,
    parse_question_name,
    question_name,
    split_general_feedback,
    true_false_options,
    xml_safe,
)
from question_bank.models import Question, QuestionKind

CATEGORY_PREFIX = "$course$/top/"
EVIDENCE_TAG = "quizapp_evidence"
EVIDENCE_RE = re.compile(r"^evidence:(\d+)-(\d+)$")
MAX_XML_BYTES = 20 * 1024 * 1024


# ---------------------------------------------------------------- export


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _html_field(parent: etree._Element, tag: str, text: str) -> etree._Element:
    """``<tag format="html"><text><![CDATA[escaped text]]></text></tag>``."""
    field = _sub(parent, tag, format="html")
    inner = _sub(field, "text")
    inner.text = etree.CDATA(html.escape(xml_safe(text), quote=False))
    return field


def _answer(
    parent: etree._Element, text: str, correct: bool, feedback: str, *, fmt: str = "html"
) -> None:
    answer = _sub(parent, "answer", fraction="100" if correct else "0", format=fmt)
    inner = _sub(answer, "text")
    if fmt == "html":
        inner.text = etree.CDATA(html.escape(xml_safe(text), quote=False))
    else:
        inner.text = xml_safe(text)
    _html_field(answer, "feedback", feedback)


def _category(root: etree._Element, title: str) -> None:
    question = _sub(root, "question", type="category")
    category = _sub(question, "category")
    _sub(category, "text", CATEGORY_PREFIX + " ".join(title.split()).replace("/", "//"))
    _html_field(question, "info", "")
    _sub(question, "idnumber", "")


def _question(root: etree._Element, q: Question) -> None:
    is_tf = q.kind == QuestionKind.TRUE_FALSE
    question = _sub(root, "question", type="truefalse" if is_tf else "multichoice")
    name = _sub(question, "name")
    _sub(name, "text", question_name(q))
    _html_field(question, "questiontext", q.stem)
    _html_field(question, "generalfeedback", general_feedback(q.explanation, q.evidence_text))
    _sub(question, "defaultgrade", "1")
    _sub(question, "penalty", "1" if is_tf else "0.3333333")
    _sub(question, "hidden", "0")
    _sub(question, "idnumber", question_name(q))
    if is_tf:
        true_opt, false_opt = true_false_options(q)
        _answer(
            question, "true", true_opt.is_correct, true_opt.feedback or "", fmt="moodle_auto_format"
        )
        _answer(
            question,
            "false",
            false_opt.is_correct,
            false_opt.feedback or "",
            fmt="moodle_auto_format",
        )
    else:
        _sub(question, "single", "true")
        _sub(question, "shuffleanswers", "true")
        _sub(question, "answernumbering", "abc")
        _sub(question, "showstandardinstruction", "0")
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _html_field(question, tag, "")
        for option in q.options:
            _answer(question, option.text, option.is_correct, option.feedback or "")
    tags = _sub(question, "tags")
    for value in (
        "article:" + " ".join(q.article.title.split()),
        f"evidence:{q.evidence_start}-{q.evidence_end}",
    ):
        _sub(_sub(tags, "tag"), "text", value)
    evidence = _sub(
        question,
        EVIDENCE_TAG,
        article=xml_safe(q.article.title),
        start=str(q.evidence_start),
        end=str(q.evidence_end),
    )
    _sub(evidence, "text", q.evidence_text)


def export_moodle_xml(questions: Sequence[Question]) -> bytes:
    """The questions as a Moodle XML document (UTF-8, with XML declaration)."""
    root = etree.Element("quiz")
    root.append(etree.Comment(" Exported from quizapp: article-grounded questions "))
    current: int | None = None
    for q in sorted(questions, key=lambda q: (q.article_id, q.id)):
        if q.article_id != current:
            current = q.article_id
            _category(root, q.article.title)
        _question(root, q)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


# ---------------------------------------------------------------- import


def _parse(data: bytes) -> StdElement:
    if not isinstance(data, bytes | bytearray):
        raise ImportFormatError("Moodle XML must be given as bytes (the uploaded file).")
    if len(data) > MAX_XML_BYTES:
        raise ImportFormatError("The XML file is too large (20 MB at most).")
    try:
        root = SafeET.fromstring(bytes(data), forbid_dtd=True)
    except DefusedXmlException as error:
        raise ImportFormatError(
            "The XML file declares a DTD or entities; they are refused for safety "
            "(Moodle never writes them)."
        ) from error
    except ParseError as error:
        line, column = error.position
        raise ImportFormatError(
            f"The file is not well-formed XML (line {line}, column {column})."
        ) from error
    if not isinstance(root, StdElement) or root.tag != "quiz":
        raise ImportFormatError("This is not a Moodle XML question file (no <quiz> root).")
    return root


def _text_of(element: StdElement | None, path: str = "text") -> str:
    if element is None:
        return ""
    inner = element.find(path) if path else element
    return (inner.text or "") if inner is not None else ""


def _formatted(element: StdElement | None, default: str = "html") -> str:
    """The text of a ``<x format="..."><text>`` field, as plain text."""
    if element is None:
        return ""
    fmt = element.get("format", default)
    text = _text_of(element)
    if fmt == "html" or (fmt == "moodle_auto_format" and "<" in text):
        return html_to_text(text)
    return text


def _int(value: str | None, where: str) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise ImportFormatError(f"{where}: evidence offsets must be whole numbers.")
    return int(value)


def _category_title(path: str) -> str:
    path = path.strip()
    for prefix in (CATEGORY_PREFIX, "$course$/", "$system$/", "$module$/", "$cat1$/"):
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    path = path.removeprefix("top/")
    return path.replace("//", "/")


def _fraction(answer: StdElement, where: str) -> bool:
    raw = answer.get("fraction", "0")
    try:
        value = float(raw)
    except ValueError as error:
        raise ImportFormatError(f"{where}: answer fraction {raw!r} is not a number.") from error
    if value == 100:
        return True
    if value == 0:
        return False
    raise ImportFormatError(f"{where}: partial-credit answers are not supported.")


def _read_question(element: StdElement, where: str, category: str | None) -> ImportedQuestion:
    qtype = element.get("type", "")
    name = _text_of(element.find("name"))
    where = f"{where} ({name})" if name else where
    stem = _formatted(element.find("questiontext"))
    if not stem.strip():
        raise ImportFormatError(f"{where}: the question has no text.")
    general = _formatted(element.find("generalfeedback"))
    source_id, source_version = parse_question_name(_text_of(element.find("idnumber"), ""))
    if source_id is None:
        source_id, source_version = parse_question_name(name)

    article = category
    ev_text: str | None = None
    ev_start: int | None = None
    ev_end: int | None = None
    for tag in element.findall("tags/tag"):
        value = _text_of(tag)
        match = EVIDENCE_RE.match(value)
        if match:
            ev_start, ev_end = int(match.group(1)), int(match.group(2))
        elif value.startswith("article:"):
            article = value[len("article:") :]
    evidence = element.find(EVIDENCE_TAG)
    if evidence is not None:
        ev_text = _text_of(evidence)
        ev_start = _int(evidence.get("start"), where)
        ev_end = _int(evidence.get("end"), where)
        article = evidence.get("article") or article

    answers = element.findall("answer")
    options: list[ImportedOption] = []
    if qtype == "multichoice":
        if _text_of(element, "single").strip().lower() in ("false", "0"):
            raise ImportFormatError(f"{where}: multiple-answer questions are not supported.")
        for answer in answers:
            text = _formatted(answer)
            if not text.strip():
                raise ImportFormatError(f"{where}: an answer is empty.")
            options.append(
                ImportedOption(text, _fraction(answer, where), _formatted(answer.find("feedback")))
            )
        if len(options) < 2:
            raise ImportFormatError(f"{where}: a multiple-choice question needs two answers.")
        if sum(o.correct for o in options) != 1:
            raise ImportFormatError(f"{where}: exactly one answer must be right (fraction 100).")
        kind = QuestionKind.MCQ
    elif qtype == "truefalse":
        by_value: dict[str, ImportedOption] = {}
        for answer in answers:
            value = _text_of(answer).strip().lower()
            label = {"true": "True", "false": "False"}.get(value)
            if label is None or value in by_value:
                raise ImportFormatError(
                    f"{where}: a true/false question needs one 'true' and one 'false' answer."
                )
            by_value[value] = ImportedOption(
                label, _fraction(answer, where), _formatted(answer.find("feedback"))
            )
        if set(by_value) != {"true", "false"}:
            raise ImportFormatError(
                f"{where}: a true/false question needs one 'true' and one 'false' answer."
            )
        options = [by_value["true"], by_value["false"]]
        if options[0].correct == options[1].correct:
            raise ImportFormatError(f"{where}: exactly one of true/false must be right.")
        kind = QuestionKind.TRUE_FALSE
    else:
        raise ImportFormatError(
            f"{where}: {qtype or 'untyped'} questions cannot be imported "
            "(only multichoice and truefalse)."
        )
    return ImportedQuestion(
        kind=kind,
        stem=stem,
        options=tuple(options),
        explanation=split_general_feedback(general, ev_text),
        evidence_text=ev_text,
        evidence_start=ev_start,
        evidence_end=ev_end,
        source_id=source_id,
        source_version=source_version,
        category=article,
    )


def import_moodle_xml(data: bytes) -> list[ImportedQuestion]:
    """Read a Moodle XML file (multichoice and truefalse questions) into imported questions."""
    root = _parse(data)
    questions: list[ImportedQuestion] = []
    category: str | None = None
    for number, element in enumerate(root.findall("question"), start=1):
        if element.get("type") == "category":
            category = _category_title(_text_of(element.find("category")))
            continue
        questions.append(_read_question(element, f"Question {number}", category))
    if not questions:
        raise ImportFormatError("No questions found in the Moodle XML file.")
    return questions
