"""Writer: the draft's content as WordprocessingML text, headings numbered and sections tracked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import docx

from pipeline.diff import Change
from pipeline.messages import Say
from pipeline.model import Findings, Plan, Provenance
from pipeline.render import ooxml
from pipeline.render.labels import Labels
from pipeline.render.styles import StyleIndex

BAND_FILL = "F2F6FA"


@dataclass(frozen=True)
class Content:
    """What every section of the draft is written from."""

    plan: Plan
    findings: Findings
    changes: list[Change] | None = None


class Writer:
    """Collects paragraphs and tables in order; `parts` go into the template where `{{ body }}` is.

    With `comments`, each item given a source gets a Word comment naming it; `comments_out` holds
    their (id, text) for the comments part.
    """

    def __init__(self, document: docx.document.Document, labels: Labels, *, comments: bool = False) -> None:
        self.document = document
        self.labels = labels
        self.parts: list[bytes] = []  # UTF-8 XML, kept as bytes: a fraction of the memory of str
        self.headings: list[tuple[int, str]] = []
        self.comments_out: list[tuple[int, str]] = []
        self.missing: set[str] = set()  # styles the template lacks, Normal used instead
        self.added: set[str] = set()  # Word built-in styles the template lacked, added to the draft
        self.numbers: dict[int, str] = {}  # id() of a plan item → its heading number, e.g. '4.1'
        self.sections = 0
        self._comments = comments
        self._say = Say(labels.language)
        self._sectpr = document.sections[-1]._sectPr
        self._landscape = False
        self._ids: dict[str, str | None] = {}
        self._index = StyleIndex(document.styles.element)
        self._heading_numbers = [0, 0]
        self._widths = {on: ooxml.text_width_cm(self._sectpr, landscape=on) for on in (False, True)}

    def add(self, xml: str) -> None:
        """Append WordprocessingML text."""
        self.parts.append(xml.encode("utf-8"))

    @property
    def width(self) -> float:
        """Text width of the current section in centimetres."""
        return self._widths[self._landscape]

    def place(self, where: Provenance) -> str:
        """Where something was read, in the draft's language."""
        return self._say.place(where)

    def style(self, name: str) -> str | None:
        """The id of the template's style the draft calls `name` (found under any of its spellings);
        Word's built-in definition is added when the template lacks it; None (Normal) otherwise."""
        if name not in self._ids:
            found = self._index.find(name)
            if found is None:
                found = self._index.add_built_in(name)
                (self.added if found is not None else self.missing).add(name)
            self._ids[name] = found
        return self._ids[name]

    @property
    def comment_style(self) -> str:
        """The id of the style of comment marks (Word's 'annotation reference')."""
        if not self._comments:
            return ooxml.COMMENT_REFERENCE
        return self.style("CommentReference") or ooxml.COMMENT_REFERENCE

    def _comment(self, source: Provenance | None) -> int | None:
        if not self._comments or source is None:
            return None
        comment_id = len(self.comments_out)
        self.comments_out.append((comment_id, self.labels["comment_source"].format(place=self.place(source))))
        return comment_id

    def heading(
        self,
        level: int,
        text: str,
        *,
        numbered: bool = True,
        source: Provenance | None = None,
        new_page: bool = True,
    ) -> str:
        """A heading in a real heading style; levels 1 and 2 numbered (4, 4.1) as written.

        Returns its number ('' when unnumbered).
        """
        number = ""
        if numbered and level <= 2:
            if level == 1:
                self._heading_numbers = [self._heading_numbers[0] + 1, 0]
                number = str(self._heading_numbers[0])
            else:
                self._heading_numbers[1] += 1
                number = f"{self._heading_numbers[0]}.{self._heading_numbers[1]}"
            text = f"{number}  {text}"
        self.headings.append((level, text))
        self.add(
            ooxml.paragraph(
                self.style(f"Heading {level}"),
                text,
                keep_next=True,
                new_page=new_page,
                comment_id=self._comment(source),
                comment_style=self.comment_style,
            )
        )
        return number

    def para(self, text: str, style: str | None = None, *, bold: bool = False) -> None:
        self.add(ooxml.paragraph(self.style(style) if style else None, text, bold=bold))

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.para(item, "List Bullet")

    def table(
        self,
        rows: Sequence[Sequence[ooxml.CellValue]],
        weights: list[float],
        sources: list[Provenance | None] | None = None,
    ) -> None:
        """A table filling the text width, columns in proportion to `weights`.

        `sources[i]` is the provenance of body row i (for `--comments`, on the row's second cell).
        """
        total = sum(weights)
        widths = [self.width * w / total for w in weights]
        anchors = {
            n: cid
            for n, source in enumerate(sources or [], start=1)
            if (cid := self._comment(source)) is not None
        }
        self.add(
            ooxml.table(
                rows,
                widths,
                head_style=self.style("Table Heading"),
                body_style=self.style("Table Text"),
                band_fill=BAND_FILL,
                comments=anchors,
                comment_style=self.comment_style,
            )
        )
        self.add(ooxml.paragraph(None))

    def landscape(self, on: bool) -> None:
        """Start (True) or end (False) a landscape section, for tables too wide for a portrait page."""
        if on == self._landscape:
            return
        self.add(ooxml.section_break(self._sectpr, landscape=self._landscape, title_page=self.sections == 0))
        self.sections += 1
        self._landscape = on
