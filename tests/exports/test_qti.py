"""QTI 2.1 package: every item and the manifest validate against the official XSDs (offline)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from question_bank import exports
from question_bank.exports.qti import MATCH_CORRECT, assessment_item
from question_bank.models import Question
from tests.exports.conftest import NASTY

XSD_DIR = Path(__file__).resolve().parent.parent / "data" / "qti-xsd"
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


def _parser() -> etree.XMLParser:
    # Never fetch anything: the schemas import each other by relative path only.
    return etree.XMLParser(no_network=True, resolve_entities=False)


@pytest.fixture(scope="module")
def qti_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "qtiv2p1" / "imsqti_v2p1.xsd"), _parser()))


@pytest.fixture(scope="module")
def cp_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "imscp_v1p1.xsd"), _parser()))


def _package(bank: list[Question]) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(exports.export_bank(bank, "qti")))


def _validate(schema: etree.XMLSchema, data: bytes) -> etree._Element:
    root = etree.fromstring(data, _parser())
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)
    return root


def test_package_lists_every_item_and_contains_exactly_those_files(
    bank: list[Question], cp_schema: etree.XMLSchema
) -> None:
    package = _package(bank)
    assert package.testzip() is None
    manifest = _validate(cp_schema, package.read("imsmanifest.xml"))
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    assert {r.get("type") for r in resources} == {"imsqti_item_xmlv2p1"}
    hrefs = [r.get("href") for r in resources]
    assert sorted(hrefs) == sorted(f"items/q{q.id}v{q.version}.xml" for q in bank)
    assert [r.find(f"{CP}file").get("href") for r in resources] == hrefs
    assert sorted(package.namelist()) == sorted(["imsmanifest.xml", *hrefs])


def test_every_item_validates_against_the_qti_21_xsd(
    bank: list[Question], qti_schema: etree.XMLSchema
) -> None:
    package = _package(bank)
    for question in bank:
        root = _validate(qti_schema, package.read(f"items/q{question.id}v{question.version}.xml"))
        assert root.tag == f"{QTI}assessmentItem"
        assert root.get("identifier") == f"q{question.id}v{question.version}"


def test_item_structure(bank: list[Question]) -> None:
    nasty = bank[1]
    root = etree.fromstring(assessment_item(nasty), _parser())
    declaration = root.find(f"{QTI}responseDeclaration")
    assert (declaration.get("identifier"), declaration.get("cardinality")) == ("RESPONSE", "single")
    assert declaration.get("baseType") == "identifier"
    assert declaration.findtext(f"{QTI}correctResponse/{QTI}value") == "choice_1"
    outcomes = {
        o.get("identifier"): o.get("baseType") for o in root.findall(f"{QTI}outcomeDeclaration")
    }
    assert outcomes == {"SCORE": "float", "FEEDBACK": "identifier"}
    interaction = root.find(f"{QTI}itemBody/{QTI}choiceInteraction")
    assert interaction.get("maxChoices") == "1" and interaction.get("shuffle") == "true"
    assert interaction.findtext(f"{QTI}prompt") == nasty.stem
    assert NASTY in nasty.stem  # markup arrives as text: lxml escapes it
    choices = interaction.findall(f"{QTI}simpleChoice")
    assert [c.text for c in choices] == [o.text for o in nasty.options]
    assert root.find(f"{QTI}responseProcessing").get("template") == MATCH_CORRECT
    modal = root.find(f"{QTI}modalFeedback")
    assert modal.get("outcomeIdentifier") == "FEEDBACK" and modal.get("showHide") == "show"
    # Shown after every answer: FEEDBACK keeps its default, which is the modal's identifier.
    default = root.findtext(f"{QTI}outcomeDeclaration[@identifier='FEEDBACK']//{QTI}value")
    assert modal.get("identifier") == default
    assert nasty.explanation in "".join(modal.itertext())
    assert nasty.evidence_text in "".join(modal.itertext())


def test_true_false_item_has_two_choices_with_the_right_key(
    bank: list[Question], qti_schema: etree.XMLSchema
) -> None:
    false_q = bank[3]
    root = _validate(qti_schema, assessment_item(false_q))
    choices = root.findall(f".//{QTI}simpleChoice")
    assert [(c.get("identifier"), c.text) for c in choices] == [
        ("choice_true", "True"),
        ("choice_false", "False"),
    ]
    assert root.findtext(f".//{QTI}correctResponse/{QTI}value") == "choice_false"


def test_schema_rejects_a_broken_item(bank: list[Question], qti_schema: etree.XMLSchema) -> None:
    """The validation above can fail: drop the required responseDeclaration attributes."""
    root = etree.fromstring(assessment_item(bank[0]), _parser())
    root.find(f"{QTI}responseDeclaration").attrib.pop("cardinality")
    assert not qti_schema.validate(root)


def test_package_is_deterministic(bank: list[Question]) -> None:
    assert exports.export_bank(bank, "qti") == exports.export_bank(list(reversed(bank)), "qti")
