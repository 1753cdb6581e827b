"""The draft's package parts beside the document: what python-docx's default package leaves behind.

The one place that reaches below python-docx's public API (its relationship maps and part blobs);
`tests/test_ooxml_schema.py` fails loudly if a python-docx release changes what is used here.
"""

from __future__ import annotations

import base64

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from pipeline import __version__
from pipeline.docx_internals import set_part_bytes
from pipeline.wordml import escape_text

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
APP_PARTNAME = "/docProps/app.xml"


def app_xml(application: str) -> bytes:
    """`docProps/app.xml` naming the tool that made the draft, and nothing it cannot vouch for."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape_text(application)}</Application><DocSecurity>0</DocSecurity>"
        "</Properties>"
    ).encode()


def clean_package(document: docx.document.Document) -> None:
    """Drop stale parts and claims: `stylesWithEffects.xml` (Word 2010's copy of the styles, stale
    once the draft adds its own), the template's thumbnail (it shows the template, not the draft),
    and an `app.xml` claiming another application and a word count of 0."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            part.drop_rel(rid)
    ensure_theme(document)
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL:
            del package.rels[rid]
    for candidate in package.iter_parts():
        if candidate.partname == APP_PARTNAME:
            set_part_bytes(candidate, app_xml(f"plan-draft {__version__}"))


def ensure_theme(document: docx.document.Document) -> None:
    """Give a template saved without a theme (LibreOffice does so) python-docx's default one: the
    Open XML SDK, which Word's checks follow, requires the document part to relate to a theme."""
    part = document.part
    if any(rel.reltype == RELATIONSHIP_TYPE.THEME for rel in part.rels.values()):
        return
    default = docx.Document().part
    theme = next(rel.target_part for rel in default.rels.values() if rel.reltype == RELATIONSHIP_TYPE.THEME)
    partname = PackURI("/word/theme/theme1.xml")
    if any(p.partname == partname for p in part.package.iter_parts()):
        partname = part.package.next_partname("/word/theme/theme%d.xml")
    part.relate_to(Part(partname, CONTENT_TYPE.OFC_THEME, theme.blob, part.package), RELATIONSHIP_TYPE.THEME)


REVIEW_PART = "/customXml/item1.xml"
REVIEW_PROPS = "/customXml/itemProps1.xml"
REVIEW_NAMESPACE = "urn:plan-draft:review:1"
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
REVIEW_ITEM_ID = "{6C1E8F38-5D1B-4C47-9A8E-2B9F4C1D7A21}"


def embed_review(document: docx.document.Document, payload: bytes) -> None:
    """The plan the draft was made from, inside the draft as a custom XML part (`customXml/item1.xml`,
    with its `itemProps`), which Word and LibreOffice Writer keep through a save: what `plan-draft
    review` compares an edited draft with. `payload` is compressed JSON, written as base64 text."""
    part = document.part
    package = part.package
    if any(p.partname in (REVIEW_PART, REVIEW_PROPS) for p in package.iter_parts()):
        item_name = package.next_partname("/customXml/item%d.xml")
        props_name = PackURI(item_name.replace("item", "itemProps"))
    else:
        item_name, props_name = PackURI(REVIEW_PART), PackURI(REVIEW_PROPS)
    body = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<planDraft xmlns="{REVIEW_NAMESPACE}">{base64.b64encode(payload).decode()}</planDraft>'
    ).encode()
    props = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<ds:datastoreItem ds:itemID="{REVIEW_ITEM_ID}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{REVIEW_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()
    item = Part(item_name, "application/xml", body, package)
    item.relate_to(
        Part(
            props_name,
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
            props,
            package,
        ),
        CUSTOM_XML_PROPS,
    )
    part.relate_to(item, CUSTOM_XML)
