"""Writer: the draft's content as WordprocessingML text, headings numbered and sections tracked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import docx

from pipeline.diff import Change
from pipeline.docx_internals import section_properties
from pipeline.messages import Say
from pipeline.model import Findings, Plan, Provenance
from pipeline.render import ooxml
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

    def __init__(self, document: docx.document.Document, labels: Say, *, comments: bool = False) -> None:
        self.document = document
        self.labels = labels
        self.parts: list[bytes] = []  # UTF-8 XML, kept as bytes: a fraction of the memory of str
        self.headings: list[tuple[int, str]] = []
        self.texts: list[str] = []  # the paragraphs written outside tables, as `review` compares them
        self.cells: list[str] = []  # the paragraphs written in table cells, likewise
        self.comments_out: list[tuple[int, str]] = []
        self.missing: set[str] = set()  # styles the template lacks, Normal used instead
        self.added: set[str] = set()  # Word built-in styles the template lacked, added to the draft
        self.numbers: dict[int, str] = {}  # id() of a plan item → its heading number, e.g. '4.1'
        self.sections = 0
        self.bookmarks = 0  # bookmark ids given so far (ids are the document's, names the items')
        self.first_comment_id = 0  # after the ids of comments the template already holds
        self.marks: dict[str, str] = {}  # an item's bookmark name → its number in the draft
        self._comments = comments
        self._say = Say(labels.language)
        self._sectpr = section_properties(document.sections[-1])
        self._landscape = False
        self._ids: dict[str, str | None] = {}
        self._index = StyleIndex(document.styles.element)
        self._heading_numbers = [0, 0]
        self._widths = {on: ooxml.text_width_cm(self._sectpr, landscape=on) for on in (False, True)}

    def bookmark(self, name: str) -> tuple[int, str]:
        """A new bookmark (id, name): how `plan-draft review` finds an item again in an edited draft."""
        self.bookmarks += 1
        return self.bookmarks, name

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
        comment_id = self.first_comment_id + len(self.comments_out)
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
        bookmark: str | None = None,
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
        self.texts.append(text)
        self.add(
            ooxml.paragraph(
                self.style(f"Heading {level}"),
                text,
                keep_next=True,
                new_page=new_page,
                bookmark=self.bookmark(bookmark) if bookmark else None,
                comment_id=self._comment(source),
                comment_style=self.comment_style,
            )
        )
        return number

    def para(self, text: str, style: str | None = None, *, bold: bool = False) -> None:
        self.texts.append(text)
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
        rows, widths = prepare(rows, [self.width * weight / total for weight in weights], self.cells)
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


CM_PER_CHAR = 0.19  # a character of 9 pt table text (measured: 0.17 still cut "Communication/s")
CM_PER_HEADER_CHAR = 0.21  # the same in the bold header row
CELL_PADDING_CM = 0.45  # the cell's left and right margins
MIN_SHARE = 0.6  # a column gives room to another only down to this share of its width


def _texts(value: ooxml.CellValue) -> list[str]:
    if isinstance(value, ooxml.Cell):
        value = value.content
    return [value] if isinstance(value, str) else list(value)


def prepare(
    rows: Sequence[Sequence[ooxml.CellValue]], widths: list[float], texts: list[str]
) -> tuple[list[list[ooxml.CellValue]], list[float]]:
    """A table's rows and column widths as the draft writes them, in one pass over its cells: unit
    signs kept with what they measure ('48 %'), every cell's text added to `texts` (what `review`
    compares an edited draft with), and widths that hold each column's longest word (`fit_words`)."""
    need = [0.0] * len(widths)
    # A word overflows a column when it is longer than this many characters; a regex finds such a
    # run of non-spaces in C, so the common cell (shorter than that, or no word that long) is cheap.
    over = [max(1, int((width - CELL_PADDING_CM) / CM_PER_CHAR) + 1) for width in widths]
    long_word = [re.compile(rf"[^ \t\n]{{{n},}}") for n in over]
    out: list[list[ooxml.CellValue]] = []
    add, columns, cell_type = texts.append, len(widths), ooxml.Cell
    for n, row in enumerate(rows):
        kept: list[ooxml.CellValue] = []
        for c, value in enumerate(row):
            if type(value) is str:  # most cells: one text
                if "%" in value or "‰" in value:
                    value = _keep_units(value)
                kept.append(value)
                if not value:
                    continue
                add(value)
                if c < columns and (n == 0 or (len(value) >= over[c] and long_word[c].search(value))):
                    _widen(need, c, value, n)
                continue
            if isinstance(value, list):
                value = [_keep_units(t) for t in value]
                parts = [t for t in value if t]
            else:
                assert isinstance(value, cell_type)
                parts = [t for t in _texts(value) if t]
            kept.append(value)
            texts.extend(parts)
            if c >= columns or (isinstance(value, cell_type) and value.span > 1):
                continue
            for text in parts:
                if n == 0 or (len(text) >= over[c] and long_word[c].search(text)):
                    _widen(need, c, text, n)
        out.append(kept)
    return out, _fitted(widths, need)


def _widen(need: list[float], c: int, text: str, row: int) -> None:
    """Column c needs room for the longest word of `text` (bold in the header row, row 0)."""
    longest = max(map(len, _SPACES.split(text)), default=0)
    per_char = CM_PER_HEADER_CHAR if row == 0 else CM_PER_CHAR
    need[c] = max(need[c], longest * per_char + CELL_PADDING_CM)


def fit_words(rows: Sequence[Sequence[ooxml.CellValue]], widths: list[float]) -> list[float]:
    """Column widths that hold each column's longest word on one line ('automáticamente' is never
    cut as 'automáticament/e'): a narrow column is widened, the width taken from the columns with the
    most room to spare, none below MIN_SHARE of its width; the total is unchanged. Where the room
    runs out, a column keeps what it got."""
    return prepare(rows, widths, [])[1]


def _fitted(widths: list[float], need: list[float]) -> list[float]:
    floor = [max(n, w * MIN_SHARE) for n, w in zip(need, widths, strict=True)]
    fitted = list(widths)
    for c in range(len(fitted)):
        short = need[c] - fitted[c]
        while short > 1e-6:
            donor = max(range(len(fitted)), key=lambda d: fitted[d] - floor[d])
            room = fitted[donor] - floor[donor]
            if room <= 1e-6 or donor == c:
                break  # no room left anywhere: this column keeps what it got
            moved = min(room, short)
            fitted[donor] -= moved
            fitted[c] += moved
            short -= moved
    return fitted


_SPACES = re.compile(r"[ \t\n]+")  # breakable spaces only: a no-break space joins its words


def _keep_units(text: str) -> str:
    return text.replace(" (%)", "\u00a0(%)").replace(" %", "\u00a0%").replace(" ‰", "\u00a0‰")
