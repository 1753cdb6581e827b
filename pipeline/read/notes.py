"""Facilitator notes (.md, .txt, .docx) → lines marked as headings, bullets or plain text."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.archive import as_word_document, check_members, package_problem
from pipeline.docx_internals import paragraph_element
from pipeline.errors import InputError, words
from pipeline.vocab import alternation, vocabulary
from pipeline.wordml import W

NOTES_SUFFIXES = (".md", ".txt", ".docx", ".docm", ".dotx", ".dotm")
MAX_NOTE_BYTES = 8 * 1024 * 1024  # one notes file: some thousands of pages of text
MAX_DOCX_NOTES_BYTES = 80 * 1024 * 1024  # a .docx of notes unpacked, its images included
_BULLET = re.compile(r"^\s*(?:[-*+•·▪‣◦]|\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
_MD_STRONG = re.compile(r"(\*\*|__)[^*_]{1,60}?:?\1:?")
_MD_MARKUP = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)")


@dataclass(frozen=True)
class NoteLine:
    """One non-empty line: heading (level ≥ 1), bullet, or plain text, with its line number."""

    text: str
    line: int
    level: int = 0
    bullet: bool = False
    strong: bool = False  # the whole line is bold: a heading when it names a section
    in_table: bool = False  # a paragraph of a table cell: content, never a heading


def read_notes(path: Path, name: str) -> list[NoteLine]:
    """Read a notes file of any supported kind; InputError when it is not what it says."""
    suffix = path.suffix.lower()
    if path.stat().st_size > MAX_NOTE_BYTES:
        raise InputError(name, words("err_notes_size", mb=MAX_NOTE_BYTES // 2**20))
    if suffix in (".docx", ".docm", ".dotx", ".dotm"):
        return _read_docx(path, name)
    text = decode_text(path.read_bytes())
    return _read_markdown(text) if suffix == ".md" else _read_plain(text)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one, told by its zero bytes),
    else Windows-1252/Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:  # text in UTF-16: every other byte 0
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        try:
            return data.decode("utf-16-le" if odd > even else "utf-16-be")
        except UnicodeDecodeError:
            pass
    return decode_lines(data)[0]


def decode_lines(data: bytes) -> tuple[str, list[int]]:
    """Text that is not UTF-16: UTF-8 (with or without BOM), else Windows-1252 — decided line by line
    where a UTF-8 file holds a few lines saved in Windows-1252. Returns the text and the (1-based)
    lines read as Windows-1252 in a file otherwise UTF-8, for the reader to report."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8 = [_utf8(line) for line in lines]
    if not any(text is not None and not text.isascii() for text in utf8):
        return data.decode("cp1252", errors="replace"), []  # a Windows-1252 file, read whole as one
    recoded = [n for n, text in enumerate(utf8, start=1) if text is None]
    text = "\n".join(
        t if t is not None else line.decode("cp1252", errors="replace")
        for t, line in zip(utf8, lines, strict=True)
    )
    return text.removeprefix("\ufeff"), recoded


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


_MD_LINK = re.compile(r"\[([^\[\]]{0,500})\]\([^()\s]{0,2000}\)")  # bounded: linear on any line


def _clean_md(text: str) -> str:
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)  # [label](link) → label
    return _MD_MARKUP.sub("", text).strip()


def _md_heading(raw: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line (`## Decisions ##`), read with string methods: a
    pattern with a lazy group before optional trailing marks backtracks for minutes on a long line."""
    line = raw.lstrip(" ")
    if len(raw) - len(line) > 3 or not line.startswith("#"):
        return None
    level = len(line) - len(line.lstrip("#"))
    rest = line[level:]
    if level > 6 or (rest and not rest[0].isspace()):
        return None
    text = rest.strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1].isspace()):
        text = closed.strip()
    return level, text


def _read_markdown(text: str) -> list[NoteLine]:
    lines: list[NoteLine] = []
    in_code = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip().startswith("```"):
            in_code = not in_code
            continue
        if not raw.strip() or re.fullmatch(r"\s*(-{3,}|={3,}|\*{3,})\s*", raw):
            continue
        if not in_code and (heading := _md_heading(raw)) is not None:
            lines.append(NoteLine(_clean_md(heading[1]), number, level=heading[0]))
        elif not in_code and (m := _BULLET.match(raw)):
            lines.append(NoteLine(_clean_md(m.group(1)), number, bullet=True))
        else:
            strong = bool(_MD_STRONG.fullmatch(raw.strip())) and not in_code
            lines.append(
                NoteLine(
                    _clean_md(raw.lstrip("> ")).rstrip(":").strip()
                    if strong
                    else _clean_md(raw.lstrip("> ")),
                    number,
                    strong=strong,
                )
            )
    return [line for line in lines if line.text]


def _is_plain_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(text) > 80 or len(letters) < 3:
        return False
    if all(ch.isupper() for ch in letters):
        return True
    return text.endswith(":") and len(text) <= 50 and text.count(" ") <= 5


def _read_plain(text: str) -> list[NoteLine]:
    lines: list[NoteLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or re.fullmatch(r"[-=_*]{3,}", stripped):
            continue
        if m := _BULLET.match(raw):
            lines.append(NoteLine(m.group(1).strip(), number, bullet=True))
        elif _is_plain_heading(stripped):
            lines.append(NoteLine(stripped.rstrip(":").strip(), number, level=1))
        else:
            lines.append(NoteLine(stripped, number))
    return lines


def _check_docx(path: Path, name: str) -> None:
    names = check_members(
        path,
        name,
        not_zip=words("err_not_docx"),
        hint=words("err_not_docx_hint"),
        max_total=MAX_DOCX_NOTES_BYTES,
    )
    if "word/document.xml" not in names:
        raise InputError(name, words("err_docx_no_body"))


def _read_docx(path: Path, name: str) -> list[NoteLine]:
    _check_docx(path, name)
    import docx  # imported here: only runs that read .docx notes pay for it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(as_word_document(path.read_bytes())))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(
            name,
            words("err_docx_unreadable", detail=package_problem(exc)),
            hint=words("err_docx_save_again"),
        ) from None
    styles = {
        style.style_id: style.name or "" for style in document.styles
    }  # looked up once, not per paragraph
    lines: list[NoteLine] = []
    for number, (paragraph, in_table) in enumerate(_paragraphs(document.iter_inner_content()), start=1):
        p = paragraph_element(paragraph)
        if text := _paragraph_text(p).strip():
            if in_table:
                lines.append(NoteLine(text, number, in_table=True))
            else:
                lines.append(_docx_line(p, text, number, styles.get(p.style or "", "")))
    return lines


_TEXT_TAGS = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}


def _paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it (runs, tabs, breaks), read in one pass over its elements:
    python-docx's `Paragraph.text` runs an XPath query per run (minutes for 200,000 paragraphs)."""
    parts = []
    for element in p.iter(*_TEXT_TAGS):
        fixed = _TEXT_TAGS[element.tag]
        parts.append(element.text or "" if fixed is None else fixed)
    return "".join(parts)


def _paragraphs(blocks: Iterable[Any], in_table: bool = False) -> Iterator[tuple[Any, bool]]:
    """Every paragraph in document order, with whether it stands in a table cell (tables within
    cells included)."""
    from docx.text.paragraph import Paragraph

    for block in blocks:
        if isinstance(block, Paragraph):
            yield block, in_table
        else:
            seen: set[Any] = set()  # the cells' elements, kept alive so each is told by identity
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:  # a merged cell is listed once per grid column it spans
                        seen.add(cell._tc)
                        yield from _paragraphs(cell.iter_inner_content(), True)


@cache
def _styles() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A heading's paragraph style ('Heading 2', 'Title', 'Título 1', 'Überschrift 2': its level) and
    a list paragraph's ('List Bullet', 'Compact', 'Liste à puces'), by Word's and pandoc's names and
    Word's names in other languages (the vocabularies' [word_styles])."""
    names = vocabulary().word_styles
    heading = alternation(("heading", "title", *names["heading"]))
    listed = alternation(("list", "compact", *names["list"]))
    return re.compile(rf"^({heading})\s*(\d*)$", re.I), re.compile(rf"^({listed})", re.I)


def _docx_line(p: Any, text: str, number: int, style_name: str) -> NoteLine:
    heading, listed = _styles()
    if m := heading.match(style_name):
        return NoteLine(text, number, level=int(m.group(2) or 1))
    ppr = p.pPr
    outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    value = outline.get(f"{W}val", "0") if outline is not None else ""
    if outline is not None and value.isdigit() and int(value) < 9:  # 9 is Word's "body text" level
        return NoteLine(text, number, level=int(value) + 1)
    numbered = ppr is not None and ppr.numPr is not None
    if numbered or listed.match(style_name):
        return NoteLine(text, number, bullet=True)
    if m := _BULLET.match(text):
        return NoteLine(m.group(1).strip(), number, bullet=True)
    strong = len(text) <= 60 and _all_bold(p)
    return NoteLine(text.rstrip(":").strip() if strong else text, number, strong=strong)


def _all_bold(p: Any) -> bool:
    """Whether every run of the paragraph that holds text is bold (`<w:b/>`, not `w:val="0"`)."""
    runs = [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    for run in runs:
        bold = run.find(f"{W}rPr/{W}b")
        if bold is None or bold.get(f"{W}val", "true") in ("0", "false", "off"):
            return False
    return bool(runs)
