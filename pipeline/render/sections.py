"""The draft's sections, in the order the document gives them: to add one, write it and list it here."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.render import annexes, chapters
from pipeline.render.writer import Content, Writer

Section = Callable[[Writer, Content], None]

SECTIONS: tuple[Section, ...] = (
    chapters.introduction,
    chapters.statements,
    chapters.swot,
    chapters.areas,
    annexes.roadmap,
    annexes.monitoring,
    chapters.notes,
    annexes.annexes,
)
