"""QTI 2.1 export: a content package (zip) of one ``assessmentItem`` per question.

Each item declares ``RESPONSE`` (single identifier, with the correct choice), ``SCORE`` (float,
default 0) and ``FEEDBACK`` (identifier, default ``EXPLANATION``), shows the stem as the
``prompt`` of a ``choiceInteraction`` (``maxChoices="1"``, shuffled; true/false is the same with
two choices), is scored by the standard ``match_correct`` template and carries the explanation
and the quoted evidence in a ``modalFeedback`` shown when ``FEEDBACK`` is ``EXPLANATION``, which
the template never changes: the feedback is shown after every answer. ``imsmanifest.xml`` (IMS
CP 1.1) lists each item as a resource of type ``imsqti_item_xmlv2p1`` with its file.

Every item validates against the official QTI 2.1 XSD and the manifest against IMS CP 1.1
(tests/exports/test_qti.py, schemas in tests/data/qti-xsd).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from lxml import etree

from question_bank.exports.base import (
    general_feedback,
    question_name,
    true_false_options,
    xml_safe,
)
from question_bank.models import Option, Question, QuestionKind

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
ITEM_RESOURCE_TYPE = "imsqti_item_xmlv2p1"
# A fixed timestamp: the same bank gives byte-identical packages.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
TITLE_MAX = 100


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = xml_safe(text)
    return element


def item_identifier(question: Question) -> str:
    return question_name(question)


def item_href(question: Question) -> str:
    return f"items/{item_identifier(question)}.xml"


def _choices(question: Question) -> list[tuple[str, Option]]:
    if question.kind == QuestionKind.TRUE_FALSE:
        true_opt, false_opt = true_false_options(question)
        return [("choice_true", true_opt), ("choice_false", false_opt)]
    return [(f"choice_{i + 1}", option) for i, option in enumerate(question.options)]


def _title(question: Question) -> str:
    stem = " ".join(question.stem.split())
    if len(stem) > TITLE_MAX:
        stem = stem[: TITLE_MAX - 1].rstrip() + "…"
    return stem or item_identifier(question)


def assessment_item(question: Question) -> bytes:
    """One question as a QTI 2.1 ``assessmentItem`` document (UTF-8)."""
    choices = _choices(question)
    correct = [ident for ident, option in choices if option.is_correct]
    if len(correct) != 1:
        raise ValueError(f"Question {question.id} needs exactly one right option.")
    root = etree.Element(
        _q("assessmentItem"),
        {
            f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
            "identifier": item_identifier(question),
            "title": xml_safe(_title(question)),
            "adaptive": "false",
            "timeDependent": "false",
        },
        nsmap={None: QTI_NS, "xsi": XSI_NS},
    )
    response = _sub(
        root,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality="single",
        baseType="identifier",
    )
    _sub(_sub(response, "correctResponse"), "value", correct[0])
    score = _sub(
        root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _sub(_sub(score, "defaultValue"), "value", "0")
    feedback_outcome = _sub(
        root,
        "outcomeDeclaration",
        identifier="FEEDBACK",
        cardinality="single",
        baseType="identifier",
    )
    _sub(_sub(feedback_outcome, "defaultValue"), "value", "EXPLANATION")

    body = _sub(root, "itemBody")
    interaction = _sub(
        body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true", maxChoices="1"
    )
    _sub(interaction, "prompt", question.stem)
    for ident, option in choices:
        attrs = {"identifier": ident}
        if question.kind == QuestionKind.TRUE_FALSE:
            attrs["fixed"] = "true"  # True before False, even when shuffled
        _sub(interaction, "simpleChoice", option.text, **attrs)

    _sub(root, "responseProcessing", template=MATCH_CORRECT)
    modal = _sub(
        root,
        "modalFeedback",
        outcomeIdentifier="FEEDBACK",
        showHide="show",
        identifier="EXPLANATION",
        title="Why",
    )
    explanation = general_feedback(question.explanation, question.evidence_text)
    _sub(modal, "p", explanation or question.evidence_text)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def manifest(questions: Sequence[Question]) -> bytes:
    """``imsmanifest.xml`` (IMS CP 1.1) listing every item file as a QTI 2.1 item resource."""

    def cp(tag: str) -> str:
        return f"{{{CP_NS}}}{tag}"

    root = etree.Element(
        cp("manifest"),
        {
            "identifier": "MANIFEST-quizapp-bank",
            f"{{{XSI_NS}}}schemaLocation": f"{CP_NS} {CP_XSD}",
        },
        nsmap={None: CP_NS, "xsi": XSI_NS},
    )
    metadata = etree.SubElement(root, cp("metadata"))
    etree.SubElement(metadata, cp("schema")).text = "QTIv2.1 Package"
    etree.SubElement(metadata, cp("schemaversion")).text = "1.0.0"
    etree.SubElement(root, cp("organizations"))
    resources = etree.SubElement(root, cp("resources"))
    for question in questions:
        resource = etree.SubElement(
            resources,
            cp("resource"),
            {
                "identifier": f"RES-{item_identifier(question)}",
                "type": ITEM_RESOURCE_TYPE,
                "href": item_href(question),
            },
        )
        etree.SubElement(resource, cp("file"), {"href": item_href(question)})
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def export_qti(questions: Sequence[Question]) -> bytes:
    """The questions as a QTI 2.1 content package (zip bytes)."""
    ordered = sorted(questions, key=lambda q: (q.article_id, q.id))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)

        add("imsmanifest.xml", manifest(ordered))
        for question in ordered:
            add(item_href(question), assessment_item(question))
    return buffer.getvalue()
