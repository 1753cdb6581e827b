"""Finding a template's styles as Word, LibreOffice and localized Word write them, and adding built-ins.

Word stores its built-in styles under English lower-case names (`heading 1`, `toc 1`) with ids that
may be localized (`Ttulo1`, `Titre1`); LibreOffice writes `Heading 1`; hand-made templates use
`Título 1`. One index answers for all of them, for `build` and `template check` alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from pipeline.render.schema_order import P_PR, R_PR, insert_in_order, properties
from pipeline.vocab import vocabulary
from pipeline.wordml import W_NS

# The draft's name of a style → (Word's built-in name, its usual id); the other spellings seen in
# templates (Word in other languages) are in the vocabularies' [word_styles].
BUILT_IN: dict[str, tuple[str, str]] = {
    "Title": ("Title", "Title"),
    "Subtitle": ("Subtitle", "Subtitle"),
    "Heading 1": ("heading 1", "Heading1"),
    "Heading 2": ("heading 2", "Heading2"),
    "Heading 3": ("heading 3", "Heading3"),
    "List Bullet": ("List Bullet", "ListBullet"),
    "Quote": ("Quote", "Quote"),
    "TOC Heading": ("TOC Heading", "TOCHeading"),
    "TOC 1": ("toc 1", "TOC1"),
    "TOC 2": ("toc 2", "TOC2"),
    "CommentText": ("annotation text", "CommentText"),
    "CommentReference": ("annotation reference", "CommentReference"),
}


def _heading(before: int, after: int, level: int) -> dict[str, str]:
    return {
        "keepNext": "<w:keepNext/>",
        "spacing": f'<w:spacing w:before="{before}" w:after="{after}"/>',
        "outlineLvl": f'<w:outlineLvl w:val="{level}"/>',
    }


def _after(twips: int) -> dict[str, str]:
    return {"spacing": f'<w:spacing w:after="{twips}"/>'}


def _bold(size: int) -> dict[str, str]:
    return {"b": "<w:b/>", "sz": f'<w:sz w:val="{size}"/>'}


def _size(size: int) -> dict[str, str]:
    return {"sz": f'<w:sz w:val="{size}"/>'}


# What a missing built-in style looks like when the draft adds it: paragraph properties, run
# properties, each by the local name of its child (put in schema order when written).
_DEFINITIONS: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {  # name → (type, pPr, rPr)
    "Title": ("paragraph", _after(120), _bold(52)),
    "Subtitle": ("paragraph", _after(120), _size(30)),
    "Heading 1": ("paragraph", _heading(360, 120, 0), _bold(32)),
    "Heading 2": ("paragraph", _heading(240, 120, 1), _bold(26)),
    "Heading 3": ("paragraph", _heading(200, 80, 2), _bold(23)),
    "Quote": ("paragraph", {"ind": '<w:ind w:left="454"/>'}, {"i": "<w:i/>"}),
    "TOC Heading": ("paragraph", {"keepNext": "<w:keepNext/>", **_after(240)}, _bold(32)),
    "TOC 1": ("paragraph", _after(80), {"b": "<w:b/>"}),
    "TOC 2": ("paragraph", {**_after(60), "ind": '<w:ind w:left="340"/>'}, {}),
    "CommentText": ("paragraph", {}, _size(20)),
    "CommentReference": ("character", {}, _size(16)),
}  # fmt: skip


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


@dataclass
class StyleIndex:
    """A template's styles by every spelling: name, id, aliases; `find` gives the id to write."""

    styles: etree._Element  # <w:styles>

    def __post_init__(self) -> None:
        self._ids: dict[str, str] = {}
        for style in self.styles.iterfind(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if not style_id:
                continue
            name = style.find(qn("w:name"))
            aliases = style.find(qn("w:aliases"))
            spellings = [style_id]
            if name is not None and name.get(qn("w:val")):
                spellings.append(name.get(qn("w:val"), ""))
            if aliases is not None:
                spellings += aliases.get(qn("w:val"), "").split(",")
            for spelling in spellings:
                self._ids.setdefault(_key(spelling), style_id)

    def find(self, name: str) -> str | None:
        """The id of the template's style the draft calls `name`, under any of its spellings."""
        builtin, usual_id = BUILT_IN.get(name, (name, name))
        others = vocabulary().word_styles.get(name, ())
        for spelling in (name, builtin, usual_id, *others):
            if (found := self._ids.get(_key(spelling))) is not None:
                return found
        return None

    def add_built_in(self, name: str) -> str | None:
        """Add Word's built-in style of that name (for a template that lacks it); returns its id, or
        None when the draft has no definition for it."""
        if name not in _DEFINITIONS:
            return None
        builtin, style_id = BUILT_IN[name]
        kind, ppr, rpr = _DEFINITIONS[name]
        base = "" if kind == "character" else f'<w:basedOn w:val="{self.default_paragraph_id()}"/>'
        xml = (
            f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{builtin}"/>'
            f'{base}<w:uiPriority w:val="39"/>{"<w:qFormat/>" if kind == "paragraph" else ""}'
            f"{properties('pPr', ppr, P_PR)}{properties('rPr', rpr, R_PR)}</w:style>"
        )
        self.styles.append(etree.fromstring(xml))
        self._ids[_key(builtin)] = self._ids[_key(style_id)] = style_id
        return style_id

    def default_paragraph_id(self) -> str:
        """The id of the template's default paragraph style (Normal, whatever its name)."""
        for style in self.styles.iterfind(qn("w:style")):
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                return str(style.get(qn("w:styleId"), "Normal"))
        return "Normal"


def set_language(styles: etree._Element, settings: etree._Element, tag: str) -> None:
    """Tag the draft's text with its language (`<w:lang>` in the document defaults, and the theme's
    font language), so Word proofs it in that language."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles, qn("w:docDefaults"))
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.Element(qn("w:lang"))
        insert_in_order(rpr, lang, R_PR)
    lang.set(qn("w:val"), tag)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
