"""The only place that writes raw WordprocessingML: tables, fields, breaks, fixed-time packages."""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from pipeline.text import word_safe

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_T = qn("w:t")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


def add_text_runs(p: etree._Element, text: str, *, bold: bool = False) -> None:
    """Append `<w:r>` runs holding text to a `<w:p>`; line breaks become `<w:br/>`.

    Characters XML cannot hold (e.g. pasted control characters in an edited plan.json) are dropped
    here, so no text can make the render fail.
    """
    text = word_safe(text)[0]
    r = _el(p, "w:r")
    if bold:
        _el(_el(r, "w:rPr"), "w:b")
    for n, line in enumerate(text.split("\n")):
        if n:
            _el(r, "w:br")
        t = etree.SubElement(r, _T)
        t.text = line
        t.set(_SPACE, "preserve")


def paragraph(style_id: str | None, text: str = "", *, bold: bool = False,
              keep_next: bool = False) -> etree._Element:
    """A `<w:p>` with a paragraph style (`<w:pStyle>`) and text."""
    p = OxmlElement("w:p")
    if style_id or keep_next:
        ppr = _el(p, "w:pPr")
        if style_id:
            _el(ppr, "w:pStyle", val=style_id)
        if keep_next:
            _el(ppr, "w:keepNext")
    if text:
        add_text_runs(p, text, bold=bold)
    return p


@dataclass(frozen=True)
class Cell:
    """A table cell with more than text: a background fill, a column span, bold text."""

    content: str | list[str] = ""
    fill: str | None = None
    span: int = 1
    bold: bool = False


CellValue = str | list[str] | Cell


def table(rows: list[list[CellValue]], widths_cm: list[float], *, head_style: str | None,
          body_style: str | None, head_fill: str = "1F4E79", band_fill: str | None = None) -> etree._Element:
    """A `<w:tbl>` built in one pass; the first row is a header repeated on every page (`<w:tblHeader>`).

    A cell given as a list of strings holds one paragraph per string; a `Cell` may also span
    columns (`<w:gridSpan>`) and carry its own fill (`<w:shd>`).
    """
    twips = [int(w * 567) for w in widths_cm]
    tbl = OxmlElement("w:tbl")
    tblpr = _el(tbl, "w:tblPr")
    _el(tblpr, "w:tblW", w=str(sum(twips)), type="dxa")
    _el(tblpr, "w:tblLayout", type="fixed")
    borders = _el(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(borders, f"w:{side}", val="single", sz="4", space="0", color="A6A6A6")
    margins = _el(tblpr, "w:tblCellMar")
    for side, size in (("top", "40"), ("left", "80"), ("bottom", "40"), ("right", "80")):
        _el(margins, f"w:{side}", w=size, type="dxa")
    _el(tblpr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
        noHBand="0", noVBand="1")
    grid = _el(tbl, "w:tblGrid")
    for width in twips:
        _el(grid, "w:gridCol", w=str(width))
    for n, row in enumerate(rows):
        tr = _el(tbl, "w:tr")
        trpr = _el(tr, "w:trPr")
        _el(trpr, "w:cantSplit")
        if n == 0:
            _el(trpr, "w:tblHeader")
        row_fill = head_fill if n == 0 else (band_fill if band_fill and n % 2 == 0 else None)
        style = head_style if n == 0 else body_style
        column = 0
        for value in row:
            cell = value if isinstance(value, Cell) else Cell(value)
            width = sum(twips[column:column + cell.span])
            column += cell.span
            tc = _el(tr, "w:tc")
            tcpr = _el(tc, "w:tcPr")
            _el(tcpr, "w:tcW", w=str(width), type="dxa")
            if cell.span > 1:
                _el(tcpr, "w:gridSpan", val=str(cell.span))
            if cell.fill or row_fill:
                _el(tcpr, "w:shd", val="clear", color="auto", fill=cell.fill or row_fill or "auto")
            texts = cell.content if isinstance(cell.content, list) else [cell.content]
            for text in texts or [""]:
                tc.append(paragraph(style, text, bold=cell.bold))
        if column != len(twips):
            raise ValueError(f"table row {n} covers {column} of {len(twips)} columns")
    return tbl


def section_break(template_sectpr: etree._Element, *, landscape: bool,
                  title_page: bool = False) -> etree._Element:
    """A paragraph ending a section (`<w:pPr><w:sectPr>`) laid out like the template's, in one orientation.

    The copy keeps the template's headers, footers and margins; it keeps `<w:titlePg>` (a distinct
    first page, for the cover) only when `title_page` is set.
    """
    sectpr = copy.deepcopy(template_sectpr)
    if not title_page:
        drop_title_page(sectpr)
    set_orientation(sectpr, landscape=landscape)
    p = OxmlElement("w:p")
    _el(p, "w:pPr").append(sectpr)
    return p


def drop_title_page(sectpr: etree._Element) -> None:
    """Remove `<w:titlePg>`, so the section's first page has the running header and footer."""
    for element in sectpr.findall(qn("w:titlePg")):
        sectpr.remove(element)


def set_orientation(sectpr: etree._Element, *, landscape: bool) -> None:
    """Swap page width and height (`<w:pgSz>`) so the section is landscape or portrait."""
    size = sectpr.find(qn("w:pgSz"))
    if size is None:
        return
    w, h = int(size.get(qn("w:w"), "11906")), int(size.get(qn("w:h"), "16838"))
    if (w > h) != landscape:
        size.set(qn("w:w"), str(h))
        size.set(qn("w:h"), str(w))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif size.get(qn("w:orient")) is not None:
        del size.attrib[qn("w:orient")]


def text_width_cm(sectpr: etree._Element, *, landscape: bool) -> float:
    """Width between the margins (`<w:pgSz>` less `<w:pgMar>`), in centimetres, in the given orientation."""
    size, margins = sectpr.find(qn("w:pgSz")), sectpr.find(qn("w:pgMar"))
    if size is None:
        return 25.3 if landscape else 16.6
    w, h = int(size.get(qn("w:w"), "11906")), int(size.get(qn("w:h"), "16838"))
    width = max(w, h) if landscape else min(w, h)
    if margins is not None:
        width -= int(margins.get(qn("w:left"), "1440")) + int(margins.get(qn("w:right"), "1440"))
    return width / 567


def _field_start(p: etree._Element, instruction: str) -> None:
    _el(_el(p, "w:r"), "w:fldChar", fldCharType="begin", dirty="true")
    instr = etree.SubElement(_el(p, "w:r"), qn("w:instrText"))
    instr.text = f" {instruction} "
    instr.set(_SPACE, "preserve")
    _el(_el(p, "w:r"), "w:fldChar", fldCharType="separate")


def _field_end(p: etree._Element) -> None:
    _el(_el(p, "w:r"), "w:fldChar", fldCharType="end")


def field(p: etree._Element, instruction: str, result: str = "") -> None:
    """Append a complex field (`<w:fldChar>` begin/separate/end around `<w:instrText>`) to a paragraph."""
    _field_start(p, instruction)
    if result:
        add_text_runs(p, result)
    _field_end(p)


def toc(hint: str, entries: list[tuple[str, str | None]]) -> list[etree._Element]:
    """A table of contents field (`TOC \\o "1-2" \\h \\z \\u`) pre-filled with (text, style id) entries.

    The field spans several paragraphs: it opens in the first, holds one paragraph per entry and
    closes in the last. Word and LibreOffice recompute it (page numbers included) on update; the
    pre-filled entries keep it readable before that.
    """
    begin = paragraph(None)
    _field_start(begin, 'TOC \\o "1-2" \\h \\z \\u')
    add_text_runs(begin, hint)
    end = paragraph(None)
    _field_end(end)
    return [begin, *(paragraph(style, text) for text, style in entries), end]


def page_break() -> etree._Element:
    """A paragraph holding a page break (`<w:br w:type="page"/>`)."""
    p = OxmlElement("w:p")
    _el(_el(p, "w:r"), "w:br", type="page")
    return p


def update_fields_on_open(settings: etree._Element) -> None:
    """Ask Word to refresh fields (the TOC) when the document opens (`<w:updateFields>`)."""
    if settings.find(qn("w:updateFields")) is None:
        _el(settings, "w:updateFields", val="true")


def fixed_time_package(data: bytes) -> bytes:
    """Re-zip a package with fixed timestamps and the same part order, for byte-identical drafts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
