"""Fixture factories: small missions, workbooks and notes written inline by each test."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.model import Plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "example"
sys.path.insert(0, str(ROOT / "scripts"))

_CACHE = tempfile.mkdtemp(prefix="plan-draft-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    """The tests keep plan-draft's cache (pipeline.cache) in a folder of their own, made afresh
    each run: never the user's, and the cold path is taken every run."""
    os.environ["PLAN_DRAFT_CACHE"] = _CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


MISSION_TOML = """administration = "Servicio Nacional de Aduanas"
country = "Chile"
period = "2012-2016"
language = "{language}"
date = 2012-03-23
"""


def style_name(paragraph: Any) -> str:
    """A python-docx paragraph's style name ('' when it has none)."""
    return paragraph.style.name if paragraph.style is not None else ""


def sections_by_heading(document: Any) -> dict[str, list[str]]:
    """A draft's Heading 1 text (without its number) → every later paragraph's text (numbers off)
    and every paragraph in its tables, up to the next Heading 1."""
    from docx.text.paragraph import Paragraph

    sections: dict[str, list[str]] = {}
    current = None
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if style_name(block) == "Heading 1":
                current = block.text.split("  ", 1)[-1]
                sections[current] = []
            elif current and block.text:
                sections[current].append(block.text.split("  ", 1)[-1])
        elif current:
            sections[current] += [p.text for row in block.rows for cell in row.cells for p in cell.paragraphs]
    return sections


def write_workbook(
    path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None
) -> Path:
    """A workbook with one sheet per entry; rows start at A1; `merges` maps sheet → ranges (the
    writer the field cases use)."""
    from field.books import workbook

    workbook(path, sheets, merges)
    return path


@pytest.fixture
def make_mission(tmp_path: Path) -> Callable[..., Path]:
    """make_mission(sheets=..., notes={'n.md': text}, language='es') → a mission folder."""

    def make(
        sheets: dict[str, list[list[object]]] | None = None,
        *,
        notes: dict[str, str] | None = None,
        language: str = "en",
        toml_extra: str = "",
        merges: dict[str, list[str]] | None = None,
        name: str = "mission",
    ) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "mission.toml").write_text(MISSION_TOML.format(language=language) + toml_extra, "utf-8")
        if sheets is not None:
            write_workbook(folder / "taller.xlsx", sheets, merges)
        for file_name, text in (notes or {}).items():
            (folder / file_name).write_text(text, "utf-8")
        return folder

    return make


PLAN_HEADER = [
    "Key area",
    "Strategic objective",
    "Key initiative",
    "Owner",
    "Start",
    "End",
    "KPI",
    "Baseline",
    "Target",
]
# One row under PLAN_HEADER, for missions a test needs to hold an item (an empty plan exits 1).
PLAN_ROW = [
    "Legal",
    "Modernise the customs law",
    "Draft the new customs code",
    "Legal Dept",
    2013,
    2014,
    "",
    "",
    "",
]


def without_provenance(plan: Plan) -> dict[str, Any]:
    """The plan's content, leaving out where things were read (what an export round trip changes)."""
    data = plan.model_dump(mode="json", exclude={"intake", "accounting", "area_matches", "sources"})

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "source"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)  # type: ignore[return-value]


def package_lines(pattern: str, but: str) -> list[str]:
    """'module.py:line' of every line of the package matching `pattern`, outside the module `but`
    (the one place allowed to): for tests that keep a mechanism in one module."""
    import re

    found = re.compile(pattern)
    package = Path(__file__).parent.parent / "pipeline"
    return [
        f"{path.relative_to(package)}:{n}"
        for path in sorted(package.rglob("*.py"))
        if path.name != but
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if found.search(line)
    ]
