"""Writer: appends the draft's content as raw elements, numbering headings and tracking sections."""

from __future__ import annotations

import docx
from lxml import etree

from pipeline.model import Provenance
from pipeline.render import ooxml
from pipeline.render.labels import Labels

BAND_FILL = "F2F6FA"


class Writer:
    """Collects paragraphs and tables in order; `elements` go into the template where `{{ body }}` is."""

    def __init__(self, document: docx.document.Document, labels: Labels) -> None:
        self.document = document
        self.labels = labels
        self.elements: list[etree._Element] = []
        self.headings: list[tuple[int, str]] = []
        self.sources: list[tuple[etree._Element, Provenance]] = []
        self.numbers: dict[int, str] = {}  # id() of a plan item → its heading number, e.g. '4.1'
        self.missing: set[str] = set()
        self.sections = 0
        self._sectpr = document.sections[-1]._sectPr
        self._landscape = False
        self._ids: dict[str, str | None] = {}
        self._numbers = [0, 0]

    @property
    def width(self) -> float:
        """Text width of the current section in centimetres."""
        return ooxml.text_width_cm(self._sectpr, landscape=self._landscape)

    def style(self, name: str) -> str | None:
        """The style id of a named style, or None (Normal) when the template lacks it."""
        if name not in self._ids:
            try:
                self._ids[name] = self.document.styles[name].style_id
            except KeyError:
                self.missing.add(name)
                self._ids[name] = None
        return self._ids[name]

    def heading(self, level: int, text: str, *, numbered: bool = True,
                source: Provenance | None = None) -> str:
        """A heading in a real heading style; levels 1 and 2 numbered (4, 4.1) as written.

        Returns its number ('' when unnumbered).
        """
        number = ""
        if numbered and level <= 2:
            if level == 1:
                self._numbers = [self._numbers[0] + 1, 0]
                number = str(self._numbers[0])
            else:
                self._numbers[1] += 1
                number = f"{self._numbers[0]}.{self._numbers[1]}"
            text = f"{number}  {text}"
        self.headings.append((level, text))
        p = ooxml.paragraph(self.style(f"Heading {level}"), text, keep_next=True)
        self.elements.append(p)
        if source is not None:
            self.sources.append((p, source))
        return number

    def para(self, text: str, style: str | None = None, *, bold: bool = False) -> None:
        self.elements.append(ooxml.paragraph(self.style(style) if style else None, text, bold=bold))

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.para(item, "List Bullet")

    def table(self, rows: list[list[ooxml.CellValue]], weights: list[float],
              sources: list[Provenance | None] | None = None) -> None:
        """A table filling the text width, columns in proportion to `weights`.

        `sources[i]` is the provenance of body row i (for `--comments`, on the row's second cell).
        """
        total = sum(weights)
        widths = [self.width * w / total for w in weights]
        tbl = ooxml.table(rows, widths, head_style=self.style("Table Heading"),
                          body_style=self.style("Table Text"), band_fill=BAND_FILL)
        self.elements.append(tbl)
        self.elements.append(ooxml.paragraph(None))
        if sources:
            trs = tbl.findall(ooxml.qn("w:tr"))[1:]
            for tr, source in zip(trs, sources, strict=True):
                if source is not None:
                    cells = tr.findall(ooxml.qn("w:tc"))
                    self.sources.append((cells[min(1, len(cells) - 1)].find(ooxml.qn("w:p")), source))

    def landscape(self, on: bool) -> None:
        """Start (True) or end (False) a landscape section, for tables too wide for a portrait page."""
        if on == self._landscape:
            return
        self.elements.append(ooxml.section_break(self._sectpr, landscape=self._landscape,
                                                 title_page=self.sections == 0))
        self.sections += 1
        self._landscape = on
