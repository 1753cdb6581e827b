"""`{{ name }}` placeholders in a template, filled even where Word split them across runs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml.ns import qn
from lxml import etree

from pipeline.text import word_safe

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Every placeholder a template may use; `body` marks where the generated content goes.
PLACEHOLDER_NAMES = (
    "administration",
    "country",
    "title",
    "period",
    "status",
    "version_label",
    "version",
    "date",
    "page_label",
    "body",
)
BODY = re.compile(r"\{\{\s*body\s*\}\}")  # the paragraph the generated body replaces
_P, _T = qn("w:p"), qn("w:t")


def paragraph_text(p: etree._Element) -> str:
    """The text of a `<w:p>` as its `<w:t>` elements hold it."""
    return "".join(t.text or "" for t in p.iter(_T))


def fill(p: etree._Element, values: dict[str, str]) -> set[str]:
    """Replace known placeholders in one paragraph; returns the names it found but does not know."""
    texts = list(p.iter(_T))
    whole = "".join(t.text or "" for t in texts)
    if "{{" not in whole:
        return set()
    unknown: set[str] = set()
    matches = [m for m in PLACEHOLDER.finditer(whole)]
    for m in reversed(matches):
        name = m.group(1)
        if name not in values:
            unknown.add(name)
            continue
        _replace_span(texts, m.start(), m.end(), word_safe(values[name])[0])
    return unknown


def _replace_span(texts: list[etree._Element], start: int, end: int, value: str) -> None:
    pos = 0
    first = True
    for t in texts:
        text = t.text or ""
        t_start, t_end = pos, pos + len(text)
        pos = t_end
        if t_end <= start or t_start >= end:
            continue
        cut_from, cut_to = max(start, t_start) - t_start, min(end, t_end) - t_start
        replacement = value if first else ""
        t.text = text[:cut_from] + replacement + text[cut_to:]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        first = False


def fill_all(roots: Iterable[etree._Element], values: dict[str, str]) -> set[str]:
    """Fill every paragraph under the given parts (body, headers, footers)."""
    unknown: set[str] = set()
    for root in roots:
        for p in root.iter(_P):
            unknown |= fill(p, values)
    return unknown
