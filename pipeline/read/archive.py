"""Zip packages (xlsx, ods, docx): refused before reading when they could hurt.

A member that would unpack to too much (a zip bomb) and an XML part that declares a DOCTYPE (the
door to entity expansion and external entities such as `file:///etc/passwd`) are refused with a
message; nothing is parsed from such a file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from pipeline.errors import InputError

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024
_PROLOG_LIMIT = 1024 * 1024
_ROOT_OR_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY|<[A-Za-z_]", re.I)


def _declares_doctype(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (everything before its root element) holds a DOCTYPE or ENTITY."""
    seen = b""
    with archive.open(info) as member:
        while len(seen) < _PROLOG_LIMIT:
            chunk = member.read(_CHUNK)
            if not chunk:
                break
            seen += chunk
            if m := _ROOT_OR_DOCTYPE.search(seen):
                return m.group().startswith(b"<!")
    return False


def check_members(source: Path | IO[bytes], name: str, *, not_zip: str, hint: str) -> set[str]:
    """The member names of a zip package; InputError for a damaged one, a zip bomb or XML entities."""
    try:
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
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
        raise InputError(name, not_zip + detail, hint=hint) from None
