"""The child order the OOXML schema (ECMA-376 transitional, wml.xsd) requires of the elements we write.

Word refuses children out of sequence ("Word found unreadable content") where LibreOffice reads
them; so every element the renderer writes or edits is built from, or inserted by, these tuples.
Each lists the children of one complex type in schema order (local names in the `w:` namespace).
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from pipeline.wordml import W_NS

TBL_PR = (  # CT_TblPr
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription", "tblPrChange",
)  # fmt: skip
TC_PR = (  # CT_TcPr
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
    "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
)  # fmt: skip
P_PR = (  # CT_PPr
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
R_PR = (  # CT_RPr
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)  # fmt: skip
SETTINGS = (  # CT_Settings
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
    "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
    "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)  # fmt: skip


def ordered(children: Mapping[str, str], order: tuple[str, ...]) -> str:
    """The children (local name → its XML) joined in schema order; a name not in `order` is a bug."""
    unknown = set(children) - set(order)
    if unknown:
        raise ValueError(f"not children of this element in the schema: {sorted(unknown)}")
    return "".join(children[name] for name in order if name in children)


def properties(tag: str, children: Mapping[str, str], order: tuple[str, ...]) -> str:
    """`<w:tag>` holding the children that are not empty, in schema order; nothing when all are."""
    inner = ordered({name: xml for name, xml in children.items() if xml}, order)
    return f"<w:{tag}>{inner}</w:{tag}>" if inner else ""


def p_pr(**children: str) -> str:
    """A paragraph's `<w:pPr>` from its children by local name (`pStyle=…, spacing=…`), in schema
    order; the only way the renderer writes one."""
    return properties("pPr", children, P_PR)


def r_pr(**children: str) -> str:
    """A run's `<w:rPr>` from its children by local name (`b=…, sz=…`), in schema order."""
    return properties("rPr", children, R_PR)


def insert_in_order(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> None:
    """Insert `child` into `parent` before the first sibling that the schema puts after it."""
    name = etree.QName(child).localname
    rank = order.index(name)
    later = set(order[rank + 1 :])
    for sibling in parent:
        w_child = isinstance(sibling.tag, str) and sibling.tag.startswith(f"{{{W_NS}}}")
        if w_child and etree.QName(sibling).localname in later:
            sibling.addprevious(child)
            return
    parent.append(child)
