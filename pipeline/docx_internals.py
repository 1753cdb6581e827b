"""Every reach into python-docx's private attributes, in one place.

python-docx has no public way to replace a generic part's bytes (`docProps/app.xml`), nor to get
the XML element of a paragraph, of a header or footer, of a section's properties or of the comments
part; these functions do, and
`tests/test_docx_internals.py` fails by name if a python-docx release moves any of them.
"""

from __future__ import annotations

from typing import Any

from lxml import etree


def paragraph_element(paragraph: Any) -> etree._Element:
    """The `<w:p>` of a python-docx Paragraph."""
    element: etree._Element = paragraph._p
    return element


def story_element(part: Any) -> etree._Element:
    """The `<w:hdr>`/`<w:ftr>` element of a section's header or footer."""
    element: etree._Element = part._element
    return element


def set_part_bytes(part: Any, data: bytes) -> None:
    """Replace the content of a generic (non-XML) package part, such as `docProps/app.xml`."""
    part._blob = data


def comments_element(document: Any) -> etree._Element:
    """The `<w:comments>` element of a document's comments part (created when it has none)."""
    element: etree._Element = document.comments._comments_elm
    return element


def section_properties(section: Any) -> etree._Element:
    """The `<w:sectPr>` of a python-docx Section."""
    element: etree._Element = section._sectPr
    return element


class _Collected:
    """Stands for python-docx's zip writer: keeps each (member name, bytes) it is given, in order."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.parts.append((str(pack_uri.membername), blob))


def package_parts(document: Any) -> list[tuple[str, bytes]]:
    """What `Document.save` would zip, as (member name, bytes) in its order, not zipped: the draft
    is zipped once, by `render.zip_writer`, rather than zipped, read back and zipped again."""
    from docx.opc.pkgwriter import PackageWriter

    writer: Any = PackageWriter  # its steps, each given the collector for a zip writer
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    collected = _Collected()
    writer._write_content_types_stream(collected, parts)
    writer._write_pkg_rels(collected, package.rels)
    writer._write_parts(collected, parts)
    return collected.parts
