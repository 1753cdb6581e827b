"""The python-docx private attributes plan-draft relies on: a release that moves one fails here, by name."""

from __future__ import annotations

import io
import zipfile

import docx
from conftest import package_lines

from pipeline.docx_internals import (
    comments_element,
    package_parts,
    paragraph_element,
    section_properties,
    set_part_bytes,
    story_element,
)
from pipeline.wordml import W


def test_a_paragraph_gives_its_w_p() -> None:
    paragraph = docx.Document().add_paragraph("text")
    assert paragraph_element(paragraph).tag == f"{W}p"


def test_a_header_and_a_footer_give_their_story_elements() -> None:
    section = docx.Document().sections[0]
    assert story_element(section.header).tag == f"{W}hdr"
    assert story_element(section.footer).tag == f"{W}ftr"


def test_a_generic_part_takes_new_bytes() -> None:
    document = docx.Document()
    app = next(p for p in document.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    set_part_bytes(app, b"<Properties>plan-draft</Properties>")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        assert package.read("docProps/app.xml") == b"<Properties>plan-draft</Properties>"


def test_a_document_gives_its_comments_element() -> None:
    assert comments_element(docx.Document()).tag == f"{W}comments"


def test_a_section_gives_its_properties() -> None:
    assert section_properties(docx.Document().sections[0]).tag == f"{W}sectPr"


def test_no_module_reaches_into_python_docx_but_docx_internals() -> None:
    private = r"\._(sectPr|element|p|tbl|blob|comments_elm|body|part|rels)\b"
    reaching = package_lines(private, but="docx_internals.py")
    assert reaching == [], f"private python-docx attributes outside docx_internals.py: {reaching}"


def test_the_package_parts_are_what_save_zips_in_its_order() -> None:
    document = docx.Document()
    document.add_paragraph("text")
    document.core_properties.title = "a title"
    comments_element(document)  # a part added since the document was opened
    parts = package_parts(document)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        assert parts == [(info.filename, package.read(info)) for info in package.infolist()]
