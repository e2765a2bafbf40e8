"""Exports of the bank and of results. Pure functions over models; no Flask."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import IO

from sqlalchemy.orm import Session

from question_bank.exports import results_csv
from question_bank.exports.base import ImportedOption, ImportedQuestion, ImportFormatError
from question_bank.models import Question, Quiz

__all__ = [
    "EXPORT_FORMATS",
    "FormatNotAvailable",
    "ImportFormatError",
    "ImportedOption",
    "ImportedQuestion",
    "export_bank",
    "iter_results_csv",
    "question_to_dict",
    "results_filename",
    "write_results_csv",
]


class FormatNotAvailable(ValueError):
    """The asked-for format is not implemented (yet); the message says so."""


def question_to_dict(question: Question) -> dict[str, object]:
    return {
        "id": question.id,
        "version": question.version,
        "article_id": question.article_id,
        "kind": question.kind.value,
        "status": question.status.value,
        "stem": question.stem,
        "options": [
            {"text": o.text, "correct": o.is_correct, "feedback": o.feedback}
            for o in question.options
        ],
        "explanation": question.explanation,
        "evidence": {
            "text": question.evidence_text,
            "start": question.evidence_start,
            "end": question.evidence_end,
        },
        "score": question.score,
        "reasons": list(question.reasons or []),
        "reading_grade": question.reading_grade,
        "difficulty": question.difficulty,
        "transformation": question.transformation,
    }


EXPORT_FORMATS = ("json", "gift", "moodle-xml", "qti")


def export_bank(questions: Sequence[Question], fmt: str) -> bytes:
    """Serialise questions as ``json``, ``gift``, ``moodle-xml`` or ``qti`` (zip)."""
    if fmt == "json":
        payload = {"questions": [question_to_dict(q) for q in questions]}
        return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "gift":
        from question_bank.exports.gift import export_gift

        return export_gift(questions).encode("utf-8")
    if fmt == "moodle-xml":
        from question_bank.exports.moodle_xml import export_moodle_xml

        return export_moodle_xml(questions)
    if fmt == "qti":
        from question_bank.exports.qti import export_qti

        return export_qti(questions)
    raise FormatNotAvailable(f"Export to {fmt} is not implemented yet.")


def write_results_csv(session: Session, quiz: Quiz, handle: IO[bytes], *, wide: bool) -> int:
    """Write the quiz's results as CSV to ``handle``; returns the number of data rows."""
    return results_csv.write_results_csv(session, quiz, handle, wide=wide)


def iter_results_csv(session: Session, quiz: Quiz, *, wide: bool) -> Iterator[bytes]:
    """The results CSV in UTF-8 chunks for a streaming response (keep the session open)."""
    return results_csv.iter_results_csv(session, quiz, wide=wide)


def results_filename(quiz: Quiz, *, wide: bool) -> str:
    """The server-chosen download name, e.g. ``results-ABC234-20240501.csv``."""
    return results_csv.results_filename(quiz, wide=wide)
