"""Ingest: turn an upload or a paste into a :class:`CleanArticle`.

The stage is pure (no Flask, no database) and cheap: regular expressions, wordfreq look-ups and
ftfy; no spaCy. Steps, in order:

1. decode bytes (:func:`read_bytes`) and extract text from HTML/Markdown (:func:`extract_text`);
2. validate (empty, too long, binary, one word, no punctuation, not English);
3. repair mojibake (ftfy), drop invisible controls, normalise whitespace, re-join wrapped lines;
4. drop page furniture line by line with general rules (captions, credits, "WATCH:", bylines,
   live-blog headings and timestamps, share/subscribe promos, key-point summaries ...);
5. repair glued words ("aWorldCupfinal", "way,science") and confident typos ("reutrn");
6. split sentences with exact offsets and mark the ones the generator must not use.

Every rule is general: nothing refers to the wording of a particular article.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from question_bank.types import CleanArticle, IngestError, SentenceSpan

Fmt = Literal["text", "markdown", "html"]

__all__ = [
    "Fmt",
    "clean_article",
    "extract_text",
    "fmt_for_filename",
    "read_bytes",
]


def _words(spaced: str) -> list[str]:
    return spaced.split()


# --------------------------------------------------------------------------------------------
# Word lists (wordfreq), loaded lazily and cached
# --------------------------------------------------------------------------------------------

_ZIPF_COMMON = 3.0  # zipf >= 3: about once per million words


@lru_cache(maxsize=8)
def _freq_dict(lang: str) -> dict[str, float]:
    import wordfreq

    return dict(wordfreq.get_frequency_dict(lang))


_FREQ: dict[str, dict[str, float]] = {}  # lang -> _freq_dict(lang), without the lru_cache call


def _zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency of a lower-case word (0.0 when unknown); a plain dict look-up."""
    freqs = _FREQ.get(lang)
    if freqs is None:
        freqs = _FREQ[lang] = _freq_dict(lang)
    freq = freqs.get(word)
    if not freq:
        return 0.0
    return math.log10(freq) + 9.0


def _known_en(word: str) -> bool:
    """True when ``word`` (lower case) is an English word, allowing British spellings and
    common affixes on known stems (``depressurised``, ``repressurisation``)."""
    if _zipf(word) > 0:
        return True
    variants = {word.replace("is", "iz"), word.replace("our", "or"), word.replace("tre", "ter")}
    variants.discard(word)
    if any(_zipf(v) > 0 for v in variants):
        return True
    for suffix in ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ation", "ations", "ness"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            if _zipf(stem) > 0 or _zipf(stem + "e") > 0 or _zipf(stem.replace("is", "iz")) > 0:
                return True
    for prefix in ("re", "un", "de", "pre", "non", "anti", "over", "under", "sub", "super"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            rest = word[len(prefix) :]
            if rest != word and _known_en_simple(rest):
                return True
    return False


def _derived(word: str) -> bool:
    """True when ``word`` is a known stem with a common prefix or suffix ("untied")."""
    for prefix in ("un", "re", "de", "dis", "mis", "pre", "non", "over", "out"):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3 and _zipf(rest) >= _ZIPF_COMMON:
            return True
    for suffix in ("s", "es", "ed", "ing", "er", "ers", "ly", "ness", "ful", "less"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if _zipf(stem) >= _ZIPF_COMMON or _zipf(stem + "e") >= _ZIPF_COMMON:
                return True
    return False


def _known_en_simple(word: str) -> bool:
    if _zipf(word) > 0:
        return True
    for suffix in ("s", "es", "ed", "d", "ing", "ation", "ations"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            for cand in (stem, stem + "e", stem.replace("is", "iz")):
                if _zipf(cand) > 0 or _zipf(cand.replace("is", "iz")) > 0:
                    return True
    return _zipf(word.replace("is", "iz")) > 0


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_BINARY_MSG = (
    "{name} does not look like text (it may be a picture, a PDF or a Word document). "
    "Please save the article as plain text (.txt), Markdown (.md) or a web page (.html), "
    "or copy and paste the text."
)


def _describe(filename: str | None) -> str:
    return f'The file "{filename}"' if filename else "The file"


# U+FFFD and the control characters (category Cc: U+0000-001F, U+007F-009F) but tab,
# newline, vertical tab, form feed and carriage return
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = len(_BAD_CHARS.findall(text))
    return bad / len(text)


_WESTERN_EXTRA = frozenset("‘’“”–—…€£©®°«»")


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _western_share(text: str) -> float:
    """Share of characters that are plain ASCII text, Latin-1 letters or common punctuation."""
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if (" " <= ch <= "~")
        or ch in "\n\r\t"
        or ("\u00c0" <= ch <= "\u00ff")
        or ch in _WESTERN_EXTRA
    )
    return good / len(text)


def read_bytes(data: bytes, *, filename: str | None = None) -> str:
    """Decode an uploaded file. UTF-8 (with or without BOM) and BOM-marked UTF-16/32 first,
    then charset-normalizer for the rest (Latin-1, Windows-1252, UTF-16 without BOM ...).

    Raises :class:`IngestError` with a message for teachers for empty or binary files.
    """
    name = _describe(filename)
    if not isinstance(data, bytes | bytearray | memoryview):
        raise IngestError(f"{name} could not be read.")
    data = bytes(data)
    if not data.strip():
        raise IngestError(f"{name} is empty. Please choose a file that contains the article.")

    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"{name} could not be read: it says it is {encoding.upper()} text but it "
                    "is damaged. Please save it again as UTF-8 text."
                ) from exc
            break
    if text is None and b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        guess = str(best) if best is not None else None
        # Short Western-European files fool the detector ("Amélie" read as Baltic text);
        # Windows-1252, the usual non-UTF-8 encoding of school files, wins ties.
        western = _decode_or_none(data, "cp1252")
        if western is not None and (
            guess is None or _western_share(western) >= _western_share(guess)
        ):
            guess = western
        if guess is None:
            raise IngestError(_BINARY_MSG.format(name=name))
        text = guess
    if "\x00" in text or _control_share(text) > 0.01:
        raise IngestError(_BINARY_MSG.format(name=name))
    if not text.strip():
        raise IngestError(f"{name} is empty. Please choose a file that contains the article.")
    return text


# --------------------------------------------------------------------------------------------
# Format extraction
# --------------------------------------------------------------------------------------------


def fmt_for_filename(name: str | None) -> Fmt:
    """The format to use for an uploaded file name: ``.html/.htm/.xhtml`` -> html,
    ``.md/.markdown`` -> markdown, anything else -> text."""
    lower = (name or "").lower().strip()
    if lower.endswith((".html", ".htm", ".xhtml", ".shtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown", ".mkd")):
        return "markdown"
    return "text"


_MD_FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1[^\n]*$", re.M | re.S)
_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<https?://[^<>\s]*>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_MD_ATX = re.compile(r"^\s{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.M)
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$", re.M)
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$", re.M)
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.M)
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", re.M)
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$", re.M)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_STRIKE = re.compile(r"~~(.+?)~~")
_MD_CODE = re.compile(r"`+([^`]+)`+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def _markdown_to_text(raw: str) -> tuple[str, str | None]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _MD_FENCE.sub("", text)
    text = _MD_COMMENT.sub("", text)
    title: str | None = None
    first_h1 = re.search(r"^\s{0,3}#(?!#)[ \t]*(.+?)[ \t]*#*[ \t]*$", text, re.M)
    if first_h1:
        title = first_h1.group(1).strip() or None
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _MD_REFDEF.sub("", text)
    text = _MD_TAG.sub("", text)
    text = _MD_RULE.sub("", text)
    text = _MD_SETEXT.sub("", text)
    text = _MD_ATX.sub(lambda m: m.group(1), text)
    text = _MD_TABLE_SEP.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_BULLET.sub("", text)
    for _ in range(2):
        text = _MD_STRONG.sub(r"\2", text)
        text = _MD_EM.sub(r"\2", text)
    text = _MD_STRIKE.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    if title is not None:
        title = _MD_ESCAPE.sub(r"\1", _MD_EM.sub(r"\2", _MD_STRONG.sub(r"\2", title)))
        title = _MD_LINK.sub(lambda m: m.group(1) or m.group(2) or "", title).strip() or None
    return text, title


def _html_to_text(raw: str) -> tuple[str, str | None]:
    import trafilatura
    from lxml.etree import LxmlError

    try:
        text = trafilatura.extract(
            raw,
            favor_recall=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            output_format="txt",
        )
        meta = trafilatura.extract_metadata(raw)
    except (ValueError, TypeError, AttributeError, LookupError, LxmlError) as exc:  # bad markup
        raise IngestError(
            "We could not read this web page. Please copy the article text and paste it instead."
        ) from exc
    if not text or not text.strip():
        raise IngestError(
            "We could not find any article text in this web page. Please copy the article text "
            "and paste it instead."
        )
    title = getattr(meta, "title", None) if meta is not None else None
    title_str = title.strip() if isinstance(title, str) and title.strip() else None
    return text, title_str


def extract_text(raw: str, *, fmt: Fmt = "text") -> tuple[str, str | None]:
    """Plain text and title (or None) from text, Markdown or HTML. HTML is never rendered:
    trafilatura extracts the main text (favouring recall, without comments or tables)."""
    if fmt == "html":
        return _html_to_text(raw)
    if fmt == "markdown":
        return _markdown_to_text(raw)
    return raw, None


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")
_TERMINAL = ".!?\u2026"
_CLOSERS = "\"'\u201d\u2019)]\u00bb*"
_OPENERS = "\"'\u201c\u2018([\u00ab"


# every character that may be invisible: all but printable ASCII, newline and tab
_MAYBE_INVISIBLE = re.compile("[^\n\t\x20-\x7e]")


def _visible_or_empty(m: re.Match[str]) -> str:
    ch = m.group(0)
    cat = unicodedata.category(ch)
    if cat in ("Cf", "Cs", "Co", "Cn") or (cat == "Cc" and ch not in "\n\t"):
        return ""
    return ch


def _strip_invisible(text: str) -> str:
    """Drop format, surrogate, private-use, unassigned and control characters (but newline
    and tab); only characters outside printable ASCII are looked up."""
    return _MAYBE_INVISIBLE.sub(_visible_or_empty, text)


def _fix_text(text: str) -> str:
    import ftfy

    try:
        return str(ftfy.fix_text(text))
    except (ValueError, UnicodeError, IndexError):  # pragma: no cover - ftfy is robust
        return text


def _normalise(text: str) -> list[str]:
    """Repair and normalise; return stripped lines (empty strings mark blank lines)."""
    text = _NEWLINES.sub("\n", text)
    text = _strip_invisible(text)
    text = _fix_text(text)
    text = _strip_invisible(text)  # ftfy may expose new ones
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return lines


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _rejoin_lines(lines: list[str]) -> list[str]:
    """Join continuation lines: a line starting in lower case after a line that does not end a
    sentence, and all lines of a hard-wrapped paragraph (text wrapped at a fixed width)."""
    nonempty = [ln for ln in lines if ln]
    wrapped = False
    if len(nonempty) >= 6:
        mid = [
            ln
            for i, ln in enumerate(lines[:-1])
            if ln and lines[i + 1] and not _ends_sentence(ln) and 40 <= len(ln) <= 100
        ]
        wrapped = len(mid) >= 0.4 * len(nonempty)
    out: list[str] = []
    prev_blank = True
    for line in lines:
        if not line:
            out.append("")
            prev_blank = True
            continue
        joinable = not prev_blank and out and out[-1] and not _ends_sentence(out[-1])
        if joinable and (
            line[0].islower() or (wrapped and not _BULLET.match(line) and len(out[-1]) >= 40)
        ):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        prev_blank = False
    return out


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_LETTERS_WORD = re.compile(r"[^\W\d_]+")
_OTHER_LANGS: tuple[tuple[str, str], ...] = (
    ("fr", "French"),
    ("es", "Spanish"),
    ("de", "German"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
)
_NOT_ENGLISH = (
    "This looks like it is not in English{lang}. The question generator only works with "
    "articles written in English; please paste an English article."
)


def _common_share(tokens: list[str], lang: str) -> float:
    freqs = _freq_dict(lang)
    threshold = 10 ** (_ZIPF_COMMON - 9)
    return sum(1 for t in tokens if freqs.get(t, 0.0) >= threshold) / len(tokens)


def _check_language(text: str) -> None:
    tokens = [t.lower() for t in _LETTERS_WORD.findall(text)][:3000]
    if len(tokens) < 4:
        return
    en = _common_share(tokens, "en")
    if en >= 0.75:
        return
    best_name = ""
    best = 0.0
    for code, name in _OTHER_LANGS:
        share = _common_share(tokens, code)
        if share > best:
            best, best_name = share, name
    if best > en + 0.05:
        raise IngestError(_NOT_ENGLISH.format(lang=f" (it looks like {best_name})"))
    if en < 0.4:
        raise IngestError(_NOT_ENGLISH.format(lang=""))


def _validate_raw(raw: object, max_chars: int) -> str:
    if not isinstance(raw, str):
        raise IngestError("The article must be text.")
    if len(raw) > max_chars:
        raise IngestError(
            f"This article is too long ({len(raw):,} characters). The limit is {max_chars:,} "
            "characters: please paste a shorter article or only part of it."
        )
    if "\x00" in raw or _control_share(raw) > 0.01:
        raise IngestError(_BINARY_MSG.format(name="This text"))
    if not raw.strip():
        raise IngestError("The article is empty. Please paste or upload the article text.")
    return raw


def _validate_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError("The article is empty. Please paste or upload the article text.")
    words = _WORD.findall(text)
    if len(words) < 2:
        raise IngestError(
            "The article has only one word. Please paste the whole article, with full sentences."
        )
    n_visible = len(text) - sum(map(str.isspace, text))
    letters = sum(map(str.isalpha, text))  # no letter is a space
    if letters < 0.5 * n_visible:
        raise IngestError(
            "This does not look like article text (it is mostly numbers or symbols). "
            "Please paste the text of a news article."
        )
    if not any(ch in text for ch in _TERMINAL):
        raise IngestError(
            "This text has no sentence punctuation (no full stops, question marks or "
            "exclamation marks), so we cannot find its sentences. Please paste the article "
            "with its punctuation."
        )
    _check_language(text)


# --------------------------------------------------------------------------------------------
# Page furniture
# --------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-*+\u2022\u25aa\u25cf\u2013\u2014\u00b7>]|\d{1,2}[.)])\s+")

_CAPTION_MARKER = re.compile(
    r"^(?:image|media|video|photo|picture|audio)\s+(?:caption|description)\s*[,:.]?\s*$", re.I
)
_CAPTION = re.compile(
    r"^(?:(?:image|media|video|photo|picture)\s+(?:source|caption|credit|description)s?"
    r"|(?:photo|photograph|picture|image|illustration|graphic|video|audio)s?\s*(?:credit)?"
    r"|credits?|source|getty\s+images|pictured|above|below|top|main\s+(?:image|picture)"
    r"|file\s+photo)\s*[,:|]",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"[(\[]\s*(?:photo|image|picture|credit|source|video|pictured)?\s*[:/]?\s*"
    r"(?:getty(?:\s+images)?|ap(?:\s+photo)?|afp|reuters|pa(?:\s+media|\s+wire)?|epa|shutterstock"
    r"|alamy|nasa|file)\b[^)\]]*[)\]]\s*$"
    r"|[(\[]\s*(?:photo|image|picture|credit|pictured)\s*(?::|by\b)[^)\]]*[)\]]\s*$"
    r"|\b(?:photograph|photo|picture|image|illustration|video|credit)s?\s*:\s*[^.!?:]{0,60}$",
    re.I,
)
_MEDIA_LABEL = re.compile(
    r"^(?:watch|listen|video|audio|gallery|in\s+pictures|in\s+photos|live|podcast|explained"
    r"|exclusive|analysis|opinion|comment|factbox|timeline|quiz|poll|update[d]?|breaking"
    r"|breaking\s+news|latest|key\s+points?)\s*(?:[:|\u2013\u2014]|-\s)",
    re.I,
)
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:story|stories|article|articles|content|links?|topics|coverage))?"
    r"|read\s+more|more\s+on\s+this(?:\s+story)?|more\s+from|also\s+read|read\s+also|see\s+also"
    r"|you\s+may\s+also\s+like|recommended|most\s+read|top\s+stories|must\s+read"
    r"|further\s+reading|more\s+stories|next\s+up|up\s+next|don't\s+miss)\b\s*(?:[:|>\u2013\u2014-]|$)",
    re.I,
)
_PROMO = re.compile(
    r"\b(?:subscribe(?:\s+(?:to|now|for|here))?|sign\s+up|newsletters?|follow\s+us|follow\s+@"
    r"|@\w+\s+on\s+(?:x|twitter|instagram|facebook|tiktok)|share\s+(?:this|on)|click\s+here"
    r"|tap\s+here|download\s+(?:the|our)\b|app\s+store|google\s+play|breaking\s+news\s+alerts?"
    r"|via\s+the\s+[\w ]{0,30}\bapp\b|on\s+a\s+smartphone\s+or\s+tablet|privacy\s+policy"
    r"|terms\s+(?:of\s+use|and\s+conditions)|cookie\s+(?:policy|settings)|all\s+rights\s+reserved"
    r"|\u00a9|copyright\s+\d{4}|join\s+(?:in\s+)?the\s+conversation|comments\s+section"
    r"|(?:our|the)\s+(?:youtube|whatsapp|telegram)\s+channel|advertisement|sponsored"
    r"|live\s+coverage|live\s+updates|live\s+blog|this\s+live\s+page|follow(?:ing)?\s+along"
    r"|thanks\s+for\s+(?:reading|following|joining)|email\s+us|get\s+in\s+touch"
    r"|contact\s+us|send\s+us\s+your|have\s+your\s+say|leave\s+a\s+comment)\b",
    re.I,
)
_NOTICE = re.compile(
    r"\b(?:please\s+refresh|refresh\s+(?:the|this)\s+page|(?:story|article|page|report)\s+"
    r"(?:is\s+being|will\s+be|has\s+been|was)\s+updated|more\s+details\s+(?:will|to)\s+(?:be\s+)?"
    r"(?:published|follow|come)|this\s+is\s+a\s+breaking\s+news\s+story|developing\s+story"
    r"|^alerts?\s*(?::|\d)|see\s+all\s+alerts"
    r"|javascript|enable\s+cookies|your\s+browser|this\s+video\s+can\s*not\s+be\s+played"
    r"|this\s+content\s+is\s+not\s+available|content\s+is\s+loading|loading\s*\.\.\."
    r"|(?:an\s+)?earlier\s+version\s+of\s+this\s+(?:story|article)"
    r"|contributed\s+(?:to\s+)?this\s+(?:report|story|article)|additional\s+reporting\s+by"
    r"|we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|accept\s+(?:all\s+)?cookies"
    r"|cookie\s+(?:settings|preferences|policy)|by\s+continuing(?:\s+to\s+(?:use|browse)"
    r"(?:\s+this\s+(?:site|website))?)?,?\s+you\s+(?:accept|agree))\b",
    re.I,
)
# press-release boilerplate: contact lines, "for more information", end marks, equal-opportunity
# and agency mission statements
_BOILERPLATE = re.compile(
    r"^\s*(?:#{3}|-\s*30\s*-|end)\s*$|^\s*(?:media\s+)?contacts?\s*:|^\s*for\s+(?:more|further)"
    r"\s+information\b|\bequal\s+opportunity\s+(?:provider|employer|lender)\b"
    r"|^\s*(?:about\s+(?:the\s+)?[A-Z][\w.&\- ]{1,60}|press\s+office|media\s+inquiries|"
    r"news\s+release)\s*:?\s*$|\b(?:is|are)\s+(?:committed|dedicated)\s+to\s+"
    r"(?:\w+\s+){0,3}(?:mission|serving|protecting|ensuring|providing|promoting)\b"
    r"|\bour\s+mission\s+is\b|\bmission\s+is\s+to\b"
    r"|\bprovides\s+loans\s+and\s+grants\s+to\s+help\b"
    r"|^\s*(?:our\s+standards|citation|cite\s+this\s+(?:page|article)|suggested\s+citation"
    r"|copyright|all\s+rights\s+reserved)\s*:",
    re.I | re.M,
)
_BYLINE = re.compile(
    r"^(?i:(?:written|reported|reporting|words|story|additional\s+reporting)\s+)?[Bb]y\s+"
    r"(?:[A-Z][\w'\u2019.\-]*\s*){1,4}"
    r"(?:(?:and|&)\s+(?:[A-Z][\w'\u2019.\-]*\s*){1,4})?"
    r"(?:\s*\bin\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)?"
    r"(?:\s*[,|\u2013\u2014-]\s*(?P<role>[^.!?]{0,80}))?$",
)
_ROLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|journalist|staff|contributor|producer"
    r"|columnist|news|bbc|cnn|reuters|associated\s+press|in\s+[A-Z]\w+|team|desk)\b",
    re.I,
)
_DATE_LINE = re.compile(
    r"^(?:published|updated|last\s+(?:updated|modified|reviewed)|posted|first\s+published|"
    r"modified|page\s+last\s+(?:updated|reviewed)|reviewed)\s*(?::|\bon\b)\s*"
    r"(?:\w+,?\s+){0,4}\d{4}\.?$"
    r"|^(?:published|updated|last\s+updated|posted|first\s+published|modified)\b[^.!?]{0,60}$"
    r"|^(?:\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago)$",
    re.I,
)
_TIME = (
    r"(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.))"
    r"(?:\s*(?:uk\s+time|local\s+time|bst|gmt|utc|cet|cest|et|est|edt|ct|cdt|pt|pst|pdt|aest"
    r"|ist|[a-z]{1,3}\s+time))?"
)
_TIMESTAMP_PREFIX = re.compile(
    rf"^(?:posted\s+at\s+)?{_TIME}\s*(?:[:|\u2013\u2014-]\s*|\s+(?=[A-Z]))", re.I
)
_TIMESTAMP_ONLY = re.compile(rf"^(?:posted\s+at\s+)?{_TIME}\s*[:|]?$", re.I)
_TIMESTAMP_TZ = re.compile(
    r"^\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:bst|gmt|utc|cet|cest|et|est|edt|pt|pst|pdt)\b\s*[:|\-]?\s*",
    re.I,
)
_KEY_POINTS = re.compile(
    r"^(?:key\s+(?:points|facts|takeaways|events|moments)|summary|at\s+a\s+glance|in\s+brief"
    r"|in\s+short|what\s+we\s+know(?:\s+so\s+far)?|highlights|the\s+essentials|quick\s+read"
    r"|the\s+latest|tl;?dr|catch\s+up)\s*:?$",
    re.I,
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'\-]{2,40}\s*(?:\((?:reuters|ap|afp|cnn|upi|pa)\)\s*)?[\u2013\u2014-]{1,2}\s+"
    r"(?=[A-Z])|^[A-Z][\w .,'\-]{2,40}\((?:reuters|ap|afp|cnn|upi|pa)\)\s*[\u2013\u2014-]{1,2}\s*",
)


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _is_headline(line: str) -> bool:
    """A short line that is not a sentence: no final sentence punctuation (or it ends with a
    colon), at most 25 words."""
    if _word_count(line) > 25:
        return False
    stripped = line.rstrip(_CLOSERS + " ")
    if not stripped:
        return True
    return stripped[-1] not in _TERMINAL or stripped.endswith(":")


def _is_question_heading(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS + " ")
    if not stripped.endswith("?") or _word_count(line) > 20:
        return False
    # one sentence only
    return not re.search(r"[.!?]\s+[\"'\u201c\u2018]?[A-Z]", stripped[:-1])


def _classify(line: str) -> str | None:
    """The furniture rule that matches a whole line, or None for body text."""
    words = _word_count(line)
    if _CAPTION_MARKER.match(line) or _CAPTION.match(line):
        return "caption"
    if _CREDIT_TAIL.search(line) and words <= 60:
        return "caption"
    if _RELATED.match(line):
        return "related_link"
    if _MEDIA_LABEL.match(line) and (words <= 25 or _is_headline(line)):
        return "media_label"
    if _NOTICE.search(line) and words <= 40:
        return "notice"
    if _PROMO.search(line) and words <= 45:
        return "promo"
    if _BOILERPLATE.search(line) and words <= 80:
        return "boilerplate"
    if _DATE_LINE.match(line):
        return "timestamp"
    if _TIMESTAMP_ONLY.match(line):
        return "timestamp"
    m = _BYLINE.match(line)
    if m and words <= 14:
        role = m.group("role")
        if not _ends_sentence(line) or (role and _ROLE.search(role)):
            return "byline"
    if re.fullmatch(r"(?:https?://|www\.)\S+", line):
        return "url"
    if _is_question_heading(line):
        return "question_heading"
    if _is_headline(line) or _title_case_exclamation(line):
        return "heading"
    return None


_SMALL_WORDS = frozenset(_words("a an the and or but of to in on at for by with from as vs"))


def _title_case_exclamation(line: str) -> bool:
    """A headline in Title Case that ends in "!" ("Moon Lander Lands On Its Nose -- Upside
    Down!"): all its words, small words aside, are capitalised, unlike a sentence."""
    stripped = line.rstrip(_CLOSERS + " ")
    words = [w for w in _WORD.findall(stripped) if w.lower() not in _SMALL_WORDS]
    if not stripped.endswith("!") or not 4 <= len(words) <= 15:
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def _top_exclamation(line: str) -> bool:
    """A short line ending in "!" above all the text, in sentence case with at most two
    names, is a headline ("Beavers are back in Kelby after 400 years!"), as children's news
    writes them."""
    stripped = line.rstrip(_CLOSERS + " ")
    if not stripped.endswith("!") or not 3 <= _word_count(stripped) <= 15 or "." in stripped:
        return False
    # a line full of names ("Riverside United beat Harbour Town in Lowport on Sunday!") may
    # as well be the story's first sentence: kept as text
    names = [w for w in _WORD.findall(stripped)[1:] if w[:1].isupper()]
    return len(names) <= 2


@dataclass
class _Work:
    """Mutable state of one clean-up run."""

    dropped: list[tuple[str, str]] = field(default_factory=list)
    repairs: list[tuple[str, str]] = field(default_factory=list)
    typos: set[str] = field(default_factory=set)
    first_heading: str | None = None
    # every heading line above the first body line, menu rows excluded: the title candidates
    top_headings: list[str] = field(default_factory=list)


def _drop_furniture(lines: list[str], work: _Work) -> list[str]:
    kept: list[str] = []
    i = 0
    seen_text = False
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        # A caption marker alone on its line: the caption is the next non-empty line.
        if _CAPTION_MARKER.match(line):
            work.dropped.append((line, "caption"))
            j = i + 1
            while j < n and not lines[j]:
                j += 1
            if j < n and not _CAPTION_MARKER.match(lines[j]):
                work.dropped.append((lines[j], "caption"))
                j += 1
            i = j
            continue
        # A block of key points: the heading and the bullet lines that follow it.
        if _KEY_POINTS.match(line):
            work.dropped.append((line, "key_points"))
            i += 1
            while i < n and (not lines[i] or _BULLET.match(lines[i])):
                if lines[i]:
                    work.dropped.append((lines[i], "key_points"))
                i += 1
            continue
        body = _BULLET.sub("", line, count=1).strip() if _BULLET.match(line) else line
        if not body:
            i += 1
            continue
        # Time stamps of a live blog run into the text ("10.58am UK time: The mission begins").
        ts = _TIMESTAMP_PREFIX.match(body) or _TIMESTAMP_TZ.match(body)
        if ts and ts.end() < len(body):
            rest = body[ts.end() :].strip()
            if _is_headline(rest) or _classify(rest) is not None:
                work.dropped.append((line, "timestamp"))
                i += 1
                continue
            work.dropped.append((body[: ts.end()].strip(), "timestamp"))
            body = rest
        dl = _DATELINE.match(body)
        if dl and dl.end() < len(body) and _ends_sentence(body):
            work.dropped.append((body[: dl.end()].strip(), "dateline"))
            body = body[dl.end() :]
        rule = _classify(body)
        if rule is None and not kept and _top_exclamation(body):
            rule = "heading"
        if rule is not None:
            navigation = _navigation_like(body)
            # a question heading above all the text is the headline ("... what really
            # sank the Aurora?"); further down it is an FAQ heading
            if rule in ("heading", "question_heading") and not kept and not navigation:
                if not seen_text and work.first_heading is None:
                    work.first_heading = body
                work.top_headings.append(body)
            if navigation and not kept and _BREADCRUMB_ARROW.search(body):
                work.top_headings.clear()  # a page's title sits under its breadcrumb row
            work.dropped.append((line, rule))
            if not navigation:  # the headline may come after the site's menu rows
                seen_text = True
            i += 1
            continue
        kept.append(body)
        seen_text = True
        i += 1
    return kept


# --------------------------------------------------------------------------------------------
# Repairs: glued words and typos
# --------------------------------------------------------------------------------------------

_URLISH = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b\w+\.(?:com|org|net|gov|edu|co|uk|io)\b"
)
_GLUE_PUNCT = re.compile(r"(?<=[a-z\u00e0-\u00ff])([,;:!?])(?=[A-Za-z\u00c0-\u00ff])")
_GLUE_STOP = re.compile(r"(?<=[a-z\u00e0-\u00ff]{2})\.(?=[A-Z][a-z])")
_GLUE_QUOTE = re.compile(r"(?<=[a-z])([.,!?])([\"\u201d])(?=[A-Za-z])")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w\"'\u201d\u2019)])( +)(?=[.,;:!?](?:\s|$))")
_FUNCTION_WORDS = frozenset(
    _words(
        "a an the and or but of to in on at from with by for over into as than its their his her "
        "our your my this that these those"
    )
)
_CAMEL_TOKEN = re.compile(r"[^\W\d_]+")


def _protected_spans(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URLISH.finditer(line)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _fix_punct_glue(line: str, work: _Work) -> str:
    spans = _protected_spans(line)

    def sub_space(m: re.Match[str]) -> str:
        if _inside(m.start(), spans):
            return m.group(0)
        # no repair inside times/ratios such as "a:b" in a single short token like "e.g"
        before = line[max(0, m.start() - 12) : m.end() + 12]
        fixed = m.group(0) + " "
        work.repairs.append((before.strip(), before.replace(m.group(0), fixed, 1).strip()))
        return fixed

    line = _GLUE_PUNCT.sub(sub_space, line)
    spans = _protected_spans(line)
    line = _GLUE_STOP.sub(sub_space, line)

    def sub_quote(m: re.Match[str]) -> str:
        fixed = m.group(1) + m.group(2) + " "
        work.repairs.append((m.group(0), fixed.strip()))
        return fixed

    line = _GLUE_QUOTE.sub(sub_quote, line)

    def sub_before(m: re.Match[str]) -> str:
        prev = re.search(r"(\w+)\W*$", line[: m.start()])
        if prev and prev.group(1).lower() in _FUNCTION_WORDS:
            return m.group(0)  # "flying over Antarctica and ." : words are missing; keep
        return ""

    return _SPACE_BEFORE_PUNCT.sub(sub_before, line)


def _piece_ok(piece: str, vocab: Counter[str]) -> bool:
    if piece in ("a", "I"):
        return True
    if len(piece) < 2:
        return False
    if piece.islower():
        return _zipf(piece) >= _ZIPF_COMMON
    if piece[0].isupper():
        if vocab.get(piece, 0) >= 1:
            return True
        if piece[1:].islower():
            return _zipf(piece.lower()) >= _ZIPF_COMMON + 0.5
    return False


def _segment(token: str, vocab: Counter[str]) -> list[str] | None:
    """Split a glued token into known pieces: fewest pieces wins, then the most frequent
    rarest piece. Only called for unknown tokens with an internal lower-to-upper change."""
    n = len(token)
    if n > 40:
        return None
    best: dict[int, tuple[int, float, list[str]]] = {0: (0, 99.0, [])}
    for a in range(n):
        if a not in best:
            continue
        count, rarest, pieces = best[a]
        for b in range(a + 1, n + 1):
            piece = token[a:b]
            if not _piece_ok(piece, vocab):
                continue
            score = _zipf(piece.lower()) if vocab.get(piece, 0) == 0 else 9.0
            cand = (count + 1, min(rarest, score), [*pieces, piece])
            old = best.get(b)
            if old is None or (cand[0], -cand[1]) < (old[0], -old[1]):
                best[b] = cand
    result = best.get(n)
    if result is None or len(result[2]) < 2:
        return None
    return result[2]


_MIXED_CASE = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]{2,}")
_NAME_PREFIX_CASE = re.compile(r"^(?:Mc|Mac|O|De|Di|La|Le|Van|Von)[A-Z][a-z]+$")


def _camel_ok(token: str, vocab: Counter[str]) -> bool:
    """True for tokens that legitimately mix cases (brands, names, acronyms)."""
    if not token.isascii() or not _MIXED_CASE.search(token):
        return True
    if vocab.get(token, 0) >= 2 or _zipf(token.lower()) > 0:
        return True
    return bool(_NAME_PREFIX_CASE.match(token))


def _fix_camel_glue(line: str, vocab: Counter[str], work: _Work) -> str:
    spans = _protected_spans(line)

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if _inside(m.start(), spans) or _camel_ok(token, vocab):
            return token
        pieces = _segment(token, vocab)
        if pieces is None:
            return token
        fixed = " ".join(pieces)
        work.repairs.append((token, fixed))
        return fixed

    return _CAMEL_TOKEN.sub(sub, line)


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _join_spaced_names(lines: list[str], work: _Work) -> list[str]:
    """Join a name written with a stray space ("Play Station") when the article also writes it as
    one token ("PlayStation") at least twice."""
    vocab = Counter(_CAMEL_TOKEN.findall("\n".join(lines)))
    pair = re.compile(r"\b([A-Z][a-z]+) ([A-Z][A-Za-z]*)\b")
    out: list[str] = []
    for line in lines:

        def sub(m: re.Match[str]) -> str:
            joined = m.group(1) + m.group(2)
            if vocab.get(joined, 0) >= 2:
                work.repairs.append((m.group(0), joined))
                return joined
            return m.group(0)

        out.append(pair.sub(sub, line))
    return out


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    out = set(deletes + transposes + replaces + inserts)
    out.discard(word)
    return out


def _transposes(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def _inflected(word: str) -> bool:
    """An inflection of a listed stem ("odes", "mots", "wets"): a real word, whatever common
    word a swap of its letters makes ("does", "most", "west")."""
    for suffix in ("s", "es", "ed", "d", "ing"):
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 2:
            continue
        if _zipf(stem) >= _ZIPF_COMMON or _zipf(stem + "e") >= _ZIPF_COMMON:
            return True
    return False


def _common_word_typo(word: str) -> str | None:
    """Rubric point 1 (typos; "clean input first"): a lower-case word that is a slip on a very
    common word (zipf 5+), itself rare (zipf below 3.5) and at least a thousand times rarer
    than that word. wordfreq lists such slips (web text): "thier" 3.0, "teh" 3.0, "wich" 2.8,
    "goverment" 2.7, so the rare-word rules (zipf below 3, no derivation) miss them.

    Two adjacent letters swapped ("thier" -> "their", "teh" -> "the"; a 3-letter word needs
    10,000 times rarer: "fro" is no slip on "for") is a confident correction; an inflection of
    a listed stem ("odes") is no slip. A letter dropped or doubled ("wich" for "which",
    "goverment", "untill"; a word under 3, four to six letters against a word of zipf 5.5+,
    longer ones 300 times rarer) is "?": probably a slip, but real words look like that too
    ("wile", "abut"), so the sentence is left out rather than changed."""
    z = _zipf(word)
    if z >= 3.5 or len(word) < 3 or not word.isalpha() or _inflected(word):
        return None
    need = 4.0 if len(word) == 3 else 3.0
    swaps = {c for c in _transposes(word) if c != word and _zipf(c) >= 5.0 and _zipf(c) >= z + need}
    if swaps:
        return swaps.pop() if len(swaps) == 1 else "?"
    if len(word) < 4 or z >= _ZIPF_COMMON:
        return None
    top, gap = (5.5, 3.0) if len(word) <= 6 else (5.0, 2.5)
    need_z = max(top, z + gap)
    # one dict look-up per candidate (no set, no logarithm): "zipf(c) >= need_z"
    freqs = _FREQ.get("en") or _FREQ.setdefault("en", _freq_dict("en"))
    need_f = 10.0 ** (need_z - 9.0) * (1 - 1e-12)
    get = freqs.get
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        for c in _ALPHABET:
            if get(head + c + tail, 0.0) >= need_f:
                return "?"
        doubled = i < len(word) - 1 and word[i] == word[i + 1]
        if doubled and get(head + word[i + 1 :], 0.0) >= need_f:
            return "?"
    return None


def _rare_word_verdict(word: str) -> str | None:
    """For a lower-case word: the confident correction, "?" when it is probably a typo but the
    fix is unclear, or None when it is (or may well be) a real word.

    Unknown words one edit from common words are typos; a single common word reached by
    swapping two letters ("reutrn" -> "return") or a single, frequent candidate is a confident
    fix. Rare-but-listed words are suspicious only when a swap of two letters gives a far more
    common word ("recieve") or when they are very rare and one edit from very common words."""
    zipf = _zipf(word)
    if zipf >= 3.0:
        return None  # a common word: every branch below gives None for it
    if zipf > 0 or _known_en(word):
        if _derived(word):
            return None
        swaps = [c for c in _transposes(word) if c != word and _zipf(c) >= zipf + 2.0]
        if zipf < 3.0 and len(swaps) == 1 and _zipf(swaps[0]) >= 3.5:
            return swaps[0]
        if zipf >= 2.0 or len(word) < 4:
            return None
        if any(_zipf(c) >= zipf + 3.0 for c in _edits1(word)):
            return "?"
        return None
    cands = sorted(
        ((c, _zipf(c)) for c in _edits1(word) if _zipf(c) >= _ZIPF_COMMON),
        key=lambda cz: (-cz[1], cz[0]),
    )
    if not cands:
        return None
    swaps = [c for c, _z in cands if c in _transposes(word)]
    if len(swaps) == 1:
        return swaps[0]
    if len(cands) == 1 and cands[0][1] >= 3.5 and len(word) >= 5:
        return cands[0][0]
    return "?"


def _sentence_initial(token: str, text: str) -> bool:
    """Every use of ``token`` in ``text`` opens a line or follows a sentence's end."""
    found = list(re.finditer(rf"\b{re.escape(token)}\b", text))
    for m in found:
        before = text[: m.start()].rsplit("\n", 1)[-1].rstrip()
        if before and not re.search(r"[.!?][\"'\u201d\u2019)\]]*$", before):
            return False
    return bool(found)


def _fix_typos(lines: list[str], work: _Work) -> list[str]:
    text = "\n".join(lines)
    counts = Counter(m.group(0) for m in _CAMEL_TOKEN.finditer(text))
    lower_counts: Counter[str] = Counter()
    for tok, c in counts.items():
        lower_counts[tok.lower()] += c
    capital_vocab = Counter({t.lower(): c for t, c in counts.items() if t[:1].isupper()})
    corrections: dict[str, str] = {}
    for token, count in counts.items():
        if len(token) < 3 or not token.isascii():
            continue
        low = token.lower()
        if token.islower():
            # a swap of two letters in a very common word is a slip however often it recurs
            # ("thier" twice); the other rules look at one-off words of 4+ letters only
            slip = _common_word_typo(low)
            one_off = count == 1 and lower_counts[low] == 1 and len(token) >= 4
            # a one-off: the rare-word rules, then the slip check above
            verdict = (
                (_rare_word_verdict(low) or slip) if one_off else slip if slip != "?" else None
            )
            if verdict == "?":
                work.typos.add(token)
            elif verdict:
                corrections[token] = verdict
            continue
        capital = token[0].isupper() and token[1:].islower()
        # the cheap word check first: the position check scans the text for every use
        slip = _common_word_typo(low) if capital else None
        if slip and not _sentence_initial(token, text):
            slip = None
        if slip:
            # "Thier house ...": a slip opening a sentence. Corrected when the article makes
            # the same slip in lower case ("... thier lives"); else it may be a name, and the
            # sentence is left out rather than changed
            if slip != "?" and counts.get(low, 0):
                corrections[token] = slip.capitalize()
            else:
                work.typos.add(token)
            continue
        if count > 1 or lower_counts[low] > 1 or len(token) < 4:
            continue
        if token[0].isupper() and token[1:].islower() and not _known_en(low):
            # A one-off misspelling of a name the article spells another way twice or more.
            targets = [c for c in _edits1(low) if capital_vocab.get(c, 0) >= 2]
            if len(targets) == 1:
                corrections[token] = targets[0].capitalize()
    if not corrections:
        return lines
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(corrections))) + r")\b")
    out: list[str] = []
    for line in lines:

        def sub(m: re.Match[str]) -> str:
            fixed = corrections[m.group(0)]
            work.repairs.append((m.group(0), fixed))
            return fixed

        out.append(pattern.sub(sub, line))
    return out


# --------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"(?:[.!?]+|\u2026)[\"'\u201d\u2019)\]]*(?=\s+\S)")
_ABBREV_NEVER = frozenset(
    _words(
        "mr mrs ms dr prof st mt ft gen col lt sgt capt cmdr cdr rev hon sen rep gov pres supt "
        "insp det adm maj brig no nos vol fig figs approx dept est vs v cf al op pp ca"
    )
)
_ABBREV_MAYBE = frozenset(
    _words(
        "etc inc ltd co corp jr sr bros plc jan feb mar apr jun jul aug sep sept oct nov dec am pm"
    )
)
_STARTERS = frozenset(
    _words(
        "the a an he she it they we i you this that these those there his her their its our "
        "but and so then in on at after before when while as if however meanwhile yesterday "
        "today mr mrs ms dr"
    )
)


def _is_boundary(para: str, m: re.Match[str]) -> bool:
    punct = m.group(0)
    after = para[m.end() :].lstrip()
    nxt = after.lstrip(_OPENERS)
    if not nxt:
        return False
    first = nxt[0]
    if not (first.isupper() or first.isdigit()):
        return False
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    before = para[: m.start()]
    word_m = re.search(r"([\w.\-']*)$", before)
    word = word_m.group(1) if word_m else ""
    low = word.lower().lstrip("(\"'")
    next_word = re.match(r"[\w']+", nxt)
    next_low = next_word.group(0).lower() if next_word else ""
    if low in _ABBREV_NEVER:
        return False
    if re.fullmatch(r"[A-Z]", word):  # an initial: "J. K. Rowling"
        return False
    if low.replace(".", "") in _ABBREV_MAYBE or re.fullmatch(r"(?:[a-z]\.)+[a-z]", low):
        return next_low in _STARTERS
    return True


def _split_paragraph(para: str, base: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(para):
        if m.end() <= start or not _is_boundary(para, m):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(para)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        seg = para[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if b - trail > a + lead:
            out.append((base + a + lead, base + b - trail))
    return out


_QUOTE_SPAN = re.compile(
    r"\"[^\"]+\"|\u201c[^\u201d]+\u201d|(?<![\w])'[^']+?'(?![\w])|\u2018[^\u2019]+?\u2019(?!\w)"
)
_FURNITURE_MARK = re.compile(
    r"\b(?:image\s+(?:source|caption)|media\s+caption|getty\s+images|related\s+story|read\s+more"
    r"|click\s+here|sign\s+up|subscribe|newsletter|refresh\s+the\s+page)\b"
    r"|^(?:watch|listen|video|pictured)\s*:",
    re.I,
)
_URL_OR_HANDLE = re.compile(r"https?://|www\.|(?<![\w.])@\w+|\S+@\S+\.\w+")
_BROKEN = re.compile(
    r"\b(?:and|or|the|a|an|of|to|in|on|at|from|with|by|for|over|into|as)\s+[.,;:!?](?:\s|$)"
    r"|(?:^|\s)['\u2019]s\b"
    r"|\b(?i:the|a|an)\s+(?i:and|or)\b"
    r"|\b(?i:over|of|to|in|on|at|from|with|by|for|into)\s+(?i:and|or)\s+[A-Z]",
)


# finite verbs a short sentence may carry that no suffix shows ("The station cost £350.")
_SHORT_VERBS_TEXT = (
    "is are was were be been am has have had do does did will would can could shall should may "
    "might must cost costs said says went goes made makes took takes came comes ran runs won "
    "lost began grew fell left got gave found built paid sold kept met sent set spent stood told "
    "thought knew saw became broke brought bought caught chose drew drove ate flew forgot froze "
    "hid held hit hurt led let meant put read rose sang sat shut slept spoke swam threw woke "
    "wore wrote"
)
_SHORT_VERBS = frozenset(_SHORT_VERBS_TEXT.split())
_SHORT_SUBJECT_STARTS_TEXT = (
    # no pronoun: "It is big." means nothing without the sentence before it
    "the a an many most some all every each his her its their our my one two three four five "
    "six seven eight nine ten not nobody everyone everybody no"
)
_SHORT_SUBJECT_STARTS = frozenset(_SHORT_SUBJECT_STARTS_TEXT.split())


def _short_sentence_ok(sentence: str) -> bool:
    """A short sentence (3-4 words) is a real sentence, not page furniture, when it is a plain
    statement: it ends with a full stop (an exclamation is a live-blog shout or a headline),
    holds no quotation, starts with a subject word (a determiner, or a capitalised name; not
    a pronoun, which needs the sentence before it) and has a finite verb after it (an auxiliary
    or a common irregular verb, or a word ending in -ed or -s): "The station cost £350.",
    "Many schools were closed.", "Bookworm runs on electricity.", but not "Crash!",
    "Patel now in the final!", "Updated 3 hours ago." or "It is big." (no subject of its own)."""
    stripped = sentence.strip()
    if not stripped.endswith(".") or stripped.endswith(".."):
        return False
    if any(q in stripped for q in '"\u201c\u201d\u2018\u2019:;()') or "'" in stripped:
        return False
    words = _WORD.findall(stripped)
    if len(words) < 3 or not words[0][0].isupper():
        return False
    first = words[0].lower()
    # or a capitalised name that is no common English word ("Bookworm", not "Updated", "Main")
    if first not in _SHORT_SUBJECT_STARTS and not (
        len(words[0]) > 1
        and words[0][1:].islower()
        and not first.endswith(("ed", "ing", "ly"))
        and _zipf(first) < 4.5
    ):
        return False
    for w in words[1:]:
        low = w.lower()
        if low in _SHORT_VERBS:
            return True
        if (
            w.islower()
            and len(low) > 3
            and (low.endswith("ed") or (low.endswith("s") and not low.endswith(("ss", "us", "is"))))
        ):
            return True
    return False


def _assess(sentence: str, vocab: Counter[str], typos: set[str]) -> str | None:
    """Why the generator must not use this sentence, or None."""
    stripped = sentence.rstrip(_CLOSERS + " ")
    if not stripped or stripped[-1] not in _TERMINAL:
        return "fragment: no final punctuation"
    if stripped.endswith("?"):
        return "question"
    for token in _CAMEL_TOKEN.findall(sentence):
        if token in typos:
            return f"possible typo: '{token}'"
    if _FURNITURE_MARK.search(sentence):
        return "page furniture"
    if _URL_OR_HANDLE.search(sentence):
        return "contains a link or @handle"
    for token in _CAMEL_TOKEN.findall(sentence):
        if not _camel_ok(token, vocab):
            return f"glued words: '{token}'"
    if _BROKEN.search(sentence):
        return "broken text: words are missing"
    words = _word_count(sentence)
    if words < 5 and not _short_sentence_ok(sentence):
        return "too short"
    if words > 60:
        return "too long"
    if sentence[0] in _OPENERS[:4]:
        return "direct quotation"
    if sentence.count('"') % 2 == 1 or sentence.count("\u201c") != sentence.count("\u201d"):
        return "direct quotation (part of a longer quote)"
    quoted = sum(len(m.group(0)) for m in _QUOTE_SPAN.finditer(sentence))
    if quoted >= 0.5 * len(sentence):
        return "direct quotation"
    return None


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------


_NAV_SEPARATORS = re.compile(r"\s(?:>|\||/|»|›|·)\s")
_BREADCRUMB_ARROW = re.compile(r"\s(?:>|»|›)\s")
_NAV_PHRASES = re.compile(
    r"^(?:skip|jump|go)(?: directly)? to\b|main content|^(?:menu|search|home|sign in|log in|"
    r"subscribe|share|cookie settings)$|^an official website of\b|^here'?s how you know$",
    re.I,
)
# Labels that stand above a story on agency and newspaper pages but are not its headline.
_PAGE_LABEL = re.compile(
    r"^(?:news|press|media)\s+releases?\b|^for immediate release\b|^release date\b|"
    r"^(?:last\s+)?(?:updated|modified|published|reviewed)\b|^print this page$|^(?:by|from)\s",
    re.I,
)
_LETTER = re.compile(r"[^\W\d_]")


def _navigation_like(line: str) -> bool:
    """A site's menu or breadcrumb row ("Home > News > Science", "World | Business",
    "Skip to main content"): page furniture, never the article's title."""
    stripped = line.strip()
    if _NAV_PHRASES.search(stripped):
        return True
    if stripped.endswith((".", "!", "?")):
        return False
    if len(_NAV_SEPARATORS.findall(stripped)) >= 2 or _BREADCRUMB_ARROW.search(stripped):
        return True
    # a menu row that lost its separators ("Home News Sport Business Weather Sign in")
    words = stripped.lower().split()
    return len(words) >= 4 and sum(w in _MENU_WORDS for w in words) * 4 >= len(words) * 3


# the usual entries of a news or agency site's menu
_MENU_WORDS = frozenset(
    {"home", "news", "sport", "sports", "business", "weather", "culture", "travel", "money",
     "politics", "world", "uk", "us", "local", "opinion", "science", "health", "tech",
     "technology", "entertainment", "lifestyle", "video", "videos", "podcasts", "sign", "in",
     "log", "register", "subscribe", "menu", "search", "what's", "on", "more", "live",
     "latest", "education", "environment", "arts", "food", "motoring", "jobs", "property",
     "obituaries", "puzzles", "contact", "about", "help", "newsletters", "events"}
)  # fmt: skip


# The name of the site, agency or paper above a story ("U.S. Geological Survey", "Agricultural
# Research Service", "The Daily Herald", "Department of Commerce"): a short line ending in an
# organisation's head noun, or in one with its "of/for <Name>".
_MASTHEAD = re.compile(
    r"\b(?:department|agency|bureau|service|survey|office|administration|institute|council|"
    r"ministry|cent(?:er|re)s?|archives|museum|society|commission|authority|foundation|"
    r"university|board|trust|news|times|post|herald|gazette|tribune|journal|chronicle|"
    r"observer|guardian|telegraph|express|mail|mirror|standard|courier|press|desk|newsdesk)"
    r"(?:\s+(?:of|for)(?:\s+(?:the\s+)?(?-i:[A-Z])[\w&'.-]*)+)?\W*$",
    re.I,
)
# a full stop between two sentences; a headline may still be "Found at last! Lost ship lies
# under the ice ..." or "Who built it? The answer ...": ! and ? do not end a headline
_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})\.\s+[\"'\u201c\u2018]?[A-Z]")
_DATE_WORD = re.compile(
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|no|updated|published|posted|gmt|bst|utc",
    re.I,
)


def _says_something(line: str) -> bool:
    """Two or more words of three letters or more that are not dates, weekdays or a number
    label: "Monday 10 March 2025", "No. 41-2024", "Paris, 21 August 2024" are date lines and
    reference numbers, not headlines."""
    words = [w for w in _LETTERS_WORD.findall(line) if len(w) >= 3 and not _DATE_WORD.fullmatch(w)]
    return len(words) >= 2


def _headline_like(line: str) -> bool:
    """A heading that reads as a story's headline, not as the site's or agency's name or a
    section label above it ("U.S. DEPARTMENT OF AGRICULTURE", "Agricultural Research Service",
    "Science", "News Release", "Music | Charts"): two to twenty words, not all capitals, one
    sentence at most."""
    stripped = line.strip()
    letters = _LETTER.findall(stripped)
    words = _word_count(stripped)
    parts = [p for p in re.split(r"\s[|\u00b7]\s", stripped) if p.strip()]
    return (
        2 <= words <= 20
        and not stripped.endswith(":")
        and not (letters and all(c.isupper() for c in letters))
        and not _PAGE_LABEL.search(stripped)
        and not _navigation_like(stripped)
        and not (words <= 6 and _MASTHEAD.search(stripped))
        and not (len(parts) > 1 and all(_word_count(p) <= 3 for p in parts))
        and not _SENTENCE_BREAK.search(stripped)
        and _says_something(stripped)
    )


def _derive_title(first_heading: str | None, top_headings: list[str] | None = None) -> str | None:
    """The article's title: the first headline-like heading above the body (past a two-word
    section label when a longer one follows), else the first heading of two to twenty words
    (None when there is none)."""
    likely = [line.strip() for line in top_headings or () if _headline_like(line)]
    if likely and _word_count(likely[0]) <= 2:
        # "Kelby Valley", a two-word section label, sits above the headline
        longer = [line for line in likely if _word_count(line) >= 4]
        return longer[0] if longer else likely[0]
    if likely:
        return likely[0]
    if first_heading is None:
        return None
    words = _word_count(first_heading)
    if 2 <= words <= 20 and not first_heading.rstrip().endswith(":"):
        return first_heading.strip()
    return None


def clean_article(
    raw: str,
    *,
    fmt: str = "text",
    title: str | None = None,
    max_chars: int = 200_000,
) -> CleanArticle:
    """Run the whole ingest stage; raises :class:`IngestError` for input that cannot become an
    article. ``text[s.start:s.end] == s.text`` holds for every sentence."""
    _validate_raw(raw, max_chars)
    if fmt not in ("text", "markdown", "html"):
        raise IngestError(f"Unknown article format {fmt!r}: use text, markdown or html.")
    fmt_lit: Fmt = "html" if fmt == "html" else "markdown" if fmt == "markdown" else "text"
    body, fmt_title = extract_text(raw, fmt=fmt_lit)
    if _control_share(body) > 0.01:
        raise IngestError(_BINARY_MSG.format(name="This text"))

    lines = _rejoin_lines(_normalise(body))
    _validate_text(lines)

    work = _Work()
    kept = _drop_furniture(lines, work)
    if not kept:
        raise IngestError(
            "We could not find any article sentences: everything looks like headlines, "
            "captions or links. Please paste the text of the article itself."
        )
    kept = [_fix_punct_glue(line, work) for line in kept]
    vocab = Counter(_CAMEL_TOKEN.findall("\n".join(kept)))
    kept = [_fix_camel_glue(line, vocab, work) for line in kept]
    kept = _fix_typos(kept, work)
    kept = _join_spaced_names(kept, work)
    vocab = Counter(_CAMEL_TOKEN.findall("\n".join(kept)))

    text = "\n\n".join(kept)
    sentences: list[SentenceSpan] = []
    offset = 0
    for para in kept:
        in_quote = False  # inside a quotation that spans several sentences
        for start, end in _split_paragraph(para, offset):
            piece = text[start:end]
            reason = _assess(piece, vocab, work.typos)
            if in_quote and reason is None:
                reason = "direct quotation (inside a longer quote)"
            if piece.count('"') % 2 == 1:
                in_quote = not in_quote
            sentences.append(
                SentenceSpan(
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=piece,
                    usable=reason is None,
                    skip_reason=reason,
                )
            )
        offset += len(para) + 2
    if not any(s.skip_reason != "fragment: no final punctuation" for s in sentences):
        raise IngestError(
            "We could not find any complete sentence in this text. Please paste an article "
            "written in full sentences."
        )

    derived = _derive_title(work.first_heading, work.top_headings)
    final_title = (title or "").strip() or fmt_title or derived
    return CleanArticle(
        original=raw,
        text=text,
        title=final_title,
        sentences=tuple(sentences),
        dropped=tuple(work.dropped),
        repairs=tuple(work.repairs),
    )
