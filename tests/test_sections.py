"""The draft's section registry: every section written is listed, and the chapters come in its order."""

from __future__ import annotations

import inspect
import io
import typing
from types import ModuleType

import docx
import pytest
from conftest import EXAMPLE

from pipeline.build import parse
from pipeline.checks import check
from pipeline.model import Findings, Plan
from pipeline.render import annexes, chapters, document
from pipeline.render.sections import SECTIONS
from pipeline.render.writer import Content, Writer

MODULES: tuple[ModuleType, ...] = (chapters, annexes)


def _is_section(function: object) -> bool:
    """A public function of (Writer, Content) -> None: the shape of a section."""
    if not inspect.isfunction(function) or function.__name__.startswith("_"):
        return False
    hints = typing.get_type_hints(function)
    return list(hints.values()) == [Writer, Content, type(None)]


def test_every_section_written_is_listed_in_sections() -> None:
    written = [
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}"
        for module in MODULES
        for name, function in vars(module).items()
        if _is_section(function) and function.__module__ == module.__name__
    ]
    listed = {f"{s.__module__.rsplit('.', 1)[-1]}.{s.__name__}" for s in SECTIONS}
    missing = [name for name in written if name not in listed]
    assert missing == [], f"sections written but not listed in render/sections.py SECTIONS: {missing}"
    assert len(listed) == len(SECTIONS), "a section is listed twice in SECTIONS"


def _chapter_headings(data: bytes) -> list[str]:
    """The draft's Heading 1 texts without their numbers ('4  Strategic management' → its title)."""
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    return [
        p.text.split("  ", 1)[-1] for p in paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]


@pytest.fixture(scope="module")
def example() -> tuple[Plan, Findings]:
    plan = parse(EXAMPLE)
    return plan, check(plan)


def test_the_chapters_come_in_the_order_sections_lists_them(
    example: tuple[Plan, Findings], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, findings = example
    alone: list[tuple[str, list[str]]] = []
    for section in SECTIONS:
        monkeypatch.setattr(document, "SECTIONS", (section,))
        alone.append((section.__name__, _chapter_headings(document.render(plan, findings).data)))
    monkeypatch.undo()
    silent = [name for name, headings in alone if not headings]
    assert silent == [], f"sections that wrote no chapter for the example mission: {silent}"
    expected = [heading for _, headings in alone for heading in headings]
    assert _chapter_headings(document.render(plan, findings).data) == expected


def test_the_example_draft_reads_in_the_order_a_plan_is_laid_out(example: tuple[Plan, Findings]) -> None:
    """Context first (introduction, statements, situation), then the key areas in the mission's
    order, then how it will be carried out and followed, then the record and the annexes."""
    plan, findings = example
    assert _chapter_headings(document.render(plan, findings).data) == [
        "Introduction",
        "Mission, vision and values",
        "Situation analysis (SWOT)",
        "Legal and procedures framework",
        "Strategic management",
        "Human resources development",
        "Stakeholder relations",
        "Compliance management",
        "Implementation roadmap",
        "Monitoring and evaluation",
        "Decisions and open questions",
        "Risks and mitigation",
        "Annexes",
    ]
