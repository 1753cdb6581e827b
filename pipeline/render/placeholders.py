"""`{{ name }}` placeholders in a template, filled even where Word split them across runs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml.ns import qn
from lxml import etree

from pipeline.docx_internals import story_element
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


def template_parts(document: object) -> list[tuple[str, etree._Element]]:
    """(where, element) of every part placeholders may stand in: the body, then each header and footer."""
    parts: list[tuple[str, etree._Element]] = [("body", document.element.body)]  # type: ignore[attr-defined]
    for section in document.sections:  # type: ignore[attr-defined]
        for kind in ("header", "footer", "first_page_header", "first_page_footer", "even_page_header",
                     "even_page_footer"):  # fmt: skip
            part = getattr(section, kind)
            if not part.is_linked_to_previous:
                parts.append((kind.replace("_", " "), story_element(part)))
    return parts


def body_placeholder(document: object) -> tuple[etree._Element | None, str | None]:
    """The `{{ body }}` paragraph (None: the body goes at the end), and what is wrong with where the
    template puts it (None when nothing is): it must stand once, in a paragraph of its own, in the
    body itself — not in a table cell, a text box, a header or a footer."""
    found: list[tuple[str, etree._Element]] = []
    for where, part in template_parts(document):
        found += [(where, p) for p in part.iter(_P) if BODY.search(paragraph_text(p))]
    if not found:
        return None, None
    if len(found) > 1:
        return None, f"{{{{ body }}}} stands {len(found)} times; keep one, in a paragraph of its own"
    where, p = found[0]
    if where != "body":
        return None, f"{{{{ body }}}} stands in the {where}; put it in a paragraph of the document body"
    if p.getparent() is not document.element.body:  # type: ignore[attr-defined]
        inside = (
            "a table cell" if any(a.tag == qn("w:tc") for a in p.iterancestors()) else "a frame or text box"
        )
        return (
            None,
            f"{{{{ body }}}} stands in {inside}; put it in a paragraph of its own in the document body",
        )
    if not BODY.fullmatch(paragraph_text(p).strip()):
        return None, "{{ body }} shares its paragraph with other text; give it a paragraph of its own"
    return p, None
