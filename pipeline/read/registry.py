"""The capture readers, in one registry keyed by suffix: each extracts (never interprets) one kind of file.

A reader declares the suffixes it takes, what it yields (grids of cells, or lines of text), the unit
its file's account counts in, and how it knows a file plan-draft wrote itself. Adding a format is one
entry here; `tests/test_readers.py` holds every entry to the contract (every unit it yields is placed,
reported or ignored by name, and nothing in the sample is dropped on the way).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pipeline.grid import Grid
from pipeline.own_files import KIT_MARK, OUTPUT_MARK
from pipeline.read.csvfile import CSV_SUFFIXES, read_csv
from pipeline.read.notes import NOTES_SUFFIXES, NoteLine, read_notes
from pipeline.read.workbook import WORKBOOK_SUFFIXES, read_workbook

Unit = Literal["cells", "lines", "paragraphs"]


def _app_names_plan_draft(path: Path) -> str | None:
    """'ours' for an Office package whose `docProps/app.xml` names plan-draft as its application."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("docProps/app.xml")
            ours = info.file_size < 65536 and b"<Application>plan-draft" in package.read(info)
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    return "ours" if ours else None


def _output_workbook(path: Path) -> str | None:
    """'ours' for a workbook plan-draft wrote as an output, never a capture (a batch's summary.xlsx):
    its core properties carry OUTPUT_MARK."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("docProps/core.xml")
            ours = info.file_size < 65536 and OUTPUT_MARK.encode() in package.read(info)
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    return "ours" if ours else None


def _kit_instructions(path: Path) -> str | None:
    """'kit' for the instructions `init` writes for the groups (their last line is the kit's mark)."""
    if path.suffix.lower() != ".txt":
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(16384)
    except OSError:
        return None
    return "kit" if head.rstrip().endswith(KIT_MARK) else None


def _never_ours(_: Path) -> str | None:
    return None


def _notes_ours(path: Path) -> str | None:
    if path.suffix.lower() == ".txt":
        return _kit_instructions(path)
    return _app_names_plan_draft(path) if path.suffix.lower() == ".docx" else None


@dataclass(frozen=True)
class GridReader:
    """A reader of tables: every sheet of the file as a grid of cells."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, str, int], list[Grid]]  # (path, name, cells left in the mission's budget)
    ours: Callable[[Path], str | None] = _never_ours
    unit: Unit = "cells"


@dataclass(frozen=True)
class LineReader:
    """A reader of text: the file's non-empty lines (or paragraphs), marked as headings or bullets."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, str], list[NoteLine]]
    ours: Callable[[Path], str | None] = _never_ours
    unit: Unit = "lines"


Reader = GridReader | LineReader

READERS: tuple[Reader, ...] = (
    GridReader("workbook", WORKBOOK_SUFFIXES, read_workbook, _output_workbook),
    GridReader("csv", CSV_SUFFIXES, lambda path, name, _budget: read_csv(path, name)),
    LineReader(
        "text notes", tuple(s for s in NOTES_SUFFIXES if s in (".md", ".txt")), read_notes, _notes_ours
    ),
    LineReader(
        "word notes",
        tuple(s for s in NOTES_SUFFIXES if s not in (".md", ".txt")),
        read_notes,
        _notes_ours,
        unit="paragraphs",
    ),
)


def reader_for(path: Path) -> Reader | None:
    """The reader of a file, by its suffix (case ignored); None for a kind no reader takes."""
    suffix = path.suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def made_by_plan_draft(path: Path) -> str | None:
    """Why a file is plan-draft's own and never read back as a capture: 'ours' for a copy it keeps
    (`draft.previous.docx`) or a draft it wrote, 'kit' for the instructions `init` wrote for the
    groups; None for anything else."""
    if ".previous." in path.name:
        return "ours"
    reader = reader_for(path)
    return reader.ours(path) if reader is not None else None


def readable_suffixes() -> tuple[str, ...]:
    """Every suffix some reader takes, in registry order."""
    return tuple(s for r in READERS for s in r.suffixes)
