"""Zip packages (xlsx, ods, docx): refuse members that would unpack to too much, before reading."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.errors import InputError

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024


def check_members(path: Path, name: str, *, not_zip: str, hint: str) -> set[str]:
    """The member names of a zip package; InputError for a damaged one or a possible zip bomb."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_MEMBER_BYTES:
                    raise InputError(name, f"part {info.filename} would unpack to "
                                     f"{info.file_size // 2**20} MB (limit {MAX_MEMBER_BYTES // 2**20} MB); "
                                     "refused")
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                    raise InputError(name, f"part {info.filename} is compressed {ratio:.0f}:1 "
                                     f"(limit {MAX_RATIO}:1); refused as a possible zip bomb")
            return set(archive.namelist())
    except zipfile.BadZipFile:
        raise InputError(name, not_zip, hint=hint) from None
