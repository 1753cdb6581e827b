"""The default template: house styles, an A4 page, a cover with placeholders, running header and footer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from pipeline.docx_internals import package_parts, paragraph_element
from pipeline.render.ooxml import field, zipped
from pipeline.render.package import clean_package
from pipeline.render.styles import StyleIndex

NAVY = RGBColor(0x1F, 0x4E, 0x79)
BLUE = RGBColor(0x2E, 0x74, 0xB5)
GREY = RGBColor(0x59, 0x59, 0x59)
# Styles the draft uses; a template without one of them falls back to Normal, and says so.
REQUIRED_STYLES = (
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "Table Text",
    "Table Heading",
    "TOC Heading",
    "TOC 1",
    "TOC 2",
    "Quote",
)


def _font(
    style: Any, size: float, *, bold: bool = False, color: RGBColor | None = None, italic: bool = False
) -> None:
    style.font.name = "Calibri"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color


def _get_or_add(styles: Any, name: str) -> Any:
    """A paragraph style by name, added when the document lacks it (python-docx types styles loosely)."""
    try:
        return styles[name]
    except KeyError:
        return styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, 10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    _font(styles["Title"], 28, bold=True, color=NAVY)
    _font(styles["Subtitle"], 15, color=GREY)
    for level, size, heading_color, before in ((1, 17, NAVY, 0), (2, 13, BLUE, 14), (3, 11.5, NAVY, 10)):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=True, color=heading_color)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    _font(styles["Quote"], 11, italic=True, color=NAVY)
    styles["Quote"].paragraph_format.left_indent = Cm(0.8)
    table_styles: list[tuple[str, float, bool, RGBColor | None]] = [
        ("Table Text", 9, False, None),
        ("Table Heading", 9, True, RGBColor(0xFF, 0xFF, 0xFF)),
    ]
    for name, size, bold, color in table_styles:
        style = _get_or_add(styles, name)
        style.base_style = normal
        _font(style, size, bold=bold, color=color)
        style.paragraph_format.space_after = Pt(1)
        style.paragraph_format.line_spacing = 1.0
    index = StyleIndex(styles.element)  # Word's built-in styles, named as Word names them ('toc 1')
    for name in ("TOC Heading", "TOC 1", "TOC 2", "CommentText", "CommentReference"):
        if index.find(name) is None:
            index.add_built_in(name)
    toc_heading = styles["TOC Heading"]
    toc_heading.base_style = normal
    _font(toc_heading, 17, bold=True, color=NAVY)
    toc_heading.paragraph_format.space_after = Pt(12)
    for level in (1, 2):
        style = styles[f"toc {level}"]
        style.base_style = normal
        _font(style, 10.5, bold=level == 1)
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(3 if level == 2 else 4)


# The table styles the default template keeps: Word's default table style and its plain grid. python-docx's
# own default template defines all 100 of Word 2010's (Light Grid – Accent 1 and the rest: 310 KB of a
# 350 KB styles part, in every draft); Word lists its built-in table styles whether or not a document
# defines them, and writes one in when it is applied, but LibreOffice read all 100 at every layout (a
# tenth of the time it takes to lay the example out for its PDF).
KEPT_TABLE_STYLES = ("TableNormal", "TableGrid")


def _drop_unused_table_styles(document: docx.document.Document) -> None:
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in KEPT_TABLE_STYLES:
            root.remove(style)


def _cover(document: docx.document.Document) -> None:
    for _ in range(6):
        document.add_paragraph()
    document.add_paragraph("{{ administration }}", style="Subtitle")
    document.add_paragraph("{{ title }} {{ period }}", style="Title")
    status = document.add_paragraph("{{ status }} · {{ version_label }} {{ version }}", style="Subtitle")
    status.paragraph_format.space_before = Pt(24)
    document.add_paragraph("{{ date }}", style="Subtitle")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{ body }}")


def _header_footer(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.3), Cm(2.0)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = "{{ administration }} · {{ title }} {{ period }} · {{ status }} {{ version }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size, run.font.color.rgb = Pt(8.5), GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("{{ page_label }} ")
    field(paragraph_element(footer), "PAGE", "1")
    for run in footer.runs:
        run.font.size = Pt(9)


def default_template() -> docx.document.Document:
    """The default template as a python-docx document, built in memory."""
    document = docx.Document()
    _styles(document)
    _drop_unused_table_styles(document)
    _header_footer(document)
    _cover(document)
    props = document.core_properties
    props.author = props.last_modified_by = "plan-draft"
    props.title = "Strategic plan draft template"
    props.revision = 1
    props.created = props.modified = props.last_printed = dt.datetime(2012, 1, 1)
    clean_package(document)
    return document


def build_default_template() -> bytes:
    """The default template as .docx bytes (templates/default.docx), identical on every call."""
    return zipped(package_parts(default_template()))
