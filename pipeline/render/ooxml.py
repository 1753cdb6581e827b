"""The only place that writes raw WordprocessingML.

The draft's body is written as XML text (`<w:p>`, `<w:tbl>`, field codes, section breaks) and
spliced into `word/document.xml` when the package is saved: no element tree is built for it, so
time and memory stay linear and small for plans of thousands of initiatives. The template's own
parts (styles, cover, headers, footers, settings, comments) go through python-docx elements.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from pipeline.render.schema_order import SETTINGS, TBL_PR, TC_PR, insert_in_order, ordered, p_pr, r_pr
from pipeline.render.zip_writer import write_package
from pipeline.text import NOT_XML_CHARS, word_safe
from pipeline.wordml import W_NS, escape_text

BODY_MARKER = "plan-draft:body:8f3c"  # text of the paragraph the generated body replaces at save time
_COMPACT = '<w:spacing w:before="0" w:after="20" w:line="240" w:lineRule="auto"/>'
_TABLE_PROPS = {  # every table's `<w:tblPr>` children but its width, put in order by `_table_props`
    "tblBorders": "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>",
    "tblLayout": '<w:tblLayout w:type="fixed"/>',
    "tblCellMar": '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
    '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>',
    "tblLook": '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
    'w:noHBand="0" w:noVBand="1"/>',
}


def _table_props(width_twips: int) -> str:
    """`<w:tblPr>`: a fixed layout of the given width, grey borders, cell margins, header-row look."""
    children = {**_TABLE_PROPS, "tblW": f'<w:tblW w:w="{width_twips}" w:type="dxa"/>'}
    return f"<w:tblPr>{ordered(children, TBL_PR)}</w:tblPr>"


_TEXT_CELL_END = "</w:t></w:r></w:p></w:tc>"


def _attr(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")


# Anything `_text` changes: markup characters, line breaks, and characters XML cannot hold.
_SPECIAL = re.compile(f"[&<>\n{NOT_XML_CHARS}]")


def _text(text: str) -> str:
    """The content of a `<w:t>`: escaped, characters XML cannot hold dropped, breaks as `<w:br/>`."""
    if _SPECIAL.search(text) is None:  # most text: nothing to change
        return text
    text = escape_text(word_safe(text)[0])
    if "\n" in text:
        text = '</w:t><w:br/><w:t xml:space="preserve">'.join(text.split("\n"))
    return text


def _runs(text: str, rpr: str = "") -> str:
    """`<w:r>` holding the text; line breaks become `<w:br/>`; characters XML cannot hold are dropped."""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


COMMENT_REFERENCE = "CommentReference"  # the usual id of Word's built-in 'annotation reference' style


def _comment_wrap(runs: str, comment_id: int | None, ref_style: str = COMMENT_REFERENCE) -> str:
    """Anchor a comment on runs: `<w:commentRangeStart>`, the runs, `<w:commentRangeEnd>`, a reference."""
    if comment_id is None:
        return runs
    return (
        f'<w:commentRangeStart w:id="{comment_id}"/>{runs}<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="{_attr(ref_style)}"/></w:rPr>'
        f'<w:commentReference w:id="{comment_id}"/></w:r>'
    )


def paragraph(
    style_id: str | None,
    text: str = "",
    *,
    bold: bool = False,
    keep_next: bool = False,
    new_page: bool = True,
    comment_id: int | None = None,
    comment_style: str = COMMENT_REFERENCE,
    bookmark: tuple[int, str] | None = None,
) -> str:
    """A `<w:p>` with a paragraph style (`<w:pStyle>`), optionally kept with the next (`<w:keepNext>`);
    `new_page=False` switches off a page break its style puts before it (`<w:pageBreakBefore w:val="0"/>`)."""
    ppr = p_pr(
        pStyle=_pstyle(style_id),
        keepNext="<w:keepNext/>" if keep_next else "",
        pageBreakBefore="" if new_page else '<w:pageBreakBefore w:val="0"/>',
    )
    if not text:
        return f"<w:p>{ppr}</w:p>"
    runs = _comment_wrap(_runs(text, "<w:rPr><w:b/></w:rPr>" if bold else ""), comment_id, comment_style)
    if bookmark is not None:
        runs = bookmark_start(*bookmark) + runs + bookmark_end(bookmark[0])
    return f"<w:p>{ppr}{runs}</w:p>"


def bookmark_start(bookmark_id: int, name: str) -> str:
    """`<w:bookmarkStart>`: the start of a named place Word and LibreOffice keep through a save."""
    return f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{_attr(name)}"/>'


def bookmark_end(bookmark_id: int) -> str:
    """`<w:bookmarkEnd>` closing the bookmark of that id."""
    return f'<w:bookmarkEnd w:id="{bookmark_id}"/>'


@lru_cache(maxsize=64)  # the same few for every table of a draft
def _cell_paragraph_parts(style_id: str | None, bold: bool, white: bool) -> tuple[str, str, str]:
    """(an empty paragraph, a paragraph opened up to its runs, the run properties) of a table
    paragraph; without a style it gets compact spacing and 9 pt text of its own."""
    ppr = p_pr(pStyle=_pstyle(style_id)) if style_id else p_pr(spacing=_COMPACT)
    rpr = r_pr(
        b="<w:b/>" if bold else "",
        color='<w:color w:val="FFFFFF"/>' if white else "",
        sz="" if style_id else '<w:sz w:val="18"/>',
    )
    return f"<w:p>{ppr}</w:p>", f"<w:p>{ppr}", rpr


@dataclass(frozen=True)
class Cell:
    """A table cell with more than text: a background fill, a column span, bold text."""

    content: str | list[str] = ""
    fill: str | None = None
    span: int = 1
    bold: bool = False
    bookmark: tuple[int, str] | None = None  # (id, name) of a bookmark around the first paragraph


CellValue = str | list[str] | Cell


@lru_cache(maxsize=4096)  # a draft's tables share their widths, spans and fills
def _cell_start(width_twips: int, span: int, fill: str | None) -> str:
    """`<w:tc>` opened with its properties: width, column span, fill."""
    cell_props = {"tcW": f'<w:tcW w:w="{width_twips}" w:type="dxa"/>'}
    if span > 1:
        cell_props["gridSpan"] = f'<w:gridSpan w:val="{span}"/>'
    if fill:
        cell_props["shd"] = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{ordered(cell_props, TC_PR)}</w:tcPr>"


def _cell_paragraphs(
    out: list[str],
    content: str | list[str],
    mark: tuple[int, str] | None,
    comment: int | None,
    comment_style: str,
    parts: tuple[str, str, str],
    opening: str,
) -> None:
    """A cell's paragraphs, one a string: a bookmark around the first (the item's identity, for
    `plan-draft review`), a comment anchored on it."""
    empty, paragraph_start, rpr = parts
    for k, text in enumerate((content if isinstance(content, list) else [content]) or [""]):
        if k == 0 and mark is not None:
            runs = _runs(text, rpr) if text else ""
            if comment is not None:
                runs = _comment_wrap(runs, comment, comment_style)
            out.extend((paragraph_start, bookmark_start(*mark), runs, bookmark_end(mark[0]), "</w:p>"))
        elif not text:
            out.append(empty)
        elif k == 0 and comment is not None:
            out.extend((paragraph_start, _comment_wrap(_runs(text, rpr), comment, comment_style), "</w:p>"))
        else:
            out.extend((opening, _text(text), "</w:t></w:r></w:p>"))


def table(
    rows: Sequence[Sequence[CellValue]],
    widths_cm: list[float],
    *,
    head_style: str | None,
    body_style: str | None,
    head_fill: str = "1F4E79",
    band_fill: str | None = None,
    comments: dict[int, int] | None = None,
    comment_style: str = COMMENT_REFERENCE,
) -> str:
    """A `<w:tbl>`; the first row is a header repeated on every page (`<w:tblHeader>`), bold white
    on its fill whatever the template's styles say.

    A cell given as a list of strings holds one paragraph per string; a `Cell` may also span
    columns (`<w:gridSpan>`) and carry a fill (`<w:shd>`). `comments` maps a row number to the id of
    a comment anchored on that row's second cell.
    """
    twips = [int(cm * 567) for cm in widths_cm]
    out = [
        f"<w:tbl>{_table_props(sum(twips))}<w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in twips),
        "</w:tblGrid>",
    ]
    comments = comments or {}
    paragraphs = {
        (bold, n == 0): _cell_paragraph_parts(head_style if n == 0 else body_style, bold, n == 0)
        for bold in (False, True)
        for n in (0, 1)
    }
    kinds: dict[tuple[int, int, str | None, bool, bool], tuple[str, str, str]] = {}

    def kind(column: int, span: int, fill: str | None, bold: bool, head: bool) -> tuple[str, str, str]:
        """(`<w:tc>` with its properties, an empty paragraph, a paragraph opened up to its text)."""
        props = _cell_start(sum(twips[column : column + span]), span, fill)
        empty, opening, rpr = paragraphs[(bold, head)]
        made = kinds[(column, span, fill, bold, head)] = (
            props,
            empty,
            f'{opening}<w:r>{rpr}<w:t xml:space="preserve">',
        )
        return made

    plains: dict[tuple[str | None, bool], list[tuple[str, str]]] = {}

    def plain(fill: str | None, head: bool) -> list[tuple[str, str]]:
        """Per column, a one-column text cell opened up to its text, and the same cell empty."""
        made = plains[(fill, head)] = []
        for column in range(len(twips)):
            props, empty, opening = kinds.get((column, 1, fill, head, head)) or kind(
                column, 1, fill, head, head
            )
            made.append((props + opening, f"{props}{empty}</w:tc>"))
        return made

    columns, special = len(twips), _SPECIAL.search
    for n, row in enumerate(rows):
        head = n == 0
        out.append(
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if head
            else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        )
        row_fill = head_fill if head else (band_fill if band_fill and n % 2 == 0 else None)
        row_plain = plains.get((row_fill, head)) or plain(row_fill, head)
        anchor_at = min(1, len(row) - 1) if n in comments else -1
        column = 0
        for index, value in enumerate(row):
            if type(value) is str and index != anchor_at and column < columns:  # most cells: one text
                start, empty_cell = row_plain[column]
                column += 1
                if value:
                    out.extend((start, value if special(value) is None else _text(value), _TEXT_CELL_END))
                else:
                    out.append(empty_cell)
                continue
            content: str | list[str]
            mark = None
            if isinstance(value, Cell):
                content, span, mark = value.content, value.span, value.bookmark
                fill, bold = value.fill or row_fill, value.bold or head
            else:
                content, span, fill, bold = value, 1, row_fill, head
            props, empty, opening = kinds.get((column, span, fill, bold, head)) or kind(
                column, span, fill, bold, head
            )
            column += span
            comment = comments[n] if index == anchor_at else None
            if isinstance(content, str) and comment is None and mark is None:  # one paragraph or none
                out.extend(
                    (props, opening, _text(content), _TEXT_CELL_END) if content else (props, empty, "</w:tc>")
                )
                continue
            out.append(props)
            _cell_paragraphs(out, content, mark, comment, comment_style, paragraphs[(bold, head)], opening)
            out.append("</w:tc>")
        if column != len(twips):
            raise ValueError(f"table row {n} covers {column} of {len(twips)} columns")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _field_begin(instruction: str) -> str:
    return (
        f'<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape_text(instruction)} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


_FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
_TOC = 'TOC \\o "1-2" \\h \\z \\u'


def _pstyle(style_id: str | None) -> str:
    return f'<w:pStyle w:val="{_attr(style_id)}"/>' if style_id else ""


def toc(
    hint: str, entries: list[tuple[str, str | None]], pages: list[str] | None = None, width_twips: int = 9400
) -> str:
    """A table of contents field (`TOC \\o "1-2" \\h \\z \\u`) pre-filled with (text, style id) entries.

    The field spans several paragraphs: it opens in the first, holds one paragraph per entry and
    closes in the last. Word and LibreOffice recompute it (page numbers included) on update; the
    pre-filled entries keep it readable before that. With `pages`, each entry ends with its page
    number after a dotted right tab (`<w:tabs>`), as Word writes a TOC it has updated.
    """
    begin = "<w:p>" + _field_begin(_TOC) + _runs(hint) + "</w:p>"
    if pages is None:
        lines = "".join(paragraph(style, text) for text, style in entries)
    else:
        tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width_twips}"/></w:tabs>'
        lines = "".join(
            f"<w:p>{p_pr(pStyle=_pstyle(style), tabs=tab)}{_runs(text)}<w:r><w:tab/></w:r>{_runs(page)}</w:p>"
            for (text, style), page in zip(entries, pages, strict=True)
        )
    return begin + lines + f"<w:p>{_FIELD_END}</w:p>"


def section_break(template_sectpr: etree._Element, *, landscape: bool, title_page: bool = False) -> str:
    """A paragraph ending a section (`<w:pPr><w:sectPr>`) laid out like the template's, in one orientation.

    The copy keeps the template's headers, footers and margins; it keeps `<w:titlePg>` (a distinct
    first page, for the cover) only when `title_page` is set.
    """
    sectpr = copy.deepcopy(template_sectpr)
    if not title_page:
        drop_title_page(sectpr)
    set_orientation(sectpr, landscape=landscape)
    # The paragraph holding the break is one point high: after a table that fills its page it never
    # spills onto a page of its own (a blank page with only the header and footer).
    ppr = p_pr(
        spacing='<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>',
        rPr=r_pr(sz='<w:sz w:val="2"/>'),
        sectPr=etree.tostring(sectpr, encoding="unicode"),
    )
    return f"<w:p>{ppr}</w:p>"


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


def field(p: etree._Element, instruction: str, result: str = "") -> None:
    """Append a complex field (`<w:fldChar>` begin/separate/end around `<w:instrText>`) to a paragraph
    element (used for the PAGE number in the template's footer)."""
    inner = _field_begin(instruction) + (_runs(result) if result else "") + _FIELD_END
    xml = f'<w:p xmlns:w="{W_NS}">{inner}</w:p>'
    for run in etree.fromstring(xml):
        p.append(copy.deepcopy(run))


def marker_paragraph() -> etree._Element:
    """The paragraph that stands where the generated body goes, until the package is saved."""
    p = OxmlElement("w:p")
    t = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t"))
    t.text = BODY_MARKER
    return p


def add_comment_bodies(
    comments: etree._Element,
    bodies: list[tuple[int, str]],
    *,
    author: str,
    initials: str,
    stamp: str,
    text_style: str = "CommentText",
    ref_style: str = COMMENT_REFERENCE,
) -> None:
    """Add `<w:comment>` elements (id, text) to the comments part, each with a fixed date."""
    xml = "".join(
        f'<w:comment w:id="{cid}" w:author="{_attr(author)}" w:initials="{_attr(initials)}" w:date="{stamp}">'
        f"<w:p>{p_pr(pStyle=_pstyle(text_style))}<w:r><w:rPr>"
        f'<w:rStyle w:val="{_attr(ref_style)}"/>'
        f"</w:rPr><w:annotationRef/></w:r>{_runs(text)}</w:p></w:comment>"
        for cid, text in bodies
    )
    for comment in etree.fromstring(f'<w:comments xmlns:w="{W_NS}">{xml}</w:comments>'):
        comments.append(comment)


def update_fields_on_open(settings: etree._Element) -> None:
    """Ask Word to refresh fields (the TOC) when the document opens (`<w:updateFields>`, in its place
    in the settings' sequence), and give a `<w:zoom>` without one its required `w:percent`."""
    if settings.find(qn("w:updateFields")) is None:
        element = OxmlElement("w:updateFields")
        element.set(qn("w:val"), "true")
        insert_in_order(settings, element, SETTINGS)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


def splice_body(xml: bytes, body: list[bytes]) -> list[bytes]:
    """`word/document.xml` in pieces, the body XML (UTF-8 chunks) where the marker paragraph was."""
    at = xml.find(BODY_MARKER.encode())
    if at < 0:
        raise ValueError("the body marker is missing from word/document.xml")
    start = max(m.start() for m in re.finditer(rb"<w:p[ >]", xml[:at]))
    end = xml.index(b"</w:p>", at) + len(b"</w:p>")
    return [xml[:start], *body, xml[end:]]


def zipped(parts: list[tuple[str, bytes]], body: list[bytes] | None = None) -> bytes:
    """A package's parts zipped in their order with fixed timestamps (byte-identical drafts), the
    body spliced into `word/document.xml` when one is given."""
    return write_package(
        (name, splice_body(data, body) if body is not None and name == "word/document.xml" else [data])
        for name, data in parts
    )
