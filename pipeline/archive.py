"""Zip packages (xlsx, ods, docx): refused before reading when they could hurt.

A member that would unpack to too much (a zip bomb) and an XML part that declares a DOCTYPE (the
door to entity expansion and external entities such as `file:///etc/passwd`) are refused with a
message; nothing is parsed from such a file.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import IO

from pipeline.errors import InputError, Words

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5_000  # parts of one package; a workbook of a hundred sheets has a few hundred
MAX_TOTAL_BYTES = (
    400 * 1024 * 1024
)  # everything a package unpacks to (templates and notes: less, see callers)
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024
_PROLOG_LIMIT = 1024 * 1024
_WHITESPACE = b" \t\r\n"


def _prolog_declares_doctype(data: bytes) -> bool | None:
    """Whether the XML prolog in `data` holds a DOCTYPE or ENTITY declaration; None when `data` ends
    before the root element does start (read more). Comments and processing instructions are passed
    over whole, so text in them (`<!-- <a> -->`) is never taken for the root."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while pos < len(data) and data[pos] in _WHITESPACE:
            pos += 1
        if pos >= len(data):
            return None
        for opening, closing in ((b"<?", b"?>"), (b"<!--", b"-->")):
            if data.startswith(opening, pos):
                end = data.find(closing, pos + len(opening))
                if end < 0:
                    return None
                pos = end + len(closing)
                break
        else:
            return data.startswith(b"<!", pos)  # a declaration; anything else is the root (or not XML)


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (everything before its root element) holds a DOCTYPE or ENTITY."""
    seen = b""
    with archive.open(info) as member:
        while len(seen) < _PROLOG_LIMIT:
            chunk = member.read(_CHUNK)
            if not chunk:
                break
            seen += chunk
            found = _prolog_declares_doctype(seen)
            if found is not None:
                return found
    return len(seen) >= _PROLOG_LIMIT  # a prolog of a megabyte is no office file's: refused


def check_members(
    source: Path | IO[bytes],
    name: str,
    *,
    not_zip: str | Words,
    hint: str | Words,
    max_total: int = MAX_TOTAL_BYTES,
) -> set[str]:
    """The member names of a zip package; InputError for a damaged one, a zip bomb (a part, or all of
    them together, unpacking to too much; too many parts) or XML entities."""
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise InputError(
                    name, f"the package holds {len(members):,} parts (limit {MAX_MEMBERS:,}); refused"
                )
            total = sum(info.file_size for info in members)
            if total > max_total:
                raise InputError(
                    name,
                    f"the package would unpack to {total // 2**20:,} MB "
                    f"(limit {max_total // 2**20} MB); refused",
                )
            for info in members:
                if info.file_size > MAX_MEMBER_BYTES:
                    raise InputError(
                        name,
                        f"part {info.filename} would unpack to "
                        f"{info.file_size // 2**20} MB (limit {MAX_MEMBER_BYTES // 2**20} MB); "
                        "refused",
                    )
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                    raise InputError(
                        name,
                        f"part {info.filename} is compressed {ratio:.0f}:1 "
                        f"(limit {MAX_RATIO}:1); refused as a possible zip bomb",
                    )
            for info in archive.infolist():
                if info.filename.lower().endswith((".xml", ".rels")) and _declares_doctype(archive, info):
                    raise InputError(
                        name,
                        f"part {info.filename} declares a DOCTYPE or XML entities; "
                        "refused (entities can expand or read other files)",
                        hint="save the file again from Excel, Word or LibreOffice",
                    )
            return set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        detail = f" ({exc})" if isinstance(exc, NotImplementedError) else ""
        message = not_zip + detail if isinstance(not_zip, str) else Words(not_zip.key, not_zip.params)
        raise InputError(name, message, hint=hint) from None


_WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_WORD_MAINS = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    b"application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)
_VBA_RELATIONSHIP = re.compile(rb"<Relationship [^>]*Type=\"[^\"]*/vbaProject\"[^>]*/>")


def as_word_document(data: bytes) -> bytes:
    """A Word template (.dotx) or macro-enabled file (.docm, .dotm) as a plain document package:
    its main part typed as a document's, its macros unlinked (they are never run, nor kept)."""
    source = io.BytesIO(data)
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
        if not any(kind in types for kind in _OTHER_WORD_MAINS):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
            for info in archive.infolist():
                content = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    for kind in _OTHER_WORD_MAINS:
                        content = content.replace(kind, _WORD_MAIN)
                elif info.filename == "word/_rels/document.xml.rels":
                    content = _VBA_RELATIONSHIP.sub(b"", content)
                result.writestr(info, content)
        return out.getvalue()


_OBJECT_NAME = re.compile(r"file '<[^>]*>' ")


def package_problem(exc: Exception) -> str:
    """What python-docx said of a package it refused, without the repr of the buffer it was given."""
    return _OBJECT_NAME.sub("", str(exc)) or type(exc).__name__
