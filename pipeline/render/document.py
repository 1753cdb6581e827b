"""Plan + Findings + template → the Word draft (.docx bytes), identical for identical inputs."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree
from zlib_ng import zlib_ng

from pipeline.archive import as_word_document, check_members, package_problem
from pipeline.cache import made_bytes
from pipeline.diff import Change
from pipeline.docx_internals import comments_element, package_parts, section_properties
from pipeline.errors import InputError
from pipeline.messages import Say
from pipeline.model import Findings, Plan
from pipeline.render import ooxml
from pipeline.render.house_style import build_default_template
from pipeline.render.package import clean_package, embed_review
from pipeline.render.placeholders import body_placeholder, fill_all, template_parts
from pipeline.render.sections import SECTIONS
from pipeline.render.styles import set_language
from pipeline.render.writer import Content, Writer
from pipeline.wordml import W_NS

COMMENT_AUTHOR = "plan-draft"
MAX_PROPERTY = 255  # python-docx's (and Word's) limit on a document property; the cover keeps the full text


@dataclass
class Rendered:
    """The draft's bytes and what the renderer had to say about the template."""

    data: bytes
    warnings: list[str] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)  # the entries of its table of contents
    pdf: bytes | None = None  # the draft laid out by LibreOffice, when asked for


MIN_TEXT_WIDTH_CM = 5.0
MAX_TEMPLATE_BYTES = 60 * 2**20  # a template unpacked (its images included); a house template is a few MB
_DEFAULT_SECTION = (  # A4 portrait, 2.5 cm margins: for a template that sets no page at all
    f'<w:sectPr xmlns:w="{W_NS}">'
    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" '
    'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
)


def _check_page(document: docx.document.Document, name: str) -> None:
    """Give a template without a page setup (`<w:sectPr>`) the default one; a page size or margin
    that is not a number, or margins that leave no room for text, are a one-line error."""
    body = document.element.body
    if body.find(qn("w:sectPr")) is None:
        body.append(etree.fromstring(_DEFAULT_SECTION))
    for section in body.iter(qn("w:sectPr")):
        for tag, attributes in (("w:pgSz", ("w:w", "w:h")), ("w:pgMar", ("w:left", "w:right"))):
            element = section.find(qn(tag))
            for attribute in attributes if element is not None else ():
                value = element.get(qn(attribute))
                if value is not None and not value.lstrip("-").isdigit():
                    raise InputError(
                        name,
                        f'the page setup is not a number: <{tag} {attribute}="{value}">',
                        hint="set the page size and margins again in Word or LibreOffice",
                    )
    width = ooxml.text_width_cm(body.findall(qn("w:sectPr"))[-1], landscape=False)
    if width < MIN_TEXT_WIDTH_CM:
        raise InputError(
            name,
            f"the margins leave {width:.1f} cm for text (at least {MIN_TEXT_WIDTH_CM:.0f} cm)",
            hint="set narrower margins",
        )


def load_template(template: bytes | None, name: str) -> docx.document.Document:
    """The template as a python-docx document (the built-in one when None); nothing in it is run."""
    if template is None:  # built once, then kept (a hundredth of a second a run)
        return docx.Document(io.BytesIO(made_bytes("default-template", build_default_template)))
    check_members(
        io.BytesIO(template),
        name,
        not_zip="not a Word template (.docx)",
        hint="give a .docx saved by Word or LibreOffice",
        max_total=MAX_TEMPLATE_BYTES,
    )
    try:
        document = docx.Document(io.BytesIO(as_word_document(template)))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(name, f"not a usable Word template (.docx): {package_problem(exc)}") from None
    _check_page(document, name)
    return document


def _write_body(w: Writer, plan: Plan, findings: Findings, changes: list[Change] | None) -> None:
    content = Content(plan, findings, changes)
    for section in SECTIONS:
        section(w, content)


def _place_marker(document: docx.document.Document, template_name: str) -> None:
    """Mark where the body goes: the template's `{{ body }}` paragraph, or the end of the body."""
    body = document.element.body
    placeholder, problem = body_placeholder(document)
    if problem is not None:
        raise InputError(template_name, problem)
    if placeholder is not None:
        placeholder.addprevious(ooxml.marker_paragraph())
        placeholder.getparent().remove(placeholder)
        return
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(ooxml.marker_paragraph())
    else:
        body.append(ooxml.marker_paragraph())


def review_payload(
    plan: Plan, paragraphs: list[str], numbers: dict[str, str], cells: list[str] | None = None
) -> bytes:
    """What the draft carries for `plan-draft review`: the plan, each item's number in the draft (by
    its bookmark), the paragraphs written outside tables and in them, as compressed JSON (the plan's
    own JSON spliced in as pydantic writes it: a 5,000-initiative plan costs a few hundredths of a
    second)."""
    distinct = list(dict.fromkeys(cells or []))  # the roadmap and annexes repeat the chapters' texts
    made = {"version": 1, "numbers": numbers, "paragraphs": paragraphs, "cells": distinct}
    head = json.dumps(made, ensure_ascii=False)[:-1].encode("utf-8")
    compressor = zlib_ng.compressobj(2)
    pieces = (head, b',"plan":', Plan.__pydantic_serializer__.to_json(plan), b"}")  # never joined
    return b"".join([*map(compressor.compress, pieces), compressor.flush()])


def render(
    plan: Plan,
    findings: Findings,
    template: bytes | None = None,
    template_name: str = "template",
    cover_date: dt.date | None = None,
    comments: bool = False,
    changes: list[Change] | None = None,
    toc_pages: list[str] | str | None = None,
) -> Rendered:
    """The Word draft as bytes; warnings name template styles or placeholders it lacked.

    `toc_pages`, one per contents entry (or one for every entry, `{n}` in it the entry's number), are
    written after each entry (see `pipeline.render.pdf`).
    """
    document = load_template(template, template_name)
    labels = Say(plan.language)
    w = Writer(document, labels, comments=comments)
    if comments:  # a template's own comments keep their ids; the draft's follow them
        ids = [int(c.get(qn("w:id"), "0")) for c in comments_element(document).iter(qn("w:comment"))]
        w.first_comment_id = max(ids, default=-1) + 1
    _write_body(w, plan, findings, changes)
    toc_heading = ooxml.paragraph(w.style("TOC Heading"), labels["contents"])
    entries = [(text, w.style(f"TOC {level}")) for level, text in w.headings if level <= 2]
    width = int(ooxml.text_width_cm(section_properties(document.sections[-1]), landscape=False) * 567)
    pages = [toc_pages.format(n=n) for n in range(len(entries))] if isinstance(toc_pages, str) else toc_pages
    contents = ooxml.toc(labels["toc_hint"], entries, pages, width)
    body = [(toc_heading + contents).encode("utf-8"), *w.parts]
    _place_marker(document, template_name)
    if w.sections:
        ooxml.drop_title_page(section_properties(document.sections[-1]))
    day = cover_date or plan.date
    stamp = dt.datetime.combine(day or dt.date(plan.period.start, 1, 1), dt.time())
    values = {
        "administration": plan.administration,
        "country": plan.country or "",
        "title": labels["title"],
        "period": str(plan.period),
        "status": labels["draft"],
        "version_label": labels["version"],
        "version": plan.version,
        "date": labels.long_date(day) if day else "",
        "page_label": labels["page"],
    }
    parts = [part for _, part in template_parts(document)]
    unknown = fill_all(parts, values) - {"body"}
    if w.comments_out:
        ooxml.add_comment_bodies(
            comments_element(document),
            w.comments_out,
            author=COMMENT_AUTHOR,
            initials="PD",
            stamp=stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            text_style=w.style("CommentText") or "CommentText",
            ref_style=w.comment_style,
        )
    warnings = [labels("tpl_lacks_style", template=template_name, style=s) for s in sorted(w.missing)]
    if template is not None:
        warnings += [labels("tpl_style_added", template=template_name, style=s) for s in sorted(w.added)]
    warnings += [labels("tpl_unknown_placeholder", template=template_name, name=u) for u in sorted(unknown)]
    template_texts = [p.text for p in document.paragraphs if p.text]  # the cover, filled in
    written = [*template_texts, labels["contents"], labels["toc_hint"], *(t for t, _ in entries), *w.texts]
    embed_review(document, review_payload(plan, written, w.marks, w.cells))
    ooxml.update_fields_on_open(document.settings.element)
    set_language(document.styles.element, document.settings.element, labels["lang_tag"])
    clean_package(document)
    props = document.core_properties
    props.title = f"{labels['title']} {plan.period} — {plan.administration}"[:MAX_PROPERTY]
    props.author = props.last_modified_by = plan.administration[:MAX_PROPERTY]
    props.subject, props.comments, props.keywords = labels["draft"], "", ""
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    return Rendered(ooxml.zipped(package_parts(document), body), warnings, [text for text, _ in entries])
