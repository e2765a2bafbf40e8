"""GIFT (Moodle's plain-text question format): export and import.

Export follows docs/formats.md and Moodle's own GIFT writer (question/format/gift):

* one ``$CATEGORY: $course$/top/<article title>`` block per article (a ``/`` in a title is
  doubled, as Moodle's category paths require);
* before each question, comment lines Moodle tolerates: ``// [id:q17v1] [tag:...]`` (Moodle 3.6+
  reads the idnumber and tags from it, older versions ignore it) and
  ``// evidence: {"article": ..., "start": N, "end": M, "text": ...}`` (JSON on one line), which
  our importer reads back;
* ``::q<id>v<version>::[plain]`` then the stem (``[plain]`` so Moodle shows ``<b>`` as typed, not
  as HTML), then the answers in braces, one per line, ``####`` general feedback last;
* the characters ``\\ ~ = # { } :`` are escaped with a backslash in every text and newlines are
  written ``\\n`` (as Moodle's writer does), so no question ever contains a blank line.

The importer follows Moodle's reader (blank-line separated blocks, ``//`` comment lines,
escapes, ``####`` general feedback, ``{T}``/``{TRUE}``/``{F}``/``{FALSE}`` with
``#wrong#right`` feedback) and accepts single-answer multiple choice and true/false only;
anything else gets an :class:`ImportFormatError` naming the question.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

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
)
from question_bank.models import Question, QuestionKind

CATEGORY_PREFIX = "$course$/top/"
# Moodle's trim(): PHP trims only these, so we do the same (other spaces are text).
PHP_SPACE = " \t\n\r\0\x0b"
SPECIAL = "\\~=#{}:"
# Escaped characters become these private-use code points while the structure is parsed.
_PLACEHOLDER = {ch: chr(0xF0000 + i) for i, ch in enumerate(SPECIAL)}
_PLACEHOLDER["n"] = chr(0xF0000 + len(SPECIAL))
_RESTORE = {v: ("\n" if k == "n" else k) for k, v in _PLACEHOLDER.items()}
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


# ---------------------------------------------------------------- export


def escape(text: str) -> str:
    """Escape a text for GIFT: backslash first, then ``~ = # { } :``, newlines as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in text:
        if ch in SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


def _tag(value: str) -> str:
    # Moodle's comment tags: any non-control characters, "]" escaped as "\]".
    return "[tag:" + _one_line(value).replace("]", "\\]") + "]"


def _evidence_comment(question: Question) -> str:
    payload = json.dumps(
        {
            "article": question.article.title,
            "start": question.evidence_start,
            "end": question.evidence_end,
            "text": question.evidence_text,
        },
        ensure_ascii=False,
    )
    for raw, escaped in _LINE_BREAKS.items():  # JSON leaves these raw; keep the comment one line
        payload = payload.replace(raw, escaped)
    return "// evidence: " + payload


def _answers(question: Question) -> tuple[list[str], str]:
    feedback = escape(general_feedback(question.explanation, question.evidence_text))
    if question.kind == QuestionKind.TRUE_FALSE:
        true_opt, false_opt = true_false_options(question)
        truth = true_opt.is_correct
        right, wrong = (true_opt, false_opt) if truth else (false_opt, true_opt)
        inner = "TRUE" if truth else "FALSE"
        if wrong.feedback or right.feedback:
            inner += "#" + escape(wrong.feedback or "")
        if right.feedback:
            inner += "#" + escape(right.feedback)
        if feedback:
            inner += "####" + feedback
        return [], inner
    lines = []
    for option in question.options:
        line = ("=" if option.is_correct else "~") + escape(option.text)
        if option.feedback:
            line += " # " + escape(option.feedback)
        lines.append(line)
    if feedback:
        lines.append("####" + feedback)
    return lines, ""


def question_block(question: Question) -> str:
    """One question in GIFT, comment lines included, without a trailing blank line."""
    article = question.article
    head = (
        f"// [id:{question_name(question)}] {_tag('article:' + article.title)} "
        f"{_tag(f'evidence:{question.evidence_start}-{question.evidence_end}')}"
    )
    text = f"::{question_name(question)}::[plain]{escape(question.stem)}"
    lines, inline = _answers(question)
    body = f"{text} {{{inline}}}" if inline else "\n".join([text + " {", *lines, "}"])
    return "\n".join([head, _evidence_comment(question), body])


def category_line(title: str) -> str:
    return "$CATEGORY: " + CATEGORY_PREFIX + _one_line(title).replace("/", "//")


def export_gift(questions: Sequence[Question]) -> str:
    """The questions as GIFT text, grouped by article (one category per article)."""
    blocks = ["// Exported from quizapp: article-grounded questions (GIFT, UTF-8)."]
    current: int | None = None
    for question in sorted(questions, key=lambda q: (q.article_id, q.id)):
        if question.article_id != current:
            current = question.article_id
            blocks.append(category_line(question.article.title))
        blocks.append(question_block(question))
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- import


def _hide_escapes(text: str) -> str:
    for ch in _RESTORE:
        if ch in text:
            raise ImportFormatError("The file contains characters reserved for private use.")
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _PLACEHOLDER:
            out.append(_PLACEHOLDER[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(ch, ch) for ch in text)


FORMATS = ("moodle", "html", "plain", "markdown")


def _split_format(text: str, default: str) -> tuple[str, str]:
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end] if end > 0 else ""
        if name in FORMATS:
            return name, text[end + 1 :]
    return default, text


def _text(raw: str, fmt: str, *, split: bool = True) -> str:
    """A text of the question: its own ``[format]`` prefix, trimmed, escapes restored.

    HTML texts become plain text; Moodle-auto and Markdown texts are kept as written.
    """
    if split:
        fmt, raw = _split_format(raw.strip(PHP_SPACE), fmt)
    text = _restore(raw.strip(PHP_SPACE))
    if fmt == "html":
        text = html_to_text(text)
    return text


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip(PHP_SPACE):
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _evidence(comments: list[str], where: str) -> dict[str, object]:
    for comment in comments:
        body = comment.strip(PHP_SPACE)[2:].strip()
        if body.startswith("evidence:"):
            try:
                data = json.loads(body[len("evidence:") :])
            except ValueError as error:
                raise ImportFormatError(
                    f"{where}: the evidence comment is not valid JSON."
                ) from error
            if not isinstance(data, dict):
                raise ImportFormatError(f"{where}: the evidence comment is not a JSON object.")
            return data
    return {}


def _int_or_none(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ImportFormatError(f"{where}: evidence offsets must be whole numbers.")
    return value


def _str_or_none(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ImportFormatError(f"{where}: evidence text and article must be text.")
    return value


def _parse_block(
    lines: list[str], where: str, category: str | None
) -> ImportedQuestion | str | None:
    comments = [line for line in lines if line.strip(PHP_SPACE).startswith("//")]
    body = "\n".join(line for line in lines if not line.strip(PHP_SPACE).startswith("//"))
    text = _hide_escapes(body.strip(PHP_SPACE))
    if not text:
        return None
    if text.startswith("$CATEGORY:"):
        path = _restore(text[len("$CATEGORY:") :]).strip(PHP_SPACE)
        for prefix in (CATEGORY_PREFIX, "$course$/", "$system$/", "$module$/", "$cat1$/"):
            if path.startswith(prefix):
                path = path[len(prefix) :]
                break
        if path.startswith("top/"):
            path = path[4:]
        return path.replace("//", "/")

    name = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise ImportFormatError(f"{where}: the question name has no closing '::'.")
        name = _restore(text[2:end]).strip(PHP_SPACE)
        text = text[end + 2 :].strip(PHP_SPACE)

    open_at, close_at = text.find("{"), text.find("}")
    if open_at < 0 and close_at < 0:
        raise ImportFormatError(
            f"{where}: no answers in braces (descriptions cannot be imported; "
            "write a literal brace as \\{)."
        )
    if open_at < 0 or close_at < 0 or close_at < open_at:
        raise ImportFormatError(f"{where}: the braces around the answers do not match.")
    if "{" in text[open_at + 1 :] or "}" in text[close_at + 1 :]:
        raise ImportFormatError(
            f"{where}: more than one answer block (write \\{{ or \\}} in text)."
        )
    answers = text[open_at + 1 : close_at].strip(PHP_SPACE)
    before, after = text[:open_at], text[close_at + 1 :]
    stem_raw = before + ("_____" + after if after.strip(PHP_SPACE) else "")
    fmt, stem_raw = _split_format(stem_raw.strip(PHP_SPACE), "moodle")
    stem = _text(stem_raw, fmt, split=False)
    if not stem:
        raise ImportFormatError(f"{where}: the question has no text.")

    feedback_at = answers.rfind("####")
    general = ""
    if feedback_at >= 0:
        general = _text(answers[feedback_at + 4 :], fmt)
        answers = answers[:feedback_at].strip(PHP_SPACE)
    if not answers:
        raise ImportFormatError(
            f"{where}: the answers are empty (essay questions are not supported)."
        )

    evidence = _evidence(comments, where)
    ev_text = _str_or_none(evidence.get("text"), where)
    source_id, source_version = parse_question_name(name)
    ev_start = _int_or_none(evidence.get("start"), where)
    ev_end = _int_or_none(evidence.get("end"), where)
    article = _str_or_none(evidence.get("article"), where) or category

    def build(kind: QuestionKind, options: Sequence[ImportedOption]) -> ImportedQuestion:
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

    if "~" in answers:
        options = []
        for part in answers.replace("=", "~=").split("~"):
            part = part.strip(PHP_SPACE)
            if not part:
                continue
            correct = part.startswith("=")
            if correct:
                part = part[1:]
            elif re.match(r"^%-?[0-9]{1,3}(\.[0-9]*)?%", part):
                weight, part = part[1:].split("%", 1)
                if float(weight) != 0:
                    raise ImportFormatError(f"{where}: partial-credit answers are not supported.")
            answer, _, answer_feedback = part.partition("#")
            option_text = _text(answer, fmt)
            if not option_text:
                raise ImportFormatError(f"{where}: an answer is empty.")
            options.append(ImportedOption(option_text, correct, _text(answer_feedback, fmt)))
        if len(options) < 2:
            raise ImportFormatError(f"{where}: a multiple-choice question needs two answers.")
        if sum(o.correct for o in options) != 1:
            raise ImportFormatError(f"{where}: exactly one answer must be right (=).")
        return build(QuestionKind.MCQ, options)

    key, _, rest = answers.partition("#")
    key = key.strip(PHP_SPACE)
    if key not in ("T", "TRUE", "F", "FALSE"):
        raise ImportFormatError(
            f"{where}: only multiple-choice and true/false questions can be imported."
        )
    wrong_fb, _, right_fb = rest.partition("#")
    truth = key in ("T", "TRUE")
    true_fb, false_fb = (right_fb, wrong_fb) if truth else (wrong_fb, right_fb)
    return build(
        QuestionKind.TRUE_FALSE,
        (
            ImportedOption("True", truth, _text(true_fb, fmt)),
            ImportedOption("False", not truth, _text(false_fb, fmt)),
        ),
    )


def import_gift(text: str) -> list[ImportedQuestion]:
    """Read GIFT text (multiple-choice and true/false questions) into imported questions.

    Raises :class:`ImportFormatError` with the line of the first bad question.
    """
    if not isinstance(text, str):
        raise ImportFormatError("GIFT must be given as text (decode the file as UTF-8 first).")
    if "\x00" in text:
        raise ImportFormatError("The file contains NUL bytes: it is not a GIFT text file.")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    questions: list[ImportedQuestion] = []
    category: str | None = None
    for line, lines in _blocks(text):
        where = f"Question at line {line}"
        parsed = _parse_block(lines, where, category)
        if isinstance(parsed, str):
            category = parsed
        elif parsed is not None:
            questions.append(parsed)
    if not questions:
        raise ImportFormatError("No questions found in the GIFT file.")
    return questions


def decode_gift(data: bytes) -> str:
    """Decode an uploaded GIFT file (UTF-8, with or without BOM) or raise ImportFormatError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"The GIFT file is not UTF-8 text (bad byte at position {error.start})."
        ) from error
