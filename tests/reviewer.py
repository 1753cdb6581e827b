"""Edit a built draft as reviewers do, in its WordprocessingML (as Word writes it): an objective
heading reworded, an owner changed in a table cell, a row deleted and one added, a comment on an
initiative, a tracked change (`w:del`/`w:ins` with author and date) in a cell, a paragraph typed."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


def _set_cell(tc: Any, text: str) -> None:
    paragraphs = tc.findall(W + "p")
    for p in paragraphs[1:]:
        tc.remove(p)
    texts = list(paragraphs[0].iter(W + "t"))
    if texts:
        texts[0].text = text
        for t in texts[1:]:
            t.text = ""


def edit_like_a_reviewer(source: Path, target: Path, comments: int = 1) -> None:
    package = zipfile.ZipFile(source)
    document = etree.fromstring(package.read("word/document.xml"))
    body = document.find(W + "body")
    marks = {b.get(W + "name"): b for b in body.iter(W + "bookmarkStart")}
    heading = marks["pd_o_0_0"].getparent()
    texts = list(heading.iter(W + "t"))
    texts[0].text = texts[0].text.split("  ")[0] + "  Modernise the customs law by 2014"
    for t in texts[1:]:
        t.text = ""
    rows = {n: next(b.iterancestors(W + "tr")) for n, b in marks.items() if n.startswith("pd_i_")}
    next(rows["pd_i_0_0_1"].findall(W + "tc")[2].iter(W + "t")).text = "Ministry of Finance"
    rows["pd_i_0_0_2"].getparent().remove(rows["pd_i_0_0_2"])
    added = copy.deepcopy(rows["pd_i_0_1_0"])
    for mark in [*added.iter(W + "bookmarkStart"), *added.iter(W + "bookmarkEnd")]:
        mark.getparent().remove(mark)
    for tc, text in zip(
        added.findall(W + "tc"),
        ["", "Train brokers on the new procedures", "Training Unit", "2014"],
        strict=False,
    ):
        _set_cell(tc, text)
    rows["pd_i_0_1_0"].addnext(added)
    cell = rows["pd_i_0_1_0"].findall(W + "tc")[2].find(W + "p")
    run = cell.find(W + "r")
    old = _text(run)
    cell.remove(run)
    deleted = etree.SubElement(
        cell, W + "del", {W + "id": "901", W + "author": "Reviewer B", W + "date": "2012-04-02T10:00:00Z"}
    )
    etree.SubElement(etree.SubElement(deleted, W + "r"), W + "delText").text = old
    inserted = etree.SubElement(
        cell, W + "ins", {W + "id": "902", W + "author": "Reviewer B", W + "date": "2012-04-02T10:01:00Z"}
    )
    etree.SubElement(etree.SubElement(inserted, W + "r"), W + "t").text = "Customs Procedures Directorate"
    title = rows["pd_i_0_0_0"].findall(W + "tc")[1].find(W + "p")
    title.insert(1, etree.Element(W + "commentRangeStart", {W + "id": "0"}))
    title.append(etree.Element(W + "commentRangeEnd", {W + "id": "0"}))
    etree.SubElement(etree.SubElement(title, W + "r"), W + "commentReference", {W + "id": "0"})
    for p in body.iter(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if (
            style is not None
            and style.get(W + "val", "").startswith("Heading")
            and "Introduction" in _text(p)
        ):
            typed = etree.Element(W + "p")
            etree.SubElement(
                etree.SubElement(typed, W + "r"), W + "t"
            ).text = "The Director General asks for a budget annex."
            p.addnext(typed)
            break
    notes = "".join(
        f'<w:comment w:id="{n}" w:author="Reviewer A" w:date="2012-04-01T09:00:00Z"><w:p><w:r><w:t>'
        f"{'Is the Ministry on board?' if n == 0 else f'Remark {n}'}</w:t></w:r></w:p></w:comment>"
        for n in range(comments)
    )
    comments_xml = f'<w:comments xmlns:w="{W[1:-1]}">{notes}</w:comments>'.encode()
    out = io.BytesIO()
    names = package.namelist()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as edited:
        for name in names:
            data = package.read(name)
            if name == "word/document.xml":
                data = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif name == "word/comments.xml":
                data = comments_xml
            elif name == "[Content_Types].xml" and "word/comments.xml" not in names:
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/></Types>'.encode(),
                )
            elif name == "word/_rels/document.xml.rels" and "word/comments.xml" not in names:
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdReview" Type="{COMMENTS_REL}" Target="comments.xml"/></Relationships>'.encode(),
                )
            edited.writestr(name, data)
        if "word/comments.xml" not in names:
            edited.writestr("word/comments.xml", comments_xml)
    target.write_bytes(out.getvalue())
