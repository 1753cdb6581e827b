"""The only place that writes raw WordprocessingML: tables, fields, breaks, fixed-time packages."""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape as xml_escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

from pipeline.text import word_safe

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_T = qn("w:t")
_QUOTE = {'"': "&quot;"}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@cache
def _qn(name: str) -> str:
    return qn(name)


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A child element; attribute names are given without their `w:` prefix."""
    attrib = {_qn(f"w:{key}"): value for key, value in attrs.items()} if attrs else None
    return etree.SubElement(parent, _qn(tag), attrib)


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


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TABLE_PROPS = (
    '<w:tblLayout w:type="fixed"/><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
    '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
    'w:noHBand="0" w:noVBand="1"/>'
)


_COMPACT = '<w:spacing w:before="0" w:after="20" w:line="240" w:lineRule="auto"/>'


def _paragraph_xml(style_id: str | None, text: str, bold: bool, *, white: bool = False) -> str:
    """A table paragraph; without a style it gets compact spacing and 9 pt text of its own."""
    ppr = (f'<w:pPr><w:pStyle w:val="{xml_escape(style_id, _QUOTE)}"/></w:pPr>' if style_id
           else f"<w:pPr>{_COMPACT}</w:pPr>")
    if not text:
        return f"<w:p>{ppr}</w:p>"
    rpr = ("<w:b/>" if bold else "") + ('<w:color w:val="FFFFFF"/>' if white else "") + \
        ("" if style_id else '<w:sz w:val="18"/>')
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    lines = word_safe(text)[0].split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(line)}</w:t>' for line in lines)
    return f"<w:p>{ppr}<w:r>{rpr}{body}</w:r></w:p>"


def table(rows: list[list[CellValue]], widths_cm: list[float], *, head_style: str | None,
          body_style: str | None, head_fill: str = "1F4E79", band_fill: str | None = None) -> etree._Element:
    """A `<w:tbl>` written as text and parsed once; the first row is a header repeated on every page
    (`<w:tblHeader>`), bold white on its fill whatever the template's styles say.

    Building thousands of rows element by element is slow through python-docx's element classes;
    one parse of the whole table stays linear and fast. A cell given as a list of strings holds one
    paragraph per string; a `Cell` may also span columns (`<w:gridSpan>`) and carry a fill (`<w:shd>`).
    """
    twips = [int(w * 567) for w in widths_cm]
    out = [f'<w:tbl xmlns:w="{_W_NS}"><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/>{_TABLE_PROPS}'
           "</w:tblPr><w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in twips), "</w:tblGrid>"]
    for n, row in enumerate(rows):
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if n == 0 else "") + "</w:trPr>")
        row_fill = head_fill if n == 0 else (band_fill if band_fill and n % 2 == 0 else None)
        style = head_style if n == 0 else body_style
        column = 0
        for value in row:
            cell = value if isinstance(value, Cell) else Cell(value)
            width = sum(twips[column:column + cell.span])
            column += cell.span
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
            if cell.span > 1:
                out.append(f'<w:gridSpan w:val="{cell.span}"/>')
            if cell.fill or row_fill:
                out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill or row_fill}"/>')
            out.append("</w:tcPr>")
            texts = cell.content if isinstance(cell.content, list) else [cell.content]
            head = n == 0
            out.extend(_paragraph_xml(style, text, cell.bold or head, white=head) for text in texts or [""])
            out.append("</w:tc>")
        if column != len(twips):
            raise ValueError(f"table row {n} covers {column} of {len(twips)} columns")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))


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


def add_comments(comments: etree._Element, anchors: list[tuple[etree._Element, str]], *, author: str,
                 initials: str, stamp: str) -> None:
    """Anchor one comment on each paragraph's runs, in one pass (python-docx's `add_comment` rescans
    every comment id on each call, which is quadratic for thousands of items).

    Each comment is a `<w:comment>` in the comments part; the paragraph gets `<w:commentRangeStart>`
    before its first run and `<w:commentRangeEnd>` plus a `<w:commentReference>` run after its last.
    """
    ids = [int(c.get(qn("w:id"))) for c in comments.findall(qn("w:comment"))]
    next_id = max(ids, default=-1) + 1
    for p, text in anchors:
        runs = p.findall(qn("w:r"))
        if not runs:
            continue
        comment = _el(comments, "w:comment", id=str(next_id), author=author, initials=initials, date=stamp)
        body = _el(comment, "w:p")
        _el(_el(body, "w:pPr"), "w:pStyle", val="CommentText")
        ref = _el(body, "w:r")
        _el(_el(ref, "w:rPr"), "w:rStyle", val="CommentReference")
        _el(ref, "w:annotationRef")
        add_text_runs(body, text)
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), str(next_id))
        runs[0].addprevious(start)
        reference = OxmlElement("w:r")
        _el(_el(reference, "w:rPr"), "w:rStyle", val="CommentReference")
        _el(reference, "w:commentReference", id=str(next_id))
        end = OxmlElement("w:commentRangeEnd")
        end.set(qn("w:id"), str(next_id))
        runs[-1].addnext(reference)
        runs[-1].addnext(end)
        next_id += 1


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
