"""Facilitator notes (.md, .txt, .docx) → lines marked as headings, bullets or plain text."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.archive import as_word_document, check_members, package_problem
from pipeline.errors import InputError

NOTES_SUFFIXES = (".md", ".txt", ".docx", ".docm", ".dotx", ".dotm")
MAX_NOTE_BYTES = 20 * 1024 * 1024
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪‣◦]|\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
_HEADING_STYLE = re.compile(r"^(heading|titre|título|titulo|überschrift|title)\s*(\d*)$", re.I)
_LIST_STYLE = re.compile(r"^(list|lista|liste|compact)", re.I)
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
        raise InputError(name, f"the notes file is over {MAX_NOTE_BYTES // 2**20} MB; refused")
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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _clean_md(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](link) → label
    return _MD_MARKUP.sub("", text).strip()


def _read_markdown(text: str) -> list[NoteLine]:
    lines: list[NoteLine] = []
    in_code = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip().startswith("```"):
            in_code = not in_code
            continue
        if not raw.strip() or re.fullmatch(r"\s*(-{3,}|={3,}|\*{3,})\s*", raw):
            continue
        if not in_code and (m := _MD_HEADING.match(raw)):
            lines.append(NoteLine(_clean_md(m.group(2)), number, level=len(m.group(1))))
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
        not_zip="is not a Word document (.docx)",
        hint="save it from Word or LibreOffice as .docx, or as .md or .txt",
    )
    if "word/document.xml" not in names:
        raise InputError(name, "is not a Word document (.docx): it has no word/document.xml")


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
            f"is not a readable Word document: {package_problem(exc)}",
            hint="save it again from Word or LibreOffice",
        ) from None
    lines: list[NoteLine] = []
    for number, (paragraph, in_table) in enumerate(_paragraphs(document.iter_inner_content()), start=1):
        if text := paragraph.text.strip():
            line = _docx_line(paragraph, text, number)
            lines.append(NoteLine(text, number, in_table=True) if in_table else line)
    return lines


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


def _docx_line(paragraph: object, text: str, number: int) -> NoteLine:
    style = getattr(paragraph, "style", None)
    style_name = (style.name or "") if style is not None else ""
    if m := _HEADING_STYLE.match(style_name):
        return NoteLine(text, number, level=int(m.group(2) or 1))
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    outline = (
        ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
        if ppr is not None
        else None
    )
    if outline is not None:
        level = int(outline.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "0")) + 1
        return NoteLine(text, number, level=level)
    numbered = ppr is not None and ppr.numPr is not None
    if numbered or _LIST_STYLE.match(style_name):
        return NoteLine(text, number, bullet=True)
    if m := _BULLET.match(text):
        return NoteLine(m.group(1).strip(), number, bullet=True)
    runs = [r for r in paragraph.runs if r.text.strip()]  # type: ignore[attr-defined]
    strong = bool(runs) and len(text) <= 60 and all(r.bold for r in runs)
    return NoteLine(text.rstrip(":").strip() if strong else text, number, strong=strong)
